package linkage

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
)

// behindIntegrator writes a SaaS integrator's 200 customers, each on their
// own card, request k of customer i on template tmpl(i, k) (none when
// empty), and a ring of 150 behind the same servers and fingerprint with
// its own cards and templates.
func behindIntegrator(s *synth, tmpl func(i, k int) string) (ring, others []string) {
	integrator := []string{"203.0.113.1", "203.0.113.2", "203.0.113.3"}
	for i := range 200 {
		a := fmt.Sprintf("cust-%d", i)
		for k := range 5 + s.rng.IntN(10) {
			s.rec(s.at(), a, "request", integrator[s.rng.IntN(3)], "card-"+a, "integrator-fp", a+"@mail.test", tmpl(i, k), 100+s.rng.IntN(400))
		}
		others = append(others, a)
	}
	for i := range 150 {
		a := fmt.Sprintf("hidden-%d", i)
		for k := range 40 {
			s.rec(s.at(), a, "request", integrator[s.rng.IntN(3)], fmt.Sprintf("hidden-card-%d", i/10), "integrator-fp", a+"@mail.test", fmt.Sprintf("hidden-tmpl-%d", k%5), 800+s.rng.IntN(1200))
		}
		ring = append(ring, a)
	}
	return ring, others
}

// remoteFirm writes a firm whose 300 staff work from home, 80 of them
// through its remote desktop (with a macro of their own when macro is
// set), and 60 seats an insider drives from four cloud machines round the
// clock (see TestSplitByEvidence).
func remoteFirm(s *synth, macro bool) (ring, others []string) {
	for i := range 300 {
		a := fmt.Sprintf("staff-%d", i)
		home, dev := fmt.Sprintf("82.%d.%d.1", i/250, i%250), "dev-"+a
		for range 30 + s.rng.IntN(30) {
			ip, tmpl := home, fmt.Sprintf("guide-%d", s.rng.IntN(8))
			if i < 80 {
				ip, dev = fmt.Sprintf("34.9.0.%d", 1+s.rng.IntN(6)), "vdi-image"
				if macro && s.rng.IntN(2) == 0 {
					tmpl = "vdi-macro"
				}
			}
			s.rec(s.at(), a, "request", ip, "firm-invoice", dev, a+"@firm.example", tmpl, 1200+s.rng.IntN(800))
		}
		others = append(others, a)
	}
	for i := range 60 {
		a := fmt.Sprintf("seat-%d", i)
		for k := range 300 {
			tmpl := fmt.Sprintf("seat-tmpl-%d", k%5)
			if k%3 != 0 {
				tmpl = fmt.Sprintf("guide-%d", k%8)
			}
			s.rec(s.anyHour(), a, "request", fmt.Sprintf("35.1.0.%d", 1+k%4), "firm-invoice", "py-sdk", a+"@firm.example", tmpl, 2500+s.rng.IntN(1000))
		}
		ring = append(ring, a)
	}
	return ring, others
}

// evalFirmBeside writes an evaluation firm's 120 project keys (mail at its
// domain, one invoice, its own gateway) running benchmark suites at
// volume, and a ring of 150 on its own cards and a template of its own
// sending one of the suites now and then, both on one cloud's addresses
// (see TestSplitByEvidence).
func evalFirmBeside(s *synth) (ring, others []string) {
	for i := range 120 {
		a := fmt.Sprintf("key-%d", i)
		for k := range 60 {
			ip := fmt.Sprintf("34.7.0.%d", 1+k%6)
			if k%10 == 0 {
				ip = fmt.Sprintf("34.8.%d.%d", s.rng.IntN(4), 1+s.rng.IntN(60))
			}
			s.rec(s.at(), a, "request", ip, "evalco-invoice", "py-sdk", a+"@evalco.test", fmt.Sprintf("suite-%d", k%4), 1500+s.rng.IntN(1000))
		}
		others = append(others, a)
	}
	for i := range 150 {
		a := fmt.Sprintf("harvest-%d", i)
		for k := range 80 {
			tmpl := fmt.Sprintf("harvest-tmpl-%d", k%3)
			if k%20 == 0 {
				tmpl = "suite-0"
			}
			s.rec(s.anyHour(), a, "request", fmt.Sprintf("34.8.%d.%d", s.rng.IntN(4), 1+s.rng.IntN(60)), "prepaid-"+a, "node-sdk", a+"@mail.test", tmpl, 2000+s.rng.IntN(1000))
		}
		ring = append(ring, a)
	}
	return ring, others
}

// TestSplitByEvidence puts a ring and the accounts it hides among in one
// cluster by hand and checks what the split makes of it.
func TestSplitByEvidence(t *testing.T) {
	tests := []struct {
		name string
		// build writes the traffic and returns the accounts of the one
		// cluster: the ring's and the others'.
		build      func(s *synth) (ring, others []string)
		apart      bool // the others end in a cluster of their own, unflagged
		wholeUnder bool // the whole cluster scores under the threshold
		networks   bool // load address networks, as Link does
	}{{
		// A SaaS integrator's customers, each on their own card with
		// their own prompts, and a ring behind the same servers and
		// fingerprint with its own cards and templates.
		name: "ring behind an integrator",
		build: func(s *synth) (ring, others []string) {
			return behindIntegrator(s, func(i, k int) string {
				if s.rng.IntN(3) == 0 {
					return fmt.Sprintf("pop-%d", s.rng.IntN(3))
				}
				return ""
			})
		},
		apart:      true,
		wholeUnder: true, // the customers are most of it, and work as ordinary users do
	}, {
		// The same, where some customers' prompts once mined into one
		// of the ring's templates: one value the ring holds as its own
		// may be chance, and does not take them to the ring's part.
		name: "customers sending a ring template once",
		build: func(s *synth) (ring, others []string) {
			return behindIntegrator(s, func(i, k int) string {
				if k == 0 && i%10 == 0 {
					return "hidden-tmpl-0"
				}
				return ""
			})
		},
		apart:      true,
		wholeUnder: true,
	}, {
		// A ring of which a third never shares a mailbox: the split by
		// e-mail would cut them off, but they use the ring's cards'
		// templates, so they stay.
		name: "ring members lacking one kind",
		build: func(s *synth) (ring, others []string) {
			for i := range 120 {
				a := fmt.Sprintf("ring-%d", i)
				email := fmt.Sprintf("box%d+%d@gmail.com", i/8, i)
				if i >= 80 {
					email = a + "@mail.test"
					others = append(others, a)
				} else {
					ring = append(ring, a)
				}
				for k := range 30 {
					ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
					s.rec(s.at(), a, "request", ip, fmt.Sprintf("ring-card-%d", i/4), "", email, fmt.Sprintf("ring-tmpl-%d", k%6), 800+s.rng.IntN(1200))
				}
			}
			return ring, others
		},
		apart: false,
	}, {
		// The same, where the members without a shared mailbox have
		// cards of their own and send their own prompts: one of the
		// ring's exits each is what ties them to it, and it is enough.
		name: "ring members tied by one exit",
		build: func(s *synth) (ring, others []string) {
			for i := range 120 {
				a := fmt.Sprintf("ring-%d", i)
				email, card, tmpl := fmt.Sprintf("box%d+%d@gmail.com", i/8, i), fmt.Sprintf("ring-card-%d", i/4), fmt.Sprintf("ring-tmpl-%d", i%6)
				if i >= 80 {
					email, card, tmpl = a+"@mail.test", "card-"+a, ""
					others = append(others, a)
				} else {
					ring = append(ring, a)
				}
				for k := range 30 {
					ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
					if k == 0 {
						ip = fmt.Sprintf("46.0.%d.1", i%20)
					}
					s.rec(s.at(), a, "request", ip, card, "", email, tmpl, 800+s.rng.IntN(1200))
				}
			}
			return ring, others
		},
		apart: false,
	}, {
		// A phone farm on a carrier's NAT: every address it uses is
		// shared with 1,500 subscribers (its phones' fingerprints are
		// too common to be evidence, so it sends none), a quarter of whom share small
		// templates of their own in threes. Holding an own template
		// puts those subscribers in S beside the farm, so only the
		// largest group tied by templates, the farm's, is cut off.
		name: "ring inside a carrier crowd",
		build: func(s *synth) (ring, others []string) {
			cgnat := func() string { return fmt.Sprintf("100.70.%d.%d", s.rng.IntN(4), 1+s.rng.IntN(100)) }
			for i := range 1500 {
				a := fmt.Sprintf("sub-%d", i)
				for range 3 + s.rng.IntN(6) {
					tmpl := ""
					switch {
					case i%4 == 0 && s.rng.IntN(2) == 0:
						tmpl = fmt.Sprintf("crowd-tmpl-%d", i/12)
					case s.rng.IntN(8) == 0:
						tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
					}
					s.rec(s.at(), a, "request", cgnat(), "", "dev-"+a, a+"@mail.test", tmpl, 50+s.rng.IntN(400))
				}
				others = append(others, a)
			}
			for i := range 150 {
				a := fmt.Sprintf("farm-%d", i)
				for k := range 20 {
					s.rec(s.at(), a, "request", cgnat(), "", "", a+"@mail.test", fmt.Sprintf("farm-tmpl-%d", k%3), 800+s.rng.IntN(1200))
				}
				ring = append(ring, a)
			}
			return ring, others
		},
		wholeUnder: true,
		apart:      true,
		networks:   true,
	}, {
		// A ring on a quarter of a carrier's NAT pool, busy enough that
		// it holds most of each address it uses; half of the subscribers
		// also use one of those addresses. The first round's ties by
		// every kind bring those subscribers back to the ring's part,
		// which then scores under the threshold. The second round, on
		// the ring's one template of its own and tied by templates
		// alone, cuts off the ring (the second probe's CGNAT ring on one
		// seed, whose part the first round diluted to 318 accounts).
		name: "ring holding a carrier's addresses",
		build: func(s *synth) (ring, others []string) {
			cgnat := func(nets int) string { return fmt.Sprintf("100.70.%d.%d", s.rng.IntN(nets), 1+s.rng.IntN(100)) }
			for i := range 1500 {
				a := fmt.Sprintf("sub-%d", i)
				for range 2 + s.rng.IntN(3) {
					tmpl := ""
					if s.rng.IntN(8) == 0 {
						tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
					}
					s.rec(s.at(), a, "request", cgnat(4), "", "dev-"+a, a+"@mail.test", tmpl, 50+s.rng.IntN(400))
				}
				others = append(others, a)
			}
			for i := range 100 {
				a := fmt.Sprintf("farm-%d", i)
				for range 60 {
					s.rec(s.at(), a, "request", cgnat(1), fmt.Sprintf("farm-card-%d", i/5), "", a+"@mail.test", "farm-tmpl", 2000+s.rng.IntN(2000))
				}
				ring = append(ring, a)
			}
			return ring, others
		},
		wholeUnder: true,
		apart:      true,
		networks:   true,
	}, {
		// A firm whose 300 staff work from home, each at their own
		// address (80 through the firm's remote desktop: six cloud
		// addresses and one image), with mail at the firm's domain and
		// one invoice for all, on the firm's guideline templates at
		// several times an ordinary account's volume. A lead has opened
		// 60 more seats on the same domain and invoice and drives them
		// from four cloud machines round the clock, at ten times the
		// staff's volume, two requests in three on the guideline's
		// templates and the rest on templates of their own.
		//
		// The firm is an organisation although it has no office (one
		// payer and a domain of its own say who its members work for),
		// so the whole is judged on behaviour and stays under the
		// threshold. Its parts on trial are judged as parts of the same
		// organisation: the remote desktop's users with the seats, or
		// alone, are not cut off by their template concentration and
		// volume. The seats, drawn by the templates only they use, are
		// cut off by how they use the API, although most of their
		// requests are on the firm's templates.
		name:       "insider seats in a remote firm",
		build:      func(s *synth) (ring, others []string) { return remoteFirm(s, false) },
		wholeUnder: true,
		apart:      true,
		networks:   true,
	}, {
		// The same, where the remote desktop's users also run a macro
		// of their own, more often than the seats send any of theirs:
		// the minority's busiest template is then the macro, and the
		// desktop's users hold the firm's most widely held address and
		// device. The seats hold the next, their machines' (the sixth
		// probe's insider on its third seed).
		name:       "insider seats beside a firm's remote desktop",
		build:      func(s *synth) (ring, others []string) { return remoteFirm(s, true) },
		wholeUnder: true,
		apart:      true,
		networks:   true,
	}, {
		// An evaluation firm's 120 project keys (mail at its domain, one
		// invoice, its cluster's gateway) run benchmark sweeps at volume
		// on suites of their own, and a ring of 150 on its own cards
		// shares the cloud's addresses and the harness's templates with
		// them. The ring's part is flagged; the firm's, cut off by its
		// invoice, is judged as an organisation, on behaviour, and is
		// not: so the firm is cut away from the ring rather than flagged
		// with it (the sixth probe's evaluation company, beside a label
		// harvester and a free-tier swarm).
		name:     "evaluation firm beside a ring",
		build:    evalFirmBeside,
		apart:    true,
		networks: true,
	}, {
		// A sponsor's credit pays for 1,200 attendees who all try its
		// starter template, and for a farm that signed up with the
		// leaked credit, tried the starter once and then works on two
		// templates of its own. The starter is the cluster's most widely
		// held template, so only the minority's busiest template cuts the
		// farm off.
		name: "farm on a sponsor's credit",
		build: func(s *synth) (ring, others []string) {
			for i := range 1200 {
				a := fmt.Sprintf("attendee-%d", i)
				for k := range 2 + s.rng.IntN(5) {
					tmpl := "starter"
					if k > 0 && s.rng.IntN(2) == 0 {
						tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
					} else if k > 0 {
						tmpl = ""
					}
					s.rec(s.at(), a, "request", fmt.Sprintf("77.%d.%d.1", i/250, i%250), "sponsor-credit", "", a+"@mail.test", tmpl, 100+s.rng.IntN(600))
				}
				others = append(others, a)
			}
			for i := range 150 {
				a := fmt.Sprintf("farm-%d", i)
				ip := fmt.Sprintf("88.%d.%d.1", i/250, i%250)
				s.rec(s.at(), a, "request", ip, "sponsor-credit", "", a+"@mail.test", "starter", 300)
				for k := range 40 {
					s.rec(s.at(), a, "request", ip, "sponsor-credit", "", a+"@mail.test", fmt.Sprintf("farm-tmpl-%d", k%2), 1500+s.rng.IntN(2000))
				}
				ring = append(ring, a)
			}
			return ring, others
		},
		wholeUnder: true,
		apart:      true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSynth(5)
			s.legit("user", 600)
			ring, others := tt.build(s)
			p, acct := handCluster(t, s, tt.networks, append(append([]string{}, ring...), others...))
			whole := newScorer(p)
			if tt.wholeUnder {
				require.Less(t, Score(whole.sig[0], len(whole.members[0])), 0.5, "the crowd dilutes the ring: %+v", whole.sig[0])
			} else {
				require.GreaterOrEqual(t, Score(whole.sig[0], len(whole.members[0])), 0.5, "the whole cluster is flagged")
			}

			sc := p.splitByEvidence(whole, 0.5)
			rl := p.label[acct(ring[0])]
			for _, a := range ring {
				require.Equal(t, rl, p.label[acct(a)], "ring member %s", a)
			}
			assert.GreaterOrEqual(t, Score(sc.sig[rl], len(sc.members[rl])), 0.5, "the ring is flagged")
			ol := p.label[acct(others[0])]
			for _, a := range others {
				require.Equal(t, ol, p.label[acct(a)], "%s: %+v", a, sc.sig[p.label[acct(a)]])
			}
			if !tt.apart {
				assert.Equal(t, rl, ol, "one cluster")
				assert.Zero(t, p.evidenceSplits)
				return
			}
			require.NotEqual(t, rl, ol, "apart")
			assert.Less(t, Score(sc.sig[ol], len(sc.members[ol])), 0.5, "the others are not flagged")
			assert.Equal(t, 1, p.evidenceSplits)
			assert.Len(t, sc.members[rl], len(ring))
			assert.Len(t, sc.members[ol], len(others))
		})
	}
}

// TestSplitMinorityWorksOn checks that a minority's own template cuts it
// off only when it is what the minority works on: a firm's team of heavy
// users who share templates of their own, but send five in six of their
// requests on the firm's, stays with the firm. (Without the condition the
// team, on its own, scores just over the threshold and is cut off.)
func TestSplitMinorityWorksOn(t *testing.T) {
	s := newSynth(7)
	s.legit("user", 600)
	var firm []string
	for i := range 800 {
		a := fmt.Sprintf("staff-%d", i)
		n, tokens := 3+s.rng.IntN(6), 200
		if i < 40 {
			n, tokens = 120, 3000 // the team
		}
		for k := range n {
			tmpl := fmt.Sprintf("firm-tmpl-%d", s.rng.IntN(30))
			if i < 40 {
				switch k % 12 {
				case 0:
					tmpl = "team-main"
				case 1:
					tmpl = fmt.Sprintf("team-tmpl-%d", s.rng.IntN(50))
				}
			}
			s.rec(s.at(), a, "request", fmt.Sprintf("66.%d.%d.1", i/250, i%250), "firm-card", "", a+"@mail.test", tmpl, tokens+s.rng.IntN(tokens))
		}
		firm = append(firm, a)
	}
	p, acct := handCluster(t, s, false, firm)
	sc := p.splitByEvidence(newScorer(p), 0.5)
	l := p.label[acct(firm[0])]
	for _, a := range firm {
		require.Equal(t, l, p.label[acct(a)], "%s", a)
	}
	assert.Zero(t, p.evidenceSplits)
	assert.Len(t, sc.members[l], len(firm))
}

// TestScorerSubsetMatchesFull checks that scoring a few labels gives
// exactly what scoring the whole partition gives them, on random
// partitions where a value is often held half by one label and half by
// another (the tie the subset must settle by counting every holder), on
// a pruned snapshot (as Link loads it) and on a whole one (where the
// subset must skip what the pruning would have dropped).
func TestScorerSubsetMatchesFull(t *testing.T) {
	st := synthDB(t, t.TempDir())
	for _, prune := range []bool{true, false} {
		t.Run(fmt.Sprintf("prune=%v", prune), func(t *testing.T) {
			snap, err := graph.Load(st, graph.LoadOptions{Prune: prune, Networks: true})
			require.NoError(t, err)
			p := newPartition(snap, Options{}.withDefaults())
			rng := rand.New(rand.NewPCG(3, 9))
			nets, tied := 0, 0
			for _, nLab := range []int{2, 2, 2, 3, 3, 40, 400} {
				p.nLab = nLab
				p.label = make([]int32, len(p.accts))
				for u := range p.label {
					p.label[u] = int32(rng.IntN(nLab+1)) - 1 // some alone
				}
				full := newScorer(p)
				var only []int32
				for l := range int32(nLab) {
					if rng.IntN(3) == 0 && len(full.members[l]) > 0 {
						only = append(only, l)
					}
				}
				sub := full.subset(only, nil, 0)
				for _, l := range only {
					nets += full.sig[l].Networks
					require.Equal(t, full.members[l], sub.members[l], "labels %d, label %d", nLab, l)
					require.Equal(t, full.sig[l], sub.sig[l], "labels %d, label %d", nLab, l)
					for _, u := range full.members[l] {
						require.Equal(t, full.mask[u], sub.mask[u], "labels %d, account %d", nLab, u)
					}
				}
				// ties marks what subset marks, reading only the
				// kinds that tie.
				partner := make([]int32, nLab)
				for l := range partner {
					partner[l] = int32(rng.IntN(nLab))
				}
				for _, kinds := range []uint8{^uint8(0), 1 << store.KindIP, 1 << store.KindTemplate, 1 << store.KindDevice} {
					want := full.subset(only, partner, kinds).tied
					got := full.ties(only, partner, kinds)
					require.Equal(t, want, got.tied, "labels %d, kinds %b", nLab, kinds)
					for _, l := range only {
						require.Equal(t, full.members[l], got.members[l], "labels %d, label %d", nLab, l)
					}
					for _, b := range want {
						if b {
							tied++
						}
					}
				}
			}
			assert.Positive(t, nets, "the labels compared hold addresses of their own")
			assert.Positive(t, tied, "some accounts are tied to their partner")
		})
	}
}

// handCluster stores s's traffic, loads it as Link does (address networks
// only with networks) and returns a partition in which the accounts named
// in cluster are cluster 0 and every other account is alone, with a lookup
// from account name to acct index.
func handCluster(t *testing.T, s *synth, networks bool, cluster []string) (*partition, func(string) int32) {
	t.Helper()
	p, acct, _ := handClusterStore(t, s, networks, cluster)
	return p, acct
}

// handClusterStore is handCluster that also returns the store.
func handClusterStore(t *testing.T, s *synth, networks bool, cluster []string) (*partition, func(string) int32, *store.Store) {
	t.Helper()
	st := s.store(t, t.TempDir())
	snap, err := graph.Load(st, graph.LoadOptions{Prune: true, Networks: networks, Domains: true, Addresses: true})
	require.NoError(t, err)
	p := newPartition(snap, Options{}.withDefaults())
	acct := func(name string) int32 {
		id, err := st.Lookup(store.KindAccount, name)
		require.NoError(t, err)
		return p.idx[id]
	}
	p.label = make([]int32, len(p.accts))
	for u := range p.label {
		p.label[u] = -1
	}
	for _, a := range cluster {
		p.label[acct(a)] = 0
	}
	p.nLab = 1
	return p, acct, st
}

// handClusters is handCluster for several clusters: groups[i] is put in
// cluster i, everyone else is alone.
func handClusters(t *testing.T, s *synth, networks bool, groups ...[]string) (*partition, func(string) int32) {
	t.Helper()
	p, acct := handCluster(t, s, networks, groups[0])
	for l, g := range groups[1:] {
		for _, a := range g {
			p.label[acct(a)] = int32(l + 1)
		}
	}
	p.nLab = len(groups)
	return p, acct
}

// TestScorerPiecesMatchOnePass checks that adding up the values in
// several runs, each on its own goroutine, gives what one sequential pass
// gives: every value counted once, whatever the cut, for the whole
// partition and for a subset, on the partition Link finds and on random
// ones. Sums may differ in their last bits only.
func TestScorerPiecesMatchOnePass(t *testing.T) {
	st := synthDB(t, t.TempDir())
	snap, err := graph.Load(st, graph.LoadOptions{Prune: true, Networks: true})
	require.NoError(t, err)
	found, err := runPasses(t.Context(), snap, Options{}.withDefaults(), nil)
	require.NoError(t, err)
	p := newPartition(snap, Options{}.withDefaults())
	rng := rand.New(rand.NewPCG(5, 11))
	score := func(pieces int, only []int32) *scorer {
		s := &scorer{p: p, members: make([][]int32, p.nLab), sig: make([]Signals, p.nLab), pieces: pieces}
		for u, l := range p.label {
			if l >= 0 {
				s.members[l] = append(s.members[l], int32(u))
			}
		}
		s.pop = newPopulation(p)
		if only == nil {
			s.attributes()
			return s
		}
		return s.subset(only, nil, 0)
	}
	// What attributes computes, with the sums apart.
	type attrs struct {
		kinds              []KindCoverage
		evidence, own, net int
		pool               float64
		site               bool
	}
	of := func(s Signals) attrs {
		return attrs{s.Kinds, s.EvidenceKind, s.OwnTemplates, s.Networks, s.ExitPool, s.OneSite}
	}
	for _, nLab := range []int{0, 3, 40, 400} {
		if nLab == 0 { // the partition Link finds
			p.nLab, p.label = found.nLab, found.label
		} else {
			p.nLab = nLab
			p.label = make([]int32, len(p.accts))
			for u := range p.label {
				p.label[u] = int32(rng.IntN(nLab+1)) - 1
			}
		}
		var only []int32
		for l := range int32(p.nLab) {
			if rng.IntN(3) == 0 {
				only = append(only, l)
			}
		}
		for _, sub := range [][]int32{nil, only} {
			one := score(1, sub)
			own, masked := 0, 0
			for _, m := range one.mask {
				if m != 0 {
					masked++
				}
			}
			for _, pieces := range []int{2, 3, 7} {
				name := fmt.Sprintf("labels %d, subset %v, pieces %d", p.nLab, sub != nil, pieces)
				many := score(pieces, sub)
				require.Equal(t, one.mask, many.mask, name)
				for l := range one.sig {
					a, b := one.sig[l], many.sig[l]
					own += a.OwnTemplates
					assert.InDelta(t, a.TemplateShare, b.TemplateShare, 1e-12, name)
					assert.InDelta(t, a.Cohesion, b.Cohesion, 1e-12, name)
					require.Equal(t, of(a), of(b), "%s, label %d", name, l)
				}
			}
			if nLab == 0 {
				assert.Positive(t, masked, "some accounts hold values held mostly inside their cluster")
				if sub == nil {
					assert.Positive(t, own, "the rings hold templates of their own")
				}
			}
		}
	}
}
