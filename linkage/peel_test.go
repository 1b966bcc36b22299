package linkage

import (
	"context"
	"fmt"
	"testing"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPeelWeighsRotationAndPairs gives peel a partition with community
// detection's typical mistake on a ring that rotates through residential
// proxies: ring member r0 placed in the community of a popular device it
// carries, its proxy addresses each shared with a different stranger. The
// ring's templates must bring it back; a pair tie with a stranger must not
// pull anyone across.
func TestPeelWeighsRotationAndPairs(t *testing.T) {
	s := newSynth(3)
	rec := s.request
	for i := range 6 {
		r := fmt.Sprintf("r%d", i)
		dev := "dev-" + r
		if i == 0 {
			dev = "dev-pop"
		}
		for k := range 3 {
			rec(r, "81.0.0."+fmt.Sprint(10+i), dev, fmt.Sprintf("ring-tmpl-%d", k))
		}
	}
	for i := range 30 {
		rec(fmt.Sprintf("crowd%d", i), fmt.Sprintf("82.0.0.%d", 10+i), "dev-pop", "")
	}
	for i := range 3 {
		// r0's proxies, each also used once by a different stranger; r1's
		// likewise; and one address crowd0 shares with r2.
		p0, p1 := fmt.Sprintf("45.0.0.%d", 10+i), fmt.Sprintf("45.0.1.%d", 10+i)
		rec("r0", p0, "dev-pop", "")
		rec(fmt.Sprintf("stranger%d", i), p0, "", "")
		rec("r1", p1, "dev-r1", "")
		rec(fmt.Sprintf("stranger%d", 3+i), p1, "", "")
	}
	rec("r2", "45.0.2.1", "dev-r2", "")
	rec("crowd0", "45.0.2.1", "dev-pop", "")
	for i := range 100 {
		rec(fmt.Sprintf("loner%d", i), fmt.Sprintf("83.0.0.%d", i), "", "")
	}
	p, comp, commOf, next := peelSetup(t, s)
	require.Equal(t, len(p.accts), p.nComp, "no identity-grade value here: one component per account")
	// Community 0: the ring but r0; 1: the crowd of dev-pop, and r0;
	// everyone else alone.
	for i := 1; i < 6; i++ {
		commOf[comp(fmt.Sprintf("r%d", i))] = 0
	}
	for i := range 30 {
		commOf[comp(fmt.Sprintf("crowd%d", i))] = 1
	}
	commOf[comp("r0")] = 1

	compOff, compAcc := p.componentMembers()
	lab, _ := p.peel(commOf, next, compOff, compAcc)

	tests := []struct {
		name, acct string
		want       int32
	}{
		{"ring member misplaced in a device crowd returns to the ring", "r0", 0},
		{"ring member whose proxies strangers also used stays", "r1", 0},
		{"ring member sharing one address with a crowd member stays", "r2", 0},
		{"crowd member sharing one address with a ring member stays", "crowd0", 1},
		{"crowd member stays", "crowd7", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, lab[comp(tc.acct)])
		})
	}
	assert.NotEqual(t, int32(0), lab[comp("stranger0")], "a stranger is not pulled into the ring by one shared address")
}

// TestPeelWeighsHoldersByUse: a residential proxy exits through a
// household's own connection, so five ring members, each rotating through
// dozens of addresses, hold the household's one address too. The address
// is most of what the household holds and a sliver of what each ring
// member does: by head count the ring owns it and would take the household
// in; by how much it weighs with each holder it is the household's.
func TestPeelWeighsHoldersByUse(t *testing.T) {
	s := newSynth(5)
	rec := s.request
	for i := range 6 {
		r := fmt.Sprintf("r%d", i)
		for k := range 3 {
			rec(r, "81.0.0.1", "dev-"+r, fmt.Sprintf("ring-tmpl-%d", k))
		}
		for j := range 20 {
			// A pool of 40 addresses, each used by three members.
			rec(r, fmt.Sprintf("46.0.0.%d", (i*20+j)%40), "dev-"+r, "")
		}
		if i < 5 {
			rec(r, "90.0.0.1", "dev-"+r, "")
		}
	}
	for i := range 3 {
		h := fmt.Sprintf("h%d", i)
		for range 10 {
			rec(h, "90.0.0.1", "dev-"+h, "")
		}
	}
	for i := range 100 {
		rec(fmt.Sprintf("loner%d", i), fmt.Sprintf("83.0.0.%d", i), "", "")
	}
	p, comp, commOf, next := peelSetup(t, s)
	for i := range 6 {
		commOf[comp(fmt.Sprintf("r%d", i))] = 0
	}
	for i := range 3 {
		commOf[comp(fmt.Sprintf("h%d", i))] = 1
	}

	compOff, compAcc := p.componentMembers()
	lab, _ := p.peel(commOf, next, compOff, compAcc)
	for i := range 3 {
		assert.Equal(t, int32(1), lab[comp(fmt.Sprintf("h%d", i))], "household member h%d stays with its household", i)
	}
	for i := range 6 {
		assert.Equal(t, int32(0), lab[comp(fmt.Sprintf("r%d", i))], "ring member r%d stays in the ring", i)
	}
}

// peelSetup stores s's records and returns their partition, the identity
// component of a named account, and a community assignment that leaves
// every component alone under labels from 2 up (0 and 1 are the tests' to
// hand out), with the next free label.
func peelSetup(t *testing.T, s *synth) (p *partition, comp func(string) int32, commOf []int32, next int32) {
	t.Helper()
	st := s.store(t, t.TempDir())
	snap, err := graph.Load(st, graph.LoadOptions{Prune: true})
	require.NoError(t, err)
	p = newPartition(snap, Options{}.withDefaults())
	comp = func(name string) int32 {
		id, err := st.Lookup(store.KindAccount, name)
		require.NoError(t, err)
		return p.comp[p.idx[id]]
	}
	commOf = make([]int32, p.nComp)
	next = 2
	for c := range commOf {
		commOf[c] = next
		next++
	}
	return p, comp, commOf, next
}

// TestPeelIgnoresPairsWhateverTheirWeights: a value two accounts in
// different communities share ties the pair, however unequally they hold
// it. Ring member r0 rotates through a dozen proxy addresses, each also
// used by one stranger, and the strangers sit in one community: each
// address is nearly all its stranger's by weight, yet none of them may
// pull r0 away from the templates it shares with the ring.
func TestPeelIgnoresPairsWhateverTheirWeights(t *testing.T) {
	s := newSynth(7)
	for i := range 6 {
		r := fmt.Sprintf("r%d", i)
		for k := range 3 {
			s.request(r, "81.0.0."+fmt.Sprint(10+i), "dev-"+r, fmt.Sprintf("ring-tmpl-%d", k))
		}
	}
	for i := range 12 {
		ip := fmt.Sprintf("45.0.0.%d", 10+i)
		s.request("r0", ip, "dev-r0", "")
		s.request(fmt.Sprintf("stranger%d", i), ip, "", "")
	}
	for i := range 100 {
		s.request(fmt.Sprintf("loner%d", i), fmt.Sprintf("83.0.0.%d", i), "", "")
	}
	p, comp, commOf, next := peelSetup(t, s)
	for i := range 6 {
		commOf[comp(fmt.Sprintf("r%d", i))] = 0
	}
	for i := range 12 {
		commOf[comp(fmt.Sprintf("stranger%d", i))] = 1
	}
	compOff, compAcc := p.componentMembers()
	lab, _ := p.peel(commOf, next, compOff, compAcc)
	assert.Equal(t, int32(0), lab[comp("r0")], "r0 stays with the ring")
	assert.Zero(t, p.moved, "nobody moves")
}

// TestPeelValueEverybodyHolds: with MaxShare 1 a value every account holds
// takes part, with weight 0 (its rarity); it must tie nobody rather than
// turn the shares it enters into NaN, which once peeled every account.
func TestPeelValueEverybodyHolds(t *testing.T) {
	s := newSynth(9)
	for i := range 6 {
		r := fmt.Sprintf("r%d", i)
		for k := range 3 {
			s.request(r, "1.1.1.1", "dev-"+r, fmt.Sprintf("ring-tmpl-%d", k))
		}
	}
	for i := range 30 {
		s.request(fmt.Sprintf("other%d", i), "1.1.1.1", "", "")
	}
	st := s.store(t, t.TempDir())
	snap, err := graph.Load(st, graph.LoadOptions{Prune: true})
	require.NoError(t, err)
	p, err := runPasses(context.Background(), snap, Options{MaxShare: 1}.withDefaults())
	require.NoError(t, err)
	label := func(name string) int32 {
		id, err := st.Lookup(store.KindAccount, name)
		require.NoError(t, err)
		return p.label[p.idx[id]]
	}
	ring := label("r0")
	assert.GreaterOrEqual(t, ring, int32(0), "the ring is a cluster")
	for i := 1; i < 6; i++ {
		assert.Equal(t, ring, label(fmt.Sprintf("r%d", i)), "r%d with the ring", i)
	}
	assert.Equal(t, int32(-1), label("other0"), "an account holding only the universal value is alone")
}
