package linkage

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCutLoose: a farm on a carrier's addresses and a popular handset,
// tied to itself only by its templates, sits in a loose group with the
// carrier's people, which settle dissolved; a second loose group holds
// people alone, a few of whom share a prompt of their own. The farm is
// cut out of the first group into a flagged cluster; the people of both
// stay in no cluster.
func TestCutLoose(t *testing.T) {
	s := newSynth(71)
	carrier := func() string { return fmt.Sprintf("100.70.0.%d", 1+s.rng.IntN(4)) }
	person := func(a, tmpl string) {
		for range 6 + s.rng.IntN(8) {
			t := tmpl
			if t == "" && s.rng.IntN(3) > 0 {
				t = fmt.Sprintf("pop-%d", s.rng.IntN(3))
			}
			s.rec(s.at(), a, "request", carrier(), "", "handset-x", "", t, 300+s.rng.IntN(600))
		}
	}
	var crowd, farm, others []string
	for i := range 500 {
		a := fmt.Sprintf("phone-%d", i)
		crowd = append(crowd, a)
		person(a, "")
	}
	for i := range 300 {
		a := fmt.Sprintf("farm-%d", i)
		farm = append(farm, a)
		for range 8 + s.rng.IntN(6) {
			tmpl := fmt.Sprintf("farm-tmpl-%d", s.rng.IntN(6))
			if s.rng.IntN(4) == 0 {
				tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
			}
			s.rec(s.anyHour(), a, "request", carrier(), "", "handset-x", "", tmpl, 1500+s.rng.IntN(1500))
		}
	}
	for i := range 200 {
		a := fmt.Sprintf("other-%d", i)
		others = append(others, a)
		tmpl := ""
		if i < 5 {
			tmpl = "book-club"
		}
		person(a, tmpl)
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	labelGroups(p, acct, nil)
	p.looseLab = make([]int32, p.nComp)
	for c := range p.looseLab {
		p.looseLab[c] = -1
	}
	for g, ms := range [][]string{append(append([]string(nil), crowd...), farm...), others} {
		for _, a := range ms {
			p.looseLab[p.comp[acct(a)]] = int32(g)
		}
	}

	sc := p.cutLoose(newScorer(p), DefaultThreshold)
	l := p.label[acct("farm-0")]
	require.GreaterOrEqual(t, l, int32(0), "the farm is cut out")
	for _, a := range farm {
		assert.Equal(t, l, p.label[acct(a)], "%s is with the farm", a)
	}
	assert.Len(t, sc.members[l], len(farm))
	assert.GreaterOrEqual(t, Score(sc.sig[l], len(farm)), DefaultThreshold, "%+v", sc.sig[l])
	assert.True(t, sc.sig[l].Cut)
	assert.Equal(t, len(farm), p.looseCut)
	for _, a := range append(crowd, others...) {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays in no cluster", a)
	}
}
