package linkage

import (
	"github.com/ringlink/ringlink/store"
)

// familyVolume is the volume signal a merge by joinFamilies must reach.
const familyVolume = 0.75

// joinFamilies merges clusters under the threshold that are held together
// by templates of their own, and keeps each merge that then scores at
// least threshold; it returns the scorer of the result.
//
// A ring can be run as many small families, each a few accounts on one
// card, one device and one address, the families tied only by the
// ring's templates (the second probe's ring-families, and its ring on a
// carrier's addresses). Community detection finds every family: its
// card, device and address outweigh a template it shares with a hundred
// others. Scored alone, each family is too small to say much and the
// ring's template counts against it, as used mostly outside it.
//
// A template chains two clusters under the threshold when at least half
// the members of each hold it, and at least half of its holders are in
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
// Cost: one pass over the templates' holders, a union-find over the
// clusters, and a subset scoring of the merged groups.
func (p *partition) joinFamilies(sc *scorer, threshold float64) *scorer {
	snap := p.snap
	under := make([]bool, p.nLab)
	for l := range p.nLab {
		if n := len(sc.members[l]); n > 0 && Score(sc.sig[l], n) < threshold {
			under[l] = true
		}
	}
	uf := NewUnionFind(p.nLab)
	chained := false
	cnt := make([]int32, p.nLab)
	var touched, fam []int32
	for v := range snap.N() {
		if snap.Kind[v] != store.KindTemplate {
			continue
		}
		hs := snap.Neighbors(store.NodeID(v))
		if len(hs) < 4 {
			continue // two clusters of two at least
		}
		touched = touched[:0]
		for _, a := range hs {
			u := p.idx[a]
			if u < 0 || p.label[u] < 0 || !under[p.label[u]] {
				continue
			}
			l := p.label[u]
			if cnt[l] == 0 {
				touched = append(touched, l)
			}
			cnt[l]++
		}
		fam, held := fam[:0], 0
		for _, l := range touched {
			if 2*int(cnt[l]) >= len(sc.members[l]) && cnt[l] >= 2 {
				fam = append(fam, l)
				held += int(cnt[l])
			}
			cnt[l] = 0
		}
		if len(fam) < 2 || 2*held < len(hs) {
			continue
		}
		for _, l := range fam[1:] {
			if uf.Union(fam[0], l) {
				chained = true
			}
		}
	}
	if !chained {
		return sc
	}
	// Each chain of two or more clusters becomes one trial label from
	// base, in order of its smallest label.
	base := int32(p.nLab)
	root := make([]int32, p.nLab)
	size := make([]int32, p.nLab)
	for l := range int32(p.nLab) {
		root[l] = uf.Find(l)
		size[root[l]]++
	}
	trialOf := make([]int32, p.nLab)
	for i := range trialOf {
		trialOf[i] = -1
	}
	var trials []int32
	for l := range p.nLab {
		r := root[l]
		if size[r] < 2 {
			continue
		}
		if trialOf[r] < 0 {
			trialOf[r] = base + int32(len(trials))
			trials = append(trials, trialOf[r])
		}
	}
	for u, l := range p.label {
		if l >= 0 && size[root[l]] >= 2 {
			p.label[u] = trialOf[root[l]]
		}
	}
	p.nLab += len(trials)
	trial := sc.subset(trials, nil, 0)
	kept := make([]bool, len(trials))
	for i, t := range trials {
		sg := trial.sig[t]
		kept[i] = Score(sg, len(trial.members[t])) >= threshold && sg.Volume >= familyVolume
	}
	// A kept chain takes the smallest of its clusters' labels; the others
	// are left empty, then every label is numbered densely.
	minOf := make([]int32, base) // root -> its smallest label
	for l := base - 1; l >= 0; l-- {
		minOf[root[l]] = l
	}
	into := make([]int32, base) // label -> the label it now is
	merged := 0
	for l := range base {
		into[l] = l
		if r := root[l]; size[r] >= 2 && kept[trialOf[r]-base] {
			into[l] = minOf[r]
			merged++
		}
		for _, u := range sc.members[l] {
			p.label[u] = into[l]
		}
	}
	p.nLab = int(base)
	if merged == 0 {
		return sc
	}
	// The merged clusters' other labels are empty now.
	renum := p.dropSingles()
	p.families += merged
	prev := sc
	sc = newScorer(p)
	for l := range base {
		to := renum[into[l]]
		sc.sig[to].Pooled = sc.sig[to].Pooled || prev.sig[l].Pooled
		sc.sig[to].Attached += prev.sig[l].Attached
		sc.sig[to].Joined += prev.sig[l].Joined
		sc.sig[to].JoinedPieces += prev.sig[l].JoinedPieces
		if into[l] != l || size[root[l]] >= 2 && kept[trialOf[root[l]]-base] {
			sc.sig[to].Families++
		}
	}
	return sc
}
