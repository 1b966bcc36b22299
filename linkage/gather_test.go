package linkage

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGatherByTemplate leaves in no cluster a ring whose members share
// nothing but its wrapper templates (each on its own home address and
// card, on the browser fingerprint half the population uses), students
// who ask the textbook question the ring wraps, and a course cohort that
// runs one notebook template at an ordinary volume; a firm whose staff
// work heavily on their own template is in a cluster the passes found.
// Only the ring is gathered, whole, into a flagged cluster.
func TestGatherByTemplate(t *testing.T) {
	s := newSynth(53)
	var ring, students, cohort, firm []string
	for i := range 40 {
		a := fmt.Sprintf("sleeper-%d", i)
		ring = append(ring, a)
		for k := range 40 {
			tmpl := fmt.Sprintf("wrap-%d", k%3)
			if k%4 == 3 {
				tmpl = "bank-question"
			}
			s.rec(s.at(), a, "request", fmt.Sprintf("73.%d.%d.20", i/10, i%10), "card-"+a, "chrome-popular", a+"@mail.test", tmpl, 2000+s.rng.IntN(800))
		}
	}
	for i := range 8 {
		a := fmt.Sprintf("student-%d", i)
		students = append(students, a)
		for range 6 {
			s.rec(s.at(), a, "request", fmt.Sprintf("82.%d.%d.9", i/10, i%10), "card-"+a, "chrome-popular", a+"@mail.test", "bank-question", 300+s.rng.IntN(300))
		}
	}
	for i := range 30 {
		a := fmt.Sprintf("mooc-%d", i)
		cohort = append(cohort, a)
		for range 5 {
			s.rec(s.at(), a, "request", fmt.Sprintf("84.%d.%d.9", i/10, i%10), "card-"+a, "python-sdk", a+"@mail.test", "notebook", 300+s.rng.IntN(400))
		}
	}
	for i := range 20 {
		a := fmt.Sprintf("firm-%d", i)
		firm = append(firm, a)
		for range 40 {
			s.rec(s.at(), a, "request", "198.51.100.7", "firm-card", "dev-"+a, a+"@firm.test", "firm-report", 2000+s.rng.IntN(800))
		}
	}
	for i := range 300 {
		a := fmt.Sprintf("user-%d", i)
		dev := "dev-" + a
		if i%2 == 0 {
			dev = "chrome-popular"
		}
		for range 1 + s.rng.IntN(8) {
			s.rec(s.at(), a, "request", fmt.Sprintf("81.%d.%d.1", i/100, i%100), "card-"+a, dev, a+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(3)), 200+s.rng.IntN(500))
		}
	}
	p, acct := handCluster(t, s, true, firm)
	before := newScorer(p)

	sc := p.gatherByTemplate(before, DefaultThreshold)
	l := p.label[acct(ring[0])]
	require.GreaterOrEqual(t, l, int32(0), "the ring is gathered")
	for _, a := range ring {
		assert.Equal(t, l, p.label[acct(a)], "%s is with the ring", a)
	}
	assert.Len(t, sc.members[l], len(ring), "nobody else is")
	assert.True(t, sc.sig[l].Gathered)
	assert.GreaterOrEqual(t, Score(sc.sig[l], len(ring)), DefaultThreshold)
	assert.Equal(t, len(ring), p.gathered)
	for _, a := range append(append([]string{}, students...), cohort...) {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
	for _, a := range firm {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s stays in the firm's cluster", a)
	}
	assert.Len(t, sc.members[0], len(firm))
	assert.Equal(t, before.sig[0].Cohesion, sc.sig[0].Cohesion)
}
