package linkage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDropResidents: a ring rotates through residential exits, each used
// by three of its members and by the home's resident. Put together by
// hand, as poolLone chains them, the flagged cluster keeps its members,
// including one that paraphrases every prompt (no template of the ring,
// but its long outputs), one that sends its templates for short answers
// and one that only signed up, and leaves out the residents, who send the
// prompts everybody sends and read ordinary answers. A resident's
// partner on the same card, alone, stays alone.
func TestDropResidents(t *testing.T) {
	s := newSynth(31)
	s.legit("home", 300)
	exit := func(i int) string { return fmt.Sprintf("77.%d.%d.1", i%200, i/200) }
	var ring, residents []string
	for i := range 90 {
		a := fmt.Sprintf("ring-%d", i)
		su := s.start + 3600 + int64(i*3%600)
		s.rec(su, a, "signup", "", "", fmt.Sprintf("dev-%s", a), a+"@mail.test", "", 0)
		for k := range 20 {
			tmpl := fmt.Sprintf("ring-tmpl-%d", k%3)
			if i == 0 {
				tmpl = "" // paraphrases every prompt
			}
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", exit(i/3*2+k%2), "", fmt.Sprintf("dev-%s", a), "", tmpl, 2500+s.rng.IntN(600))
		}
		ring = append(ring, a)
	}
	// A member that sends the ring's templates and reads short answers.
	for k := range 20 {
		s.rec(s.start+5000+s.rng.Int64N(synthDays*86400-7200), "ring-short", "request", exit(k%4), "", "dev-short", "", fmt.Sprintf("ring-tmpl-%d", k%3), 200+s.rng.IntN(100))
	}
	ring = append(ring, "ring-short")
	s.rec(s.start+4000, "ring-idle", "signup", exit(0), "", "dev-idle", "ring-idle@mail.test", "", 0)
	s.rec(s.start+4100, "ring-idle", "signup", exit(1), "", "dev-idle", "", "", 0)
	ring = append(ring, "ring-idle")
	for i := range 6 {
		a := fmt.Sprintf("resident-%d", i)
		for k := range 30 {
			s.rec(s.at(), a, "request", exit(i*2+k%2), "card-"+a, "dev-"+a, a+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(3)), 300+s.rng.IntN(400))
		}
		residents = append(residents, a)
	}
	// The first resident's partner: another account on the same card (one
	// identity), left alone by the passes, stays alone.
	for range 5 {
		s.rec(s.at(), "partner", "request", "81.200.0.9", "card-resident-0", "dev-partner", "partner@mail.test", "pop-1", 300+s.rng.IntN(400))
	}
	p, acct := handCluster(t, s, true, append(ring[:len(ring):len(ring)], residents...))
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(before.members[0])), DefaultThreshold, "the cluster is flagged")

	sc := p.dropResidents(before, DefaultThreshold)
	for _, a := range ring {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s stays", a)
	}
	for _, a := range residents {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s is left out", a)
	}
	require.Equal(t, p.comp[acct("resident-0")], p.comp[acct("partner")], "one identity")
	assert.Equal(t, int32(-1), p.label[acct("partner")])
	assert.Equal(t, len(residents), p.residents)
	assert.Len(t, sc.members[0], len(ring))
	assert.Equal(t, len(residents), sc.sig[0].Residents)
	assert.Contains(t, strings.Join(Reasons(sc.sig[0], len(ring)), "\n"), "6 accounts that did none of its work were left out")
	assert.GreaterOrEqual(t, Score(sc.sig[0], len(ring)), Score(before.sig[0], len(before.members[0])))
}

// TestDropResidentsBesideAHarvester: a ring that harvests a classifier's
// labels takes one-token answers through a cloud's shared egress, which
// developers' functions use too. Its members that paraphrase every prompt
// take its kind of answers and stay; the developers send none of its
// templates and read ordinary answers, longer than its, and are left out,
// although they are most of the cluster, so that its members' median
// answer is theirs.
func TestDropResidentsBesideAHarvester(t *testing.T) {
	s := newSynth(33)
	s.legit("home", 300)
	egress := func() string { return fmt.Sprintf("52.%d.0.%d", s.rng.IntN(4), 1+s.rng.IntN(60)) }
	var ring, devs []string
	for i := range 80 {
		a := fmt.Sprintf("harvest-%d", i)
		s.rec(s.start+3600+int64(i*5), a, "signup", egress(), "prepaid-"+a, "node-sdk", a+"@mail.test", "", 0)
		for k := range 60 {
			tmpl := fmt.Sprintf("label-tmpl-%d", k%3)
			if i < 4 {
				tmpl = "" // paraphrases every prompt
			}
			s.rec(s.anyHour(), a, "request", egress(), "prepaid-"+a, "node-sdk", a+"@mail.test", tmpl, 60+s.rng.IntN(60))
		}
		ring = append(ring, a)
	}
	for i := range 85 {
		a := fmt.Sprintf("dev-%d", i)
		for range 40 {
			s.rec(s.at(), a, "request", egress(), "card-"+a, "node-sdk", a+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(3)), 300+s.rng.IntN(400))
		}
		devs = append(devs, a)
	}
	p, acct := handCluster(t, s, true, append(ring[:len(ring):len(ring)], devs...))
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(before.members[0])), DefaultThreshold, "the cluster is flagged")

	sc := p.dropResidents(before, DefaultThreshold)
	for _, a := range ring {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s stays", a)
	}
	for _, a := range devs {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s is left out", a)
	}
	assert.Equal(t, len(devs), sc.sig[0].Residents)
	assert.Contains(t, strings.Join(Reasons(sc.sig[0], len(ring)), "\n"), "85 accounts that did none of its work were left out: under a tenth of their requests on its templates, at under half or over twice its tokens per request")
}

// TestUnlikeOutputs: outputs under half or over twice the reference are
// unlike it; without tokens recorded there is nothing to compare.
func TestUnlikeOutputs(t *testing.T) {
	for _, tt := range []struct {
		tok, ref float64
		unlike   bool
	}{
		{100, 3000, true}, {2000, 3000, false}, {6100, 3000, true},
		{400, 95, true}, {150, 95, false}, {300, 0, false}, {0, 0, false},
	} {
		assert.Equal(t, tt.unlike, unlikeOutputs(tt.tok, tt.ref), "%v against %v", tt.tok, tt.ref)
	}
}

// wearers writes n victims, each with a rare fingerprint of its own and a
// few short prompts, and a ring of 2n accounts, two wearing each victim's
// fingerprint, that sends long requests on the ring's templates from
// fresh exits: each victim is one identity with its two ring accounts.
// It returns the victims and the ring accounts (ring-2i and ring-2i+1
// wear victim-i's fingerprint).
func wearers(s *synth, n int) (victims, ring []string) {
	for i := range n {
		v := fmt.Sprintf("victim-%d", i)
		for range 3 {
			s.rec(s.at(), v, "request", fmt.Sprintf("81.50.%d.1", i), "card-"+v, "rare-"+v, v+"@mail.test", fmt.Sprintf("pop-%d", s.rng.IntN(3)), 300+s.rng.IntN(200))
		}
		victims = append(victims, v)
		for j := range 2 {
			a := fmt.Sprintf("ring-%d", 2*i+j)
			s.rec(s.start+3600+int64(i*7+j), a, "signup", "", "", "rare-"+v, a+"@mail.test", "", 0)
			for k := range 20 {
				ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
				s.rec(s.anyHour(), a, "request", ip, "", "rare-"+v, "", fmt.Sprintf("ring-tmpl-%d", k%4), 2200+s.rng.IntN(800))
			}
			ring = append(ring, a)
		}
	}
	return victims, ring
}

// TestDropResidentsWearingFingerprints: a ring's accounts wear its
// victims' rare browser fingerprints, two to a victim, so each victim is
// one identity with two ring accounts. The victims, who send a few short
// prompts of their own, are left out on their own; a ring account that
// shares a card with another and does none of the work stays with its
// identity, as before.
func TestDropResidentsWearingFingerprints(t *testing.T) {
	s := newSynth(37)
	s.legit("home", 300)
	victims, ring := wearers(s, 40)
	// A ring account on ring-0's card that only sent short prompts of
	// its own: its identity works for the ring.
	for range 3 {
		s.rec(s.at(), "ring-card", "request", "81.60.0.1", "card-ring-0", "dev-ring-card", "ring-card@mail.test", "pop-0", 300)
	}
	s.rec(s.start+3700, "ring-0", "request", "81.60.0.2", "card-ring-0", "rare-victim-0", "", "ring-tmpl-0", 2500)
	ring = append(ring, "ring-card")
	p, acct := handCluster(t, s, true, append(ring[:len(ring):len(ring)], victims...))
	require.Equal(t, p.comp[acct("victim-3")], p.comp[acct("ring-6")], "a victim is one identity with the accounts wearing its fingerprint")
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(before.members[0])), DefaultThreshold, "the cluster is flagged")

	sc := p.dropResidents(before, DefaultThreshold)
	for _, a := range ring {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s stays", a)
	}
	for _, a := range victims {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s is left out", a)
	}
	assert.Equal(t, len(victims), sc.sig[0].Residents)
	assert.Len(t, sc.members[0], len(ring))
}
