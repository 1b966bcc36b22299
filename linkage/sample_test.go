package linkage

import (
	"fmt"
	"testing"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSampleRotation: members of a proxy pool hold hundreds of shared
// addresses each; sampling keeps about SampleAbove of them per member,
// all holders of a value together, and never drops a value that an
// ordinary account holds.
func TestSampleRotation(t *testing.T) {
	dir := t.TempDir()
	s := newSynth(4)
	ts := s.start
	rec := func(acct, ip string) {
		ts += 10
		s.rec(ts, acct, "request", ip, "card-"+acct, "dev-"+acct, acct+"@mail.test", "", 100)
	}
	const members, pool = 8, 1200
	for i := range pool {
		ip := fmt.Sprintf("45.%d.%d.1", i/250, i%250)
		// Each address is used by three of the eight members.
		for j := range 3 {
			rec(fmt.Sprintf("m%d", (i+j*3)%members), ip)
		}
	}
	rec("light", "45.0.0.1") // an ordinary account on one pool address
	rec("house-a", "90.0.0.1")
	rec("house-b", "90.0.0.1")
	for i := range 100 {
		rec(fmt.Sprintf("loner%d", i), fmt.Sprintf("83.0.0.%d", i))
	}
	st := s.store(t, dir)
	snap, err := graph.Load(st, graph.LoadOptions{Prune: true})
	require.NoError(t, err)
	node := func(k store.Kind, v string) uint32 {
		id, err := st.Lookup(k, v)
		require.NoError(t, err)
		return uint32(id)
	}
	ipCount := func(p *partition, acct string) int {
		return int(p.kinds[int(p.idx[node(store.KindAccount, acct)])*8+int(store.KindIP)])
	}

	all := newPartition(snap, Options{SampleAbove: -1}.withDefaults())
	assert.Equal(t, pool*3/members, ipCount(all, "m0"), "without sampling a member keeps every address")

	p := newPartition(snap, Options{}.withDefaults())
	for i := range members {
		n := ipCount(p, fmt.Sprintf("m%d", i))
		assert.InDelta(t, DefaultSampleAbove, n, DefaultSampleAbove/2, "member m%d keeps about %d addresses", i, DefaultSampleAbove)
	}
	assert.True(t, p.kept(node(store.KindIP, "45.0.0.1")), "an address an ordinary account holds is kept")
	assert.True(t, p.kept(node(store.KindIP, "90.0.0.1")), "a household's address is kept")
	assert.Equal(t, 1, ipCount(p, "light"))
	// A sampled value is gone for all its holders: every kept address
	// still has its three members.
	for ai := range p.numKept() {
		accts, _ := p.holders(ai)
		if p.snap.Kind[p.kNode[ai]] == store.KindIP && p.kNode[ai] != node(store.KindIP, "90.0.0.1") {
			assert.GreaterOrEqual(t, len(accts), 3)
		}
	}
	// The member's kind weight is spread over what it kept, not diluted
	// by what was dropped.
	u := p.idx[node(store.KindAccount, "m0")]
	sum := 0.0
	for ai := range p.numKept() {
		accts, ws := p.holders(ai)
		for j, a := range accts {
			if a == u {
				sum += float64(ws[j])
			}
		}
	}
	assert.InEpsilon(t, LinkWeight(store.KindIP, 3, len(p.accts)), sum, 0.01)
}
