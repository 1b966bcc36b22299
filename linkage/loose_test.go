package linkage

import (
	"fmt"
	"slices"
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
	var crowd, farm, others, farm2, ring []string
	for i := range 500 {
		a := fmt.Sprintf("phone-%d", i)
		crowd = append(crowd, a)
		person(a, "")
	}
	farm = s.simFarm(300, 6, carrier)
	for i := range 200 {
		a := fmt.Sprintf("other-%d", i)
		others = append(others, a)
		tmpl := ""
		if i < 5 {
			tmpl = "book-club"
		}
		person(a, tmpl)
	}
	// A second farm, in a loose group with ten of the carrier's people,
	// five of whose accounts the passes took into a cluster: a group that
	// is not nine in ten still alone is not tried again.
	for i := range 20 {
		a := fmt.Sprintf("farm2-%d", i)
		farm2 = append(farm2, a)
		for range 30 {
			s.rec(s.anyHour(), a, "request", carrier(), "", "handset-y", "", fmt.Sprintf("farm2-tmpl-%d", s.rng.IntN(3)), 1500+s.rng.IntN(1500))
		}
	}
	ring = ringOnBox(s, 40)
	// A ring beside an organisation on one cloud, dissolved together: the
	// organisation's part is cut away, and the ring's, flagged, is kept.
	harvest, firm := evalFirmBeside(s)
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	labelGroups(p, acct, [][]string{ring, farm2[:5]})
	p.looseLab = make([]int32, p.nComp)
	for c := range p.looseLab {
		p.looseLab[c] = -1
	}
	loose := [][]string{append(append([]string(nil), crowd[10:]...), farm...), others, append(slices.Clone(crowd[:10]), farm2...), append(slices.Clone(harvest), firm...)}
	for g, ms := range loose {
		for _, a := range ms {
			p.looseLab[p.comp[acct(a)]] = int32(g)
		}
	}
	p.nLoose = int32(len(loose))
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(ring)), DefaultThreshold, "the ring is flagged")
	before.sig[0].assembly(Signals{Gathered: true, Attached: 2})
	p.evidenceSplits = 7

	sc := p.cutLoose(before, DefaultThreshold)
	l := p.label[acct("farm-0")]
	require.GreaterOrEqual(t, l, int32(0), "the farm is cut out")
	for _, a := range farm {
		assert.Equal(t, l, p.label[acct(a)], "%s is with the farm", a)
	}
	assert.Len(t, sc.members[l], len(farm))
	assert.GreaterOrEqual(t, Score(sc.sig[l], len(farm)), DefaultThreshold, "%+v", sc.sig[l])
	assert.True(t, sc.sig[l].Cut)
	h := p.label[acct("harvest-0")]
	require.GreaterOrEqual(t, h, int32(0), "the ring beside the organisation is kept")
	for _, a := range harvest {
		assert.Equal(t, h, p.label[acct(a)], "%s is with the ring", a)
	}
	assert.Len(t, sc.members[h], len(harvest))
	assert.GreaterOrEqual(t, Score(sc.sig[h], len(harvest)), DefaultThreshold)
	assert.True(t, sc.sig[h].Cut)
	assert.Equal(t, len(farm)+len(harvest), p.looseCut)
	for _, a := range append(append(append(crowd, others...), farm2[5:]...), firm...) {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays in no cluster", a)
	}
	// The clusters there were are left as they were, with what earlier
	// passes said of them.
	r := p.label[acct("ring-0")]
	for _, a := range ring {
		assert.Equal(t, r, p.label[acct(a)])
	}
	assert.True(t, sc.sig[r].Gathered)
	assert.Equal(t, 2, sc.sig[r].Attached)
	assert.False(t, sc.sig[r].Cut)
	assert.Equal(t, 7, p.evidenceSplits, "cuts of loose groups are not evidence splits")
	assert.Equal(t, p.label[acct("farm2-0")], p.label[acct("farm2-4")])
}
