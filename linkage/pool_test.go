package linkage

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// poolScenario adds TestPoolLone's populations to s: an 80-account ring
// held together only by the exits it rotates through, and the accounts
// that must stay alone.
func poolScenario(s *synth, templates bool) (ring, stay []string) {
	const ringSize, exits = 80, 100
	exit := func(j int) string { return fmt.Sprintf("%d.%d.%d.%d", 20+j%150, (11*j)%250, (17*j)%250, 1+j%250) }
	for i := range ringSize {
		a := fmt.Sprintf("ring-%d", i)
		ring = append(ring, a)
		s.rec(s.start+3600+int64(i)*400, a, "signup", exit(s.rng.IntN(exits)), "card-"+a, popular[i%2], a+"@mail.test", "", 0)
		for range 6 {
			tmpl := fmt.Sprintf("ring-tmpl-%d", s.rng.IntN(10))
			if !templates {
				tmpl = ""
			}
			s.rec(s.at(), a, "request", exit(s.rng.IntN(exits)), "card-"+a, popular[i%2], "", tmpl, 1500+s.rng.IntN(1500))
		}
		if i%4 == 0 { // from a phone, once, behind each carrier's NAT
			s.rec(s.at(), a, "request", fmt.Sprintf("100.64.0.%d", 1+s.rng.IntN(20)), "card-"+a, popular[i%2], "", "ring-tmpl-0", 1500)
			s.rec(s.at(), a, "request", fmt.Sprintf("100.65.%d.%d", s.rng.IntN(3), 1+s.rng.IntN(200)), "card-"+a, popular[i%2], "", "ring-tmpl-0", 1500)
		}
	}
	// Residents at home behind ten of the exits.
	for j := range 10 {
		a := fmt.Sprintf("resident-%d", j)
		stay = append(stay, a)
		for range 5 {
			s.rec(s.at(), a, "request", exit(j), "card-"+a, "dev-"+a, a+"@mail.test", "", 100+s.rng.IntN(400))
		}
	}
	// Households of three; every other one moved house once, so its
	// members share two addresses.
	for h := range 30 {
		for m := range 3 {
			a := fmt.Sprintf("house%d-%d", h, m)
			stay = append(stay, a)
			for k := range 4 {
				ip := fmt.Sprintf("90.1.%d.9", h)
				if h%2 == 0 && k >= 2 {
					ip = fmt.Sprintf("90.2.%d.9", h)
				}
				s.rec(s.at(), a, "request", ip, fmt.Sprintf("house-card-%d", h), "dev-"+a, a+"@mail.test", "", 100+s.rng.IntN(300))
			}
		}
	}
	// A carrier's subscribers, a new NAT address on every request.
	for i := range 200 {
		a := fmt.Sprintf("carrier-%d", i)
		stay = append(stay, a)
		for range 5 {
			s.rec(s.at(), a, "request", fmt.Sprintf("100.64.0.%d", 1+s.rng.IntN(20)), "card-"+a, popular[i%2], a+"@mail.test", "", 100+s.rng.IntN(400))
		}
	}
	// Another carrier's pool is wide: 600 addresses in three /24s, each
	// shared by a few of its 400 subscribers, as a ring's exits are.
	for i := range 400 {
		a := fmt.Sprintf("wide-%d", i)
		stay = append(stay, a)
		for range 5 {
			s.rec(s.at(), a, "request", fmt.Sprintf("100.65.%d.%d", s.rng.IntN(3), 1+s.rng.IntN(200)), "card-"+a, popular[i%2], a+"@mail.test", "", 100+s.rng.IntN(400))
		}
	}
	stay = append(stay, browserUsers(s, 100, false)...)
	return ring, stay
}

// TestPoolLone leaves everyone alone, as the passes leave a ring held
// together only by the proxy exits it rotates through, and checks whom
// poolLone gathers: the ring, chained by exits that come back for a few
// members; not the residents behind some of those exits, nor households,
// nor the subscribers of two carriers whose NAT pools some ring members
// also used: one narrow (each address shared by many), one wide (each by
// a few, but crowded into three networks).
func TestPoolLone(t *testing.T) {
	s := newSynth(31)
	ring, stay := poolScenario(s, true)
	const ringSize = 80
	p, acct := handCluster(t, s, true, nil)
	sc := p.poolLone(newScorer(p), DefaultThreshold)

	l := p.label[acct("ring-0")]
	require.GreaterOrEqual(t, l, int32(0), "the ring is gathered")
	for _, a := range ring {
		assert.Equal(t, l, p.label[acct(a)], "%s is with the ring", a)
	}
	for _, a := range stay {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
	assert.Len(t, sc.members[l], ringSize)
	assert.Equal(t, ringSize, p.pooled)
	assert.GreaterOrEqual(t, Score(sc.sig[l], ringSize), DefaultThreshold)
	assert.True(t, sc.sig[l].Pooled)
	assert.Contains(t, Reasons(sc.sig[l], ringSize)[len(Reasons(sc.sig[l], ringSize))-1], "gathered from accounts community detection left alone")

	// Under a threshold the ring does not reach, nothing is kept.
	for u := range p.label {
		p.label[u] = -1
	}
	p.nLab, p.pooled = 1, 0
	p.poolLone(newScorer(p), 0.99)
	assert.Zero(t, p.pooled)
	assert.Equal(t, 1, p.nLab)
	for u, lab := range p.label {
		assert.Equal(t, int32(-1), lab, "account %d", u)
	}
}

// TestLinkCountsPasses checks the run's record of what the passes after
// community detection did: nothing when community detection finds the
// ring whole (its templates tie it), and the stragglers it brings in when
// only the exits it rotates through tie it. The counts are kept with the
// run.
func TestLinkCountsPasses(t *testing.T) {
	for _, templates := range []bool{true, false} {
		t.Run(fmt.Sprintf("templates=%v", templates), func(t *testing.T) {
			s := newSynth(31)
			ring, _ := poolScenario(s, templates)
			st := s.store(t, t.TempDir())
			run, err := Link(context.Background(), st, Options{Now: fixedNow})
			require.NoError(t, err)
			g, _ := groups(t, st)
			after := run.EvidenceSplits + run.PooledAccounts + run.AttachedAccounts + run.JoinedAccounts + run.FamilyMerges
			if templates {
				assert.Equal(t, len(ring), g[ring[0]].Size)
				assert.Zero(t, after, "%+v", run)
			} else {
				assert.Less(t, g[ring[0]].Size, len(ring), "community detection alone does not gather it")
				assert.Positive(t, run.AttachedAccounts)
				assert.LessOrEqual(t, run.AttachedAccounts, run.FlaggedAccounts, "accounts are attached to flagged clusters only")
			}
			stored, err := Latest(st)
			require.NoError(t, err)
			assert.Equal(t, run.AttachedAccounts, stored.AttachedAccounts)
			assert.Equal(t, run.PooledAccounts, stored.PooledAccounts)
		})
	}
}
