package linkage

import (
	"slices"

	"github.com/ringlink/ringlink/store"
)

// splitByEvidence judges apart the two parts of a cluster that one kind of
// evidence divides, and keeps them apart when only one part would be
// flagged on its own.
//
// Community detection groups accounts by everything they share, so a ring
// behind shared infrastructure (an integrator's servers, a venue's wifi)
// lands in one cluster with the innocent users of that infrastructure, and
// the cluster is then scored as a whole: the ring's own cards, templates
// and volume flag the bystanders, or the bystanders' ordinary traffic
// dilutes the ring below the threshold. What tells them apart is evidence
// only part of the cluster carries. For each evidence kind in turn, a
// cluster whose identity components divide into those holding a value of
// that kind mostly held inside the cluster (the part S) and those holding
// none (R) is cut in two. Members of R that hold a card, mailbox, device
// or address mostly held in S, or two such templates, are tied to S by
// its own evidence (ring members that never share a mailbox still use the
// ring's cards and templates) and go back to it. One template alone may
// be chance, as a prompt is content: a stranger's prompt can mine into
// the ring's template, and probe2's campus ring sends the homework prompts
// it mimics, so students who sent one of its variants went back to it
// (7 students flagged on one seed).
// The cut stands when S then scores at least threshold and R under it; a
// cluster whose parts both reach the threshold, or both miss it, stays
// whole, so a ring whose members carry different evidence is not cut into
// pieces. It stands the other way round, S under the threshold and R at
// it, only when S is judged an organisation (see scorer.organisation): a
// firm whose keys share a cloud's addresses with a ring says who it is,
// and is judged by how it uses the API, not by its neighbours (the sixth
// probe's evaluation company, flagged with a label harvester or a
// free-tier swarm on each seed). A ring's part without its own kind of
// value is no organisation, so a ring is not cut into pieces that way. A cut never separates an identity component, and a part cut off
// is not cut again.
//
// A crowd holds values of its own too: in a carrier's or a campus's
// cluster of thousands, small groups of users share a prompt or a device
// nobody outside does, so "holds one" puts much of the crowd in S beside
// a ring hidden in it, and S is diluted as the whole was. So a second
// round, for the clusters still under threshold, takes as S only the
// members holding the cluster's most widely held value of the kind (a
// ring's template or card is held by much of the ring; a crowd's by a
// handful), and ties back to S only the members of R holding a value of
// that same kind mostly held in S (two, for templates): the ring's other templates bring back
// the rest of the ring, but an address of a carrier's pool that ring
// members happen to hold most of does not bring back a subscriber. The
// same test decides.
//
// In an organisation (judged on behaviour: see scorer.organisation) the
// second round runs once more, for a second group beside the first: S is
// the holders of the own value of the kind most widely held by the
// members who hold an own value but not the top one. A firm's
// remote-desktop users hold its most widely held address and device; an
// insider's seats, driven from machines of their own, the next (the sixth
// probe's labelling vendor on its third seed).
//
// A third round, for templates only, looks for a minority inside a
// cluster still under threshold: S is the holders of the own template on
// which the members send the most requests, among those held by at most
// half of the members holding an own template. A sponsor's credit and
// starter template tie a conference's attendees to a farm that signed up
// with the leaked credit; the starter is the most widely held template,
// so the second round takes everyone, but the farm's own templates carry
// most of the cluster's requests. Such a cut stands only when S also
// sends at least half of its templated requests on its own templates
// (TemplateShare): a part drawn from a template is a separate operation
// when that is what it works on, not a firm's busy team that shares a
// prompt of its own beside the firm's. A part judged as an organisation's
// (see scorer.organisation: the parts on trial keep the firm's domain)
// needs no such condition, as its templates are not counted: it is cut
// off only when how it uses the API flags it, as an insider's seats
// driven round the clock at ten times the staff's volume, on the firm's
// templates as often as on their own, are.
//
// Each kind and round costs a scoring of its candidate clusters (O(edges
// of their members) plus O(nodes/64) for a bitset), a second of those
// that keep a part R after the ties, and, when it cut anything, one
// scoring of the whole partition; the later rounds' search for each
// cluster's top value costs O(edges of the members of the clusters under
// threshold), and in the third round the holders of the templates it
// weighs. It returns the scorer of the result.
func (p *partition) splitByEvidence(sc *scorer, threshold float64) *scorer {
	sc, _ = p.splitRounds(sc, threshold, make([]bool, p.nLab))
	return sc
}

// splitRounds runs splitByEvidence's rounds over the clusters that cut
// does not mark (label -> already cut, or not to be cut), and returns the
// scorer of the result and cut as the rounds left it: true for every
// cluster cut and for every part cut off.
func (p *partition) splitRounds(sc *scorer, threshold float64, cut []bool) (*scorer, []bool) {
	c := &cutter{
		compHas:  make([]bool, p.nComp),
		compTied: make([]bool, p.nComp),
		cut:      cut,
	}
	c.tieKinds = ^uint8(0)
	for _, k := range evidenceKinds {
		bit := uint8(1) << k
		clear(c.compHas)
		for u, m := range sc.mask {
			if m&bit != 0 {
				c.compHas[p.comp[u]] = true
			}
		}
		sc = p.cutParts(sc, c, threshold)
	}
	tv := &topValues{cnt: make([]int32, p.snap.N())}
	for _, k := range evidenceKinds {
		c.tieKinds = 1 << k
		if tv.mark(p, sc, c, k, threshold) {
			sc = p.cutParts(sc, c, threshold)
		}
	}
	// The second round again, in organisations, for a second group
	// beside the first: a firm's remote-desktop users hold its most
	// widely held address and device, an insider's seats the next.
	tv.beside = true
	for _, k := range evidenceKinds {
		c.tieKinds = 1 << k
		if tv.mark(p, sc, c, k, threshold) {
			sc = p.cutParts(sc, c, threshold)
		}
	}
	tv.beside = false
	// Third round: a minority's own template.
	tv.minority, c.worksOn = true, true
	c.tieKinds = 1 << store.KindTemplate
	if tv.mark(p, sc, c, store.KindTemplate, threshold) {
		sc = p.cutParts(sc, c, threshold)
	}
	return sc, c.cut
}

// cutter is the state splitByEvidence carries across kinds.
type cutter struct {
	compHas  []bool // component is in part S
	compTied []bool // scratch: component tied to its partner part
	cut      []bool // label was cut: its parts stay as they are
	tieKinds uint8  // bits 1<<kind of the values that tie R's members to S
	// worksOn asks of S that at least half of its templated requests be
	// on its own templates (Signals.TemplateShare): a part drawn from a
	// template is a separate operation only if that is what it works on.
	worksOn bool
}

// cutParts tries the cut into S (c.compHas) and R of every cluster not
// cut yet that has at least two members in each, and returns the scorer
// of the result.
func (p *partition) cutParts(sc *scorer, c *cutter, threshold float64) *scorer {
	compHas, compTied := c.compHas, c.compTied
	base := int32(p.nLab)
	rest := make([]int32, base) // label -> label of its part R, or -1
	var cand []int32
	for l := range base {
		rest[l] = -1
		if c.cut[l] {
			continue
		}
		in := 0
		for _, u := range sc.members[l] {
			if compHas[p.comp[u]] {
				in++
			}
		}
		if in >= 2 && len(sc.members[l])-in >= 2 {
			rest[l] = int32(p.nLab)
			cand = append(cand, l)
			p.nLab++
		}
	}
	if len(cand) == 0 {
		return sc
	}
	partner := make([]int32, p.nLab)
	for i := range partner {
		partner[i] = -1
	}
	scored := slices.Clone(cand)
	for _, l := range cand {
		for _, u := range sc.members[l] {
			if !compHas[p.comp[u]] {
				p.label[u] = rest[l]
			}
		}
		partner[rest[l]] = l
		scored = append(scored, rest[l])
	}
	tied := sc.ties(scored, partner, c.tieKinds)
	clear(compTied)
	for u, t := range tied.tied {
		if t {
			compTied[p.comp[u]] = true
		}
	}
	// Only the clusters that still have a part R are judged: the others
	// are whole again, and scoring them (the biggest ring is often one)
	// would be wasted.
	var open []int32
	for _, l := range cand {
		r := rest[l]
		left := 0
		for _, u := range tied.members[r] {
			if compTied[p.comp[u]] {
				p.label[u] = l
			} else {
				left++
			}
		}
		if left < 2 {
			for _, u := range tied.members[r] {
				p.label[u] = l
			}
			continue
		}
		open = append(open, l)
	}
	if len(open) == 0 {
		p.nLab = int(base)
		return sc
	}
	judged := slices.Clone(open)
	for _, l := range open {
		judged = append(judged, rest[l])
	}
	kin := make([]int32, p.nLab)
	for i := range kin {
		kin[i] = -1
	}
	for _, l := range open {
		kin[l], kin[rest[l]] = rest[l], l
	}
	trial := sc.subsetKin(judged, nil, 0, kin)
	// Accepted parts are renumbered from base in label order.
	next := base
	for _, l := range cand {
		r := rest[l]
		if len(trial.members[r]) == 0 {
			continue
		}
		sS, sR := Score(trial.sig[l], len(trial.members[l])), Score(trial.sig[r], len(trial.members[r]))
		if (!c.worksOn || trial.sig[l].TemplateShare >= 0.5 || trial.sig[l].organised()) && sS >= threshold && sR < threshold ||
			trial.sig[l].organised() && sS < threshold && sR >= threshold {
			for _, u := range trial.members[r] {
				p.label[u] = next
			}
			c.cut[l] = true
			c.cut = append(c.cut, true)
			next++
			p.evidenceSplits++
			continue
		}
		for _, u := range trial.members[r] {
			p.label[u] = l
		}
	}
	p.nLab = int(next)
	if next == base {
		return sc
	}
	return newScorer(p)
}

// topValues finds, in each cluster, the holders of its most widely held
// own value of one kind.
type topValues struct {
	cnt     []int32 // node -> holders counted in the cluster at hand; zero between clusters
	touched []uint32
	own     []int32 // scratch: the members holding an own value
	// minority picks, among the own values held by at most half of the
	// members holding one, the one on which the members send the most
	// requests (templates only: the snapshot counts requests on them).
	minority bool
	// beside picks, in organisations only, the most widely held own value
	// among the members not holding the most widely held one (besideTop).
	beside bool
	held   []bool // scratch for besideTop, by acct index, all false between uses
}

// mark sets c.compHas to the components of the members holding the most
// widely held own value of kind k (with t.minority, the own template on
// which the cluster sends the most requests among those held by at most
// half of the members holding one; ties: the first met, members and their
// values in id order), in each cluster not cut yet that scores under
// threshold. It reports whether any cluster has such holders.
//
// Its part S may be the first round's (every member holding an own value
// holds the top one), but the trial is not the same: the first round tied
// back members of R by values of every kind, this one by the kind's
// alone. A ring busy enough to hold most of each carrier address it
// uses pulls, in the first round, every subscriber who once used one of
// those addresses back into its part, which then scores as a crowd; tied
// by its templates alone it stands apart (the second probe's CGNAT ring
// on one seed). Holders are counted from
// the members' side, so a cluster costs the edges of its members plus the
// holders of its top value.
func (t *topValues) mark(p *partition, sc *scorer, c *cutter, k store.Kind, threshold float64) bool {
	snap := p.snap
	bit := uint8(1) << k
	clear(c.compHas)
	found := false
	for l, ms := range sc.members {
		if len(ms) < 4 || c.cut[l] || Score(sc.sig[l], len(ms)) >= threshold || t.beside && !sc.sig[l].organised() {
			continue
		}
		// A value is own when its holders in the cluster are two or more
		// and at least half of all its holders; every holder of an own
		// value has the kind's bit, so counting those members is exact.
		// A value held exactly half inside may be held half by another
		// cluster too; the scorer then gives it to the one its first
		// clustered holder is in.
		own := t.own[:0]
		for _, u := range ms {
			if sc.mask[u]&bit != 0 {
				own = append(own, u)
			}
		}
		t.own = own
		touched := t.count(p, k, nil)
		top, topN := uint32(0), int32(1)
		var topReq uint64
		for _, v := range touched {
			n, d := t.cnt[v], snap.Degree(store.NodeID(v))
			t.cnt[v] = 0
			if n < 2 || !t.minority && n <= topN || 2*int(n) < d || 2*int(n) == d && !p.wonAtHalf(v, int32(l)) {
				continue // not an own value, or no more widely held than the top
			}
			if !t.minority {
				if n > topN {
					top, topN = v, n
				}
				continue
			}
			if 2*int(n) > len(own) {
				continue
			}
			if req := p.requestsIn(v, int32(l)); req > topReq {
				top, topN, topReq = v, n, req
			}
		}
		t.touched = touched
		if topN < 2 {
			continue
		}
		if t.beside {
			if top, topN = t.besideTop(p, sc, l, k, top); topN < 2 {
				continue
			}
		}
		var marked []int32
		for _, a := range snap.Neighbors(store.NodeID(top)) {
			if u := p.idx[a]; u >= 0 && p.label[u] == int32(l) && !c.compHas[p.comp[u]] {
				c.compHas[p.comp[u]] = true
				marked = append(marked, p.comp[u])
			}
		}
		found = found || len(marked) > 0
	}
	return found
}

// count counts in t.cnt, per value of kind k, its holders among t.own
// (but those skip marks, when not nil), and returns the values counted.
func (t *topValues) count(p *partition, k store.Kind, skip []bool) []uint32 {
	snap := p.snap
	touched := t.touched[:0]
	for _, u := range t.own {
		if skip != nil && skip[u] {
			continue
		}
		for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
			if snap.Kind[v] != k {
				continue
			}
			if t.cnt[v] == 0 {
				touched = append(touched, v)
			}
			t.cnt[v]++
		}
	}
	return touched
}

// besideTop returns, in cluster l, the own value of kind k most widely
// held by the members holding an own value of the kind but not top (the
// cluster's most widely held), with its holders among them; a holder
// count under 2 when there is none. Cost: the edges of those members and
// the holders of top.
func (t *topValues) besideTop(p *partition, sc *scorer, l int, k store.Kind, top uint32) (uint32, int32) {
	snap := p.snap
	if t.held == nil {
		t.held = make([]bool, len(p.accts))
	}
	var held []int32
	for _, a := range snap.Neighbors(store.NodeID(top)) {
		if u := p.idx[a]; u >= 0 && p.label[u] == int32(l) {
			t.held[u] = true
			held = append(held, u)
		}
	}
	touched := t.count(p, k, t.held)
	next, nextN := uint32(0), int32(1)
	for _, v := range touched {
		n, d := t.cnt[v], snap.Degree(store.NodeID(v))
		t.cnt[v] = 0
		if n > nextN && 2*int(n) >= d && (2*int(n) > d || p.wonAtHalf(v, int32(l))) {
			next, nextN = v, n
		}
	}
	t.touched = touched
	for _, u := range held {
		t.held[u] = false
	}
	return next, nextN
}

// requestsIn is the number of requests that members of cluster l send
// on template v. O(log templates + holders of v).
func (p *partition) requestsIn(v uint32, l int32) uint64 {
	var req uint64
	cs := p.snap.Counts(store.NodeID(v))
	for j, a := range p.snap.Neighbors(store.NodeID(v)) {
		if u := p.idx[a]; u >= 0 && p.label[u] == l {
			req += uint64(cs[j])
		}
	}
	return req
}

// wonAtHalf reports whether cluster l, holding exactly half of v's
// holders, is the one the scorer gives v to: no other cluster holds the
// other half, or l's holder comes first.
func (p *partition) wonAtHalf(v uint32, l int32) bool {
	first, n := int32(-1), 0
	for _, a := range p.snap.Neighbors(store.NodeID(v)) {
		u := p.idx[a]
		if u < 0 || p.label[u] < 0 {
			continue
		}
		if first < 0 {
			first = p.label[u]
		}
		if p.label[u] == first {
			n++
		}
	}
	return first == l || 2*n < p.snap.Degree(store.NodeID(v))
}
