package linkage

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
)

// rhythmCluster builds members accounts of n requests each, hour drawn
// by hour(r, member), and returns the cluster's signals.
func rhythmCluster(members, n int, hour func(r *rand.Rand, m int) int) Signals {
	return rhythmClusterOf(members, func(int) int { return n }, hour)
}

// rhythmClusterOf is rhythmCluster with n(member) requests per member.
func rhythmClusterOf(members int, n func(m int) int, hour func(r *rand.Rand, m int) int) Signals {
	r := rand.New(rand.NewPCG(7, 11))
	pop := &population{}
	idx := make([]int32, members)
	for m := range members {
		var h store.Hours
		for range n(m) {
			h[hour(r, m)]++
		}
		pop.rhythm = append(pop.rhythm, graph.RhythmOf(&h))
		idx[m] = int32(m)
	}
	var sg Signals
	pop.rhythmOf(&sg, idx)
	return sg
}

func TestRoundTheClock(t *testing.T) {
	// Each member awake 14 hours from a waking hour of its own: the
	// cluster's hours, added up, cover the day evenly.
	awake := func(r *rand.Rand, m int) int { return (m*7 + r.IntN(14)) % 24 }
	tests := []struct {
		name     string
		members  int
		n        int
		hour     func(r *rand.Rand, m int) int
		min, max float64
	}{
		{"a farm's phones, ten requests each at any hour", 600, 10, func(r *rand.Rand, _ int) int { return r.IntN(24) }, 0.5, 1},
		{"machines at every hour, many requests each", 100, 200, func(r *rand.Rand, _ int) int { return r.IntN(24) }, 0.8, 1},
		{"people in every timezone, ten requests each", 600, 10, awake, 0, 0},
		{"people in every timezone, many requests each", 100, 200, awake, 0, 0},
		{"two bouts a day, twelve hours apart", 300, 20, func(r *rand.Rand, m int) int { return (m + 12*r.IntN(2) + r.IntN(3)) % 24 }, 0, 0},
		{"three bouts a day, eight hours apart", 300, 30, func(r *rand.Rand, m int) int { return (m + 8*r.IntN(3) + r.IntN(2)) % 24 }, 0, 0},
		{"three machines with few requests: too little to tell", 3, 5, func(r *rand.Rand, _ int) int { return r.IntN(24) }, 0, 0},
		{"one request each: no estimate", 500, 1, func(r *rand.Rand, _ int) int { return r.IntN(24) }, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sg := rhythmCluster(tc.members, tc.n, tc.hour)
			t.Logf("round the clock %v, concentration %v", sg.RoundTheClock, sg.DayConcentration)
			assert.GreaterOrEqual(t, sg.RoundTheClock, tc.min, "concentration %v over %d members", sg.DayConcentration, sg.DayMembers)
			assert.LessOrEqual(t, sg.RoundTheClock, tc.max, "concentration %v over %d members", sg.DayConcentration, sg.DayMembers)
		})
	}
	// A heavy account's round-the-clock traffic does not make people
	// round the clock: its weight is capped at a day's worth.
	server := func(r *rand.Rand, m int) int {
		if m == 0 {
			return r.IntN(24)
		}
		return 8 + r.IntN(12)
	}
	sg := rhythmClusterOf(50, func(m int) int { return map[bool]int{true: 50000, false: 20}[m == 0] }, server)
	assert.Zero(t, sg.RoundTheClock, "concentration %v", sg.DayConcentration)
	assert.Equal(t, 50, sg.DayMembers)
	// Nor when the people have one request each, which says nothing of
	// their day: the server is one member of thirty.
	sg = rhythmClusterOf(30, func(m int) int { return map[bool]int{true: 2400, false: 1}[m == 0] }, server)
	assert.Equal(t, 1, sg.DayMembers)
	assert.Less(t, sg.RoundTheClock, 0.05)
	// Nor do a few people with a handful of requests each, pulled into a
	// farm's cluster by a shared address, hide the farm: each counts for
	// what its few requests can say.
	sg = rhythmClusterOf(110, func(m int) int { return map[bool]int{true: 200, false: 5}[m < 80] }, func(r *rand.Rand, m int) int {
		if m < 80 {
			return r.IntN(24)
		}
		return awake(r, m)
	})
	assert.Greater(t, sg.RoundTheClock, missingBelow, "concentration %v", sg.DayConcentration)
}

// TestLinkFindsAFarmRoundTheClock: a farm of phones on a carrier's
// addresses, on a popular handset's fingerprint, sends ten or so requests
// per account, each to one of its own templates, at any hour; the
// carrier's other users send as many at the hours people are awake. Only
// the hours tell the farm from the crowd well enough to flag it: its
// volume is an ordinary user's by requests, and its templates, which
// half its members hold alone, do not reach the threshold on their own.
func TestLinkFindsAFarmRoundTheClock(t *testing.T) {
	s := newSynth(61)
	carrier := func() string { return fmt.Sprintf("100.70.0.%d", 1+s.rng.IntN(4)) }
	var crowd, farm []string
	for i := range 600 {
		a := fmt.Sprintf("phone-%d", i)
		crowd = append(crowd, a)
		for range 6 + s.rng.IntN(8) {
			tmpl := ""
			if s.rng.IntN(3) > 0 {
				tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
			}
			s.rec(s.at(), a, "request", carrier(), "", "handset-x", "", tmpl, 300+s.rng.IntN(600))
		}
	}
	farm = s.simFarm(400, 12, carrier)
	s.legit("user", 300)
	g := linkGroups(t, s)

	flagged := 0
	seenC := map[string]bool{}
	for _, a := range farm {
		if c, ok := g[a]; ok && !seenC[c.ID] {
			seenC[c.ID] = true
			t.Logf("%s in %s size %d: score %.3f %+v", a, c.ID, c.Size, c.Score, c.Signals)
		}
		if c, ok := g[a]; ok && c.Flagged {
			flagged++
			assert.Positive(t, c.Signals.RoundTheClock, "%s: %+v", a, c.Signals)
		}
	}
	assert.GreaterOrEqual(t, flagged, 380, "farm accounts flagged")
	for _, a := range crowd {
		if c, ok := g[a]; ok {
			assert.False(t, c.Flagged, "%s: score %.3f %+v", a, c.Score, c.Signals)
		}
	}
}

// simFarm writes n accounts of a SIM farm on carrier's addresses and a
// popular handset: 8-13 requests each at any hour, three in four on one
// of the farm's own templates (of templates), long answers.
func (s *synth) simFarm(n, templates int, carrier func() string) []string {
	var farm []string
	for i := range n {
		a := fmt.Sprintf("farm-%d", i)
		farm = append(farm, a)
		for range 8 + s.rng.IntN(6) {
			tmpl := fmt.Sprintf("farm-tmpl-%d", s.rng.IntN(templates))
			if s.rng.IntN(4) == 0 {
				tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
			}
			s.rec(s.anyHour(), a, "request", carrier(), "", "handset-x", "", tmpl, 1500+s.rng.IntN(1500))
		}
	}
	return farm
}
