package linkage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringlink/ringlink/store"
)

func TestScoreNoSingleSignalFlags(t *testing.T) {
	tests := []struct {
		name string
		s    Signals
		size int
		flag bool
	}{
		{"templates alone", Signals{TemplateShare: 1}, 100, false},
		{"bursts alone", Signals{SignupBurst: 1}, 100, false},
		{"lockstep alone", Signals{Lockstep: 1}, 100, false},
		{"round the clock alone (an app's keys)", Signals{RoundTheClock: 1}, 100, false},
		{"round the clock on its own templates at a phone's volume (a SIM farm)", Signals{TemplateShare: 0.66, Volume: 0.56, RoundTheClock: 0.56}, 596, true},
		{"the same resting at night", Signals{TemplateShare: 0.66, Volume: 0.56}, 596, false},
		{"volume alone", Signals{Volume: 1}, 100, false},
		{"many kinds alone (an office)", Signals{EvidenceKind: 5}, 100, false},
		{"office with some own templates", Signals{TemplateShare: 0.35, Volume: 0.2, EvidenceKind: 3}, 300, false},
		{"templates and volume", Signals{TemplateShare: 1, Volume: 1}, 100, true},
		{"templates and lockstep", Signals{TemplateShare: 1, Lockstep: 0.8}, 60, true},
		{"household with everything", Signals{TemplateShare: 1, Volume: 1, SignupBurst: 1, EvidenceKind: 3}, 2, false},
		{"organisation with own templates, kinds and volume", Signals{TemplateShare: 1, Volume: 1, EvidenceKind: 4, OneSite: true, Organisation: "school.test"}, 60, false},
		{"coordinated at an ordinary pace (a reseller's customers)", Signals{TemplateShare: 1, EvidenceKind: 4, Volume: 0.1}, 1000, false},
		{"coordinated and heavy", Signals{TemplateShare: 1, EvidenceKind: 4, Volume: 0.3}, 1000, true},
		{"organisation automating heavily", Signals{TemplateShare: 1, Volume: 1, Lockstep: 0.8, OneSite: true, Organisation: "shop.test"}, 60, true},
		{"paraphrasing ring: many private templates, heavy", Signals{TemplateShare: 0.38, OwnTemplates: 607, Volume: 0.83, EvidenceKind: 2}, 145, true},
		{"the same at a crowd's few private templates", Signals{TemplateShare: 0.38, OwnTemplates: 30, Volume: 0.83, EvidenceKind: 2}, 145, false},
		{"many private templates at an ordinary pace", Signals{TemplateShare: 0.38, OwnTemplates: 607, Volume: 0.1, EvidenceKind: 2}, 145, false},
		{"an organisation's many private templates", Signals{TemplateShare: 0.38, OwnTemplates: 607, Volume: 0.83, EvidenceKind: 2, OneSite: true, Organisation: "evals.test"}, 145, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := Score(tc.s, tc.size)
			assert.GreaterOrEqual(t, sc, 0.0)
			assert.LessOrEqual(t, sc, 1.0)
			assert.Equal(t, tc.flag, sc >= DefaultThreshold, "score %v", sc)
			assert.NotEmpty(t, Reasons(tc.s, tc.size))
		})
	}
}

func TestCoincidence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	uniform := make([]int64, 200)
	for i := range uniform {
		uniform[i] = rng.Int64N(7 * dayMS)
	}
	lock := make([]int64, 200)
	for i := range lock {
		lock[i] = int64(i/4)*1_200_000 + rng.Int64N(3000) // waves of four, 20 min apart
	}
	share, chance := coincidence(uniform, LockWindowMS)
	assert.Less(t, excess(share, chance), 0.05, "uniform traffic is not lockstep")
	share, chance = coincidence(lock, LockWindowMS)
	assert.Greater(t, excess(share, chance), 0.8, "waves are")
	share, chance = coincidence([]int64{1, 2}, LockWindowMS)
	assert.Zero(t, excess(share, chance), "two accounts prove nothing")
}

// TestTemplateSignal: the template signal is the template share, or the
// private templates per member over privateFull when that is larger, and
// the reasons say which.
func TestTemplateSignal(t *testing.T) {
	tests := []struct {
		name   string
		s      Signals
		size   int
		want   float64
		reason string
	}{
		{"share larger", Signals{TemplateShare: 0.9, OwnTemplates: 3}, 100, 0.9, "90% template concentration"},
		{"private templates larger", Signals{TemplateShare: 0.38, OwnTemplates: 150}, 100, 0.75, "private templates: the members share 150 templates used mostly inside the cluster, 1.5 per member, though only 38% of their templated requests are on them"},
		{"private templates in full", Signals{TemplateShare: 0.38, OwnTemplates: 607}, 145, 1, "4.2 per member"},
		{"no templates", Signals{}, 10, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, templateSignal(tc.s, tc.size), 1e-9)
			if tc.reason != "" {
				assert.Contains(t, strings.Join(Reasons(tc.s, tc.size), "\n"), tc.reason)
			}
		})
	}
	missing := strings.Join(Missing(Signals{TemplateShare: 0.38, OwnTemplates: 607}, 145), "\n")
	assert.NotContains(t, missing, "template concentration only", "many private templates are not weak")
}

// TestMissing names the signals that keep a cluster's score down, and none
// for a cluster that has them all.
func TestMissing(t *testing.T) {
	office := Signals{TemplateShare: 0.04, ReqRatio: 1.2, EvidenceKind: 1}
	got := Missing(office, 40)
	require.Len(t, got, 4)
	assert.Contains(t, got[0], "template concentration only 4%")
	assert.Equal(t, "little or no signup burst, lockstep or round-the-clock activity beyond what chance gives", got[1])
	assert.Equal(t, "near-ordinary volume: 1.2x the median account's requests per day", got[2])
	assert.Equal(t, "only one kind of shared evidence covers at least half the members", got[3])
	ring := Signals{TemplateShare: 0.9, Lockstep: 0.6, Volume: 0.8, EvidenceKind: 3}
	assert.Empty(t, Missing(ring, 40))
}

// TestExitPool: a ring rotating through rented residential exits, each
// exit coming back for a few members, holds its addresses in about as many
// networks as it has members; a carrier's users, rotating through a NAT
// pool as fast, hold theirs in two /24s. The signal tells them apart, and
// on its own (ordinary volume, no templates, no timing) flags nothing.
func TestExitPool(t *testing.T) {
	s := newSynth(21)
	const ringSize, exits = 60, 150
	for i := range ringSize {
		a := fmt.Sprintf("ring%d", i)
		for range 6 {
			j := s.rng.IntN(exits)
			exit := fmt.Sprintf("%d.%d.%d.%d", 20+j%150, (11*j)%250, (17*j)%250, 1+j%250)
			s.rec(s.at(), a, "request", exit, "card-"+a, fmt.Sprintf("dev-pop-%d", i%3), a+"@mail.test", "", 300)
		}
	}
	for i := range 300 {
		a := fmt.Sprintf("carrier%d", i)
		for range 6 {
			j := s.rng.IntN(exits)
			s.rec(s.at(), a, "request", fmt.Sprintf("100.64.%d.%d", j%2, 1+j/2), "card-"+a, fmt.Sprintf("dev-pop-%d", i%3), a+"@mail.test", "", 300)
		}
	}
	s.legit("user", 400)
	g := linkGroups(t, s)

	ring, ok := g["ring0"]
	require.True(t, ok, "the ring is clustered")
	assert.GreaterOrEqual(t, ring.Signals.Networks, ringSize, "its exits lie in about as many networks as it has members")
	assert.Greater(t, ring.Signals.ExitPool, 0.7)
	assert.False(t, ring.Flagged, "an exit pool alone flags nothing (score %.3f)", ring.Score)
	assert.Contains(t, strings.Join(ring.Reasons, "\n"), "exit pool")

	carrier, ok := g["carrier0"]
	require.True(t, ok, "the carrier's users are clustered")
	assert.Less(t, carrier.Signals.Networks, 10, "the NAT pool's two /24s and a few homes")
	assert.Less(t, carrier.Signals.ExitPool, 0.05)
}

// TestOneSite checks that addresses shared inside one network (an
// office's NAT) do not count as a kind of evidence, even with two of the
// staff also sharing a home address elsewhere, while the same office
// reaching the API from two networks, and the team cards (each shared by
// four) both use, do.
func TestOneSite(t *testing.T) {
	s := newSynth(23)
	offices := []struct {
		name string
		nets int
	}{{"one", 1}, {"two", 2}}
	for _, o := range offices {
		for i := range 40 {
			a := fmt.Sprintf("%s%d", o.name, i)
			for j := range 6 {
				ip := fmt.Sprintf("81.%d.%d.%d", 10*o.nets, (i+j)%o.nets, 1+(i+j)%4)
				s.rec(s.at(), a, "request", ip, fmt.Sprintf("card-%s-%d", o.name, i/4), "dev-"+a, a+"@mail.test", "", 300)
			}
		}
	}
	for _, a := range []string{"one0", "one1"} {
		s.rec(s.at(), a, "request", "90.1.2.3", "card-one-0", "dev-"+a, a+"@mail.test", "", 300)
	}
	s.legit("user", 400)
	g := linkGroups(t, s)

	one, ok := g["one0"]
	require.True(t, ok, "the office is clustered")
	assert.Equal(t, 2, one.Signals.Networks, "the office's and the home's")
	assert.True(t, one.Signals.OneSite)
	assert.Equal(t, 1, one.Signals.EvidenceKind, "the card; not the site's NAT")
	assert.Contains(t, strings.Join(one.Reasons, "\n"), "ip 100% (one site's network: not counted)")
	assert.Contains(t, strings.Join(Missing(one.Signals, one.Size), "\n"), "cover them through one network")

	two, ok := g["two0"]
	require.True(t, ok)
	assert.Equal(t, 2, two.Signals.Networks)
	assert.False(t, two.Signals.OneSite)
	assert.Equal(t, 2, two.Signals.EvidenceKind, "the card and the addresses")
	assert.Greater(t, two.Score, one.Score)
}

// TestOrganisation: two groups alike in all but their mail, each at one
// site with one card, one device image and a template of its own, working
// heavily. The group whose members have their mail at a domain of their
// own says who it is (a school's pupils, a firm's staff): what it shares
// is not counted, and it is not flagged. The group on a public provider
// is, and so is a group with its own domain whose members sign up at one
// address and then rotate through proxies. Call-centre agents at the
// centre alone are an organisation too, and so are an agency's clients,
// each with mail at a domain of its own, whose accounts its staff work
// from its office.
func TestOrganisation(t *testing.T) {
	s := newSynth(29)
	groupsOf := []struct {
		name, domain string
		home         bool // a third of the requests from a home address of its own
	}{{"pupil", "school.test", true}, {"crew", "mail.test", true}, {"agent", "callcentre.test", false}, {"client", "", false}}
	for g, grp := range groupsOf {
		for i := range 40 {
			a := fmt.Sprintf("%s%d", grp.name, i)
			domain := grp.domain
			if domain == "" {
				domain = fmt.Sprintf("shop%d.test", i)
			}
			for k := range 30 {
				ip := fmt.Sprintf("66.%d.20.5", 10+g)
				if grp.home && k%3 == 0 {
					ip = fmt.Sprintf("90.%d.%d.9", 10+g, i)
				}
				s.rec(s.at(), a, "request", ip, "card-"+grp.name, "image-"+grp.name, a+"@"+domain, "tmpl-"+grp.name, 1500+s.rng.IntN(1000))
			}
		}
	}
	// A third group signs up on one address with mail at its own domain,
	// then sends every request from a new proxy exit: not people at a
	// place, so no organisation.
	for i := range 40 {
		a := fmt.Sprintf("rotor%d", i)
		s.rec(s.start+int64(i)*40, a, "signup", "66.30.20.5", "card-rotor", "image-rotor", a+"@rotor.test", "", 0)
		for range 30 {
			exit := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(s.at(), a, "request", exit, "card-rotor", "image-rotor", "", "tmpl-rotor", 1500+s.rng.IntN(1000))
		}
	}
	s.legit("user", 400)
	g := linkGroups(t, s)

	agents, ok := g["agent0"]
	require.True(t, ok, "the call centre is clustered")
	assert.Equal(t, "callcentre.test", agents.Signals.Organisation, "at the site alone, but settled there")
	assert.False(t, agents.Flagged, "score %.3f", agents.Score)

	rotor, ok := g["rotor0"]
	require.True(t, ok, "the rotating group is clustered")
	assert.True(t, rotor.Signals.OneSite, "its one shared address is a site")
	assert.Empty(t, rotor.Signals.Organisation, "a new address on every request")
	assert.True(t, rotor.Flagged, "score %.3f", rotor.Score)

	pupils, ok := g["pupil0"]
	require.True(t, ok, "the pupils are clustered")
	assert.Equal(t, 40, pupils.Size)
	assert.True(t, pupils.Signals.OneSite)
	assert.Equal(t, "school.test", pupils.Signals.Organisation)
	assert.Equal(t, 1.0, pupils.Signals.OrgShare)
	assert.False(t, pupils.Flagged, "an organisation's sharing is not counted (score %.3f)", pupils.Score)
	assert.Contains(t, pupils.Reasons[len(pupils.Reasons)-4], "one organisation: 100% of members have their mail at school.test")
	assert.Contains(t, strings.Join(Missing(pupils.Signals, pupils.Size), "\n"), "one organisation (100% of members' mail at school.test, one site)")

	crew, ok := g["crew0"]
	require.True(t, ok, "the crew is clustered")
	assert.True(t, crew.Signals.OneSite)
	assert.Empty(t, crew.Signals.Organisation, "mail.test is everyone's provider")
	assert.True(t, crew.Flagged, "score %.3f", crew.Score)
	assert.Equal(t, crew.Signals.EvidenceKind, pupils.Signals.EvidenceKind, "the same sharing")

	clients, ok := g["client0"]
	require.True(t, ok, "the agency's clients are clustered")
	assert.Equal(t, 40, clients.Size)
	assert.Empty(t, clients.Signals.Organisation, "no one domain")
	assert.Equal(t, 1.0, clients.Signals.ClientShare)
	assert.False(t, clients.Flagged, "score %.3f", clients.Score)
	assert.Equal(t, crew.Signals.EvidenceKind, clients.Signals.EvidenceKind, "the same sharing")
	assert.Contains(t, strings.Join(clients.Reasons, "\n"), "one firm's clients: 100% of members each have their mail at a domain no other account uses")
	assert.Contains(t, strings.Join(Missing(clients.Signals, clients.Size), "\n"), "one firm's clients (100% of members each at a mail domain of their own, one site)")
}

func TestExitPoolStrength(t *testing.T) {
	tests := []struct {
		name       string
		nets, size int
		want       float64
	}{
		{"none", 0, 50, 0},
		{"a household's address", 1, 3, 0.020},
		{"a carrier's NAT pool", 4, 2400, 0},
		{"an office", 3, 1800, 0},
		{"half strength", 16, 16, 0.5},
		{"rented exits, more networks than members", 800, 500, 0.98},
		{"rented exits, one network a member", 300, 300, 0.949},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, exitPool(tt.nets, tt.size), 0.0005)
		})
	}
}

// TestTrafficEnd: rates run to the end of the traffic, which a handful of
// records dated far ahead must not move.
func TestTrafficEnd(t *testing.T) {
	const base, minute, far = int64(1_790_000_000_000), int64(60_000), int64(253_402_300_799_000)
	spread := func(n int) []store.AccountStats {
		var st []store.AccountStats
		for i := range n {
			st = append(st, store.AccountStats{Requests: 1, First: base, Last: base + int64(i)*minute})
		}
		return st
	}
	tests := []struct {
		name  string
		stats []store.AccountStats
		want  int64
	}{
		{"no accounts", nil, 0},
		{"a small population ends at its latest record", spread(3), base + 2*minute},
		{"one far record in two thousand is set aside",
			append(spread(2000), store.AccountStats{Requests: 1, First: base, Last: far}), base + 1998*minute},
		{"two thousand clean accounts lose their latest two", spread(2000), base + 1997*minute},
		{"accounts without records do not count",
			append(spread(3), store.AccountStats{}, store.AccountStats{}), base + 2*minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, trafficEnd(tc.stats))
		})
	}
}

// TestTrafficStart: rates run from the start of the traffic's requests,
// which a stray request dated far back must not move.
func TestTrafficStart(t *testing.T) {
	tests := []struct {
		name string
		days []store.DayCount
		want int64
	}{
		{"unknown or empty", nil, 0},
		{"requests on one day", []store.DayCount{{Day: 20_000, Requests: 5}}, 20_000 * dayMS},
		{"the first day with requests", []store.DayCount{{Day: 20_000, Requests: 0}, {Day: 20_003, Requests: 2}, {Day: 20_004, Requests: 9}}, 20_003 * dayMS},
		{"one stray request in two thousand is set aside",
			[]store.DayCount{{Day: 1, Requests: 1}, {Day: 20_000, Requests: 1000}, {Day: 20_001, Requests: 1000}}, 20_000 * dayMS},
		{"two in two thousand are not",
			[]store.DayCount{{Day: 1, Requests: 3}, {Day: 20_000, Requests: 1000}, {Day: 20_001, Requests: 1000}}, 1 * dayMS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, trafficStart(tc.days))
		})
	}
}

// TestRateCountsTheTrafficNotTheYearsBefore: accounts whose signup records
// are dated a year before a week of traffic (an account export beside the
// API logs) are measured over the week they could use. Counted from the
// signup, a ring making 40 requests a week came out at 0.1 a day.
func TestRateCountsTheTrafficNotTheYearsBefore(t *testing.T) {
	s := newSynth(1)
	const yearAgo = 365 * 86400
	s.legit("user", 600)
	for i := range 600 {
		a := fmt.Sprintf("user-%d", i)
		s.rec(s.start-yearAgo+int64(i), a, "signup", "", "card-"+a, "dev-"+a, a+"@mail.test", "", 0)
	}
	s.ring("alpha", 0, 40)
	for i := range 40 {
		a := fmt.Sprintf("alpha-%d", i)
		s.rec(s.start-yearAgo/2+int64(i), a, "signup", "", "", "", a+"@mail.test", "", 0)
	}
	g := linkGroups(t, s)
	ring := g["alpha-0"]
	require.NotEmpty(t, ring.ID)
	// 40 requests over the 7 days between the traffic's start and end.
	assert.InDelta(t, 40.0/synthDays, ring.Signals.ReqPerDay, 0.3)
	// Ordinary accounts make 1 to 10 requests in the week: the ring is
	// several times heavier, not hundreds of times.
	assert.Greater(t, ring.Signals.ReqRatio, 4.0)
	assert.Less(t, ring.Signals.ReqRatio, 15.0)
}

// TestOrganisationAtSeveralSites: a firm whose staff reach the API through
// a gateway's egress in four networks (its offices in four countries),
// with mail at its own domain, one invoice and one laptop image, working
// heavily on a template of its own, says who it is as a firm at one site
// does. A group alike in all but its addresses, each member on a sticky
// exit it shares with one other, reaches the API from exits, not sites.
func TestOrganisationAtSeveralSites(t *testing.T) {
	s := newSynth(41)
	for i := range 120 {
		a := fmt.Sprintf("staff%d", i)
		for k := range 30 {
			ip := fmt.Sprintf("66.50.%d.%d", 1+(i+k)%4, 1+k%2)
			s.rec(s.at(), a, "request", ip, "invoice-corp", "image-corp", a+"@corp.test", "tmpl-corp", 1500+s.rng.IntN(1000))
		}
	}
	for i := range 120 {
		a := fmt.Sprintf("pair%d", i)
		for range 30 {
			ip := fmt.Sprintf("77.%d.%d.9", 1+i/2, 1+i/2%200)
			s.rec(s.at(), a, "request", ip, "invoice-pair", "image-pair", a+"@pair.test", "tmpl-pair", 1500+s.rng.IntN(1000))
		}
	}
	s.legit("user", 400)
	g := linkGroups(t, s)

	firm, ok := g["staff0"]
	require.True(t, ok, "the firm is clustered")
	assert.Equal(t, 120, firm.Size)
	assert.Equal(t, 4, firm.Signals.Networks)
	assert.False(t, firm.Signals.OneSite, "every member works from all four")
	assert.Equal(t, "corp.test", firm.Signals.Organisation)
	assert.False(t, firm.Flagged, "an organisation's sharing is not counted (score %.3f)", firm.Score)
	assert.Contains(t, strings.Join(firm.Reasons, "\n"), "share 4 networks of their own, sites rather than exits")
	assert.Contains(t, strings.Join(Missing(firm.Signals, firm.Size), "\n"), "one organisation (100% of members' mail at corp.test, 4 sites)")

	pairs, ok := g["pair0"]
	require.True(t, ok, "the pairs are clustered")
	assert.Equal(t, 60, pairs.Signals.Networks)
	assert.Empty(t, pairs.Signals.Organisation, "two members to an exit")
	assert.True(t, pairs.Flagged, "score %.3f", pairs.Score)
}

// TestOrganisationAtHome: a firm whose staff work from home, each at an
// address of their own, with mail at its own domain and one invoice for
// all, working heavily on its guideline's templates, is an organisation
// although it has no site: its one payer says who its members work for.
// A group alike but for the card, each member paying with its own, is
// not: nothing then says that one employer pays for them.
func TestOrganisationAtHome(t *testing.T) {
	s := newSynth(43)
	for _, g := range []string{"staff", "crew"} {
		for i := range 150 {
			a := fmt.Sprintf("%s%d", g, i)
			card := "invoice-" + g
			if g == "crew" {
				card = "card-" + a
			}
			home := fmt.Sprintf("82.%d.%d.1", len(g), i)
			for range 40 {
				s.rec(s.at(), a, "request", home, card, "dev-"+a, a+"@"+g+".test", fmt.Sprintf("%s-guide-%d", g, s.rng.IntN(6)), 1500+s.rng.IntN(1000))
			}
		}
	}
	s.legit("user", 400)
	g := linkGroups(t, s)

	firm, ok := g["staff0"]
	require.True(t, ok, "the firm is clustered")
	assert.Equal(t, 150, firm.Size)
	assert.True(t, firm.Signals.OnePayer)
	assert.True(t, firm.Signals.AtHome, "told by its payer, not its sites")
	assert.False(t, firm.Signals.OneSite)
	assert.Equal(t, "staff.test", firm.Signals.Organisation)
	assert.False(t, firm.Flagged, "an organisation's sharing is not counted (score %.3f)", firm.Score)
	assert.Contains(t, strings.Join(firm.Reasons, "\n"), "pay through one card for all and mostly share no address")
	assert.Contains(t, strings.Join(Missing(firm.Signals, firm.Size), "\n"), "one organisation (100% of members' mail at staff.test, one payer, no shared site)")

	crew, ok := g["crew0"]
	require.True(t, ok, "the crew is clustered")
	assert.Empty(t, crew.Signals.Organisation, "each pays for itself")
	assert.True(t, crew.Flagged, "score %.3f", crew.Score)
}

// TestOnePayer: a study's participants all pay with the study's credit,
// a ring pays through cards each shared by three of its members. Both
// clusters' cards cover every member; only the ring's count as a kind of
// evidence, and the study's reasons say why not. A ring whose most held
// card pays for a fifth of it still pays through a pool.
func TestOnePayer(t *testing.T) {
	s := newSynth(37)
	s.legit("home", 300)
	var study, ring []string
	for i := range 120 {
		a := fmt.Sprintf("study-%d", i)
		su := s.start + 86400 + int64(i*20)
		s.rec(su, a, "signup", fmt.Sprintf("81.7.%d.1", i), "study-credit", "dev-"+a, a+"@mail.test", "", 0)
		for k := range 12 {
			s.rec(su+60+s.rng.Int64N(2*86400), a, "request", fmt.Sprintf("81.7.%d.1", i), "study-credit", "dev-"+a, "", fmt.Sprintf("task-%d", k%4), 300+s.rng.IntN(400))
		}
		study = append(study, a)
	}
	for i := range 120 {
		a := fmt.Sprintf("ring-%d", i)
		su := s.start + 3600 + int64(i*7)
		card := fmt.Sprintf("ring-card-%d", i/3)
		s.rec(su, a, "signup", "", card, "dev-"+a, a+"@mail.test", "", 0)
		for k := range 12 {
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", fmt.Sprintf("45.%d.%d.1", i, k), card, "dev-"+a, "", fmt.Sprintf("ring-tmpl-%d", k%4), 2500+s.rng.IntN(600))
		}
		ring = append(ring, a)
	}
	// A ring that pays for a fifth of its accounts with one card and for
	// a third through cards shared by pairs: a pool, though one card is
	// the most held.
	var mixed []string
	for i := range 40 {
		a := fmt.Sprintf("mixed-%d", i)
		card := "card-" + a
		switch {
		case i < 8:
			card = "mixed-main"
		case i < 22:
			card = fmt.Sprintf("mixed-pair-%d", i/2)
		}
		su := s.start + 7200 + int64(i*11)
		s.rec(su, a, "signup", "", card, "dev-"+a, a+"@mail.test", "", 0)
		for k := range 12 {
			s.rec(su+60+s.rng.Int64N(synthDays*86400-7200), a, "request", fmt.Sprintf("46.%d.%d.1", i, k), card, "dev-"+a, "", fmt.Sprintf("mixed-tmpl-%d", k%4), 2500+s.rng.IntN(600))
		}
		mixed = append(mixed, a)
	}
	// A firm's card pays for twenty staff; four of them also share five
	// cards of their own, ten holdings in all but four people: still one
	// payer for the rest.
	var firm []string
	extra := [][]string{{"firm-x1", "firm-x2", "firm-x5"}, {"firm-x1", "firm-x2"}, {"firm-x3", "firm-x4", "firm-x5"}, {"firm-x3", "firm-x4"}}
	for i := range 20 {
		a := fmt.Sprintf("firm-%d", i)
		cards := []string{"firm-card"}
		if i < len(extra) {
			cards = append(cards, extra[i]...)
		}
		for k := range 8 {
			s.rec(s.at(), a, "request", "81.9.9.9", cards[k%len(cards)], "dev-"+a, a+"@mail.test", "", 300+s.rng.IntN(300))
		}
		firm = append(firm, a)
	}
	p, _ := handClusters(t, s, true, ring, study, mixed, firm)
	sc := newScorer(p)
	coverage := func(sg Signals, kind string) float64 {
		for _, k := range sg.Kinds {
			if k.Kind == kind {
				return k.Coverage
			}
		}
		return 0
	}
	ringSig, studySig := sc.sig[0], sc.sig[1]
	require.Equal(t, 1.0, coverage(ringSig, "payment"))
	require.Equal(t, 1.0, coverage(studySig, "payment"))
	assert.False(t, ringSig.OnePayer, "a pool of cards is the ring's")
	assert.True(t, studySig.OnePayer, "one credit for everyone is who pays")
	assert.Equal(t, 2, ringSig.EvidenceKind, "the ring's cards and templates")
	assert.Equal(t, 1, studySig.EvidenceKind, "the study's templates only")
	assert.Contains(t, strings.Join(Reasons(studySig, len(study)), "\n"), "payment 100% (one payer for all: not counted)")
	mixedSig := sc.sig[2]
	require.Equal(t, 0.55, coverage(mixedSig, "payment"))
	assert.False(t, mixedSig.OnePayer, "the most held card covers a fifth")
	assert.Equal(t, 2, mixedSig.EvidenceKind, "the mixed ring's cards and templates")
	assert.True(t, sc.sig[3].OnePayer, "four staff on five more cards are not half the firm")
}

// TestLogSpread: the spread of members' log request counts and whether
// they fall in clumps.
func TestLogSpread(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	stats := func(counts ...func(i int) int) ([]int32, []store.AccountStats) {
		var st []store.AccountStats
		for _, f := range counts {
			for i := 0; ; i++ {
				n := f(i)
				if n < 0 {
					break
				}
				st = append(st, store.AccountStats{Requests: uint64(n)})
			}
		}
		ms := make([]int32, len(st))
		for i := range ms {
			ms[i] = int32(i)
		}
		return ms, st
	}
	upTo := func(n int, f func() int) func(int) int {
		return func(i int) int {
			if i >= n {
				return -1
			}
			return f()
		}
	}
	yes, no := true, false
	tests := []struct {
		name                 string
		counts               []func(int) int
		spreadMin, spreadMax float64
		// clumped, when set, is whether the spread has clumps; an
		// operator's even volumes sit at the uniform spread's 5/9, where
		// it does not matter (their spread counts for nothing).
		clumped       *bool
		independentOK bool
	}{{
		name:      "one operator's accounts, 40 to 60 requests",
		counts:    []func(int) int{upTo(300, func() int { return 40 + rng.IntN(21) })},
		spreadMax: 0.2,
	}, {
		name:      "the same with a tenth of people behind its exits",
		counts:    []func(int) int{upTo(270, func() int { return 40 + rng.IntN(21) }), upTo(30, func() int { return 1 + rng.IntN(200) })},
		spreadMax: spreadOne,
	}, {
		name:          "independent users, log-normal volumes",
		counts:        []func(int) int{upTo(1000, func() int { return 1 + int(20*math.Exp(rng.NormFloat64())) })},
		spreadMin:     0.8,
		spreadMax:     1.2,
		clumped:       &no,
		independentOK: true,
	}, {
		name:      "two rings at their own volumes, merged",
		counts:    []func(int) int{upTo(500, func() int { return 5 + rng.IntN(3) }), upTo(250, func() int { return 35 + rng.IntN(10) })},
		spreadMax: 2,
		clumped:   &yes,
	}, {
		name:    "equal counts",
		counts:  []func(int) int{upTo(7, func() int { return 3 })},
		clumped: &no,
	}, {
		name:   "too few to tell",
		counts: []func(int) int{upTo(2, func() int { return 1 + rng.IntN(100) }), upTo(5, func() int { return 0 })},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, st := stats(tt.counts...)
			spread, bimodality := logSpread(ms, st)
			assert.False(t, math.IsNaN(bimodality) || math.IsInf(bimodality, 0))
			assert.GreaterOrEqual(t, spread, tt.spreadMin)
			assert.LessOrEqual(t, spread, tt.spreadMax)
			if tt.clumped != nil {
				assert.Equal(t, *tt.clumped, bimodality > 5.0/9, "bimodality %.3f", bimodality)
			}
			if spread == 0 {
				assert.Zero(t, bimodality, "no spread, no clumps")
			}
			ind := independence(Signals{Spread: spread, Bimodality: bimodality})
			if tt.independentOK {
				assert.Greater(t, ind, 0.5)
			} else {
				assert.Zero(t, ind)
			}
		})
	}
}

// TestProductUsersAreNotARing: an app's users all send its one prompt
// through its client's fingerprint and its servers' addresses, each as
// much as they need: what they share says who wrote the app. Accounts
// alike in every value but driven by one operator at one volume are a
// ring. Both are put in one cluster by hand and judged.
func TestProductUsersAreNotARing(t *testing.T) {
	for _, tt := range []struct {
		name    string
		volume  func(s *synth) int
		flagged bool
	}{
		{"users, each as much as they need", func(s *synth) int { return 1 + int(15*math.Exp(s.rng.NormFloat64())) }, false},
		{"an operator's accounts at one volume", func(s *synth) int { return 40 + s.rng.IntN(20) }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSynth(47)
			s.legit("user", 600)
			var app []string
			for i := range 400 {
				a := fmt.Sprintf("app-%d", i)
				for range tt.volume(s) {
					s.rec(s.at(), a, "request", fmt.Sprintf("52.9.0.%d", 1+s.rng.IntN(8)), "card-"+a, "app-client", a+"@mail.test", "app-prompt", 1500+s.rng.IntN(600))
				}
				app = append(app, a)
			}
			p, acct := handCluster(t, s, true, app)
			sc := p.judge(DefaultThreshold)
			l := p.label[acct("app-0")]
			require.GreaterOrEqual(t, l, int32(0))
			c := sc.sig[l]
			score := Score(c, len(sc.members[l]))
			assert.Equal(t, tt.flagged, score >= DefaultThreshold, "score %.3f, %+v", score, c)
			if tt.flagged {
				assert.Less(t, c.Spread, spreadOne)
				return
			}
			assert.Greater(t, c.Spread, 0.8)
			assert.Less(t, c.Bimodality, 5.0/9)
			assert.Contains(t, strings.Join(Missing(c, len(sc.members[l])), "\n"), "its members' volumes differ as independent users' do")
			c.Spread = 0
			assert.GreaterOrEqual(t, Score(c, len(sc.members[l])), DefaultThreshold, "without the spread the users would be flagged")
		})
	}
}

// TestOrganisationsOnOneVendor: four firms, each with its own mail
// domain and invoice, whose staff all work heavily through one vendor's
// add-in (its servers, its fingerprint, its review templates), are four
// organisations when put in one cluster: what they share says they use
// the same tools. Accounts alike but spread over twenty "firms" of six
// seats (shell companies) are not, nor are accounts at mail providers
// that outsiders use too.
func TestOrganisationsOnOneVendor(t *testing.T) {
	for _, tt := range []struct {
		name      string
		firms     int
		seats     int
		mail      func(firm, i int) string
		organised bool
	}{
		{"four firms of forty", 4, 40, func(f, i int) string { return fmt.Sprintf("staff%d-%d@firm%d.test", f, i, f) }, true},
		{"twenty shell firms of six", 20, 6, func(f, i int) string { return fmt.Sprintf("seat%d-%d@shell%d.test", f, i, f) }, false},
		{"providers outsiders use", 4, 40, func(f, i int) string { return fmt.Sprintf("user%d-%d@mail%d.test", f, i, f) }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSynth(53)
			s.legit("user", 500)
			// Outsiders at the providers the third case's accounts use.
			for i := range 60 {
				a := fmt.Sprintf("outsider-%d", i)
				s.rec(s.at(), a, "request", fmt.Sprintf("81.9.%d.1", i), "card-"+a, "dev-"+a, fmt.Sprintf("%s@mail%d.test", a, i%4), "", 300)
			}
			var accts []string
			for f := range tt.firms {
				for i := range tt.seats {
					a := fmt.Sprintf("acct%d-%d", f, i)
					for range 40 + s.rng.IntN(10) {
						s.rec(s.at(), a, "request", fmt.Sprintf("45.200.0.%d", 1+s.rng.IntN(8)), fmt.Sprintf("invoice-%d", f), "vendor-addin", tt.mail(f, i), fmt.Sprintf("review-%d", s.rng.IntN(4)), 2500+s.rng.IntN(1000))
					}
					accts = append(accts, a)
				}
			}
			p, _ := handCluster(t, s, true, accts)
			sc := newScorer(p)
			sg := sc.sig[0]
			if !tt.organised {
				assert.Empty(t, sg.Organisation, "%+v", sg)
				assert.GreaterOrEqual(t, Score(sg, len(accts)), DefaultThreshold)
				return
			}
			assert.Equal(t, tt.firms, sg.OrgDomains)
			assert.Less(t, Score(sg, len(accts)), DefaultThreshold)
			assert.Contains(t, strings.Join(Reasons(sg, len(accts)), "\n"), "4 organisations: 100% of members have their mail at 4 domains")
			assert.Contains(t, strings.Join(Missing(sg, len(accts)), "\n"), "4 organisations (100% of members' mail at 4 domains of their own")
		})
	}
}

func TestSearchFrom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 200 {
		a := make([]uint32, rng.IntN(300))
		for i := range a {
			a[i] = rng.Uint32N(1000)
		}
		slices.Sort(a)
		a = slices.Compact(a)
		from := 0
		for x := uint32(0); x < 1000; x += 1 + rng.Uint32N(40) {
			want, _ := slices.BinarySearch(a, x)
			got := searchFrom(a, from, x)
			require.Equal(t, want, got, "trial %d: %d from %d in %v", trial, x, from, a)
			from = got
		}
	}
}
