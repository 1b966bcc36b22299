package linkage

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/internal/radix"
	"github.com/ringlink/ringlink/store"
)

// evidenceKinds are the kinds whose shared values can tie a cluster
// together, in report order. ip-prefix is locality, not evidence.
var evidenceKinds = []store.Kind{store.KindPayment, store.KindEmail, store.KindDevice, store.KindIP, store.KindTemplate}

// KindCoverage is the share of a cluster's members holding at least one
// value of Kind that is mostly (at least half of its holders) held inside
// the cluster.
type KindCoverage struct {
	Kind     string  `json:"kind"`
	Coverage float64 `json:"coverage"`
}

// Signals are the readable measurements a cluster's score is built from.
type Signals struct {
	Requests uint64 `json:"requests"`
	Tokens   uint64 `json:"tokens"`
	// TemplateShare: share of the members' templated requests on templates
	// whose holders are inside the cluster, weighted by that inside share.
	TemplateShare float64 `json:"template_share"`
	OwnTemplates  int     `json:"own_templates"` // templates mostly held inside
	// Signups with another member's signup within BurstWindow, against the
	// share chance gives over the same span.
	Signups     int     `json:"signups"`
	BurstShare  float64 `json:"burst_share"`
	BurstChance float64 `json:"burst_chance"`
	SignupBurst float64 `json:"signup_burst"` // excess over chance, in [0,1]
	LockShare   float64 `json:"lockstep_share"`
	LockChance  float64 `json:"lockstep_chance"`
	Lockstep    float64 `json:"lockstep"` // excess over chance, in [0,1]
	// DayMembers: members with two or more requests dated (see
	// graph.Rhythm; databases written before format 4 have none).
	// DayConcentration: how far their requests keep to part of the day,
	// at most: the largest, over the first three harmonics of the day, of
	// the members' mean estimated ρ² plus two standard errors of that
	// mean for traffic spread evenly over the day. RoundTheClock, in
	// [0,1]: how far DayConcentration lies below restBar (see rhythm).
	DayMembers       int     `json:"day_members"`
	DayConcentration float64 `json:"day_concentration"`
	RoundTheClock    float64 `json:"round_the_clock"`
	ReqPerDay        float64 `json:"requests_per_account_day"`
	ReqRatio         float64 `json:"requests_ratio"` // to the population median
	TokPerReq        float64 `json:"tokens_per_request"`
	TokRatio         float64 `json:"tokens_ratio"`
	Volume           float64 `json:"volume"` // in [0,1]
	// Spread is the spread of the natural log of the members' request
	// counts (those with a request, three or more; else 0; see
	// logSpread): how
	// far their volumes differ, one operator's accounts within a factor
	// of two or so, independent people's by orders of magnitude (see
	// independence). It is measured on the clusters as the passes leave
	// them (judge), and is 0 while they work; so is Bimodality, whether
	// the log volumes fall in clumps (see logSpread).
	Spread       float64        `json:"volume_spread"`
	Bimodality   float64        `json:"volume_bimodality"`
	Kinds        []KindCoverage `json:"kinds"`
	EvidenceKind int            `json:"evidence_kinds"` // kinds covering at least half the members
	Cohesion     float64        `json:"cohesion"`       // internal share of link weight
	// Networks: the distinct networks (/24, /48) of the addresses the
	// cluster holds as its own (two or more members, at least half of
	// their holders); ExitPool, in [0,1], how far they look like a private
	// pool of exits rather than a place: many networks, as many as members.
	Networks int     `json:"networks"`
	ExitPool float64 `json:"exit_pool"`
	// OneSite: the addresses that cover half the members or more do so
	// only through one network, a site's NAT (an office, a campus, a
	// household), which everyone there shares whoever they are. Sharing a
	// site is no evidence of one operator, so that ip coverage is not
	// counted in EvidenceKind.
	OneSite bool `json:"one_site"`
	// OnePayer: the cards that cover half the members or more do so only
	// through one value, held by half of them or more: who pays for a group (an
	// employer's card, a sponsor's or a study's credit), which says whose
	// guests they are, not that one operator runs them. That payment
	// coverage is not counted in EvidenceKind.
	OnePayer bool `json:"one_payer"`
	// Organisation: the mail domain at least half the members have their
	// mail at (OrgShare of them), when the cluster also reaches the API
	// from its sites (one site, or few networks for its size: see
	// fewSites) or, its members mostly sharing no address, is paid for
	// by one payer (OnePayer: staff working from home on the employer's
	// invoice), holds the domain as its own (at least half of the
	// domain's accounts are members, or members and the other part of
	// their cluster when the split tries it: so not a public or
	// disposable provider) and at least
	// half its members are settled (see settledRecords): an employer's or
	// a school's people at its premises and at home, who say who they
	// are. Score then counts neither the kinds of shared evidence nor the
	// template concentration (see Score).
	Organisation string  `json:"organisation,omitempty"`
	OrgShare     float64 `json:"organisation_share,omitempty"`
	// OrgDomains: when no one domain holds half the members' mail, two or
	// more domains of their own, each held by siteMembers members or more
	// and mostly by members, that together do: a few organisations on one
	// vendor's tools (Organisation is then the largest). 1 for one
	// domain.
	OrgDomains int `json:"organisation_domains,omitempty"`
	// AtHome: the organisation was told by one payer for all while its
	// members mostly share no address (staff working from home), not by
	// its sites.
	AtHome bool `json:"organisation_at_home,omitempty"`
	// ClientShare: when no domain holds half the members' mail, the share
	// of members (at least half) whose mail is each at a domain no other
	// account uses, on the same conditions of sites and settled members:
	// businesses of their own whose accounts one firm works from its
	// premises (an agency for its clients). An organisation too.
	ClientShare float64 `json:"client_domain_share,omitempty"`
	// Attached: members community detection left in no cluster that
	// joined it afterwards by holding its own templates, cards, mailboxes,
	// devices or little-shared addresses (attachLone).
	Attached int `json:"attached"`
	// Joined: members that came in pieces, clusters under the threshold
	// most of whose members were tied to this one by values few others
	// hold (joinFragments), stragglers attached to a piece included (they
	// are not in Attached, which counts those attached to this cluster);
	// JoinedPieces is how many pieces.
	Joined       int `json:"joined,omitempty"`
	JoinedPieces int `json:"joined_pieces,omitempty"`
	// Pooled: the cluster was gathered from accounts the passes left in
	// no cluster, chained by addresses few accounts share (poolLone).
	Pooled bool `json:"pooled,omitempty"`
	// Gathered: the cluster was gathered from accounts the passes left in
	// no cluster, around a template they hold (gatherByTemplate).
	Gathered bool `json:"gathered,omitempty"`
	// Cut: the cluster was cut, by values of its own, out of a loose
	// group that community detection found and the passes dissolved
	// (cutLoose).
	Cut bool `json:"cut_from_loose_group,omitempty"`
	// Families: the clusters (under the threshold, or flagged pieces of
	// one ring) that were merged into this one by the templates of their
	// own they all work on (joinFamilies); 0 when none.
	Families int `json:"families,omitempty"`
	// Variants: some of those clusters were merged because each works on
	// its own variant of one template (joinKindred).
	Variants bool `json:"variants,omitempty"`
	// Residents: accounts the passes put in the cluster that did none of
	// its work, left out of it (dropResidents); 0 when none.
	Residents int `json:"residents,omitempty"`
}

// assembly sets what s says of how its cluster was put together by the
// passes after community detection (attached, joined, pooled, gathered,
// cut from a loose group, families, variants, residents) to what was says: a scoring measures
// the members as they are and cannot see it.
func (s *Signals) assembly(was Signals) {
	s.Attached, s.Pooled, s.Gathered, s.Cut = was.Attached, was.Pooled, was.Gathered, was.Cut
	s.Joined, s.JoinedPieces = was.Joined, was.JoinedPieces
	s.Families, s.Variants, s.Residents = was.Families, was.Variants, was.Residents
}

// Signal windows: signups of one batch land within minutes; scripted
// lockstep traffic within seconds.
const (
	BurstWindowMS = 120_000
	LockWindowMS  = 5_000
)

const dayMS = store.DayMS

// Score combines the signals of a cluster of size accounts into [0, 1].
//
// Five kinds of evidence are combined by a noisy-OR, each capped so that
// none alone reaches the default threshold: template concentration
// (0.45), automation in time, the largest of burst, lockstep and activity
// round the clock (0.4),
// volume (0.35), a private pool of exits (0.25) and independent evidence
// kinds beyond the first (0.2, full at three kinds). The result is shrunk
// by size/(size+3): two or three accounts give little evidence whatever
// they share.
//
// An organisation (Signals.Organisation) is scored on volume and
// automation alone: its members already say they work together, at its
// sites or on its invoice, under one domain, so the cards, devices and
// sites they share and
// the templates only they use (its internal workflows) show no more than
// that; whether it extracts shows in how it uses the API.
//
// What ties a cluster together (template concentration, kinds of
// evidence, an exit pool) counts in proportion to how far it also works
// like an extraction operation (Coordination): a reseller's learners on
// its servers, its card and its prompt templates are coordinated, but at
// an ordinary account's volume and pace they take no more from the model
// than as many ordinary users.
func Score(s Signals, size int) float64 {
	kinds := clamp01(float64(s.EvidenceKind-1) / 2)
	tmpl := templateSignal(s, size)
	if s.organised() {
		kinds, tmpl = 0, 0
	}
	g := Coordination(s)
	raw := 1 - (1-0.45*g*tmpl)*(1-0.4*automation(s))*(1-0.35*s.Volume)*(1-0.25*g*s.ExitPool)*(1-0.2*g*kinds)
	f := float64(size) / float64(size+3)
	return math.Round(raw*f*1e4) / 1e4
}

// privateFull is how many templates of its own per member a cluster's
// members share for that to count as a template signal in full.
const privateFull = 2

// templateSignal is the strength, in [0, 1], of what the members' prompts
// say: the share of their templated requests on the cluster's own
// templates (TemplateShare), or, when larger, the templates of its own
// per member over privateFull.
//
// A ring that paraphrases every prompt spreads its traffic over hundreds
// of variants, and many of them mine into templates that strangers also
// fill (the same textbook question asked in other words), so most of its
// requests land on templates used mostly outside it. Yet the variants
// its generator repeats are shared by a few of its members and by
// nobody else: the third probe's slow-signup ring holds 4.2 such
// templates per member at a template share of 0.38. A crowd shares a few
// templates whatever its size (an assignment, an extension's wrapper),
// so it holds far fewer per member: at most 0.36 (a SaaS integrator's
// customers) among the 1,670 innocent clusters of five or more accounts
// in the three probes and the demo, organisations aside (Score does not
// credit theirs at all), so at privateFull none of them gets more than
// 0.18 of the signal: counting in full asks for more shared variants than
// members, which a generator gives and a crowd's few shared tasks do not.
func templateSignal(s Signals, size int) float64 {
	if size == 0 {
		return s.TemplateShare
	}
	return max(s.TemplateShare, clamp01(float64(s.OwnTemplates)/float64(size)/privateFull))
}

// automation is the strength of the signals that the members are run by
// a machine: signups in bursts, requests in lockstep, or requests round
// the clock.
func automation(s Signals) float64 {
	return max(s.SignupBurst, s.Lockstep, s.RoundTheClock)
}

// behaviourFull is the strength of the strongest behavioural signal
// (volume, signup burst, lockstep, round the clock) from which what ties
// a cluster together counts in full: missingBelow, the strength under
// which Missing calls a signal weak.
const behaviourFull = missingBelow

// Coordination returns the weight, in [0, 1], that Score gives to what
// ties a cluster's members together: the strongest of its volume and
// automation over behaviourFull, at most 1, times 1 − independence.
func Coordination(s Signals) float64 {
	return clamp01(max(s.Volume, automation(s))/behaviourFull) * (1 - independence(s))
}

// Volume spreads (Signals.Spread) at and under which a cluster's members
// work like one operator's accounts, and at and over which like
// independent people's.
const (
	spreadOne  = 0.6
	spreadMany = 0.9
)

// independence is how far, in [0, 1], the spread of a cluster's members'
// volumes says they are independent users rather than one operator's
// accounts: 0 up to spreadOne, 1 from spreadMany, linear between; and 0
// when the spread has clumps (Signals.Bimodality over 5/9, a uniform
// spread's), as rings merged into one cluster, each at its own volume,
// have and people's one broad spread has not.
//
// An operator sets its accounts' volume by its schedule: sixteen rings of
// three black-box probes spread 0.15 to 0.61 in their own clusters (a
// code distiller on free CI runners the widest; most under 0.35, within
// ±40%), and every ring of five probes 0.11 to 0.50 as generated.
// People who share a product or an event each use it as much as they
// need, and activity is heavy-tailed: a jailbreak contest's participants
// spread 0.77, an accessibility app's users 0.80, a pull-request review
// action's repositories 0.93, a platform's hobby bots 1.03 (a factor of
// two to three either way). Such a crowd shares the product's prompt,
// its client's fingerprint and its servers' addresses, so what ties it
// together (templates, kinds of evidence, an exit pool) says who wrote
// the software, not who runs the accounts, and counts the less the more
// its members differ. Its volume and automation count as they are. A
// crowd whose members work alike (a class on one assignment, a firm's
// staff on one workload) is not told apart by this, and a ring that
// draws its accounts' volumes as widely as people's is not either. Two
// rings merged, a 500-account one at about 6 requests and a 250-account
// one at about 40, spread 0.83 with a bimodality of 0.77.
func independence(s Signals) float64 {
	if s.Bimodality > 5.0/9 {
		return 0
	}
	return clamp01((s.Spread - spreadOne) / (spreadMany - spreadOne))
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return min(1, max(0, x))
}

// scorer computes the signals of the clusters of a partition: all of
// them, or (subset) a few.
type scorer struct {
	p       *partition
	members [][]int32 // label -> acct indexes, ascending
	sig     []Signals
	// mask holds, per acct index, a bit 1<<kind for each evidence kind of
	// which the account holds a value mostly held inside its cluster.
	mask []uint8
	// With partner set (label -> label or -1), tied marks each account
	// holding a card, mailbox, device or address mostly held by its
	// label's partner, or two such templates.
	partner  []int32
	tied     []bool
	tieKinds uint8 // bits 1<<kind of the values that tie
	// With kin set (label -> label or -1), a label and its kin are the
	// two parts of one cluster on trial: a mail domain held mostly by
	// both is an organisation's to either (see organisation).
	kin  []int32
	only []int32 // the labels scored, ascending; nil for all
	// tiesOnly: only members and tied are computed (see ties).
	tiesOnly bool
	pop      *population
	scratch  *subsetScratch
	// pieces is how many runs of values attributes adds up on their own
	// goroutines; 0 means keptPieces. Tests set 1 to check the runs
	// against one sequential pass.
	pieces int
}

// population holds what a cluster's behaviour is measured against.
type population struct {
	stats     []store.AccountStats // by acct index
	rhythm    []graph.Rhythm       // by acct index
	end       int64                // the end of the traffic (see trafficEnd)
	start     int64                // the start of the traffic, 0 when unknown (see trafficStart)
	rate, tok float64              // median requests per day and tokens per request
}

func newScorer(p *partition) *scorer {
	s := &scorer{p: p, members: make([][]int32, p.nLab), sig: make([]Signals, p.nLab)}
	for u, l := range p.label {
		if l >= 0 {
			s.members[l] = append(s.members[l], int32(u))
		}
	}
	// The population does not depend on the labels: every scoring of
	// the partition shares one.
	if p.pop == nil {
		p.pop = newPopulation(p)
	}
	s.pop = p.pop
	s.attributes()
	s.behaviour()
	return s
}

// subset scores only labels (ascending) of the partition as it is now,
// with the population of s, and marks the accounts tied to their label's
// partner, by a value of a kind in tieKinds (bits 1<<kind), when partner
// is not nil. Its signals for those labels are the
// ones newScorer would give; other labels are left empty. It costs
// O(edges of the labels' members), plus the holders of the few values
// the labels hold exactly half of.
func (s *scorer) subset(labels []int32, partner []int32, tieKinds uint8) *scorer {
	return s.subsetKin(labels, partner, tieKinds, nil)
}

// subsetKin is subset for the parts of clusters on trial: kin pairs each
// part with the other part of its cluster (label -> label or -1).
func (s *scorer) subsetKin(labels []int32, partner []int32, tieKinds uint8, kin []int32) *scorer {
	return s.scoreOnly(labels, partner, tieKinds, kin, false)
}

// ties marks, as subset does, the accounts of labels tied to their
// label's partner by a value of a kind in tieKinds, and computes nothing
// else: it reads only the values of those kinds. A split tries every
// cluster's cut this way before judging the few that keep a part; the
// full scoring of them all was most of its time.
func (s *scorer) ties(labels []int32, partner []int32, tieKinds uint8) *scorer {
	return s.scoreOnly(labels, partner, tieKinds, nil, true)
}

func (s *scorer) scoreOnly(labels []int32, partner []int32, tieKinds uint8, kin []int32, tiesOnly bool) *scorer {
	p := s.p
	if s.scratch == nil {
		s.scratch = &subsetScratch{seen: make([]uint64, (p.snap.N()+63)/64), slot: make([]int32, p.snap.N())}
	}
	t := &scorer{p: p, members: make([][]int32, p.nLab), partner: partner, tieKinds: tieKinds, kin: kin, only: labels, tiesOnly: tiesOnly, pop: s.pop, scratch: s.scratch, pieces: s.pieces}
	if !tiesOnly {
		t.sig = make([]Signals, p.nLab)
	}
	if partner != nil {
		t.tied = make([]bool, len(p.accts))
	}
	in := make([]bool, p.nLab)
	for _, l := range labels {
		in[l] = true
	}
	for u, l := range p.label {
		if l >= 0 && in[l] {
			t.members[l] = append(t.members[l], int32(u))
		}
	}
	t.attributes()
	if !tiesOnly {
		t.behaviour()
	}
	return t
}

// labels returns the labels s scores.
func (s *scorer) labels() []int32 {
	if s.only != nil {
		return s.only
	}
	all := make([]int32, s.p.nLab)
	for l := range all {
		all[l] = int32(l)
	}
	return all
}

// holding is one holder of a value: its acct index and its position in
// the value's neighbours.
type holding struct{ u, i int32 }

// eachValue calls fn for every value node held by an account of a label
// s scores, with the holders fn is to account for, in neighbour order:
// every clustered holder when s scores all labels, else those of the
// scored labels. Scoring a few labels thus costs the edges of their
// members, not those of every account that shares a popular value with
// them.
//
// The values are cut into keptPieces runs of ascending node ids, every
// value of run i below those of run i+1, each run on its own goroutine:
// fn gets the run's index and sees its values in ascending order, so an
// accumulator per run, added up in run order, gives the same result on
// every machine.
func (s *scorer) eachValue(fn func(piece int, v uint32, hs []holding)) {
	p := s.p
	snap := p.snap
	pieces := s.numPieces()
	if s.only == nil {
		// Runs of about equal edge counts.
		n := snap.N()
		eachRun(cutRuns(snap.Off[:n], snap.Off[n], pieces), func(piece, lo, hi int) {
			var hs []holding
			for v := lo; v < hi; v++ {
				if k := snap.Kind[v]; k == store.KindAccount || k == 0 || k == store.KindIPPrefix {
					continue
				}
				hs = hs[:0]
				for i, a := range snap.Neighbors(store.NodeID(v)) {
					if u := p.idx[a]; u >= 0 && p.label[u] >= 0 {
						hs = append(hs, holding{u, int32(i)})
					}
				}
				fn(piece, uint32(v), hs)
			}
		})
		return
	}
	var us []int32 // the scored members, ascending as holders are
	for _, l := range s.only {
		us = append(us, s.members[l]...)
	}
	slices.Sort(us)
	seen, slot := s.scratch.seen, s.scratch.slot
	// What attributes skips: a ring's one-off proxy addresses and their
	// prefixes are most of its edges. A pruned snapshot holds none, and
	// the test would cost two scattered reads per edge.
	pruned := snap.Pruned()
	skip := func(v uint32) bool {
		k := snap.Kind[v]
		return k == store.KindIPPrefix || (k != store.KindTemplate && snap.Degree(store.NodeID(v)) < 2)
	}
	// Holders bucketed by value without sorting the pairs: count, lay
	// out in node order from the bitset, fill in member order.
	var vals []uint32
	for _, u := range us {
		for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
			if !pruned && skip(v) || s.tiesOnly && s.tieKinds&(1<<snap.Kind[v]) == 0 {
				continue
			}
			seen[v>>6] |= 1 << (v & 63)
			slot[v]++
		}
	}
	var starts []int32
	off := int32(0)
	for w, word := range seen {
		for word != 0 {
			v := uint32(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			vals = append(vals, v)
			starts = append(starts, off)
			off, slot[v] = off+slot[v], off
		}
	}
	starts = append(starts, off)
	holders := make([]int32, off)
	for _, u := range us {
		for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
			if !pruned && skip(v) || s.tiesOnly && s.tieKinds&(1<<snap.Kind[v]) == 0 {
				continue
			}
			holders[slot[v]] = u
			slot[v]++
		}
	}
	for _, v := range vals {
		seen[v>>6] = 0
		slot[v] = 0
	}
	// Runs of about equal holder counts.
	eachRun(cutRuns(starts[:len(vals)], off, pieces), func(piece, lo, hi int) {
		var hs []holding
		for j := lo; j < hi; j++ {
			v := vals[j]
			adj := snap.Neighbors(store.NodeID(v))
			tmpl := snap.Kind[v] == store.KindTemplate
			hs = hs[:0]
			from := 0 // holders ascend, as their node ids do
			for _, u := range holders[starts[j]:starts[j+1]] {
				i := -1
				if tmpl && !s.tiesOnly {
					i = searchFrom(adj, from, p.accts[u])
					from = i + 1
				}
				hs = append(hs, holding{u, int32(i)})
			}
			fn(piece, v, hs)
		}
	})
}

// searchFrom returns where x lies in a (ascending), searching from index
// from on, which must not be past it: O(log distance) by steps that double
// and then a bisection. A cluster's holders of a widely held template are
// found in its row one after another, each near the one before.
func searchFrom(a []uint32, from int, x uint32) int {
	lo, step := from, 1
	for lo+step-1 < len(a) && a[lo+step-1] < x {
		lo += step
		step *= 2
	}
	i, _ := slices.BinarySearch(a[lo:min(lo+step, len(a))], x)
	return lo + i
}

func (s *scorer) numPieces() int {
	if s.pieces > 0 {
		return s.pieces
	}
	return keptPieces
}

// subsetScratch is reused by the subset scorings of one partition: a
// bitset and a counter per node, left zeroed after each use.
type subsetScratch struct {
	seen []uint64
	slot []int32
}

func newPopulation(p *partition) *population {
	pop := &population{stats: make([]store.AccountStats, len(p.accts)), rhythm: make([]graph.Rhythm, len(p.accts)), start: p.trafficStart}
	for u, id := range p.accts {
		st, _ := p.snap.AccountStats(store.NodeID(id))
		pop.stats[u] = st
		pop.rhythm[u], _ = p.snap.Rhythm(store.NodeID(id))
	}
	pop.end = trafficEnd(pop.stats)
	all := make([]float64, 0, len(pop.stats))
	for _, st := range pop.stats {
		if st.Requests > 0 {
			all = append(all, pop.rateOf(st))
		}
	}
	pop.rate = median(all)
	all = all[:0]
	for _, st := range pop.stats {
		if t, ok := tokPerReq(st); ok {
			all = append(all, t)
		}
	}
	pop.tok = median(all)
	return pop
}

// trafficEnd is the time the traffic ends, for request rates: the latest
// of the accounts' last records once the latest one in a thousand are set
// aside. A few records dated far ahead (a clock or an export gone wrong)
// would otherwise stretch every account's days and flatten every rate; in
// clean traffic those accounts end within the traffic's last minutes, so
// little changes.
func trafficEnd(stats []store.AccountStats) int64 {
	lasts := make([]int64, 0, len(stats))
	for _, st := range stats {
		if st.Requests+st.Signups > 0 {
			lasts = append(lasts, st.Last)
		}
	}
	if len(lasts) == 0 {
		return 0
	}
	slices.Sort(lasts)
	return lasts[len(lasts)-1-len(lasts)/1000]
}

// rateOf is an account's requests per day over the part of the traffic
// it could have used: from its first record, or from the start of the
// traffic when it signed up before that, or over one day when that is
// later than the end of the traffic. Counting from a signup months before
// the traffic would spread a heavy user's requests over days the traffic
// does not cover, and make the median account, often an old one, look
// idle next to every recent signup.
func (pop *population) rateOf(st store.AccountStats) float64 {
	days := max(1, float64(pop.end-max(st.First, pop.start))/dayMS)
	return float64(st.Requests) / days
}

// trafficStart is the start of the traffic (unix ms): the start of the
// first day once the earliest one in a thousand requests are set aside,
// as trafficEnd does for stray dates at the end. It is 0 when the inputs'
// day counts are unknown (checkpoints written before they were kept) or
// hold no request.
func trafficStart(days []store.DayCount) int64 {
	var total uint64
	for _, d := range days {
		total += d.Requests
	}
	if total == 0 {
		return 0
	}
	skip, seen := total/1000, uint64(0)
	for _, d := range days {
		if seen += d.Requests; seen > skip {
			return d.Day * dayMS
		}
	}
	return 0
}

func tokPerReq(st store.AccountStats) (float64, bool) {
	if st.Requests == 0 {
		return 0, false
	}
	return float64(st.Tokens) / float64(st.Requests), true
}

// attrPiece is what attributes adds up over one run of values.
type attrPiece struct {
	tmplIn, tmplAll []float64 // label -> templated requests held inside, all
	cohIn, cohAll   []float64 // label -> link weight held inside, all
	own             []int32   // label -> templates it holds as its own
	mask            []uint8   // as scorer.mask
	tied            []uint8   // per account, how many values tie it (at most 2)
	nets            []labelNet
	cards           []labelCard
	cnt             []int32 // label -> holders of the current value, zero between values
	touched         []int32 // labels with a non-zero cnt
	all             []holding
}

// count tallies the labels of holders hs in cnt.
func (a *attrPiece) count(p *partition, hs []holding) {
	for _, h := range hs {
		l := p.label[h.u]
		if a.cnt[l] == 0 {
			a.touched = append(a.touched, l)
		}
		a.cnt[l]++
	}
}

// attributes computes template share, kind coverage and cohesion in one
// pass over the attributes.
func (s *scorer) attributes() {
	p := s.p
	snap := p.snap
	pieces := make([]*attrPiece, s.numPieces())
	for i := range pieces {
		pieces[i] = &attrPiece{cnt: make([]int32, p.nLab), mask: make([]uint8, len(p.accts))}
		if !s.tiesOnly {
			a := pieces[i]
			a.tmplIn, a.tmplAll, a.cohIn, a.cohAll = make([]float64, p.nLab), make([]float64, p.nLab), make([]float64, p.nLab), make([]float64, p.nLab)
			a.own = make([]int32, p.nLab)
		}
		if s.tied != nil {
			pieces[i].tied = make([]uint8, len(p.accts))
		}
	}
	s.eachValue(func(piece int, v uint32, hs []holding) {
		a := pieces[piece]
		cnt, tmplIn, tmplAll, cohIn, cohAll := a.cnt, a.tmplIn, a.tmplAll, a.cohIn, a.cohAll
		k := snap.Kind[v]
		if k == store.KindAccount || k == 0 || k == store.KindIPPrefix || len(hs) == 0 {
			return
		}
		adj := snap.Neighbors(store.NodeID(v))
		var cs []uint32
		if k == store.KindTemplate {
			cs = snap.Counts(store.NodeID(v))
		}
		d := len(adj)
		if d < 2 && k != store.KindTemplate {
			return
		}
		a.touched = a.touched[:0]
		a.count(p, hs)
		// The cluster holding most of this value, if it holds at least
		// half. Scoring a few labels counts only their holders: a label
		// holding more than half is the one; one holding exactly half
		// may tie with another, which the first holder decides, so then
		// every holder is counted.
		best := int32(-1)
		pick := func() {
			best = -1
			for _, l := range a.touched {
				if cnt[l] >= 2 && 2*int(cnt[l]) >= d && (best < 0 || cnt[l] > cnt[best]) {
					best = l
				}
			}
		}
		pick()
		if s.only != nil && best >= 0 && 2*int(cnt[best]) == d {
			for _, l := range a.touched {
				cnt[l] = 0
			}
			a.touched = a.touched[:0]
			a.all = a.all[:0]
			for i, x := range adj {
				if u := p.idx[x]; u >= 0 && p.label[u] >= 0 {
					a.all = append(a.all, holding{u, int32(i)})
				}
			}
			a.count(p, a.all)
			pick()
		}
		ai := p.idx[v] // kept attribute index, or -1
		// A value that only one identity holds (a card its accounts
		// share) was left out of community detection, as it links
		// nothing new, but it ties those accounts as much as any kept
		// value: its weight counts, all of it inside.
		var internalW float64
		if ai < 0 && d >= 2 && p.internal[v>>6]&(1<<(v&63)) != 0 {
			internalW = LinkWeight(k, d, len(p.accts))
		}
		for _, h := range hs {
			if s.tiesOnly {
				break
			}
			u := h.u
			l := p.label[u]
			inside := float64(cnt[l]) / float64(d)
			if k == store.KindTemplate {
				c := float64(cs[h.i])
				tmplAll[l] += c
				if d >= 2 {
					tmplIn[l] += c * inside
				}
			}
			switch {
			case ai >= 0:
				w := p.weightAt(u, ai, k)
				cohAll[l] += w
				cohIn[l] += w * inside
			case internalW > 0:
				w := internalW / float64(max(1, p.kinds[int(u)*8+int(k)]))
				cohAll[l] += w
				cohIn[l] += w * inside
			}
		}
		if best >= 0 && !s.tiesOnly {
			if k == store.KindTemplate {
				a.own[best]++
			}
			if k == store.KindIP && snap.HasNets() {
				a.nets = append(a.nets, labelNet{key: uint64(best)<<32 | uint64(snap.Net(v)), v: v, n: cnt[best]})
			}
			if k == store.KindPayment {
				a.cards = append(a.cards, labelCard{key: uint64(best)<<32 | uint64(v), n: cnt[best]})
			}
		}
		if best >= 0 {
			for _, h := range hs {
				if p.label[h.u] == best {
					a.mask[h.u] |= 1 << k
				}
				if s.partner != nil && s.tieKinds&(1<<k) != 0 && s.partner[p.label[h.u]] == best {
					n := uint8(2)
					if k == store.KindTemplate {
						n = 1 // one alone may be chance (see splitByEvidence)
					}
					a.tied[h.u] = min(2, a.tied[h.u]+n)
				}
			}
		}
		for _, l := range a.touched {
			cnt[l] = 0
		}
	})
	if s.tied != nil {
		tiedN := make([]uint8, len(p.accts))
		for _, a := range pieces {
			for u, t := range a.tied {
				tiedN[u] = min(2, tiedN[u]+t)
			}
		}
		for u, t := range tiedN {
			if t >= 2 {
				s.tied[u] = true
			}
		}
	}
	if s.tiesOnly {
		return
	}
	// The pieces added up in piece order: the same sums on every machine.
	first := pieces[0]
	tmplIn, tmplAll, cohIn, cohAll := first.tmplIn, first.tmplAll, first.cohIn, first.cohAll
	s.mask = first.mask
	mask := s.mask
	nets, cards := first.nets, first.cards
	for _, a := range pieces[1:] {
		addInto(tmplIn, a.tmplIn)
		addInto(tmplAll, a.tmplAll)
		addInto(cohIn, a.cohIn)
		addInto(cohAll, a.cohAll)
		for u, m := range a.mask {
			mask[u] |= m
		}
		nets = append(nets, a.nets...)
		cards = append(cards, a.cards...)
	}
	for _, a := range pieces {
		for l, n := range a.own {
			s.sig[l].OwnTemplates += int(n)
		}
	}

	radix.Sort(nets, func(x labelNet) uint64 { return x.key })
	radix.Sort(cards, func(x labelCard) uint64 { return x.key })
	var mark []bool // scratch for offsiteHalf, all false between uses
	doms := map[uint32]int{}
	for i, x := range nets {
		if i == 0 || x.key != nets[i-1].key {
			s.sig[x.l()].Networks++
		}
	}
	for _, l := range s.labels() {
		sg := &s.sig[l]
		sg.ExitPool = exitPool(sg.Networks, len(s.members[l]))
		// Requests on templates no other account holds are templated
		// requests none of which are on a template the cluster shares: the
		// pruned snapshot keeps them per account, not per template.
		for _, u := range s.members[l] {
			tmplAll[l] += float64(snap.SoloTemplateRequests(p.accts[u]))
		}
		if tmplAll[l] > 0 {
			sg.TemplateShare = tmplIn[l] / tmplAll[l]
		}
		if cohAll[l] > 0 {
			sg.Cohesion = cohIn[l] / cohAll[l]
		}
		size := float64(len(s.members[l]))
		ipCov := 0.0
		for _, k := range evidenceKinds {
			c := 0
			for _, u := range s.members[l] {
				if mask[u]&(1<<k) != 0 {
					c++
				}
			}
			cov := float64(c) / size
			if k == store.KindIP {
				ipCov = cov
			}
			if c > 0 {
				sg.Kinds = append(sg.Kinds, KindCoverage{Kind: k.String(), Coverage: round3(cov)})
			}
			switch {
			case cov < 0.5:
			case k == store.KindIP && snap.HasNets() && !s.offsiteHalf(labelNets(nets, l), s.members[l], &mark):
				sg.OneSite = true
			case k == store.KindPayment && s.onePayer(s.members[l], labelCards(cards, l)):
				sg.OnePayer = true
			default:
				sg.EvidenceKind++
			}
		}
		// Where the members share addresses, the addresses say whether
		// they work at sites or rotate through exits. Where most share
		// none, each at an address of their own (staff working from
		// home), one payer for all says who they work for as a site
		// would.
		if sg.OneSite || ipCov >= 0.5 && fewSites(sg.Networks, len(s.members[l])) || ipCov < 0.5 && sg.OnePayer {
			var kin []int32
			if s.kin != nil && s.kin[l] >= 0 {
				kin = s.members[s.kin[l]]
			}
			sg.Organisation, sg.OrgShare, sg.ClientShare, sg.OrgDomains = s.organisation(s.members[l], kin, doms)
			sg.AtHome = sg.organised() && !sg.OneSite && ipCov < 0.5
		}
	}
}

// labelCard is a card a label holds as its own (n of its holders in the
// label), keyed by the label and the card's node.
type labelCard struct {
	key uint64 // label<<32 | node
	n   int32
}

// labelCards returns the entries of label l in cards (sorted by key).
func labelCards(cards []labelCard, l int32) []labelCard {
	i, _ := slices.BinarySearchFunc(cards, l, func(x labelCard, l int32) int { return cmp.Compare(int32(x.key>>32), l) })
	j := i
	for j < len(cards) && int32(cards[j].key>>32) == l {
		j++
	}
	return cards[i:j]
}

// onePayer reports whether members (a cluster's, holding its own cards
// for half of them or more) are covered by its own cards (own, sorted)
// only through one value: one own card is held by half of them or more
// (ties: the lowest node), and fewer than half hold an own card other than
// that one. A ring pays through a pool of cards, each shared by a few
// accounts; a sponsor's credit, a study's or an employer's card pays for
// everyone at once.
//
// Cost: O(own cards), and when their holders do not settle it (an own
// card held by half the members beside others held by half in all), the
// members' card edges.
func (s *scorer) onePayer(members []int32, own []labelCard) bool {
	top := -1
	sum := 0
	for i, c := range own {
		sum += int(c.n)
		if top < 0 || c.n > own[top].n {
			top = i
		}
	}
	if top < 0 || 2*int(own[top].n) < len(members) {
		return false
	}
	if 2*(sum-int(own[top].n)) < len(members) {
		return true // at most that many hold another
	}
	p, snap := s.p, s.p.snap
	topV := uint32(own[top].key)
	others := 0
	for _, u := range members {
		for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
			if snap.Kind[v] != store.KindPayment || v == topV {
				continue
			}
			if _, ok := slices.BinarySearchFunc(own, v, func(c labelCard, v uint32) int { return cmp.Compare(uint32(c.key), v) }); ok {
				others++
				break
			}
		}
	}
	return 2*others < len(members)
}

// siteMembers is how many members per network of its own addresses make
// a cluster's addresses places rather than exits (see fewSites).
const siteMembers = 10

// fewSites reports whether a cluster of size members whose own addresses
// lie in networks networks, and cover half its members or more, reaches
// the API from sites: each network serves siteMembers members or more on
// average. An enterprise behind a
// secure web gateway egresses in a few networks per country, a company
// from its offices' NATs; a ring rotating through exits, residential or
// cloud, has about a network per member or more (exitPool). One site is
// the case of one network, checked apart (Signals.OneSite) because a
// site's address covers members whatever their other addresses.
func fewSites(networks, size int) bool {
	return networks >= 1 && networks*siteMembers <= size
}

// organisation returns the mail domain at least half of members hold,
// with that share, when at least half of the domain's accounts are
// members (or members and kin, the other part of their cluster on trial)
// and at least half of members are people at places (see
// settledRecords); else, on that last condition, two or more domains
// each held by siteMembers members or more and nine in ten of whose
// accounts are members (a firm's domain is its staff's alone; a mail
// provider, however small, has users outside), together holding half
// the members or more: the largest, their share and how many
// (Signals.OrgDomains); else the share of members each at a domain no
// other account uses when that is at least half (Signals.ClientShare);
// else nothing. doms is scratch, left empty.
//
// Firms on one vendor's tools (six law firms on its review add-in and
// prompts, the seventh probe's) share its servers, its fingerprint and
// its templates, and are clustered together: each says who it is, and
// ten or more staff to a domain are firms, where a ring that dresses its
// cells as firms gives each a handful of seats (the fifth probe's shell
// firms, six to ten).
//
// A part of an organisation is judged as one: the split that tries it
// (splitByEvidence) cuts a firm's cluster by the values part of its
// staff hold, such as the office or remote desktop some of them work
// through, and that part says who employs it as the whole firm does. It
// then stands apart only by how it uses the API, as an insider's seats
// driven by a script round the clock do.
//
// Cost: O(members log accounts), and O(kin) for each domain that ten or
// more members hold (kin is set only for the split's trials).
func (s *scorer) organisation(members, kin []int32, doms map[uint32]int) (string, float64, float64, int) {
	if len(members) == 0 {
		return "", 0, 0, 0
	}
	snap := s.p.snap
	defer clear(doms)
	settled := 0
	for _, u := range members {
		id := s.p.accts[u]
		if d := snap.Domain(id); d != 0 {
			doms[d]++
		}
		st := s.pop.stats[u]
		if snap.Addresses(id) <= 1+int((st.Requests+st.Signups)/settledRecords) {
			settled++
		}
	}
	if 2*settled < len(members) {
		return "", 0, 0, 0
	}
	// Two domains can hold exactly half each: the lower index decides.
	best, bc, own := uint32(0), 0, 0
	fed, fedC, fedN, fedTop := 0, 0, 0, uint32(0)
	for d, c := range doms {
		if 2*c >= len(members) && 2*(c+s.holdersIn(kin, d)) >= snap.DomainHolders(d) && (c > bc || c == bc && d < best) {
			best, bc = d, c
		}
		if c == 1 && snap.DomainHolders(d) == 1 {
			own++
		}
		if c >= siteMembers && 10*(c+s.holdersIn(kin, d)) >= 9*snap.DomainHolders(d) {
			fed += c
			fedN++
			if c > fedC || c == fedC && d < fedTop {
				fedTop, fedC = d, c
			}
		}
	}
	switch {
	case best != 0:
		return snap.DomainName(best), round3(float64(bc) / float64(len(members))), 0, 1
	case fedN >= 2 && 2*fed >= len(members):
		return snap.DomainName(fedTop), round3(float64(fed) / float64(len(members))), 0, fedN
	case 2*own >= len(members):
		return "", 0, round3(float64(own) / float64(len(members))), 0
	}
	return "", 0, 0, 0
}

// holdersIn is how many of members (acct indexes) have their mail at
// domain d.
func (s *scorer) holdersIn(members []int32, d uint32) int {
	n := 0
	for _, u := range members {
		if s.p.snap.Domain(s.p.accts[u]) == d {
			n++
		}
	}
	return n
}

// organised reports whether the cluster is an organisation: its members'
// mail at a domain of its own, or each at a domain of its own as an
// agency's clients are (see Signals.Organisation and ClientShare).
func (s Signals) organised() bool { return s.Organisation != "" || s.ClientShare > 0 }

// settledRecords: a member is a person at a few places (the site, a home,
// a phone) when it used at most one address more than one per
// settledRecords of its records. Accounts behind rotating proxies use a
// new address on most requests; pupils reach the API from a school's and
// a home's address, staff from an office's, and call-centre agents from
// the centre's alone. So does an operation run from one egress with mail
// at a domain of its own: an organisation too, by this rule, that says
// where it is and who runs it.
const settledRecords = 4

// labelNet is an address v a label holds as its own (n of its holders in
// the label), keyed by the label and the address's network.
type labelNet struct {
	key uint64 // label<<32 | network key
	v   uint32
	n   int32
}

func (x labelNet) l() int32    { return int32(x.key >> 32) }
func (x labelNet) net() uint32 { return uint32(x.key) }

// labelNets returns the entries of label l in nets (sorted by label).
func labelNets(nets []labelNet, l int32) []labelNet {
	i, _ := slices.BinarySearchFunc(nets, l, func(x labelNet, l int32) int { return cmp.Compare(x.l(), l) })
	j := i
	for j < len(nets) && nets[j].l() == l {
		j++
	}
	return nets[i:j]
}

// offsiteHalf reports whether at least half of members (a cluster's,
// ascending) hold an address of the cluster's own outside its site: the
// network holding most of its own addresses' uses (ties: the lowest key).
// nets are the cluster's own addresses, sorted by network. A
// cluster whose addresses cover half its members only through that one
// network shares a site (an office's or a campus's NAT), which says
// nothing of who its members are; a household or a hotspot inside it, a
// few members sharing an address elsewhere, does not change that. mark
// is scratch by acct index, left all false. Cost: the holders of the
// addresses outside the site, until half the members are found.
func (s *scorer) offsiteHalf(nets []labelNet, members []int32, mark *[]bool) bool {
	p := s.p
	site := siteOf(nets)
	if *mark == nil {
		*mark = make([]bool, len(p.accts))
	}
	m := *mark
	var found []int32
	defer func() {
		for _, u := range found {
			m[u] = false
		}
	}()
	for _, x := range nets {
		if x.net() == site {
			continue
		}
		for _, a := range p.snap.Neighbors(store.NodeID(x.v)) {
			if u := p.idx[a]; u >= 0 && p.label[u] == x.l() && !m[u] {
				m[u] = true
				if found = append(found, u); 2*len(found) >= len(members) {
					return true
				}
			}
		}
	}
	return false
}

// siteOf returns the network of nets (a cluster's own addresses, sorted
// by network) holding most of their uses (ties: the lowest key).
func siteOf(nets []labelNet) uint32 {
	site, best, run := uint32(0), int32(-1), int32(0)
	for j, x := range nets {
		if j > 0 && x.key != nets[j-1].key {
			run = 0
		}
		if run += x.n; run > best {
			site, best = x.net(), run
		}
	}
	return site
}

// exitPoolHalf is the number of networks at which exitPool reaches half
// strength for a cluster with as many members.
const exitPoolHalf = 16

// exitPool measures how far a cluster's own addresses, in n distinct
// networks, look like a pool of exits its size accounts rotate through
// rather than a place they share: n/(n+exitPoolHalf), times n/size up to
// 1. A household, an office, a campus or a carrier's NAT pool puts its
// addresses in a few networks (a carrier's thousands of users in a
// handful of /24s); a ring on rented residential proxies reuses exits
// scattered over as many networks as it has members, which nobody else
// uses. On its own it stays under the threshold (its weight is 0.25):
// privacy users sharing a VPN's or Tor's exits look alike, but not in
// volume, templates or timing.
func exitPool(n, size int) float64 {
	if n == 0 || size == 0 {
		return 0
	}
	return round3(min(1, float64(n)/float64(size)) * float64(n) / float64(n+exitPoolHalf))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// volume sets the request and token totals, medians, ratios and Volume
// of sg from members' statistics. rates and toks are scratch, returned
// for reuse.
func (pop *population) volume(sg *Signals, members []int32, rates, toks []float64) ([]float64, []float64) {
	rates, toks = rates[:0], toks[:0]
	for _, u := range members {
		st := pop.stats[u]
		sg.Requests += st.Requests
		sg.Tokens = store.AddTokens(sg.Tokens, st.Tokens)
		if st.Requests > 0 {
			rates = append(rates, pop.rateOf(st))
		}
		if t, ok := tokPerReq(st); ok {
			toks = append(toks, t)
		}
	}
	sg.ReqPerDay = round3(median(rates))
	sg.TokPerReq = round3(median(toks))
	if pop.rate > 0 && sg.ReqPerDay > 0 {
		sg.ReqRatio = round3(sg.ReqPerDay / pop.rate)
	}
	if pop.tok > 0 && sg.TokPerReq > 0 {
		sg.TokRatio = round3(sg.TokPerReq / pop.tok)
	}
	v := 0.0
	if sg.ReqRatio > 0 {
		v += clamp01(math.Log2(sg.ReqRatio) / 3)
	}
	if sg.TokRatio > 0 {
		v += clamp01(math.Log2(sg.TokRatio) / 2)
	}
	sg.Volume = round3(v / 2)
	return rates, toks
}

// logSpread returns how the natural log of the request counts of members
// with a request spreads, when three or more have one (else 0, 0): its
// median absolute deviation from the median times 1.4826, which estimates
// a standard deviation but does not grow with a tenth or a third of
// members unlike the rest (people behind a ring's exits), and Sarle's
// bimodality coefficient with its sample-size corrections, (skewness² +
// 1) / (excess kurtosis + 3(n-1)²/((n-2)(n-3))): about 1/3 for a normal
// spread, 5/9 for a uniform one, more for two or more clumps; 0 for
// fewer than four counts or equal ones.
func logSpread(members []int32, stats []store.AccountStats) (spread, bimodality float64) {
	var xs []float64
	var sum float64
	for _, u := range members {
		if r := stats[u].Requests; r > 0 {
			x := math.Log(float64(r))
			xs = append(xs, x)
			sum += x
		}
	}
	n := float64(len(xs))
	if n < 3 {
		return 0, 0
	}
	mean := sum / n
	var m2, m3, m4 float64
	for _, x := range xs {
		d := x - mean
		m2 += d * d / n
		m3 += d * d * d / n
		m4 += d * d * d * d / n
	}
	// Equal counts leave rounding in m2, not a spread; the sample
	// corrections need four counts.
	if n >= 4 && m2 > 1e-12*max(1, mean*mean) {
		g1, g2 := m3/math.Pow(m2, 1.5), m4/(m2*m2)-3
		skew := g1 * math.Sqrt(n*(n-1)) / (n - 2)
		kurt := ((n+1)*g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
		bimodality = (skew*skew + 1) / (kurt + 3*(n-1)*(n-1)/((n-2)*(n-3)))
	}
	m := median(xs)
	for i, x := range xs {
		xs[i] = math.Abs(x - m)
	}
	return 1.4826 * median(xs), bimodality
}

// behaviour computes volume, bursts and lockstep from account statistics.
func (s *scorer) behaviour() {
	stats := s.pop.stats
	var rates, toks []float64
	var ts []int64
	for _, l := range s.labels() {
		sg := &s.sig[l]
		rates, toks = s.pop.volume(sg, s.members[l], rates, toks)

		ts = ts[:0]
		for _, u := range s.members[l] {
			if stats[u].Signups > 0 {
				ts = append(ts, stats[u].Signup)
			}
		}
		sg.Signups = len(ts)
		share, chance := coincidence(ts, BurstWindowMS)
		sg.BurstShare, sg.BurstChance = round3(share), round3(chance)
		// Scaled by the share of members with a signup in the data.
		sg.SignupBurst = round3(excess(share, chance) * float64(len(ts)) / float64(len(s.members[l])))
		ts = ts[:0]
		for _, u := range s.members[l] {
			if stats[u].Requests > 0 {
				ts = append(ts, stats[u].Last)
			}
		}
		share, chance = coincidence(ts, LockWindowMS)
		sg.LockShare, sg.LockChance = round3(share), round3(chance)
		sg.Lockstep = round3(excess(share, chance) * float64(len(ts)) / float64(len(s.members[l])))
		s.pop.rhythmOf(sg, s.members[l])
		sg.TemplateShare = round3(sg.TemplateShare)
		sg.Cohesion = round3(sg.Cohesion)
	}
}

// coincidence returns the share of timestamps with another within win ms,
// and the share expected by chance for as many timestamps spread
// uniformly over the central 80% of their span (at least an hour).
func coincidence(ts []int64, win int64) (share, chance float64) {
	n := len(ts)
	if n < 3 {
		return 0, 1
	}
	slices.Sort(ts)
	hit := 0
	for i, t := range ts {
		if (i > 0 && t-ts[i-1] <= win) || (i+1 < n && ts[i+1]-t <= win) {
			hit++
		}
	}
	lo, hi := ts[n/10], ts[n-1-n/10]
	span := max(float64(hi-lo)/0.8, 3_600_000)
	// P(no other of n-1 points within ±win) for uniform points.
	chance = 1 - math.Pow(max(0, 1-2*float64(win)/span), float64(n-1))
	return float64(hit) / float64(n), chance
}

// excess is the share of coincidences beyond chance: share − chance. It
// is small whenever chance alone explains most coincidences (thousands of
// signups in a few days collide anyway), however close share is to 1.
func excess(share, chance float64) float64 {
	return clamp01(share - chance)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	c := slices.Clone(xs)
	slices.Sort(c)
	m := len(c) / 2
	if len(c)%2 == 1 {
		return c[m]
	}
	return (c[m-1] + c[m]) / 2
}

// Reasons states the strongest signals of a cluster in plain words, the
// strongest first.
func Reasons(s Signals, size int) []string {
	type r struct {
		w    float64
		text string
	}
	var rs []r
	// An organisation's shared values and templates count for nothing
	// (see Score): they are listed after what counts, said so.
	org := s.organised()
	counted := func(w float64) float64 {
		if org {
			return 0
		}
		return w
	}
	switch {
	case s.Organisation != "":
		if s.OrgDomains > 1 {
			rs = append(rs, r{0, fmt.Sprintf("%d organisations: %.0f%% of members have their mail at %d domains each used mostly inside the cluster by ten or more of them (the largest %s), %s and mostly reach the API from a few addresses each; so what they share shows only that they work together or with the same tools, and volume and automation alone are scored", s.OrgDomains, 100*s.OrgShare, s.OrgDomains, s.Organisation, sitesText(s))})
			break
		}
		rs = append(rs, r{0, fmt.Sprintf("one organisation: %.0f%% of members have their mail at %s, a domain used mostly inside the cluster, %s and mostly reach the API from a few addresses each; so what they share shows only that they work together, and volume and automation alone are scored", 100*s.OrgShare, s.Organisation, sitesText(s))})
	case org:
		rs = append(rs, r{0, fmt.Sprintf("one firm's clients: %.0f%% of members each have their mail at a domain no other account uses (a business of its own), %s and mostly reach the API from a few addresses each; so what they share shows only that one firm works their accounts, and volume and automation alone are scored", 100*s.ClientShare, sitesText(s))})
	}
	if tmpl := templateSignal(s, size); tmpl > s.TemplateShare {
		text := fmt.Sprintf("private templates: the members share %d templates used mostly inside the cluster, %.1f per member, though only %.0f%% of their templated requests are on them (prompts varied so that most mine into templates others use too)", s.OwnTemplates, float64(s.OwnTemplates)/float64(size), 100*s.TemplateShare)
		if org {
			text += " (the organisation's own: not counted)"
		}
		rs = append(rs, r{counted(0.45 * tmpl), text})
	} else if s.TemplateShare > 0 {
		// TemplateShare weighs each request by the share of its template's
		// users inside the cluster: say so, rather than a share of requests.
		text := fmt.Sprintf("%.0f%% template concentration: the members' templated requests are on templates used mostly inside the cluster (%d such templates)", 100*s.TemplateShare, s.OwnTemplates)
		if s.OwnTemplates == 0 {
			text = fmt.Sprintf("%.0f%% template concentration: the members' templates are used mostly outside the cluster", 100*s.TemplateShare)
		}
		if org {
			text += " (the organisation's own: not counted)"
		}
		rs = append(rs, r{counted(0.45 * s.TemplateShare), text})
	}
	if s.SignupBurst > 0 {
		rs = append(rs, r{0.4 * s.SignupBurst, fmt.Sprintf("signup bursts: %.0f%% of %d signups within %d min of another member's (chance %.0f%%)", 100*s.BurstShare, s.Signups, BurstWindowMS/60000, 100*s.BurstChance)})
	}
	if s.Lockstep > 0 {
		rs = append(rs, r{0.4 * s.Lockstep, fmt.Sprintf("lockstep: %.0f%% of members' last requests within %d s of another member's (chance %.0f%%)", 100*s.LockShare, LockWindowMS/1000, 100*s.LockChance)})
	}
	if s.RoundTheClock > 0 {
		rs = append(rs, r{0.4 * s.RoundTheClock, fmt.Sprintf("round the clock: taken together, the %d members with two or more requests show no daily rest (their requests' concentration in part of the day is at most %.3f; activity spread evenly over %d hours of the day gives %.3f, over a %d-hour waking day %.3f)", s.DayMembers, s.DayConcentration, restHours, restBar, wakingHours, evenOver(wakingHours))})
	}
	if s.Volume > 0 {
		rs = append(rs, r{0.35 * s.Volume, fmt.Sprintf("heavy use: %.1f requests per account per day (%.1fx the median account), %.0f tokens per request (%.1fx)", s.ReqPerDay, s.ReqRatio, s.TokPerReq, s.TokRatio)})
	}
	if s.ExitPool >= missingBelow { // a network or two is a place, not a pool
		rs = append(rs, r{0.25 * s.ExitPool, fmt.Sprintf("exit pool: the members share addresses in %d networks that few others use (%.1f per member)", s.Networks, float64(s.Networks)/float64(max(1, size)))})
	}
	if len(s.Kinds) > 0 {
		var parts []string
		for _, k := range s.Kinds {
			part := fmt.Sprintf("%s %.0f%%", k.Kind, 100*k.Coverage)
			if s.OneSite && k.Kind == store.KindIP.String() {
				part += " (one site's network: not counted)"
			}
			if s.OnePayer && k.Kind == store.KindPayment.String() {
				part += " (one payer for all: not counted)"
			}
			parts = append(parts, part)
		}
		text := kindsReason(s.EvidenceKind, strings.Join(parts, ", "))
		if org {
			text += " (an organisation's: not counted)"
		}
		rs = append(rs, r{counted(0.2 * clamp01(float64(s.EvidenceKind-1)/2)), text})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].w > rs[j].w })
	out := make([]string, 0, len(rs)+1)
	for _, x := range rs {
		out = append(out, x.text)
	}
	last := fmt.Sprintf("%d accounts; %.0f%% of their link weight stays inside", size, 100*s.Cohesion)
	switch {
	case s.Variants:
		last += fmt.Sprintf("; merged from %d clusters, each of whose members mostly work on a template of their own, the templates variants of one another (most of their wording in common)", s.Families)
	case s.Families > 0:
		last += fmt.Sprintf("; merged from %d clusters, each of whose members mostly work on the same templates of their own", s.Families)
	}
	if s.Gathered {
		last += "; gathered from accounts community detection left alone, around a template they hold that few others do, on which they work at several times the median account's volume"
	}
	if s.Pooled {
		last += "; gathered from accounts community detection left alone, chained by addresses that few others share (exits that come back)"
	}
	if s.Cut {
		last += "; cut by values of its own out of a loose group of accounts that community detection found among a crowd and the passes dissolved"
	}
	if s.Attached > 0 {
		last += fmt.Sprintf("; %d of them in no cluster of their own joined it by holding its own templates, cards, mailboxes, devices or addresses few others use", s.Attached)
	}
	if s.Residents > 0 {
		last += fmt.Sprintf("; %d accounts that did none of its work were left out: under a tenth of their requests on its templates, at under half or over twice its tokens per request (such as the people behind the exits it rented)", s.Residents)
	}
	if s.Joined > 0 {
		pieces, their := fmt.Sprintf("%d smaller clusters", s.JoinedPieces), "their"
		if s.JoinedPieces == 1 {
			pieces, their = "a smaller cluster", "its"
		}
		last += fmt.Sprintf("; %d of them came in %s that scored under the threshold on %s own, most of whose members each hold two or more of this cluster's own values that few others use, and whose volume is at least half this cluster's",
			s.Joined, pieces, their)
	}
	return append(out, last)
}

// sitesText and sitesShort say where an organisation's members reach the
// API from.
func sitesText(s Signals) string {
	switch {
	case s.OneSite:
		return "share one site"
	case atHome(s):
		return "pay through one card for all and mostly share no address (as staff working from home do),"
	}
	return fmt.Sprintf("share %d networks of their own, sites rather than exits", s.Networks)
}

func sitesShort(s Signals) string {
	switch {
	case s.OneSite:
		return "one site"
	case atHome(s):
		return "one payer, no shared site"
	}
	return fmt.Sprintf("%d sites", s.Networks)
}

// atHome reports whether an organisation was told by its one payer, its
// members mostly sharing no address, rather than by its sites.
func atHome(s Signals) bool { return s.AtHome }

// Missing states, in plain words, which of the signals Score adds up are
// weak or absent in a cluster: for one that is not flagged, what keeps
// its score down (a household or an office shares values, but not the
// templates, the automation and the volume of an extraction ring).
//
// A signal counts as weak below missingBelow of its full strength.
func Missing(s Signals, size int) []string {
	var out []string
	if templateSignal(s, size) < 2*missingBelow {
		out = append(out, fmt.Sprintf("template concentration only %.0f%%: most of its members' prompts are their own or widely used", 100*s.TemplateShare))
	}
	if automation(s) < missingBelow {
		out = append(out, "little or no signup burst, lockstep or round-the-clock activity beyond what chance gives")
	}
	if s.Volume < missingBelow {
		out = append(out, fmt.Sprintf("near-ordinary volume: %.1fx the median account's requests per day", s.ReqRatio))
	}
	if ind := independence(s); ind > 0 && !s.organised() {
		out = append(out, fmt.Sprintf("its members' volumes differ as independent users' do (spread of log requests %.2f; one operator's accounts stay within %.1f): what they share (a product's prompt, its client, its servers) counts %.0f%% less", s.Spread, spreadOne, 100*ind))
	}
	if s.OneSite {
		out = append(out, "the addresses its members share cover them through one network: a site's NAT, shared by whoever is there")
	}
	if s.OnePayer {
		out = append(out, "the cards its members share cover them through one value: who pays for the group (an employer, a sponsor), not a ring's pool of cards")
	}
	switch {
	case s.OrgDomains > 1:
		out = append(out, fmt.Sprintf("%d organisations (%.0f%% of members' mail at %d domains of their own, the largest %s, %s): their shared cards, devices, addresses and templates are not counted", s.OrgDomains, 100*s.OrgShare, s.OrgDomains, s.Organisation, sitesShort(s)))
	case s.Organisation != "":
		out = append(out, fmt.Sprintf("one organisation (%.0f%% of members' mail at %s, %s): its shared cards, devices, addresses and templates are not counted", 100*s.OrgShare, s.Organisation, sitesShort(s)))
	case s.organised():
		out = append(out, fmt.Sprintf("one firm's clients (%.0f%% of members each at a mail domain of their own, %s): their shared cards, devices, addresses and templates are not counted", 100*s.ClientShare, sitesShort(s)))
	}
	switch s.EvidenceKind {
	case 0:
		if s.OneSite {
			out = append(out, "no other kind of shared evidence covers half the members")
		} else {
			out = append(out, "no kind of shared evidence covers half the members")
		}
	case 1:
		out = append(out, "only one kind of shared evidence covers at least half the members")
	}
	return out
}

// missingBelow is the strength, as a share of a signal's full weight,
// under which Missing calls it weak (template concentration: twice that).
const missingBelow = 0.25

// kindsReason words the evidence-kinds reason for n kinds.
func kindsReason(n int, shares string) string {
	switch n {
	case 0:
		return fmt.Sprintf("no kind of shared evidence covers half the members (share of members per kind: %s)", shares)
	case 1:
		return fmt.Sprintf("1 kind of shared evidence covers at least half the members (share of members per kind: %s)", shares)
	}
	return fmt.Sprintf("%d independent kinds of shared evidence each cover at least half the members (share of members per kind: %s)", n, shares)
}
