package linkage

import (
	"cmp"
	"iter"
	"slices"

	"github.com/ringlink/ringlink/store"
)

// familyVolume is the volume signal a merge by joinFamilies must reach.
const familyVolume = 0.75

// joinFamilies merges clusters under the threshold that are held together
// by templates of their own, and flagged clusters held together so with
// each other (see templateFamilies), and keeps each merge that then
// scores at least threshold; it returns the scorer of the result.
//
// A ring can be run as many small families, each a few accounts on one
// card, one device and one address, the families tied only by the
// ring's templates (the second probe's ring-families, and its ring on a
// carrier's addresses). Community detection finds every family: its
// card, device and address outweigh a template it shares with a hundred
// others. Scored alone, each family is too small to say much and the
// ring's template counts against it, as used mostly outside it.
//
// A template chains two clusters on one side of the threshold when at
// least half the members of each hold it, and at least half of its holders are in
// clusters it so chains: the template is what each of them works on, and
// few use it elsewhere. A popular template is what some member of many
// households and offices sends, and most of its users are elsewhere;
// where it does chain a few households whose members all send it, the
// merge scores low (no volume, no timing) and is undone.
//
// One shared template is weaker evidence than the values the other passes
// tie accounts by: the users of a browser extension that wraps prompts in
// its own template, or study groups sending one assignment's template,
// hold one as a ring's families do. So a merge is kept only when the
// merged group also works like extraction at nearly full strength
// (volume at least familyVolume): requests and tokens per request each
// several times the median account's. A red-team of study groups at
// twice the median tokens (volume 0.35-0.44) was merged and flagged
// without it, and so were 50 households of power users of one extension
// (4.3x requests, 2.9x tokens: volume 0.73, just under); the second
// probe's ring families work at 17-20x requests and 9-11x tokens
// (volume 1). The margin is thin, and said so in the README.
//
// Chains are tried whole first. A chain that fails is tried again one
// template at a time: a ring's families can also send an office-work
// template that the staff of real firms all send as well (shell firms,
// each posing as an organisation, with the office cover prompts of
// one), which chains them with those firms into a group at office volume.
// The templates whose holders are most entirely in the clusters they
// chain go first, and each cluster joins at most one of these trials.
//
// Cost: one pass over the templates' holders, a union-find over the
// clusters, and two subset scorings of the merged groups.
func (p *partition) joinFamilies(sc *scorer, threshold float64) *scorer {
	base := int32(p.nLab)
	fams := p.templateFamilies(sc, threshold)
	if len(fams) == 0 {
		return sc
	}
	uf := NewUnionFind(p.nLab)
	for _, f := range fams {
		for _, l := range f.labels[1:] {
			uf.Union(f.labels[0], l)
		}
	}
	// Each chain of two or more clusters is one trial, in order of its
	// smallest label.
	root := make([]int32, base)
	size := make([]int32, base)
	for l := range base {
		root[l] = uf.Find(l)
		size[root[l]]++
	}
	chainOf := make([]int32, base)
	rootChain := make([]int32, base)
	for l := range rootChain {
		rootChain[l] = -1
	}
	var chains [][]int32
	for l := range base {
		chainOf[l] = -1
		r := root[l]
		if size[r] < 2 {
			continue
		}
		if rootChain[r] < 0 {
			rootChain[r] = int32(len(chains))
			chains = append(chains, nil)
		}
		chainOf[l] = rootChain[r]
		chains[chainOf[l]] = append(chains[chainOf[l]], l)
	}
	var kept [][]int32
	failed := make([]bool, len(chains))
	for i, ok := range p.tryFamilies(sc, chains, threshold) {
		if ok {
			kept = append(kept, chains[i])
		} else {
			failed[i] = true
		}
	}
	// A chain that does not work like extraction as a whole may still
	// hold a ring: the templates every member of its families sends can
	// share the chain with a cover template that the staff of real firms
	// send as much as they do. Each failed chain's templates are then
	// tried on their own families, those whose holders are most entirely
	// in them first, so that a cover template's wider group is tried
	// only where the ring's own templates do not make a family.
	var alone [][]int32
	used := make([]bool, base)
	for _, f := range fams {
		c := chainOf[f.labels[0]]
		if !failed[c] || len(f.labels) == len(chains[c]) || slices.ContainsFunc(f.labels, func(l int32) bool { return used[l] }) {
			continue
		}
		for _, l := range f.labels {
			used[l] = true
		}
		alone = append(alone, f.labels)
	}
	for i, ok := range p.tryFamilies(sc, alone, threshold) {
		if ok {
			kept = append(kept, alone[i])
		}
	}
	if len(kept) == 0 {
		return sc
	}
	return p.mergeFamilies(sc, kept, false)
}

// mergeFamilies merges each group of labels in kept (disjoint, each
// ascending) into its smallest label, numbers the labels densely and
// returns the scorer of the result, with what earlier passes did to the
// clusters carried over and each merged cluster's Families (and, for
// variants, Variants) set. It counts the merged clusters in p.families
// or, for variants, p.variants.
func (p *partition) mergeFamilies(sc *scorer, kept [][]int32, variants bool) *scorer {
	base := int32(p.nLab)
	into := make([]int32, base) // label -> the label it now is
	inFamily := make([]bool, base)
	for l := range base {
		into[l] = l
	}
	merged := 0
	for _, ls := range kept {
		for _, l := range ls {
			into[l] = ls[0]
			inFamily[l] = true
			merged++
		}
	}
	for l := range base {
		for _, u := range sc.members[l] {
			p.label[u] = into[l]
		}
	}
	renum := p.dropSingles()
	if variants {
		p.variants += merged
	} else {
		p.families += merged
	}
	prev := sc
	sc = newScorer(p)
	for l := range base {
		to := renum[into[l]]
		if to < 0 {
			continue // a label left empty (a lone piece joinKindred tried)
		}
		sc.sig[to].Pooled = sc.sig[to].Pooled || prev.sig[l].Pooled
		sc.sig[to].Attached += prev.sig[l].Attached
		sc.sig[to].Joined += prev.sig[l].Joined
		sc.sig[to].JoinedPieces += prev.sig[l].JoinedPieces
		sc.sig[to].Families += prev.sig[l].Families
		sc.sig[to].Variants = sc.sig[to].Variants || prev.sig[l].Variants
		if inFamily[l] {
			sc.sig[to].Families++
			sc.sig[to].Variants = sc.sig[to].Variants || variants
		}
	}
	return sc
}

// templatesHeld yields, in id order, every template node held by at least
// min accounts, with its holders.
func (p *partition) templatesHeld(min int) iter.Seq2[uint32, []uint32] {
	return func(yield func(uint32, []uint32) bool) {
		snap := p.snap
		for v := range snap.N() {
			if snap.Kind[v] != store.KindTemplate {
				continue
			}
			if hs := snap.Neighbors(store.NodeID(v)); len(hs) >= min && !yield(uint32(v), hs) {
				return
			}
		}
	}
}

// family is what one template chains: the clusters on one side of the
// threshold (ascending labels) at least half of whose members hold it,
// and the share of its holders that are in them.
type family struct {
	labels []int32
	share  float64
	size   int // accounts in the clusters
}

// templateFamilies returns the family of every template that chains two
// or more clusters on one side of the threshold and has at least half of
// its holders in them, the templates whose holders are most entirely
// their families' first, then smaller families first, then in template
// order.
//
// Flagged clusters chain with each other only: pieces of one ring that
// each score at the threshold (a ring run round the clock on residential
// addresses, whose pieces community detection cuts along its
// addresses) are still one ring, and its stragglers, holding a value of
// each piece, are tied to neither. A flagged cluster never chains with
// clusters under the threshold: its volume would carry them into the
// merge whatever they are.
func (p *partition) templateFamilies(sc *scorer, threshold float64) []family {
	const none, under, flagged = 0, 1, 2
	side := make([]uint8, p.nLab)
	for l := range p.nLab {
		if n := len(sc.members[l]); n > 0 {
			side[l] = under
			if Score(sc.sig[l], n) >= threshold {
				side[l] = flagged
			}
		}
	}
	cnt := make([]int32, p.nLab)
	var touched []int32
	var fams []family
	for _, hs := range p.templatesHeld(4) { // two clusters of two at least
		for _, want := range []uint8{under, flagged} {
			fams, touched = p.templateFamily(fams, hs, sc, side, want, cnt, touched[:0])
		}
	}
	slices.SortStableFunc(fams, func(a, b family) int {
		if c := cmp.Compare(b.share, a.share); c != 0 {
			return c
		}
		return cmp.Compare(a.size, b.size)
	})
	return fams
}

// templateFamily appends to fams the family the template held by hs
// chains among the clusters on side want, if any. cnt is zero for every
// label on entry and on return; touched is scratch, returned for reuse.
func (p *partition) templateFamily(fams []family, hs []uint32, sc *scorer, side []uint8, want uint8, cnt, touched []int32) ([]family, []int32) {
	for _, a := range hs {
		u := p.idx[a]
		if u < 0 || p.label[u] < 0 || side[p.label[u]] != want {
			continue
		}
		l := p.label[u]
		if cnt[l] == 0 {
			touched = append(touched, l)
		}
		cnt[l]++
	}
	var fam []int32
	held, size := 0, 0
	for _, l := range touched {
		if 2*int(cnt[l]) >= len(sc.members[l]) && cnt[l] >= 2 {
			fam = append(fam, l)
			held += int(cnt[l])
			size += len(sc.members[l])
		}
		cnt[l] = 0
	}
	if len(fam) < 2 || 2*held < len(hs) {
		return fams, touched
	}
	slices.Sort(fam)
	return append(fams, family{labels: fam, share: float64(held) / float64(len(hs)), size: size}), touched
}

// tryFamilies scores each group of clusters (disjoint sets of labels) as
// if merged and reports which would be kept: those scoring at least
// threshold while working like extraction at nearly full strength
// (volume at least familyVolume). The labels are left as they were.
func (p *partition) tryFamilies(sc *scorer, groups [][]int32, threshold float64) []bool {
	kept := make([]bool, len(groups))
	if len(groups) == 0 {
		return kept
	}
	base := int32(p.nLab)
	trials := make([]int32, len(groups))
	for i, ls := range groups {
		trials[i] = base + int32(i)
		for _, l := range ls {
			for _, u := range sc.members[l] {
				p.label[u] = trials[i]
			}
		}
	}
	p.nLab += len(groups)
	trial := sc.subset(trials, nil, 0)
	for i, t := range trials {
		sg := trial.sig[t]
		kept[i] = Score(sg, len(trial.members[t])) >= threshold && sg.Volume >= familyVolume
	}
	for _, ls := range groups {
		for _, l := range ls {
			for _, u := range sc.members[l] {
				p.label[u] = l
			}
		}
	}
	p.nLab = int(base)
	return kept
}
