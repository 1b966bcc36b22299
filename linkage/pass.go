package linkage

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/internal/radix"
	"github.com/ringlink/ringlink/store"
)

// partition is the outcome of the passes over one snapshot. Accounts are
// numbered densely (acct index) in node id order.
type partition struct {
	exportErr error      // from Options.ExportGraph
	clock     *stepClock // nil in tests that run steps alone
	snap      *graph.Snapshot
	opt       Options
	accts     []uint32 // acct index -> node id, ascending
	idx       []int32  // node id -> acct index for accounts, kept attribute index after pass 2, -1 otherwise
	// internal marks (by node id) attributes whose holders are all in one
	// identity component: they are that identity's own and link nothing.
	internal []uint64
	// sampled marks (by node id) values left out by sampleRotation.
	sampled []uint64
	// Kept attributes in attribute-major CSR: attribute ai (node
	// kNode[ai]) is held by accounts kAcc[kOff[ai]:kOff[ai+1]] with edge
	// weights kW; baseW[ai] is its kind weight × rarity.
	kOff  []int64
	kAcc  []int32
	kComp []int32 // identity component of each kAcc entry, parallel to it
	kW    []float32
	kNode []uint32
	baseW []float32
	kinds []uint16 // acct index*8 + kind -> shared values of that kind in the graph (saturating)
	comp  []int32  // acct index -> identity component
	nComp int
	label []int32 // acct index -> cluster label, -1 when alone
	pop   *population
	nLab  int
	// trafficStart is the start of the traffic (unix ms; see
	// trafficStart), 0 when unknown.
	trafficStart int64

	graphNodes, graphEdges int64
	identityLinked         int // accounts in identity components of 2+
	peeled                 int // components peeled off their community
	moved                  int // components moved to the community that pulls them most
	peripheral             int // components left out by the core filter
	merged                 int // communities merged back by mergeSplit
	dissolved              int // components freed from loose groups
	// looseLab is, per identity component, the loose group of two or
	// more components settle freed it from (numbered densely from 0, in
	// nLoose), or -1 (see cutLoose).
	looseLab       []int32
	nLoose         int32
	looseCut       int    // accounts cutLoose put in clusters
	regrouped      int    // groups merged back after the core filter
	rejoined       int    // freed groups joined again after dissolving
	evidenceSplits int    // clusters split by splitByEvidence
	attached       int    // lone accounts attached to a flagged cluster
	pooled         int    // lone accounts grouped by poolLone
	joined         int    // accounts of fragments joined to a flagged cluster
	families       int    // clusters merged by joinFamilies
	variants       int    // clusters merged by joinKindred
	gathered       int    // accounts gathered by gatherByTemplate
	residents      int    // accounts dropResidents left alone
	attachedAcct   []bool // acct index -> attached by attachLone; nil until one is
	// skeleton gives a mined template node's skeleton (see skeletons);
	// nil when the store cannot, and joinKindred then does nothing.
	// skeletonErr is the first error it returned.
	skeleton    func(node uint32) (string, error)
	skeletonErr error
}

// kept reports whether attribute node v takes part in community detection.
func (p *partition) kept(v uint32) bool {
	k := p.snap.Kind[v]
	if k == store.KindAccount || k == 0 || KindWeight(k) == 0 {
		return false
	}
	if p.internal != nil && p.internal[v>>6]&(1<<(v&63)) != 0 {
		return false
	}
	if p.sampled != nil && p.sampled[v>>6]&(1<<(v&63)) != 0 {
		return false
	}
	d := p.snap.Degree(store.NodeID(v))
	return d >= 2 && float64(d) <= p.opt.MaxShare*float64(len(p.accts))
}

// weightAt is the weight of account index u's edge to kept attribute ai
// of kind k: the attribute's kind weight × rarity, divided by the number of
// shared values of that kind u uses.
func (p *partition) weightAt(u int32, ai int32, k store.Kind) float64 {
	nk := p.kinds[int(u)*8+int(k)]
	if nk == 0 {
		nk = 1
	}
	return float64(p.baseW[ai]) / float64(nk)
}

// holders returns the accounts holding kept attribute ai and their edge
// weights.
func (p *partition) holders(ai int) ([]int32, []float32) {
	return p.kAcc[p.kOff[ai]:p.kOff[ai+1]], p.kW[p.kOff[ai]:p.kOff[ai+1]]
}

// holderComps returns the identity components of the accounts holding kept
// attribute ai, parallel to holders. The passes that only need components
// read them here in sequence rather than through comp[account], which
// would be one more dependent cache miss per holder.
func (p *partition) holderComps(ai int) []int32 {
	return p.kComp[p.kOff[ai]:p.kOff[ai+1]]
}

// numKept is the number of kept attributes.
func (p *partition) numKept() int { return len(p.kNode) }

// identityGrade reports whether attribute node v joins its holders into
// one identity.
func (p *partition) identityGrade(v uint32) bool {
	d := p.snap.Degree(store.NodeID(v))
	if d < 2 {
		return false
	}
	switch p.snap.Kind[v] {
	case store.KindPayment, store.KindEmail:
		return d <= p.opt.IdentityMaxShare
	case store.KindDevice:
		return d <= p.opt.DeviceMaxShare
	}
	return false
}

// runPasses runs identity components, Leiden on the star expansion,
// peeling and the core filter over snap. It returns ErrInterrupted, between
// passes or Leiden's levels, once ctx is done.
func runPasses(ctx context.Context, snap *graph.Snapshot, opt Options, clock *stepClock) (*partition, error) {
	p := newPartition(snap, opt)
	p.clock = clock
	clock.lap("partition")

	// Pass 2: Leiden on components + kept attributes.
	g := starGraph(p)
	clock.lap("star graph")
	p.graphNodes, p.graphEdges = int64(g.N()), g.NumEdges()
	if opt.ExportGraph != nil {
		p.exportErr = writeEdgeList(opt.ExportGraph, g)
	}
	p.kAcc, p.kW, p.kComp = nil, nil, nil
	// g is not used after this call, so Leiden can free it once it has its
	// renumbered copy.
	if err := interrupted(ctx, "community detection"); err != nil {
		return nil, err
	}
	lab := Leiden(g, LeidenOptions{Resolution: opt.Resolution, Seed: opt.Seed, MaxIterations: opt.MaxIterations, Done: ctx.Done()})
	if err := interrupted(ctx, "community detection"); err != nil {
		return nil, err
	}
	clock.lap("leiden")
	p.fillHolders()
	// Community of each component; the attribute labels are not needed.
	commOf := lab[:p.nComp]
	nComm := int32(0)
	for _, c := range commOf {
		nComm = max(nComm, c+1)
	}
	clock.lap("holders")
	p.merged = p.mergeSplit(commOf, nComm, 1, nil)
	clock.lap("merge and split")

	compOff, compAcc := p.componentMembers()
	compLab, next := p.peel(commOf, nComm, compOff, compAcc)
	if err := interrupted(ctx, "peeling"); err != nil {
		return nil, err
	}
	clock.lap("peel")
	// Core filter, repeated until stable (at most coreRounds): a
	// component whose link weight into its group, per account, is under
	// CoreShare of the group's top decile is peripheral (attached by
	// weak or broadly shared values): the peripheral components of a group
	// form a new group of their own, to be filtered in turn (onion
	// peeling), and in the last round go alone. The top decile, not the
	// median, is the reference so that a core holds even when a broad hub
	// (a carrier NAT) dragged in several times as many peripheral accounts
	// as the group has members. Each round measures the pull against the
	// groups as they are after the previous one.
	next = p.coreFilter(compLab, next, compOff, compAcc)
	clock.lap("core filter")
	// Groups the filter left apart although they share their values (the
	// card groups of a ring drawn into a carrier NAT's community) are
	// merged back, and filtered again.
	if err := interrupted(ctx, "the core filter"); err != nil {
		return nil, err
	}
	p.regrouped = p.mergeSplit(compLab, next, 2, nil)
	if p.regrouped > 0 {
		next = p.coreFilter(compLab, next, compOff, compAcc)
	}
	clock.lap("regroup")
	next = p.settle(compLab, next)
	clock.lap("settle")
	// Renumber groups of 2+ accounts densely in order of smallest account;
	// the rest get -1.
	na := len(p.accts)
	size := make([]int32, next)
	for u := range na {
		size[compLab[p.comp[u]]]++
	}
	renum := make([]int32, next)
	for i := range renum {
		renum[i] = -1
	}
	p.label = make([]int32, na)
	for u := range na {
		l := compLab[p.comp[u]]
		if size[l] < 2 {
			p.label[u] = -1
			continue
		}
		if renum[l] < 0 {
			renum[l] = int32(p.nLab)
			p.nLab++
		}
		p.label[u] = renum[l]
	}
	return p, nil
}

// newPartition numbers the accounts, joins them into identity components
// (pass 1) and lays out the kept attributes with their weights.
func newPartition(snap *graph.Snapshot, opt Options) *partition {
	p := &partition{snap: snap, opt: opt}
	n := snap.N()
	p.idx = make([]int32, n)
	for v := range n {
		p.idx[v] = -1
		if snap.Kind[v] == store.KindAccount {
			p.idx[v] = int32(len(p.accts))
			p.accts = append(p.accts, uint32(v))
		}
	}
	na := len(p.accts)
	keptAttrs := p.countKinds()
	if p.sampleRotation() {
		keptAttrs = p.countKinds()
	}

	// Pass 1: identity components.
	uf := NewUnionFind(na)
	for v := range n {
		if !p.identityGrade(uint32(v)) {
			continue
		}
		adj := snap.Neighbors(store.NodeID(v))
		first := p.idx[adj[0]]
		for _, a := range adj[1:] {
			if u := p.idx[a]; u >= 0 && first >= 0 {
				uf.Union(first, u)
			}
		}
	}
	p.comp, p.nComp = uf.Labels()
	p.internal = make([]uint64, (n+63)/64)
	for v := range n {
		if !p.kept(uint32(v)) {
			continue
		}
		adj := snap.Neighbors(store.NodeID(v))
		c0, same := p.comp[p.idx[adj[0]]], true
		for _, a := range adj[1:] {
			if p.comp[p.idx[a]] != c0 {
				same = false
				break
			}
		}
		if same {
			p.internal[v>>6] |= 1 << (v & 63)
			keptAttrs--
		}
	}
	compSize := make([]int32, p.nComp)
	for _, c := range p.comp {
		compSize[c]++
	}
	for _, c := range p.comp {
		if compSize[c] > 1 {
			p.identityLinked++
		}
	}

	// The kept attributes, once, in attribute-major CSR with their weights.
	p.kOff = make([]int64, 1, keptAttrs+1)
	for v := range n {
		if !p.kept(uint32(v)) {
			continue
		}
		d := snap.Degree(store.NodeID(v))
		p.idx[v] = int32(len(p.kNode))
		p.kNode = append(p.kNode, uint32(v))
		p.baseW = append(p.baseW, float32(LinkWeight(snap.Kind[v], d, na)))
		p.kOff = append(p.kOff, p.kOff[len(p.kOff)-1]+int64(d))
	}
	p.fillHolders()

	return p
}

// fillHolders lays out the holders of the kept attributes (kAcc, with
// their weights kW and identity components kComp) from the snapshot's
// rows, which hold them in the same order. runPasses drops the three
// arrays while Leiden runs and fills them again after, because at seed
// scale they are 280 MB of the peak that Leiden's own copies of the graph
// set; the refill reads each kept edge once, O(kept edges).
func (p *partition) fillHolders() {
	m := p.kOff[p.numKept()]
	p.kAcc, p.kW, p.kComp = make([]int32, m), make([]float32, m), make([]int32, m)
	eachRun(p.pieceBounds(), func(_, lo, hi int) {
		for ai := lo; ai < hi; ai++ {
			v := p.kNode[ai]
			k := p.snap.Kind[v]
			j := p.kOff[ai]
			for _, a := range p.snap.Neighbors(store.NodeID(v)) {
				u := p.idx[a]
				p.kAcc[j], p.kW[j], p.kComp[j] = u, float32(p.weightAt(u, int32(ai), k)), p.comp[u]
				j++
			}
		}
	})
}

// tally counts the holders comps of one value by their label lab[c] into
// cnt and returns the labels it touched (reusing touched's storage); the
// caller zeroes cnt at those labels when done with the value.
func tally(comps, lab, cnt, touched []int32) []int32 {
	touched = touched[:0]
	for _, c := range comps {
		l := lab[c]
		if cnt[l] == 0 {
			touched = append(touched, l)
		}
		cnt[l]++
	}
	return touched
}

// holderTally counts one kept attribute's holders by community label:
// how many (cnt) and their edge weights (wIn), at the labels touched.
type holderTally struct {
	cnt     []int32
	wIn     []float64
	touched []int32
}

// tally fills t for kept attribute ai under labels lab (by component)
// and returns its number of holders.
func (t *holderTally) tally(p *partition, ai int, lab []int32) int {
	_, ws := p.holders(ai)
	comps := p.holderComps(ai)
	t.touched = t.touched[:0]
	for j, cu := range comps {
		c := lab[cu]
		if t.cnt[c] == 0 {
			t.touched = append(t.touched, c)
		}
		t.cnt[c]++
		t.wIn[c] += float64(ws[j])
	}
	return len(comps)
}

// reset zeroes what the last tally touched.
func (t *holderTally) reset() {
	for _, c := range t.touched {
		t.cnt[c], t.wIn[c] = 0, 0
	}
}

// kindPull is the pull of one kind of evidence towards community c.
type kindPull struct {
	k, c int32
	w    float64
}

// coherent returns the part of a component's link weight tot that can
// speak for or against one community. Values of one kind that each point
// at a different community (proxy addresses each shared with a different
// stranger: an account rotating through a pool) are a pattern of use, not
// a tie to any of those communities, so of each kind only the pull towards
// its best-supported community counts (its own, affK indexed by kind, or
// another, from pulls, each a value's weight towards the community most of
// its other holders are in; sorted in place). Values spread over many
// communities (a device held all over the population) stay in full: they
// speak against membership anywhere.
func coherent(tot float64, affK []float32, pulls []kindPull) float64 {
	slices.SortFunc(pulls, func(a, b kindPull) int {
		if a.k != b.k {
			return int(a.k - b.k)
		}
		return int(a.c - b.c)
	})
	for i := 0; i < len(pulls); {
		k := pulls[i].k
		sum, best := 0.0, float64(affK[k])
		for i < len(pulls) && pulls[i].k == k {
			c, w := pulls[i].c, 0.0
			for ; i < len(pulls) && pulls[i].k == k && pulls[i].c == c; i++ {
				w += pulls[i].w
			}
			sum += w
			best = max(best, w)
		}
		tot -= max(0, sum-best)
	}
	return tot
}

// countKinds sets p.kinds, each account's number of kept values of each
// kind, and returns the number of kept values.
func (p *partition) countKinds() (attrs int) {
	// Counts are integers, so adding the runs' counts gives the counts of
	// one pass, saturation included.
	type run struct {
		kinds []uint16
		attrs int
	}
	var runs [keptPieces]run
	overNodes(p.snap, func(piece, lo, hi int) {
		r := run{kinds: make([]uint16, len(p.accts)*8)}
		for v := lo; v < hi; v++ {
			if !p.kept(uint32(v)) {
				continue
			}
			r.attrs++
			k := int(p.snap.Kind[v])
			for _, a := range p.snap.Neighbors(store.NodeID(v)) {
				if u := p.idx[a]; u >= 0 && r.kinds[int(u)*8+k] < 1<<16-1 {
					r.kinds[int(u)*8+k]++
				}
			}
		}
		runs[piece] = r
	})
	p.kinds = runs[0].kinds
	for i, r := range runs {
		attrs += r.attrs
		if i == 0 {
			continue
		}
		for j, c := range r.kinds {
			p.kinds[j] = uint16(min(int(p.kinds[j])+int(c), 1<<16-1))
		}
	}
	return attrs
}

// sampleRotation leaves out a deterministic sample of the values that only
// heavy rotators hold (Options.SampleAbove) and reports whether it left
// out any. An extraction ring sends its requests through a proxy pool, so
// each member holds hundreds of addresses, each shared with a few other
// members: most of the graph's edges at scale, each carrying a sliver of
// its holder's weight. A value is kept at the rate SampleAbove/n of its
// holder with the fewest values n of that kind, by a hash of its node id
// so that all its holders keep or lose it together; kinds are then
// recounted, so each account's kind weight is spread over what it kept and
// its pull towards the accounts it shares a pool with is unchanged in
// expectation. Identity-grade values are never sampled.
//
// Cost: O(E) over the kept values' holder lists.
func (p *partition) sampleRotation() bool {
	above := p.opt.SampleAbove
	if above <= 0 {
		return false
	}
	n := p.snap.N()
	// The runs start at multiples of 64, so no two write one word.
	sampled := make([]uint64, (n+63)/64)
	var hit [keptPieces]bool
	overNodes(p.snap, func(piece, lo, hi int) {
		for v := lo; v < hi; v++ {
			if !p.kept(uint32(v)) || p.identityGrade(uint32(v)) {
				continue
			}
			k := int(p.snap.Kind[v])
			rate := 1.0
			minN := 1 << 16
			for _, a := range p.snap.Neighbors(store.NodeID(v)) {
				if u := p.idx[a]; u >= 0 {
					minN = min(minN, int(p.kinds[int(u)*8+k]))
				}
			}
			if minN > above {
				rate = float64(above) / float64(minN)
			}
			if rate >= 1 || unitHash(uint64(v)^p.opt.Seed) < rate {
				continue
			}
			sampled[v>>6] |= 1 << (v & 63)
			hit[piece] = true
		}
	})
	if !slices.Contains(hit[:], true) {
		return false
	}
	p.sampled = sampled
	return true
}

// unitHash maps x to [0, 1) (splitmix64's finaliser).
func unitHash(x uint64) float64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}

// componentMembers returns the accounts of each identity component:
// component c holds compAcc[compOff[c]:compOff[c+1]].
func (p *partition) componentMembers() (compOff, compAcc []int32) {
	compOff = make([]int32, p.nComp+1)
	for _, c := range p.comp {
		compOff[c+1]++
	}
	for c := range p.nComp {
		compOff[c+1] += compOff[c]
	}
	compAcc = make([]int32, len(p.accts))
	fill := slices.Clone(compOff[:p.nComp])
	for u, c := range p.comp {
		compAcc[fill[c]] = int32(u)
		fill[c]++
	}
	return compOff, compAcc
}

// peel is pass 3: given the community of each component (commOf, labels
// below nComm), each component stays, moves to the community that pulls
// it most, or goes alone. It returns the component labels and the label
// count.
//
// A value pulls a holder towards a community by its edge weight times the
// share of its weight held there, the holder included: a value that ties
// it to a couple of accounts elsewhere pulls it less than the values it
// shares with a whole group where it is. Shares are of weight, not of
// heads, because a value belongs to those it matters to: a household's
// one address that five ring members each passed through once, among
// hundreds of proxy exits, is the household's, though the ring members
// outnumber it. A value held by exactly two accounts ties a pair, not a
// group: unless the two are their community, it neither holds nor pulls
// either of them (a ring member who once used a proxy address some
// stranger also used stays with the accounts its templates tie it to,
// whether community detection put the stranger in the ring's community,
// in another, or put the member with the stranger). A component stays
// when its own community's pull is the strongest and at least MinAffinity
// of its coherent weight (see coherent), moves when another community's
// pull is that strong, and goes alone otherwise.
//
// Cost: O(E) over the kept attributes' holder lists plus, per component,
// a sort of its pulls.
func (p *partition) peel(commOf []int32, nComm int32, compOff, compAcc []int32) ([]int32, int32) {
	snap, opt := p.snap, p.opt
	// The community holding most of each attribute's weight (ties to the
	// smaller label) and its share of that weight.
	commSize := make([]int32, nComm) // accounts
	for _, c := range p.comp {
		commSize[commOf[c]]++
	}
	domC := make([]int32, p.numKept())
	domS := make([]float32, p.numKept())
	type sums struct {
		aff, tot []float64
		affK     []float32 // aff by kind of evidence
	}
	parts := overKept(p, func() sums {
		return sums{make([]float64, p.nComp), make([]float64, p.nComp), make([]float32, p.nComp*8)}
	}, func(_, lo, hi int, s sums) {
		t := holderTally{cnt: make([]int32, nComm), wIn: make([]float64, nComm)}
		for ai := lo; ai < hi; ai++ {
			d := t.tally(p, ai, commOf)
			_, ws := p.holders(ai)
			comps := p.holderComps(ai)
			touched, wIn := t.touched, t.wIn
			wAll := 0.0
			for _, c := range touched {
				wAll += wIn[c]
			}
			best := touched[0]
			for _, c := range touched {
				if wIn[c] > wIn[best] || (wIn[c] == wIn[best] && c < best) {
					best = c
				}
			}
			// A pair ties only the pair, unless it is all its community,
			// and a value everybody holds (weight 0) ties nobody: neither
			// pulls.
			pair := d == 2 && (len(touched) == 2 || commSize[touched[0]] > 2)
			domC[ai] = best
			if wAll > 0 && !pair {
				domS[ai] = float32(wIn[best] / wAll)
			}
			k := int(snap.Kind[p.kNode[ai]])
			for j, cu := range comps {
				if pair || wAll == 0 {
					continue
				}
				w := float64(ws[j])
				s.tot[cu] += w
				a := w * wIn[commOf[cu]] / wAll
				s.aff[cu] += a
				s.affK[int(cu)*8+k] += float32(a)
			}
			t.reset()
		}
	})
	aff, tot, affK := parts[0].aff, parts[0].tot, parts[0].affK
	for _, s := range parts[1:] {
		addInto(aff, s.aff)
		addInto(tot, s.tot)
		addInto(affK, s.affK)
	}
	pull := make([]float64, nComm)
	var ptouched []int32
	var kpulls []kindPull
	compLab := make([]int32, p.nComp)
	next := nComm
	for c := range p.nComp {
		own := commOf[c]
		compLab[c] = own
		if tot[c] == 0 {
			compLab[c] = next
			next++
			continue
		}
		ptouched, kpulls = ptouched[:0], kpulls[:0]
		for _, u := range compAcc[compOff[c]:compOff[c+1]] {
			adj := snap.Neighbors(store.NodeID(p.accts[u]))
			for _, v := range adj {
				ai := p.idx[v]
				if ai < 0 {
					continue // not a kept attribute
				}
				dc, share := domC[ai], float64(domS[ai])
				if share < 0.5 {
					continue // not mostly held by one community, or a pair: pulls nowhere
				}
				if pull[dc] == 0 {
					ptouched = append(ptouched, dc)
				}
				w := p.weightAt(u, ai, snap.Kind[v]) * share
				pull[dc] += w
				kpulls = append(kpulls, kindPull{int32(snap.Kind[v]), dc, w})
			}
		}
		best := int32(-1)
		for _, x := range ptouched {
			if best < 0 || pull[x] > pull[best] || (pull[x] == pull[best] && x < best) {
				best = x
			}
		}
		bestPull := 0.0
		if best >= 0 {
			bestPull = pull[best]
		}
		for _, x := range ptouched {
			pull[x] = 0
		}
		minAff := opt.MinAffinity * coherent(tot[c], affK[c*8:c*8+8], kpulls)
		switch {
		case aff[c] >= bestPull && aff[c] >= minAff:
		case bestPull >= minAff && best != own:
			compLab[c] = best
			aff[c] = bestPull
			p.moved++
		case aff[c] >= minAff:
		default:
			compLab[c] = next
			next++
			p.peeled++
		}
	}
	return compLab, next
}

// settle dissolves loose groups (see dissolve) and joins again the freed
// groups that point mostly at each other. A loose group may hold a ring
// that a crowd's broad values drew in (a ring behind a carrier's
// addresses, tied across its mailboxes only by its own templates): the
// core filter measured its members against the crowd, so they were freed
// with it. Rejoined groups must pass the cohesion test as groups of their
// own. It returns the new label count.
func (p *partition) settle(compLab []int32, next int32) int32 {
	freed := next
	before := slices.Clone(compLab)
	n := next
	next = p.dissolve(compLab, next)
	p.recordLoose(before, compLab, n)
	// Only the freed groups: those the test left are cohesive.
	only := make([]bool, next)
	for l := freed; l < next; l++ {
		only[l] = true
	}
	p.rejoined = p.mergeSplit(compLab, next, 2, only)
	if p.rejoined > 0 {
		next = p.dissolve(compLab, next)
	}
	return next
}

// recordLoose sets looseLab from the labels before (under n) and after a
// dissolve: the groups of two or more components whose components it
// freed, numbered densely in label order. A group of one component was
// free already.
func (p *partition) recordLoose(before, after []int32, n int32) {
	comps := make([]int32, n)
	for c, l := range before {
		if after[c] != l {
			comps[l]++
		}
	}
	dense := make([]int32, n)
	p.nLoose = 0
	for l, k := range comps {
		dense[l] = -1
		if k >= 2 {
			dense[l] = p.nLoose
			p.nLoose++
		}
	}
	p.looseLab = before
	for c, l := range before {
		p.looseLab[c] = -1
		if after[c] != l {
			p.looseLab[c] = dense[l]
		}
	}
}

// dissolve frees the components of every loose group under compLab
// (labels below next): a group whose members keep less than MinAffinity
// of their link weight inside it (cohesion) is a blob of accounts that
// share broad values with many others, not a cluster. Each freed component
// takes a new label; dissolve returns the new label count.
//
// Cohesion leaves out the values held by more than 1/MinAffinity times as
// many accounts as the group has: even if every member held one, most of
// its holders would be outside, so it can only say that the members are
// like many others (a popular browser fingerprint, a carrier's address),
// not whether they are a group. Counted, one such fingerprint on each
// member outweighed all of a ring's own templates together, and rings
// whose members use popular browsers were dissolved (bench/probe4,
// bench/probe5). A group that holds nothing but such values is loose.
//
// Cost: O(E) over the kept attributes' holder lists.
func (p *partition) dissolve(compLab []int32, next int32) int32 {
	accts := make([]int32, next) // accounts per group
	for _, c := range p.comp {
		accts[compLab[c]]++
	}
	broad := 1 / p.opt.MinAffinity
	type sums struct{ in, all, raw []float64 }
	parts := overKept(p, func() sums { return sums{make([]float64, next), make([]float64, next), make([]float64, next)} }, func(_, lo, hi int, s sums) {
		cnt := make([]int32, next)
		var touched []int32
		for ai := lo; ai < hi; ai++ {
			_, ws := p.holders(ai)
			comps := p.holderComps(ai)
			touched = tally(comps, compLab, cnt, touched)
			for j, c := range comps {
				l := compLab[c]
				w := float64(ws[j])
				s.raw[l] += w
				if float64(len(comps)) > broad*float64(accts[l]) {
					continue
				}
				s.all[l] += w
				s.in[l] += w * float64(cnt[l]) / float64(len(comps))
			}
			for _, l := range touched {
				cnt[l] = 0
			}
		}
	})
	in, all, raw := parts[0].in, parts[0].all, parts[0].raw
	for _, s := range parts[1:] {
		addInto(in, s.in)
		addInto(all, s.all)
		addInto(raw, s.raw)
	}
	comps := make([]int32, next) // identity components per group
	for _, l := range compLab {
		comps[l]++
	}
	for c := range p.nComp {
		l := compLab[c]
		if raw[l] > 0 && (all[l] == 0 || in[l] < p.opt.MinAffinity*all[l]) {
			compLab[c] = next
			next++
			if comps[l] > 1 {
				p.dissolved++ // a lone component was free already
			}
		}
	}
	return next
}

// coreRounds bounds the rounds of the core filter.
const coreRounds = 6

// affinity returns, per identity component, its link weight into its own
// group under labels compLab. Each kept attribute pulls a holder by the
// edge weight times its exclusivity (the share of the attribute's holders
// in the group) times its reach (the share of the group's other members
// that hold it): a value shared with one other account ties a pair, not a
// group.
//
// A component's affinity depends only on its own group's members. With
// active set (label -> whether the group changed), only the components of
// active groups are summed, over the attributes they hold, and the others
// keep their entry of prev; each sum is the same bytes as over every
// attribute (overAttrs). Cost: O(holders of the attributes summed).
func (p *partition) affinity(compLab []int32, nLab int, active []bool, prev []float64) []float64 {
	size := make([]int32, nLab)
	for _, c := range p.comp {
		size[compLab[c]]++
	}
	var sub []int32 // nil: every attribute
	if active != nil {
		sub = p.attrsOf(compLab, active)
	}
	affs := overAttrs(p, sub, func() []float64 { return make([]float64, p.nComp) }, func(_ int, span attrSpan, aff []float64) {
		cnt := make([]int32, nLab)
		var touched []int32
		for i := range span.len() {
			ai := span.at(i)
			_, ws := p.holders(ai)
			comps := p.holderComps(ai)
			d := len(comps)
			touched = tally(comps, compLab, cnt, touched)
			for j, c := range comps {
				l := compLab[c]
				if size[l] < 2 || active != nil && !active[l] {
					continue
				}
				in := float64(cnt[l])
				aff[c] += float64(ws[j]) * in / float64(d) * (in - 1) / float64(size[l]-1)
			}
			for _, l := range touched {
				cnt[l] = 0
			}
		}
	})
	for _, a := range affs[1:] {
		addInto(affs[0], a)
	}
	if active != nil {
		for c, l := range compLab {
			if !active[l] {
				affs[0][c] = prev[c]
			}
		}
	}
	return affs[0]
}

// mergeRounds bounds the rounds of mergeSplit; mergeMaxSpread skips
// attributes spread over more communities than this when looking for
// merges (a broad hub is no reason to merge anything).
const (
	mergeRounds    = 8
	mergeMaxSpread = 64
)

// mergeSplit undoes splits that modularity makes although the parts share
// their values: modularity measures a community against a null model of
// the whole graph, and a dense group that is most of its connected
// component is cut into parts whose members still hold the same
// templates, devices and addresses. A community whose link weight points
// mostly outside itself (self-affinity under MinAffinity) is merged into
// the community of that kind its values pull it to most, when that pull
// is at least half its own. Only such communities merge: two parts that
// both point mostly outside themselves, and at each other, are one group
// that modularity cut; a cohesive community never absorbs the loose ones
// around it.
// Labels in commOf are rewritten in place (merged communities take the
// smaller label). Only communities of at least minSize accounts, and with
// only set only those it marks, are candidates. It returns the number of
// merges.
//
// Cost: the first round is two passes over the kept attributes (with
// only, over those its communities hold); a later round passes over the
// attributes of the communities it decides for (those that merged and the
// candidates they can pull), skipping values known to be spread too wide
// to pull, with the same result as passes over all of them
// (TestMergeSplitMatchesFullRounds).
func (p *partition) mergeSplit(commOf []int32, nComm int32, minSize int32, only []bool) int {
	merges := 0
	var scr [keptPieces]holderTally
	for i := range scr {
		scr[i] = holderTally{cnt: make([]int32, nComm), wIn: make([]float64, nComm)}
	}
	// A round decides again only for the active communities: all of them
	// (nil) or only's in the first round; after that those that merged and
	// the candidates their values can pull. Any other's candidacy, sums
	// and pulls are as they were, so it would not merge now either.
	// Merged communities' sums are taken from their members' side, so
	// that a popular value they hold is not counted out holder by holder
	// each round; a value is not counted out again while a lower bound on
	// the communities holding it (spread) stays over mergeMaxSpread.
	active := only
	isActive := func(c int32) bool { return active == nil || active[c] }
	var merged []bool       // nil in the first round
	var tot, self []float64 // set by the first round, kept up after
	cand := make([]bool, nComm)
	// At least how many communities hold each value (-1: not known): its
	// count when last counted, less one for each merged part holding it
	// since (a merge joins at most that many of its holders' communities;
	// more when the surviving one does not hold it, so the figure may fall
	// below the truth, which only costs a count). A value is skipped only
	// when even this bound is over mergeMaxSpread.
	spread := make([]int32, p.numKept())
	for i := range spread {
		spread[i] = -1
	}
	var gs *groupScratch
	for range mergeRounds {
		size := make([]int32, nComm)
		for _, c := range p.comp {
			size[commOf[c]]++
		}
		var sub []int32 // the kept attributes active communities hold; nil: all
		if active != nil {
			sub = p.attrsOf(commOf, active)
		}
		if merged == nil {
			type sums struct{ tot, self []float64 }
			parts := overAttrs(p, sub, func() sums {
				return sums{make([]float64, nComm), make([]float64, nComm)}
			}, func(piece int, span attrSpan, s sums) {
				sc := &scr[piece]
				for i := range span.len() {
					d := sc.tally(p, span.at(i), commOf)
					for _, c := range sc.touched {
						s.tot[c] += sc.wIn[c]
						s.self[c] += sc.wIn[c] * float64(sc.cnt[c]) / float64(d)
					}
					sc.reset()
				}
			})
			tot, self = parts[0].tot, parts[0].self
			for _, s := range parts[1:] {
				addInto(tot, s.tot)
				addInto(self, s.self)
			}
		} else {
			if gs == nil {
				gs = p.newGroupScratch()
			}
			gs.sums(commOf, merged, tot, self)
			sub = slices.DeleteFunc(sub, func(ai int32) bool {
				return spread[ai] > mergeMaxSpread
			})
		}
		any := false
		for c := range nComm {
			if isActive(c) {
				cand[c] = tot[c] > 0 && self[c] < p.opt.MinAffinity*tot[c] && size[c] >= minSize
				any = any || cand[c]
			}
		}
		if !any {
			break
		}
		found := overAttrs(p, sub, func() *[]pull { return new([]pull) }, func(piece int, span attrSpan, out *[]pull) {
			sc := &scr[piece]
			pulls := *out
			for i := range span.len() {
				ai := span.at(i)
				d := sc.tally(p, ai, commOf)
				touched := sc.touched
				spread[ai] = int32(len(touched))
				if len(touched) > 1 && len(touched) <= mergeMaxSpread {
					for _, c := range touched {
						if !cand[c] || !isActive(c) {
							continue
						}
						for _, o := range touched {
							if o != c && cand[o] {
								pulls = append(pulls, pull{c, o, sc.wIn[c] * float64(sc.cnt[o]) / float64(d)})
							}
						}
					}
				}
				sc.reset()
			}
			*out = pulls
		})
		var pulls []pull
		for _, f := range found {
			pulls = append(pulls, *f...)
		}
		uf := NewUnionFind(int(nComm))
		n := mergeBest(pulls, self, uf)
		if n == 0 {
			break
		}
		merges += n
		low := lowest(uf, nComm)
		p.narrowSpread(commOf, func(c int32) bool { return low[uf.Find(c)] != c }, spread)
		for i, c := range commOf {
			commOf[i] = low[uf.Find(c)]
		}
		merged = make([]bool, nComm)
		for c := range nComm {
			if l := low[uf.Find(c)]; l != c {
				// c holds no account now; clearing it keeps cand a
				// plain record of the live communities.
				merged[l], cand[c] = true, false
			}
		}
		// The next round decides for the merged communities and for every
		// candidate that shares with one of them a value spread over few
		// enough communities to pull: its pull towards it changed, or it
		// has one now that the value's holders came together.
		active = slices.Clone(merged)
		sc := &scr[0]
		for _, ai := range p.attrsOf(commOf, merged) {
			if spread[ai] > mergeMaxSpread {
				continue
			}
			sc.tally(p, int(ai), commOf)
			spread[ai] = int32(len(sc.touched))
			if len(sc.touched) > 1 && len(sc.touched) <= mergeMaxSpread {
				for _, c := range sc.touched {
					active[c] = active[c] || cand[c]
				}
			}
			sc.reset()
		}
	}
	return merges
}

// pull is the pull of candidate community c towards candidate d through
// one value.
type pull struct {
	c, d int32
	w    float64
}

// mergeBest joins, in uf, each candidate community with the one its pulls
// (summed per pair) draw it to most, when that pull is more than half its
// self-affinity, and returns the number of joins. It sorts pulls, stably,
// so that a pair's pulls add up in the order they were found.
func mergeBest(pulls []pull, self []float64, uf *UnionFind) int {
	radix.Sort(pulls, func(x pull) uint64 { return uint64(uint32(x.c))<<32 | uint64(uint32(x.d)) })
	n := 0
	for i := 0; i < len(pulls); {
		c := pulls[i].c
		best, bestW := int32(-1), 0.0
		for i < len(pulls) && pulls[i].c == c {
			d, w := pulls[i].d, 0.0
			for i < len(pulls) && pulls[i].c == c && pulls[i].d == d {
				w += pulls[i].w
				i++
			}
			if w > bestW {
				best, bestW = d, w
			}
		}
		if best >= 0 && 2*bestW > self[c] && uf.Union(c, best) {
			n++
		}
	}
	return n
}

// lowest returns, for each of n communities, the smallest community of its
// set in uf: the label a merged set takes.
func lowest(uf *UnionFind, n int32) []int32 {
	low := make([]int32, n)
	for i := range low {
		low[i] = -1
	}
	for c := range n {
		if r := uf.Find(c); low[r] < 0 {
			low[r] = c
		}
	}
	return low
}

// member is an account (acct index u) of community l.
type member struct{ l, u int32 }

// membersOf returns the accounts of the communities marked by in (under
// commOf, by component), grouped by community and ascending within each.
//
// Cost: O(accounts) plus a sort of those returned.
func (p *partition) membersOf(commOf []int32, in func(int32) bool) []member {
	var ms []member
	for u, c := range p.comp {
		if l := commOf[c]; in(l) {
			ms = append(ms, member{l, int32(u)})
		}
	}
	slices.SortStableFunc(ms, func(a, b member) int { return int(a.l - b.l) })
	return ms
}

// narrowSpread lowers spread, the bound on the communities holding each
// kept attribute, by one for each community about to be merged into
// another (joins, under commOf, by component) that holds it.
//
// Cost: O(accounts) plus the degrees of the joining communities' members.
func (p *partition) narrowSpread(commOf []int32, joins func(int32) bool, spread []int32) {
	ms := p.membersOf(commOf, joins)
	seen := make([]int32, p.numKept()) // attribute -> community it was last lowered for, +1
	for _, m := range ms {
		for _, v := range p.snap.Neighbors(store.NodeID(p.accts[m.u])) {
			ai := p.idx[v]
			if ai < 0 || spread[ai] <= 0 {
				continue
			}
			if seen[ai] == m.l+1 {
				continue
			}
			seen[ai] = m.l + 1
			spread[ai]--
		}
	}
}

// groupScratch sums link weight per community from its members' side.
type groupScratch struct {
	p      *partition
	bounds []int
	cnt    []int32   // by kept attribute
	w      []float64 // by kept attribute
}

func (p *partition) newGroupScratch() *groupScratch {
	return &groupScratch{p: p, bounds: p.pieceBounds(), cnt: make([]int32, p.numKept()), w: make([]float64, p.numKept())}
}

// sums sets tot and self, as mergeSplit's first round defines them, of
// the communities marked in which (under commOf, by component): the link
// weight of their members and the part of it each value keeps inside,
// both added up in the order the attribute-side passes add them, so the
// figures are the same bits.
//
// Cost: O(accounts) plus the degrees of those communities' members.
func (g *groupScratch) sums(commOf []int32, which []bool, tot, self []float64) {
	p := g.p
	ms := p.membersOf(commOf, func(l int32) bool { return which[l] })
	var touched []int32
	for i := 0; i < len(ms); {
		l := ms[i].l
		touched = touched[:0]
		for ; i < len(ms) && ms[i].l == l; i++ {
			u := ms[i].u
			for _, v := range p.snap.Neighbors(store.NodeID(p.accts[u])) {
				ai := p.idx[v]
				if ai < 0 {
					continue
				}
				if g.cnt[ai] == 0 {
					touched = append(touched, ai)
				}
				g.cnt[ai]++
				g.w[ai] += float64(float32(p.weightAt(u, ai, p.snap.Kind[v])))
			}
		}
		slices.Sort(touched)
		var t, s [keptPieces]float64
		piece := 0
		for _, ai := range touched {
			for piece < keptPieces-1 && int(ai) >= g.bounds[piece+1] {
				piece++
			}
			d := p.kOff[ai+1] - p.kOff[ai]
			t[piece] += g.w[ai]
			s[piece] += g.w[ai] * float64(g.cnt[ai]) / float64(d)
			g.cnt[ai], g.w[ai] = 0, 0
		}
		tot[l], self[l] = t[0], s[0]
		for j := 1; j < keptPieces; j++ {
			tot[l] += t[j]
			self[l] += s[j]
		}
	}
}

// attrsOf returns, ascending, the kept attributes that accounts in the
// communities marked in active (under commOf, by component) hold.
//
// Cost: O(accounts) plus the degrees of the active communities' accounts.
func (p *partition) attrsOf(commOf []int32, active []bool) []int32 {
	mark := make([]uint64, (p.numKept()+63)/64)
	for u, c := range p.comp {
		if !active[commOf[c]] {
			continue
		}
		for _, v := range p.snap.Neighbors(store.NodeID(p.accts[u])) {
			if ai := p.idx[v]; ai >= 0 {
				mark[ai>>6] |= 1 << (ai & 63)
			}
		}
	}
	out := []int32{} // not nil, which overAttrs reads as every attribute
	for i, word := range mark {
		for ; word != 0; word &= word - 1 {
			out = append(out, int32(i*64+bits.TrailingZeros64(word)))
		}
	}
	return out
}

// coreFilter runs the core filter rounds on compLab (labels < next) and
// returns the new label count.
func (p *partition) coreFilter(compLab []int32, next int32, compOff, compAcc []int32) int32 {
	opt := p.opt
	na := len(p.accts)
	// A round decides only for the groups the round before changed: the
	// others have the same members, so the same strengths, and kept them
	// all. nil: every group.
	var aff []float64
	var active []bool
	for round := range coreRounds {
		aff = p.affinity(compLab, int(next), active, aff)
		strength := make([]float64, na)
		byLab := make([][]float64, next)
		for u := range na {
			c := p.comp[u]
			l := compLab[c]
			if active != nil && !active[l] {
				continue
			}
			strength[u] = aff[c] / float64(compOff[c+1]-compOff[c])
			byLab[l] = append(byLab[l], strength[u])
		}
		med := make([]float64, next)
		for l, xs := range byLab {
			if len(xs) > 1 {
				slices.Sort(xs)
				med[l] = xs[len(xs)*9/10]
			}
		}
		changed := false
		was := next
		periph := make([]int32, next)
		for i := range periph {
			periph[i] = -1
		}
		lost := make([]bool, next)
		for c := range p.nComp {
			l := compLab[c]
			if active != nil && !active[l] {
				continue
			}
			u := compAcc[compOff[c]]
			if int(compOff[c+1]-compOff[c]) < len(byLab[l]) && (strength[u] < opt.CoreShare*med[l] || strength[u] <= 0) {
				// Peripheral components of one group form a new
				// candidate group (a second ring drawn in through
				// shared hubs keeps its own ties); in the last round
				// they go alone.
				if round == coreRounds-1 {
					compLab[c] = next
					next++
				} else {
					if periph[l] < 0 {
						periph[l] = next
						next++
					}
					compLab[c] = periph[l]
				}
				p.peripheral++
				changed = true
				lost[l] = true
			}
		}
		if !changed {
			break
		}
		active = make([]bool, next)
		copy(active, lost)
		for l := was; l < next; l++ {
			active[l] = true
		}
	}
	return next
}

// writeEdgeList writes g as "u v w" lines, each undirected edge once, with
// a "# nodes N" header so that isolated nodes keep their ids.
func writeEdgeList(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, "# ringlink community-detection graph: components and kept attributes\n# nodes %d\n", g.N())
	var line []byte
	for u := range int32(g.N()) {
		for i, v := range g.Adj[g.Off[u]:g.Off[u+1]] {
			if u >= v {
				continue
			}
			line = strconv.AppendInt(line[:0], int64(u), 10)
			line = append(line, ' ')
			line = strconv.AppendInt(line, int64(v), 10)
			line = append(line, ' ')
			line = strconv.AppendFloat(line, float64(g.W[g.Off[u]+int64(i)]), 'g', -1, 32)
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
