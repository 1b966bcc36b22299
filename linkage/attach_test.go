package linkage

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAttachLone places a ring's core in a cluster by hand, leaves
// everyone else alone, and checks who attachLone brings in.
// ringMember writes a ring account: a signup in the ring's burst, then
// long requests on the ring's templates from fresh proxy exits, with the
// fingerprints devs in turn.
func ringMember(s *synth, a string, devs []string, i int) {
	su := s.start + 3600 + int64(i*3%600)
	s.rec(su, a, "signup", "", "", devs[0], a+"@mail.test", "", 0)
	for k := range 25 {
		ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
		s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, "", devs[k%len(devs)], "", fmt.Sprintf("ring-tmpl-%d", k%5), 800+s.rng.IntN(1200))
	}
}

// evalLab writes an evaluation lab at its own domain and one site (a
// card and a machine per seat) that runs benchmarks heavily on two of the
// ring's templates (a question bank both draw on): an organisation,
// judged on its own. It returns the lab's six accounts.
func evalLab(s *synth) []string {
	var lab []string
	for i := range 6 {
		a := fmt.Sprintf("lab-%d", i)
		lab = append(lab, a)
		for k := range 60 {
			s.rec(s.at(), a, "request", "203.0.113.80", "card-"+a, "dev-"+a, a+"@evals.test", fmt.Sprintf("ring-tmpl-%d", k%2), 1500+s.rng.IntN(1000))
		}
	}
	return lab
}

func TestAttachLone(t *testing.T) {
	tests := []struct {
		name string
		// build writes the traffic and returns the core (put in one
		// cluster), the lone accounts that must join it and those that
		// must not.
		build func(s *synth) (core, join, stay []string)
	}{{
		// A third of the ring sends a popular browser's fingerprint, so
		// only the ring's templates tie it to the rest.
		name: "ring members on a popular fingerprint",
		build: func(s *synth) (core, join, stay []string) {
			for i := range 300 {
				a := fmt.Sprintf("user-%d", i)
				for range 2 + s.rng.IntN(6) {
					s.rec(s.at(), a, "request", fmt.Sprintf("81.1.%d.%d", i/250, 1+i%250), "card-"+a, "chrome", a+"@mail.test", "", 100+s.rng.IntN(400))
				}
				stay = append(stay, a)
			}
			// A heavy user whose prompt once mined into a ring template:
			// one shared value may be chance.
			for k := range 25 {
				tmpl := ""
				if k == 0 {
					tmpl = "ring-tmpl-0"
				}
				s.rec(s.at(), "heavy", "request", "81.2.0.1", "card-heavy", "dev-heavy", "heavy@mail.test", tmpl, 800+s.rng.IntN(1200))
			}
			stay = append(stay, "heavy")
			// Two such users on one card: one identity, still one value.
			for _, a := range []string{"pair-a", "pair-b"} {
				for k := range 25 {
					tmpl := ""
					if k == 0 {
						tmpl = "ring-tmpl-1"
					}
					s.rec(s.at(), a, "request", "81.3.0.1", "card-pair", "dev-"+a, a+"@mail.test", tmpl, 800+s.rng.IntN(1200))
				}
			}
			stay = append(stay, "pair-a", "pair-b")
			for i := range 150 {
				a := fmt.Sprintf("ring-%d", i)
				if i%3 == 0 {
					ringMember(s, a, popular, i)
					join = append(join, a)
					continue
				}
				ringMember(s, a, []string{fmt.Sprintf("ring-box-%d", i%4)}, i)
				core = append(core, a)
			}
			return core, join, stay
		},
	}, {
		// Stragglers on a popular fingerprint behind fresh exits whose
		// only tie to the ring is the one ring template they work on:
		// one value, but most of their requests, round the clock as the
		// ring's. A heavy user who sends
		// it now and then (a third of its requests) stays alone.
		name: "ring members working on one of its templates",
		build: func(s *synth) (core, join, stay []string) {
			s.legit("home", 300)
			for i := range 150 {
				a := fmt.Sprintf("ring-%d", i)
				if i%5 != 0 {
					ringMember(s, a, []string{fmt.Sprintf("ring-box-%d", i%4)}, i)
					core = append(core, a)
					continue
				}
				for range 25 {
					ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
					s.rec(s.anyHour(), a, "request", ip, "", "chrome", "", "ring-tmpl-2", 800+s.rng.IntN(1200))
				}
				join = append(join, a)
			}
			for k := range 24 {
				tmpl := ""
				if k%3 == 0 {
					tmpl = "ring-tmpl-2"
				}
				s.rec(s.at(), "sometimes", "request", "81.4.0.1", "card-sometimes", "dev-sometimes", "sometimes@mail.test", tmpl, 800+s.rng.IntN(1200))
			}
			stay = append(stay, "sometimes")
			return core, join, stay
		},
	}, {
		// The ring sends two popular fingerprints and holds most of their
		// uses, and a quarter of it is in no cluster: those stragglers and
		// the fingerprints' ordinary users are tied to the ring alike.
		// The stragglers join; the ordinary users, light as they are,
		// would dilute it and stay out.
		name: "stragglers beside a crowd on the ring's popular fingerprints",
		build: func(s *synth) (core, join, stay []string) {
			s.legit("home", 300)
			stay = browserUsers(s, 60, false)
			for i := range 200 {
				a := fmt.Sprintf("ring-%d", i)
				ringMember(s, a, popular, i)
				if i%4 == 0 {
					join = append(join, a)
				} else {
					core = append(core, a)
				}
			}
			return core, join, stay
		},
	}, {
		// The ring holds most uses of its popular fingerprints, and their
		// other users are power users, as heavy as the ring: their
		// volume lets them past the first check, and their prompts,
		// popular ones and none of the ring's, keep them out.
		name: "power users on the ring's popular fingerprints",
		build: func(s *synth) (core, join, stay []string) {
			s.legit("home", 400)
			stay = browserUsers(s, 120, true)
			for i := range 150 {
				a := fmt.Sprintf("ring-%d", i)
				ringMember(s, a, popular, i)
				core = append(core, a)
			}
			return core, join, stay
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSynth(11)
			core, join, stay := tt.build(s)
			p, acct := handCluster(t, s, true, core)
			before := newScorer(p)
			require.GreaterOrEqual(t, Score(before.sig[0], len(before.members[0])), 0.5, "the core is flagged")

			sc := p.attachLone(before, 0.5, nil)
			for _, a := range join {
				require.Equal(t, int32(0), p.label[acct(a)], "%s joins", a)
			}
			for _, a := range stay {
				require.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
			}
			assert.Equal(t, len(join), p.attached)
			assert.Equal(t, len(join), sc.sig[0].Attached)
			assert.Len(t, sc.members[0], len(core)+len(join))
			assert.GreaterOrEqual(t, Score(sc.sig[0], len(sc.members[0])), Score(before.sig[0], len(before.members[0])))
		})
	}
}

// TestAttachLoneSparesOrganisation: an evaluation lab at its own domain
// and one site runs benchmarks heavily on two of a ring's templates (a
// question bank both draw on). Its members each hold two of the ring's
// own values and work as heavily as the ring, but the lab's cluster is an
// organisation, judged on its own, and none of its members is attached.
func TestAttachLoneSparesOrganisation(t *testing.T) {
	s := newSynth(17)
	var core []string
	for i := range 150 {
		a := fmt.Sprintf("ring-%d", i)
		ringMember(s, a, []string{fmt.Sprintf("ring-box-%d", i%4)}, i)
		core = append(core, a)
	}
	lab := evalLab(s)
	s.legit("home", 300)
	p, acct := handClusters(t, s, true, core, lab)
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the ring is flagged")
	require.Equal(t, "evals.test", before.sig[1].Organisation)
	require.GreaterOrEqual(t, before.sig[1].Volume, before.sig[0].Volume/2, "the lab works as heavily")

	p.attachLone(before, DefaultThreshold, nil)
	for _, a := range lab {
		assert.Equal(t, int32(1), p.label[acct(a)], "%s stays in the lab's cluster", a)
	}
	assert.Zero(t, p.attached)
}

// TestAttachRounds: a ring's exits come back for a few members each.
// Two waves of stragglers on a popular fingerprint send one of the ring's
// templates now and then (a third of their requests). The first also
// shares exits with the ring's core; the second shares exits only with
// the first, so those exits become the ring's own, and the second wave
// holds two of its values, once the first wave has joined: it joins in
// the next round. A resident behind one of those exits stays alone.
func TestAttachRounds(t *testing.T) {
	s := newSynth(23)
	s.legit("home", 300)
	heavy := func(a string, su int64, ips []string) {
		s.rec(su, a, "signup", "", "", "chrome", a+"@mail.test", "", 0)
		for k := range 25 {
			ip := ips[k%len(ips)]
			if k >= 2*len(ips) {
				ip = fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			}
			tmpl := ""
			if k%3 == 0 {
				tmpl = "ring-tmpl-0"
			}
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, "", "chrome", "", tmpl, 800+s.rng.IntN(1200))
		}
	}
	var core, wave1, wave2 []string
	for i := range 120 {
		a := fmt.Sprintf("ring-%d", i)
		su := s.start + 3600 + int64(i*3%600)
		s.rec(su, a, "signup", "", "", "", a+"@mail.test", "", 0)
		for k := range 25 {
			ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			if k < 3 {
				ip = fmt.Sprintf("46.0.%d.1", i/3)
			}
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, "", fmt.Sprintf("ring-box-%d", i%4), "", fmt.Sprintf("ring-tmpl-%d", k%5), 800+s.rng.IntN(1200))
		}
		core = append(core, a)
	}
	// The core's exits 46.0.x.1 each come back for three of its members
	// and for one of the first wave; exits 48.0.x.1 for two of the first
	// wave and one of the second.
	for i := range 10 {
		a := fmt.Sprintf("wave1-%d", i)
		heavy(a, s.start+3600+int64(i*7), []string{fmt.Sprintf("46.0.%d.1", i), fmt.Sprintf("46.0.%d.1", i+10), fmt.Sprintf("48.0.%d.1", i/2), fmt.Sprintf("48.0.%d.1", 5+i/2)})
		wave1 = append(wave1, a)
	}
	for i := range 5 {
		a := fmt.Sprintf("wave2-%d", i)
		heavy(a, s.start+3600+int64(i*11), []string{fmt.Sprintf("48.0.%d.1", i), fmt.Sprintf("48.0.%d.1", 5+i)})
		wave2 = append(wave2, a)
	}
	for range 4 {
		s.rec(s.at(), "resident", "request", "48.0.0.1", "card-resident", "dev-resident", "resident@mail.test", "", 200+s.rng.IntN(300))
	}
	traffic := slices.Clone(s.lines)
	p, acct := handCluster(t, s, true, core)
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the core is flagged")
	p.attachLone(before, DefaultThreshold, nil)
	for _, a := range wave1 {
		require.Equal(t, int32(0), p.label[acct(a)], "%s joins in the first round", a)
	}
	for _, a := range wave2 {
		require.Equal(t, int32(-1), p.label[acct(a)], "%s is not tied to the ring before the first wave joins", a)
	}
	require.Equal(t, len(wave1), p.attached)

	s.lines = traffic
	p, acct = handCluster(t, s, true, core)
	sc := p.attachRounds(newScorer(p), DefaultThreshold)
	for _, a := range wave2 {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s joins in a later round", a)
	}
	assert.Equal(t, int32(-1), p.label[acct("resident")], "the resident stays alone")
	assert.Equal(t, len(wave1)+len(wave2), p.attached)
	assert.Equal(t, len(wave1)+len(wave2), sc.sig[0].Attached, "the reasons count every round's")
	assert.Len(t, sc.members[0], len(core)+len(wave1)+len(wave2))
}

// popular are two browsers' fingerprints that many people send.
var popular = []string{"chrome", "safari"}

// browserUsers writes n ordinary accounts user-i on both popular browser
// fingerprints, each on a home address with a card of its own: a few
// short requests, or (heavy) 25 long ones on popular templates.
func browserUsers(s *synth, n int, heavy bool) []string {
	var names []string
	for i := range n {
		a := fmt.Sprintf("user-%d", i)
		reqs := 2 + s.rng.IntN(6)
		if heavy {
			reqs = 25
		}
		for k := range reqs {
			tmpl, tokens := "", 100+s.rng.IntN(400)
			if heavy {
				tmpl, tokens = fmt.Sprintf("pop-%d", s.rng.IntN(3)), 800+s.rng.IntN(1200)
			}
			s.rec(s.at(), a, "request", fmt.Sprintf("81.1.%d.%d", i/250, 1+i%250), "card-"+a, popular[k%2], a+"@mail.test", tmpl, tokens)
		}
		names = append(names, a)
	}
	return names
}

// TestJoinFragments puts most of a ring in one cluster and a piece of it
// in another, as the passes sometimes leave it, beside an office whose
// staff use one of the ring's templates now and then, and checks that the
// piece joins the ring, while the office and a cluster of light users
// of two of the ring's templates stay as they are.
func TestJoinFragments(t *testing.T) {
	s := newSynth(13)
	var core, piece, office []string
	for i := range 150 {
		a := fmt.Sprintf("ring-%d", i)
		su := s.start + 3600 + int64(i*3%600)
		s.rec(su, a, "signup", "", "", "", a+"@mail.test", "", 0)
		for k := range 25 {
			ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, fmt.Sprintf("ring-card-%d", i/5), "", "", fmt.Sprintf("ring-tmpl-%d", k%5), 800+s.rng.IntN(1200))
		}
		if i < 120 {
			core = append(core, a)
		} else {
			piece = append(piece, a)
		}
	}
	for i := range 40 {
		a := fmt.Sprintf("staff-%d", i)
		office = append(office, a)
		for k := range 6 {
			tmpl := "corp-internal"
			if k == 0 && i%2 == 0 {
				tmpl = "ring-tmpl-0"
			}
			s.rec(s.at(), a, "request", "198.51.100.7", "corp-card", "dev-"+a, a+"@mail.test", tmpl, 100+s.rng.IntN(400))
		}
	}
	// Light users of two of the ring's templates, in a cluster of their
	// own: tied to the ring, but they do not work like it.
	var light []string
	for i := range 30 {
		a := fmt.Sprintf("light-%d", i)
		light = append(light, a)
		for k := range 2 {
			s.rec(s.at(), a, "request", fmt.Sprintf("81.9.%d.1", i), "card-"+a, "dev-"+a, a+"@mail.test", fmt.Sprintf("ring-tmpl-%d", k), 50+s.rng.IntN(100))
		}
	}
	lab := evalLab(s)
	s.legit("home", 300)
	p, acct := handClusters(t, s, true, core, piece, office, light, lab)
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the core is flagged")
	require.Less(t, Score(before.sig[1], len(piece)), DefaultThreshold, "the piece alone is not")

	require.Less(t, Score(before.sig[3], len(light)), DefaultThreshold, "the light users are not flagged")
	require.Equal(t, "evals.test", before.sig[4].Organisation)
	require.Less(t, Score(before.sig[4], len(lab)), DefaultThreshold, "the lab alone is not flagged")

	// Had stragglers been attached to the piece, they would come with it
	// as joined, not as attached to the ring.
	before.sig[1].Attached = 5
	sc := p.joinFragments(before, DefaultThreshold)
	assert.Equal(t, 4, p.nLab, "the piece's label is gone")
	for _, a := range lab {
		assert.Equal(t, int32(3), p.label[acct(a)], "%s stays in the lab's cluster", a)
	}
	for _, a := range light {
		assert.Equal(t, int32(2), p.label[acct(a)], "%s stays with the light users", a)
	}
	for _, a := range append(slices.Clone(core), piece...) {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s is in the ring's cluster", a)
	}
	for _, a := range office {
		assert.Equal(t, int32(1), p.label[acct(a)], "%s stays in the office's", a)
	}
	assert.Equal(t, len(piece), p.joined)
	assert.Len(t, sc.members[0], len(core)+len(piece))
	assert.GreaterOrEqual(t, Score(sc.sig[0], len(sc.members[0])), Score(before.sig[0], len(core)))
	// The cluster says it was joined, and how.
	assert.Equal(t, len(piece), sc.sig[0].Joined)
	assert.Equal(t, 1, sc.sig[0].JoinedPieces)
	assert.Zero(t, sc.sig[0].Attached, "the piece's stragglers are among the joined")
	assert.Zero(t, sc.sig[1].Joined, "the office joined nothing")
	reasons := strings.Join(Reasons(sc.sig[0], len(sc.members[0])), "\n")
	assert.Contains(t, reasons, fmt.Sprintf("%d of them came in a smaller cluster that scored under the threshold on its own", len(piece)))
}

// TestJoinFamiliesToRing leaves four of a ring's families (three
// accounts on one card, device and address, all working heavily on the
// ring's one template) in clusters of their own beside the flagged
// cluster that holds the rest, as community detection can, and checks
// that they join it although each member holds only one of its values,
// while households whose members all send the same template, at half the
// ring's volume but not at extraction's, stay as they are.
func TestJoinFamiliesToRing(t *testing.T) {
	s := newSynth(29)
	cells := ringFamilies(s, "cell", 30, 3)
	ring, fams := cells[:26], cells[26:]
	var houses [][]string
	for h := range 6 {
		var g []string
		for m := range 3 {
			a := fmt.Sprintf("house%d-%d", h, m)
			g = append(g, a)
			for range 20 {
				s.rec(s.at(), a, "request", fmt.Sprintf("90.9.%d.9", h), fmt.Sprintf("card-house%d", h), "dev-"+a, a+"@mail.test", "ring-tmpl", 700+s.rng.IntN(700))
			}
		}
		houses = append(houses, g)
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, slices.Concat(ring...))
	for _, g := range append(slices.Clone(fams), houses...) {
		for _, a := range g {
			p.label[acct(a)] = int32(p.nLab)
		}
		p.nLab++
	}
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], 78), DefaultThreshold, "the ring's cluster is flagged")
	for i := range fams {
		require.Less(t, Score(before.sig[1+i], 3), DefaultThreshold, "family %d alone is not", i)
		require.GreaterOrEqual(t, before.sig[1+i].Volume, familyVolume, "family %d works like extraction", i)
	}
	for i := range houses {
		v := before.sig[1+len(fams)+i].Volume
		require.Less(t, v, familyVolume, "household %d does not", i)
		require.GreaterOrEqual(t, v, before.sig[0].Volume/2, "household %d is half as heavy as the ring", i)
	}

	sc := p.joinFragments(before, DefaultThreshold)
	for _, a := range slices.Concat(append(slices.Clone(ring), fams...)...) {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s is in the ring's cluster", a)
	}
	assert.Len(t, sc.members[0], 90)
	assert.Equal(t, 12, sc.sig[0].Joined)
	assert.Equal(t, 4, sc.sig[0].JoinedPieces)
	for _, g := range houses {
		l := p.label[acct(g[0])]
		assert.NotEqual(t, int32(0), l, "%s is not in the ring", g[0])
		for _, a := range g {
			assert.Equal(t, l, p.label[acct(a)], "%s stays with its household", a)
		}
		assert.Len(t, sc.members[l], 3)
	}
}

// TestAttachByExits: ring members left alone whose only ties to the
// flagged ring are the proxy exits they share with it (no template, a
// card of their own, a popular fingerprint) join it, each holding several
// of its exits; the residents behind some of those exits, each holding
// one, stay alone.
func TestAttachByExits(t *testing.T) {
	s := newSynth(17)
	exit := func(j int) string { return fmt.Sprintf("%d.%d.%d.%d", 20+j%150, (11*j)%250, (17*j)%250, 1+j%250) }
	var core, join, stay []string
	for i := range 90 {
		a := fmt.Sprintf("ring-%d", i)
		tmpl := func() string { return fmt.Sprintf("ring-tmpl-%d", s.rng.IntN(8)) }
		if i%3 == 0 {
			tmpl = func() string { return "" }
			join = append(join, a)
		} else {
			core = append(core, a)
		}
		for range 8 {
			s.rec(s.at(), a, "request", exit(s.rng.IntN(120)), "card-"+a, popular[i%2], a+"@mail.test", tmpl(), 1500+s.rng.IntN(1500))
		}
	}
	for j := range 12 {
		a := fmt.Sprintf("resident-%d", j)
		stay = append(stay, a)
		for range 6 {
			s.rec(s.at(), a, "request", exit(j), "card-"+a, "dev-"+a, a+"@mail.test", "", 1500+s.rng.IntN(1500))
		}
	}
	s.legit("home", 300)
	p, acct := handCluster(t, s, true, core)
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the core is flagged")

	sc := p.attachLone(before, DefaultThreshold, nil)
	for _, a := range join {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s joins by the exits", a)
	}
	for _, a := range stay {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
	assert.Equal(t, len(join), sc.sig[0].Attached)
}

// TestAttachFromCrowd: ring members on a popular fingerprint that
// community detection put in a crowd cluster of that fingerprint's users
// leave it for the flagged ring they hold two of its templates with; the
// crowd stays, and a cluster left with one member is dissolved.
func TestAttachFromCrowd(t *testing.T) {
	s := newSynth(19)
	member := func(a, dev string, i int) {
		su := s.start + 3600 + int64(i*3%600)
		s.rec(su, a, "signup", "", "", dev, a+"@mail.test", "", 0)
		for k := range 25 {
			ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, "", dev, "", fmt.Sprintf("ring-tmpl-%d", k%5), 800+s.rng.IntN(1200))
		}
	}
	var core, strays []string
	for i := range 120 {
		a := fmt.Sprintf("ring-%d", i)
		if i%4 == 0 {
			member(a, "chrome", i)
			strays = append(strays, a)
			continue
		}
		member(a, fmt.Sprintf("ring-box-%d", i%4), i)
		core = append(core, a)
	}
	crowd := browserUsers(s, 60, false)
	// A pair: one stray and one ordinary user of the fingerprint.
	member("ring-pair", "chrome", 7)
	s.rec(s.start+100, "pair-user", "request", "81.5.5.5", "card-pair-user", "chrome", "pair-user@mail.test", "", 200)
	s.legit("home", 300)
	p, acct := handClusters(t, s, true, core, append(slices.Clone(strays), crowd...), []string{"ring-pair", "pair-user"})
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the core is flagged")
	require.Less(t, Score(before.sig[1], len(strays)+len(crowd)), DefaultThreshold, "the crowd is not")

	sc := p.attachLone(before, DefaultThreshold, nil)
	for _, a := range append(strays, "ring-pair") {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s joins the ring", a)
	}
	for _, a := range crowd {
		assert.Equal(t, int32(1), p.label[acct(a)], "%s stays in the crowd", a)
	}
	assert.Equal(t, int32(-1), p.label[acct("pair-user")], "alone once the stray left")
	assert.Equal(t, 2, p.nLab)
	assert.Equal(t, len(strays)+1, sc.sig[0].Attached)
	assert.Len(t, sc.members[1], len(crowd))
}

// TestAttachToNextRing: two rings from one operator share its machines.
// Ring A works at full extraction strength; ring B sends fewer, shorter
// requests. Its stragglers work on B's three templates from A's four
// machines, so A claims them by four values and B by three. A turns them away (under
// half its volume), and in the next round they join B, which claims
// them by three of its own values and whose volume they match. A stranger
// on one of A's machines who once sent a B template stays alone.
func TestAttachToNextRing(t *testing.T) {
	s := newSynth(29)
	s.legit("home", 300)
	var ringA, ringB, stragglers []string
	for i := range 120 {
		a := fmt.Sprintf("a-%d", i)
		ringMember(s, a, []string{fmt.Sprintf("box-%d", i%4)}, i)
		ringA = append(ringA, a)
	}
	// light writes one of ring B's accounts: eight short requests on its
	// three templates from fresh exits, on the machines devs in turn.
	light := func(a, card string, su int64, devs ...string) {
		s.rec(su, a, "signup", "", card, devs[0], a+"@mail.test", "", 0)
		for k := range 8 {
			ip := fmt.Sprintf("47.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", ip, "", devs[k%len(devs)], "", fmt.Sprintf("b-tmpl-%d", k%3), 500+s.rng.IntN(300))
		}
	}
	for i := range 90 {
		a := fmt.Sprintf("b-%d", i)
		light(a, fmt.Sprintf("b-card-%d", i/3), s.start+7200+int64(i*5%900), fmt.Sprintf("b-box-%d", i%3))
		ringB = append(ringB, a)
	}
	for i := range 6 {
		a := fmt.Sprintf("straggler-%d", i)
		light(a, "", s.start+7200+int64(i*13), "box-0", "box-1", "box-2", "box-3")
		stragglers = append(stragglers, a)
	}
	for k := range 8 {
		tmpl := ""
		if k == 0 {
			tmpl = "b-tmpl-0"
		}
		s.rec(s.at(), "stranger", "request", "81.9.0.1", "card-stranger", "box-1", "stranger@mail.test", tmpl, 500+s.rng.IntN(300))
	}
	traffic := slices.Clone(s.lines)
	build := func() (*partition, func(string) int32) {
		s.lines = slices.Clone(traffic)
		return handClusters(t, s, true, ringA, ringB)
	}

	p, acct := build()
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(ringA)), DefaultThreshold, "ring A is flagged")
	require.GreaterOrEqual(t, Score(before.sig[1], len(ringB)), DefaultThreshold, "ring B is flagged")
	p.attachLone(before, DefaultThreshold, nil)
	for _, a := range stragglers {
		require.Equal(t, int32(-1), p.label[acct(a)], "%s: ring A claims it most and turns it away", a)
	}

	p, acct = build()
	sc := p.attachRounds(newScorer(p), DefaultThreshold)
	for _, a := range stragglers {
		assert.Equal(t, int32(1), p.label[acct(a)], "%s joins ring B", a)
	}
	assert.Equal(t, int32(-1), p.label[acct("stranger")], "the stranger stays alone")
	assert.Len(t, sc.members[0], len(ringA))
	assert.Len(t, sc.members[1], len(ringB)+len(stragglers))
	assert.Equal(t, len(stragglers), sc.sig[1].Attached)
}

// TestRescoreKeepsAssembly: scoring again after a step moved accounts
// keeps what every earlier step said of how each cluster was put
// together; a variant merge or a gathered group lost its reason when a
// later step attached stragglers or left residents out.
func TestRescoreKeepsAssembly(t *testing.T) {
	s := newSynth(67)
	ring := ringOnBox(s, 20)
	s.legit("user", 50)
	p, _ := handCluster(t, s, true, ring)
	prev := newScorer(p)
	was := Signals{Attached: 3, Pooled: true, Gathered: true, Cut: true, Joined: 2, JoinedPieces: 1, Families: 4, Variants: true, Residents: 5}
	prev.sig[0].assembly(was)
	sc := rescore(p, prev, []int32{0}, func(_ int32, sg *Signals) { sg.Attached++ })
	got := sc.sig[0]
	assert.Equal(t, Signals{Attached: 4, Pooled: true, Gathered: true, Cut: true, Joined: 2, JoinedPieces: 1, Families: 4, Variants: true, Residents: 5},
		Signals{Attached: got.Attached, Pooled: got.Pooled, Gathered: got.Gathered, Cut: got.Cut, Joined: got.Joined, JoinedPieces: got.JoinedPieces, Families: got.Families, Variants: got.Variants, Residents: got.Residents})
	assert.Positive(t, got.Requests, "the cluster was scored again")
}

// ringOnBox writes n ring members (ring-0, ...) working from one machine,
// ring-box.
func ringOnBox(s *synth, n int) []string {
	var ring []string
	for i := range n {
		a := fmt.Sprintf("ring-%d", i)
		ring = append(ring, a)
		ringMember(s, a, []string{"ring-box"}, i)
	}
	return ring
}

// TestAttachLoneLiftsRingPiece: community detection left a ring tied by
// its templates alone half in a cluster and half in none. The cluster
// holds most of each template's users, so the templates are its own, but
// its members' requests are on templates half used outside it, and it
// scores under the threshold. Its stragglers hold its templates and work
// as it does: they join, and the cluster is flagged whole. A light user
// who sent two of the templates once each, and one who sent one, stay
// alone.
func TestAttachLoneLiftsRingPiece(t *testing.T) {
	s := newSynth(5)
	s.legit("home", 300)
	var core, join []string
	for i := range 100 {
		a := fmt.Sprintf("ring-%d", i)
		s.rec(s.anyHour(), a, "signup", "", "", popular[i%2], a+"@mail.test", "", 0)
		for k := range 12 {
			ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(s.anyHour(), a, "request", ip, "", popular[i%2], "", fmt.Sprintf("ring-tmpl-%d", (i+k)%5), 1500+s.rng.IntN(1000))
		}
		if i%20 < 11 {
			core = append(core, a)
		} else {
			join = append(join, a)
		}
	}
	for k := range 4 {
		s.rec(s.at(), "light", "request", "81.9.0.1", "card-light", "dev-light", "light@mail.test", fmt.Sprintf("ring-tmpl-%d", k%2), 300)
	}
	s.rec(s.at(), "once", "request", "81.9.0.2", "card-once", "dev-once", "once@mail.test", "ring-tmpl-3", 300)
	p, acct := handCluster(t, s, true, core)
	before := newScorer(p)
	require.Less(t, Score(before.sig[0], len(core)), DefaultThreshold, "the piece alone is not flagged")

	sc := p.attachLone(before, DefaultThreshold, nil)
	for _, a := range join {
		require.Equal(t, int32(0), p.label[acct(a)], "%s joins", a)
	}
	for _, a := range []string{"light", "once"} {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
	assert.Equal(t, len(join), sc.sig[0].Attached)
	assert.GreaterOrEqual(t, Score(sc.sig[0], len(sc.members[0])), DefaultThreshold, "the ring is flagged whole")
}

// TestAttachLeavesFingerprintVictims: a ring wears its victims' rare
// fingerprints, two accounts to a victim, so each victim is one identity
// with two ring accounts. The ring accounts left out of the ring's
// cluster hold its templates and join it; their victims, tied to them by
// the fingerprint alone and holding none of the ring's values, stay
// where they were.
func TestAttachLeavesFingerprintVictims(t *testing.T) {
	s := newSynth(41)
	s.legit("home", 300)
	victims, ring := wearers(s, 40)
	core, join, stay := ring[:60], ring[60:], victims[30:]
	p, acct := handCluster(t, s, true, core)
	require.Equal(t, p.comp[acct("victim-31")], p.comp[acct("ring-62")], "a victim is one identity with the accounts wearing its fingerprint")
	before := newScorer(p)
	require.GreaterOrEqual(t, Score(before.sig[0], len(core)), DefaultThreshold, "the core is flagged")

	sc := p.attachLone(before, DefaultThreshold, nil)
	for _, a := range join {
		assert.Equal(t, int32(0), p.label[acct(a)], "%s joins", a)
	}
	for _, a := range stay {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
	assert.Len(t, sc.members[0], len(core)+len(join))
}
