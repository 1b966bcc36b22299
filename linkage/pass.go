package linkage

import (
	"slices"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
)

// partition is the outcome of the passes over one snapshot. Accounts are
// numbered densely (acct index) in node id order.
type partition struct {
	snap  *graph.Snapshot
	opt   Options
	accts []uint32 // acct index -> node id, ascending
	idx   []int32  // node id -> acct index for accounts, kept attribute index after pass 2, -1 otherwise
	// internal marks (by node id) attributes whose holders are all in one
	// identity component: they are that identity's own and link nothing.
	internal []uint64
	kinds    []uint16 // acct index*8 + kind -> shared values of that kind in the graph (saturating)
	comp     []int32  // acct index -> identity component
	nComp    int
	label    []int32 // acct index -> cluster label, -1 when alone
	nLab     int

	graphNodes, graphEdges int64
	identityLinked         int // accounts in identity components of 2+
	peeled                 int // components peeled off their community
	moved                  int // components moved to the community that pulls them most
	peripheral             int // components left out by the core filter
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
	d := p.snap.Degree(store.NodeID(v))
	return d >= 2 && float64(d) <= p.opt.MaxShare*float64(len(p.accts))
}

// edgeWeight is the weight of account index u's edge to kept attribute
// node v, held by d accounts.
func (p *partition) edgeWeight(u int32, v uint32, d int) float64 {
	k := p.snap.Kind[v]
	nk := p.kinds[int(u)*8+int(k)]
	if nk == 0 {
		nk = 1
	}
	return LinkWeight(k, d, len(p.accts)) / float64(nk)
}

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

// runPasses runs identity components, Leiden on the star expansion and
// peeling over snap.
func runPasses(snap *graph.Snapshot, opt Options) *partition {
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
	p.kinds = make([]uint16, na*8)
	keptAttrs := 0
	var keptEdges int64
	for v := range n {
		if !p.kept(uint32(v)) {
			continue
		}
		keptAttrs++
		k := int(snap.Kind[v])
		adj, _ := snap.Neighbors(store.NodeID(v))
		keptEdges += int64(len(adj))
		for _, a := range adj {
			if u := p.idx[a]; u >= 0 && p.kinds[int(u)*8+k] < 1<<16-1 {
				p.kinds[int(u)*8+k]++
			}
		}
	}

	// Pass 1: identity components.
	uf := NewUnionFind(na)
	for v := range n {
		if !p.identityGrade(uint32(v)) {
			continue
		}
		adj, _ := snap.Neighbors(store.NodeID(v))
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
		adj, _ := snap.Neighbors(store.NodeID(v))
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
			keptEdges -= int64(len(adj))
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

	// Pass 2: Leiden on components + kept attributes.
	edges := make([]Edge, 0, keptEdges)
	attrNode := int32(p.nComp)
	for v := range n {
		if !p.kept(uint32(v)) {
			continue
		}
		adj, _ := snap.Neighbors(store.NodeID(v))
		d := len(adj)
		for _, a := range adj {
			u := p.idx[a]
			if u < 0 {
				continue
			}
			edges = append(edges, Edge{U: p.comp[u], V: attrNode, W: float32(p.edgeWeight(u, uint32(v), d))})
		}
		attrNode++
	}
	g := NewGraph(int(attrNode), edges)
	edges = nil
	p.graphNodes, p.graphEdges = int64(g.N()), g.NumEdges()
	lab := Leiden(g, LeidenOptions{Resolution: opt.Resolution, Seed: opt.Seed, MaxIterations: opt.MaxIterations})
	g = nil
	// Community of each component; the attribute labels are not needed.
	commOf := lab[:p.nComp]
	nComm := int32(0)
	for _, c := range commOf {
		nComm = max(nComm, c+1)
	}

	// Pass 3: peeling. For each kept attribute: the pull of its holders'
	// communities (exact for each holder's own community, the dominant
	// community for the others); then each component stays, moves to the
	// community that pulls it most, or goes alone.
	aff := make([]float64, p.nComp)
	tot := make([]float64, p.nComp)
	cnt := make([]int32, nComm)
	domC := make([]int32, keptAttrs)
	domS := make([]float32, keptAttrs)
	var touched []int32
	ai := int32(0)
	for v := range n {
		if !p.kept(uint32(v)) {
			continue
		}
		p.idx[v] = ai
		adj, _ := snap.Neighbors(store.NodeID(v))
		d := len(adj)
		touched = touched[:0]
		for _, a := range adj {
			if u := p.idx[a]; u >= 0 {
				c := commOf[p.comp[u]]
				if cnt[c] == 0 {
					touched = append(touched, c)
				}
				cnt[c]++
			}
		}
		best := touched[0]
		for _, c := range touched {
			if cnt[c] > cnt[best] || (cnt[c] == cnt[best] && c < best) {
				best = c
			}
		}
		domC[ai], domS[ai] = best, float32(cnt[best])/float32(d)
		for _, a := range adj {
			if u := p.idx[a]; u >= 0 {
				cu := p.comp[u]
				w := p.edgeWeight(u, uint32(v), d)
				tot[cu] += w
				aff[cu] += w * float64(cnt[commOf[cu]]) / float64(d)
			}
		}
		for _, c := range touched {
			cnt[c] = 0
		}
		ai++
	}
	// Members of each component, for the component-centric step.
	compOff := make([]int32, p.nComp+1)
	for _, c := range p.comp {
		compOff[c+1]++
	}
	for c := range p.nComp {
		compOff[c+1] += compOff[c]
	}
	compAcc := make([]int32, na)
	fill := slices.Clone(compOff[:p.nComp])
	for u, c := range p.comp {
		compAcc[fill[c]] = int32(u)
		fill[c]++
	}
	pull := make([]float64, nComm)
	var ptouched []int32
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
		ptouched = ptouched[:0]
		for _, u := range compAcc[compOff[c]:compOff[c+1]] {
			adj, _ := snap.Neighbors(store.NodeID(p.accts[u]))
			for _, v := range adj {
				if !p.kept(v) {
					continue
				}
				ai := p.idx[v]
				dc := domC[ai]
				if domS[ai] < 0.5 {
					continue // not mostly held by one community: pulls nowhere
				}
				if pull[dc] == 0 {
					ptouched = append(ptouched, dc)
				}
				pull[dc] += p.edgeWeight(u, v, snap.Degree(store.NodeID(v))) * float64(domS[ai])
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
		minAff := opt.MinAffinity * tot[c]
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
	// Core filter, repeated until stable (at most coreRounds): a
	// component whose link weight into its group, per account, is under
	// CoreShare of the group's upper quartile is peripheral (attached by
	// weak or broadly shared values) and goes alone. The upper quartile,
	// not the median, is the reference so that a core holds even when a
	// broad hub dragged as many peripheral accounts in as it has members. Each round measures the pull
	// against the groups as they are after the previous one.
	for range coreRounds {
		aff := p.affinity(compLab, int(next))
		strength := make([]float64, na)
		byLab := make([][]float64, next)
		for u := range na {
			c := p.comp[u]
			strength[u] = aff[c] / float64(compOff[c+1]-compOff[c])
			l := compLab[c]
			byLab[l] = append(byLab[l], strength[u])
		}
		med := make([]float64, next)
		for l, xs := range byLab {
			if len(xs) > 1 {
				slices.Sort(xs)
				med[l] = xs[len(xs)*3/4]
			}
		}
		changed := false
		for c := range p.nComp {
			l := compLab[c]
			u := compAcc[compOff[c]]
			if int(compOff[c+1]-compOff[c]) < len(byLab[l]) && strength[u] < opt.CoreShare*med[l] {
				compLab[c] = next
				next++
				p.peripheral++
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Renumber groups of 2+ accounts densely in order of smallest account;
	// the rest get -1.
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
	return p
}

// coreRounds bounds the rounds of the core filter.
const coreRounds = 4

// affinity returns, per identity component, its link weight into its own
// group under labels compLab. Each kept attribute pulls a holder by the
// edge weight times its exclusivity (the share of the attribute's holders
// in the group) times its reach (the share of the group's other members
// that hold it): a value shared with one other account ties a pair, not a
// group.
func (p *partition) affinity(compLab []int32, nLab int) []float64 {
	snap := p.snap
	aff := make([]float64, p.nComp)
	size := make([]int32, nLab)
	for _, c := range p.comp {
		size[compLab[c]]++
	}
	cnt := make([]int32, nLab)
	var touched []int32
	for v := range snap.N() {
		if !p.kept(uint32(v)) {
			continue
		}
		adj, _ := snap.Neighbors(store.NodeID(v))
		d := len(adj)
		touched = touched[:0]
		for _, a := range adj {
			l := compLab[p.comp[p.idx[a]]]
			if cnt[l] == 0 {
				touched = append(touched, l)
			}
			cnt[l]++
		}
		for _, a := range adj {
			u := p.idx[a]
			c := p.comp[u]
			l := compLab[c]
			if size[l] < 2 {
				continue
			}
			in := float64(cnt[l])
			aff[c] += p.edgeWeight(u, uint32(v), d) * in / float64(d) * (in - 1) / float64(size[l]-1)
		}
		for _, l := range touched {
			cnt[l] = 0
		}
	}
	return aff
}
