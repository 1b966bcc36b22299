package linkage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
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
	ringWithPopularDevice(s)
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

// ringWithPopularDevice writes ring r0..r5: three templates of its own,
// an address each, and a device each but r0's, which is the popular
// dev-pop.
func ringWithPopularDevice(s *synth) {
	for i := range 6 {
		r := fmt.Sprintf("r%d", i)
		dev := "dev-" + r
		if i == 0 {
			dev = "dev-pop"
		}
		for k := range 3 {
			s.request(r, "81.0.0."+fmt.Sprint(10+i), dev, fmt.Sprintf("ring-tmpl-%d", k))
		}
	}
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

// TestPeelIgnoresPairsInsideACrowd: community detection put ring member
// r0 in the community of a popular device it carries, next to strangers
// that each used one of its proxy addresses. Each address ties r0 to one
// stranger, not to the crowd: it must not hold r0 there against the
// templates it shares with the ring. A two-account household whose one
// shared address is all that ties it stays together.
func TestPeelIgnoresPairsInsideACrowd(t *testing.T) {
	s := newSynth(17)
	ringWithPopularDevice(s)
	for i := range 30 {
		s.request(fmt.Sprintf("crowd%d", i), fmt.Sprintf("82.0.0.%d", 10+i), "dev-pop", "")
	}
	for i := range 6 {
		ip := fmt.Sprintf("45.0.0.%d", 10+i)
		s.request("r0", ip, "dev-pop", "")
		s.request(fmt.Sprintf("crowd%d", i), ip, "dev-pop", "")
	}
	for j := range 2 {
		s.request(fmt.Sprintf("home-%d", j), "90.0.0.1", fmt.Sprintf("dev-home-%d", j), "")
	}
	for i := range 100 {
		s.request(fmt.Sprintf("loner%d", i), fmt.Sprintf("83.0.0.%d", i), "", "")
	}
	p, comp, commOf, next := peelSetup(t, s)
	for i := 1; i < 6; i++ {
		commOf[comp(fmt.Sprintf("r%d", i))] = 0
	}
	for i := range 30 {
		commOf[comp(fmt.Sprintf("crowd%d", i))] = 1
	}
	commOf[comp("r0")] = 1
	commOf[comp("home-1")] = commOf[comp("home-0")]
	compOff, compAcc := p.componentMembers()
	lab, _ := p.peel(commOf, next, compOff, compAcc)
	assert.Equal(t, int32(0), lab[comp("r0")], "r0 returns to the ring")
	assert.Equal(t, int32(1), lab[comp("crowd3")], "a stranger that shared an address with r0 stays in its crowd")
	assert.Equal(t, lab[comp("home-0")], lab[comp("home-1")], "the household stays together")
	assert.Equal(t, commOf[comp("home-0")], lab[comp("home-0")], "in its own community")
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
	p, err := runPasses(context.Background(), snap, Options{MaxShare: 1}.withDefaults(), nil)
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

// TestDissolvedRingRejoins gives the last stage a group as the core filter
// can leave it on a mobile carrier's crowd: a ring on four mailboxes (an
// identity component each), tied across mailboxes only by its own
// templates, inside a loose group of carrier users that share the
// carrier's address pool, popular browsers and popular prompts with
// everybody. The group dissolves; the ring's mailboxes must come back
// together, and nothing else may join them or each other.
func TestDissolvedRingRejoins(t *testing.T) {
	s := newSynth(11)
	pool := func() string { return fmt.Sprintf("172.58.0.%d", 1+s.rng.IntN(40)) }
	popDev := func(i int) string { return fmt.Sprintf("dev-pop-%d", i%4) }
	popTmpl := func() string { return fmt.Sprintf("pop-%d", s.rng.IntN(3)) }
	for i := range 600 {
		a := fmt.Sprintf("carrier%d", i)
		for range 3 + s.rng.IntN(6) {
			s.rec(s.at(), a, "request", pool(), "card-"+a, popDev(i), a+"@mail.test", popTmpl(), 100+s.rng.IntN(400))
		}
	}
	for h := range 20 {
		for j := range 2 {
			a := fmt.Sprintf("home%d-%d", h, j)
			for range 4 {
				s.rec(s.at(), a, "request", pool(), fmt.Sprintf("home-card-%d", h), popDev(h), a+"@mail.test", popTmpl(), 100+s.rng.IntN(400))
			}
		}
	}
	for b := range 4 {
		for j := range 6 {
			a := fmt.Sprintf("ring%d-%d", b, j)
			for k := range 30 {
				s.rec(s.at(), a, "request", pool(), "card-"+a, "dev-"+a, fmt.Sprintf("box%d+%d@gmail.com", b, j), fmt.Sprintf("ring-tmpl-%d", k%3), 800+s.rng.IntN(1200))
			}
		}
	}
	for i := range 3000 {
		a := fmt.Sprintf("loner%d", i)
		for range 3 {
			s.rec(s.at(), a, "request", fmt.Sprintf("83.0.%d.%d", i/250, 1+i%250), "card-"+a, popDev(i), a+"@mail.test", popTmpl(), 200)
		}
	}
	p, comp, compLab, next := peelSetup(t, s)
	for b := range 4 {
		require.Equal(t, comp(fmt.Sprintf("ring%d-0", b)), comp(fmt.Sprintf("ring%d-5", b)), "one mailbox, one identity")
	}
	require.NotEqual(t, comp("ring0-0"), comp("ring1-0"), "mailboxes are apart until linked")
	// Label 0: the ring, a sixth of the carrier users and the households.
	for b := range 4 {
		compLab[comp(fmt.Sprintf("ring%d-0", b))] = 0
	}
	for i := range 100 {
		compLab[comp(fmt.Sprintf("carrier%d", i))] = 0
	}
	for h := range 20 {
		compLab[comp(fmt.Sprintf("home%d-0", h))] = 0
	}

	p.settle(compLab, next)
	lab := func(name string) int32 { return compLab[comp(name)] }
	assert.Positive(t, p.dissolved, "the crowd's group is loose")
	ring := lab("ring0-0")
	for b := 1; b < 4; b++ {
		assert.Equal(t, ring, lab(fmt.Sprintf("ring%d-0", b)), "mailbox %d back with the ring", b)
	}
	size := 0
	for c := range p.nComp {
		if compLab[c] == ring {
			size++
		}
	}
	assert.Equal(t, 4, size, "the ring's group is its four mailboxes and nothing else")
	for h := range 20 {
		assert.NotEqual(t, lab(fmt.Sprintf("home%d-0", h)), lab(fmt.Sprintf("home%d-0", (h+1)%20)), "households %d and %d stay apart", h, (h+1)%20)
	}
	assert.NotEqual(t, lab("carrier0"), lab("carrier1"), "carrier users stay apart")
}

// TestMergeSplitMatchesFullRounds checks mergeSplit's shortcuts (later
// rounds look only at the communities merges touched, sum merged ones from
// their members' side and skip values known to be spread too wide) against
// the plain rounds they stand for: every pass over every kept attribute,
// every community reconsidered. Rings cut into random pieces give merges
// over several rounds; a crowd and popular values give wide spreads.
func TestMergeSplitMatchesFullRounds(t *testing.T) {
	s := newSynth(13)
	for r := range 6 {
		for j := range 40 {
			a := fmt.Sprintf("ring%d-%d", r, j)
			for k := range 8 {
				s.rec(s.at(), a, "request", fmt.Sprintf("45.%d.0.%d", r, s.rng.IntN(12)), "card-"+a, fmt.Sprintf("dev-%d-%d", r, s.rng.IntN(10)), a+"@mail.test", fmt.Sprintf("tmpl-%d-%d", r, k%4), 900)
			}
		}
	}
	for i := range 1500 {
		a := fmt.Sprintf("user%d", i)
		for range 3 {
			s.rec(s.at(), a, "request", fmt.Sprintf("172.58.0.%d", s.rng.IntN(60)), "card-"+a, fmt.Sprintf("dev-pop-%d", i%5), a+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(4)), 200)
		}
	}
	tests := []struct {
		name    string
		minSize int32
		pieces  int32
		only    bool
	}{
		{"after Leiden", 1, 9, false},
		{"regrouping", 2, 5, false},
		{"rejoining freed groups only", 2, 7, true},
	}
	p, comp, alone, first := peelSetup(t, s)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			commOf, next := slices.Clone(alone), first
			rng := rand.New(rand.NewPCG(uint64(tc.pieces), 1))
			// Each ring cut into pieces, everyone else alone.
			for r := range 6 {
				for j := range 40 {
					commOf[comp(fmt.Sprintf("ring%d-%d", r, j))] = next + int32(r)*tc.pieces + rng.Int32N(tc.pieces)
				}
			}
			next += 6 * tc.pieces
			var only []bool
			if tc.only {
				only = make([]bool, next)
				for l := range only {
					only[l] = l%5 != 0
				}
			}
			want := slices.Clone(commOf)
			wantMerges := mergeSplitFull(p, want, next, tc.minSize, only)
			got := slices.Clone(commOf)
			merges := p.mergeSplit(got, next, tc.minSize, only)
			require.Greater(t, wantMerges, 10, "the case merges")
			assert.Equal(t, wantMerges, merges)
			assert.Equal(t, want, got)
		})
	}
}

// TestMergeSplitMatchesFullRoundsRandom repeats the comparison on random
// starting communities, candidate sets and affinity bars over a graph
// whose shared addresses are each held by about a hundred small groups:
// merges bring their spread under mergeMaxSpread, the case the spread
// bound must get right, and ties between equal pulls are common.
// groupsAndCrowd writes 150 small groups of three tied by cards, devices,
// addresses and templates in overlapping ways, and a crowd of 600 on a
// few shared addresses, popular devices and popular templates.
func groupsAndCrowd(s *synth) {
	for g := range 150 {
		for j := range 3 {
			a := fmt.Sprintf("g%d-%d", g, j)
			for k := range 4 {
				s.rec(s.at(), a, "request", fmt.Sprintf("10.0.%d.%d", (g+k)%2, s.rng.IntN(3)), fmt.Sprintf("card-%d-%d", g, j/2),
					fmt.Sprintf("dev-%d", g/5), a+"@mail.test", fmt.Sprintf("tmpl-%d-%d", g/3, k%2), 500)
			}
		}
	}
	for i := range 600 {
		a := fmt.Sprintf("user%d", i)
		for range 2 {
			s.rec(s.at(), a, "request", fmt.Sprintf("172.1.0.%d", s.rng.IntN(8)), "card-"+a, fmt.Sprintf("dev-pop-%d", i%7), a+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(3)), 200)
		}
	}
}

func TestMergeSplitMatchesFullRoundsRandom(t *testing.T) {
	s := newSynth(19)
	groupsAndCrowd(s)
	p, _, alone, first := peelSetup(t, s)
	rng := rand.New(rand.NewPCG(23, 5))
	total := 0
	for trial := range 60 {
		k := int32(2 + rng.IntN(300))
		commOf, next := slices.Clone(alone), max(first, k)
		mode := rng.IntN(3)
		for c := range commOf {
			switch {
			case mode == 0, mode == 1 && rng.IntN(2) == 0:
				commOf[c] = rng.Int32N(k)
			case mode == 2:
				commOf[c] = int32(c/(1+rng.IntN(4))) % k
			}
		}
		var only []bool
		if rng.IntN(2) == 0 {
			only = make([]bool, next)
			for l := range only {
				only[l] = rng.IntN(3) != 0
			}
		}
		minSize := int32(1 + rng.IntN(2))
		p.opt.MinAffinity = []float64{0.3, 0.5, 0.6, 0.8}[rng.IntN(4)]
		want := slices.Clone(commOf)
		wantMerges := mergeSplitFull(p, want, next, minSize, only)
		got := slices.Clone(commOf)
		merges := p.mergeSplit(got, next, minSize, only)
		require.Equal(t, wantMerges, merges, "trial %d: merges", trial)
		require.Equal(t, want, got, "trial %d: communities", trial)
		total += merges
	}
	assert.Greater(t, total, 1000, "the trials merge")
}

// TestMergeBestSortsStably: a pair's pulls are added up in the order they
// were found, whatever else the list holds, or the shortcut rounds and the
// full ones could round the same sum differently.
func TestMergeBestSortsStably(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 1))
	pulls := make([]pull, 2000)
	for i := range pulls {
		// Few distinct pairs, and the weight records the order found.
		pulls[i] = pull{c: rng.Int32N(8), d: rng.Int32N(8), w: float64(i)}
	}
	mergeBest(pulls, make([]float64, 8), NewUnionFind(8))
	for i := 1; i < len(pulls); i++ {
		a, b := pulls[i-1], pulls[i]
		if a.c == b.c && a.d == b.d {
			require.Less(t, a.w, b.w, "pulls of the pair %d->%d out of their order", a.c, a.d)
		}
	}
}

// mergeSplitFull is mergeSplit without its shortcuts: the reference its
// tests compare with. It shares mergeBest and lowest (what a round decides
// from its pulls) and recomputes everything those are given, every round,
// over every kept attribute.
func mergeSplitFull(p *partition, commOf []int32, nComm, minSize int32, only []bool) int {
	merges := 0
	t := holderTally{cnt: make([]int32, nComm), wIn: make([]float64, nComm)}
	bounds := p.pieceBounds()
	for range mergeRounds {
		size := make([]int32, nComm)
		for _, c := range p.comp {
			size[commOf[c]]++
		}
		var tot, self [keptPieces][]float64
		for i := range keptPieces {
			tot[i], self[i] = make([]float64, nComm), make([]float64, nComm)
		}
		var pulls []pull
		cand := make([]bool, nComm)
		for pass := range 2 {
			for piece := range keptPieces {
				for ai := bounds[piece]; ai < bounds[piece+1]; ai++ {
					d := t.tally(p, ai, commOf)
					for _, c := range t.touched {
						if pass == 0 {
							tot[piece][c] += t.wIn[c]
							self[piece][c] += t.wIn[c] * float64(t.cnt[c]) / float64(d)
							continue
						}
						if !cand[c] || len(t.touched) < 2 || len(t.touched) > mergeMaxSpread {
							continue
						}
						for _, o := range t.touched {
							if o != c && cand[o] {
								pulls = append(pulls, pull{c, o, t.wIn[c] * float64(t.cnt[o]) / float64(d)})
							}
						}
					}
					t.reset()
				}
			}
			if pass == 0 {
				for c := range nComm {
					addInto(tot[0][c:c+1], tot[1][c:c+1])
					addInto(self[0][c:c+1], self[1][c:c+1])
					cand[c] = (only == nil || only[c]) && tot[0][c] > 0 && self[0][c] < p.opt.MinAffinity*tot[0][c] && size[c] >= minSize
				}
			}
		}
		uf := NewUnionFind(int(nComm))
		n := mergeBest(pulls, self[0], uf)
		if n == 0 {
			break
		}
		merges += n
		low := lowest(uf, nComm)
		for i, c := range commOf {
			commOf[i] = low[uf.Find(c)]
		}
	}
	return merges
}

// TestAffinityOfChangedGroups: summing only the groups whose members
// changed, over the attributes they hold, gives every component the same
// affinity, bit for bit, as a full pass, on random groupings where random
// groups then lose members to new groups, as the core filter's rounds do.
func TestAffinityOfChangedGroups(t *testing.T) {
	s := newSynth(31)
	groupsAndCrowd(s)
	p, _, alone, first := peelSetup(t, s)
	rng := rand.New(rand.NewPCG(29, 3))
	moved := 0
	for trial := range 40 {
		k := int32(2 + rng.IntN(200))
		lab, next := slices.Clone(alone), max(first, k)
		for c := range lab {
			lab[c] = rng.Int32N(k)
		}
		before := p.affinity(lab, int(next), nil, nil)
		// Some groups lose members, each to a new group or one by one.
		active := make([]bool, next)
		newLab := map[int32]int32{}
		for c, l := range lab {
			if l%5 != int32(trial%5) || rng.IntN(3) != 0 {
				continue
			}
			active[l] = true
			to, ok := newLab[l]
			if !ok || rng.IntN(4) == 0 {
				to = next
				next++
				newLab[l] = to
				active = append(active, true)
			}
			lab[c] = to
			moved++
		}
		want := p.affinity(lab, int(next), nil, nil)
		got := p.affinity(lab, int(next), active, before)
		require.Equal(t, want, got, "trial %d", trial)
	}
	assert.Greater(t, moved, 1000, "the trials move components")
}

// TestDissolveIgnoresBroadValues: a ring whose members use a popular
// browser and send a few popular prompts besides their own templates is a
// group: the fingerprint and the prompts are held by sixteen times as many
// accounts as the ring has, and say nothing of whether it is one. Counted,
// they outweighed the ring's own templates and the group was dissolved. A
// slice of the crowd tied by nothing but those values stays loose.
func TestDissolveIgnoresBroadValues(t *testing.T) {
	s := newSynth(13)
	for i := range 600 {
		a := fmt.Sprintf("crowd%d", i)
		for k := range 3 {
			s.request(a, fmt.Sprintf("83.0.%d.%d", i/250, 1+i%250), "dev-popular", fmt.Sprintf("pop-%d", k))
		}
	}
	for i := range 40 {
		r := fmt.Sprintf("ring%d", i)
		for k := range 3 {
			s.request(r, fmt.Sprintf("84.0.0.%d", 1+i), "dev-popular", fmt.Sprintf("ring-tmpl-%d", k))
			s.request(r, fmt.Sprintf("84.0.0.%d", 1+i), "dev-popular", fmt.Sprintf("pop-%d", k))
		}
	}
	for i := range 3000 {
		s.request(fmt.Sprintf("loner%d", i), fmt.Sprintf("85.0.%d.%d", i/250, 1+i%250), "", "")
	}
	p, comp, compLab, next := peelSetup(t, s)
	for i := range 40 {
		compLab[comp(fmt.Sprintf("ring%d", i))] = 0
		compLab[comp(fmt.Sprintf("crowd%d", i))] = 1
	}
	p.dissolve(compLab, next)
	for i := range 40 {
		assert.Equal(t, int32(0), compLab[comp(fmt.Sprintf("ring%d", i))], "ring%d stays in the ring's group", i)
		assert.GreaterOrEqual(t, compLab[comp(fmt.Sprintf("crowd%d", i))], next, "crowd%d is freed", i)
	}
	assert.Equal(t, 40, p.dissolved, "the crowd's slice, and only it")
}
