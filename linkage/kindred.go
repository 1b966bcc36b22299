package linkage

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// kindredMin is Jaccard's index of two template skeletons' sets of
// adjacent constant words from which joinKindred takes them for variants
// of one generator's template: at equal sizes, two fifths of each one's
// word pairs in common. A generator that builds each variant from five
// parts (a role, an opening, a requirement, a follow-up, a format) gives
// variants sharing one or two parts 0.1-0.3 (probe4's template shards);
// 0.2 and 0.25 found the same pieces, 0.35 two thirds of them, 0.5 none,
// and no innocent cluster joined at any of them (BENCHMARKS.md). What
// keeps strangers whose prompts read alike apart is not this bar but the
// candidates' volume and the merged group's score.
const kindredMin = 0.25

// kindredCommon: a word pair in more candidate skeletons than this says
// nothing of which go together ("step by", "of the") and is not indexed.
const kindredCommon = 256

// templateReader is the part of *store.Store that reads mined templates.
type templateReader interface {
	TemplateState(id uint32) ([]byte, bool, error)
}

// skeletons returns a function giving the skeleton of a mined template
// node, or "" for a supplied template id or when st cannot read them.
func skeletons(st Store) func(node uint32) (string, error) {
	tr, ok := st.(templateReader)
	if !ok {
		return nil
	}
	return func(node uint32) (string, error) {
		_, v, err := st.Node(store.NodeID(node))
		if err != nil || !strings.HasPrefix(v, store.TemplateMined) {
			return "", err
		}
		id, err := strconv.ParseUint(v[len(store.TemplateMined):], 10, 32)
		if err != nil {
			return "", nil
		}
		data, found, err := tr.TemplateState(uint32(id))
		if err != nil || !found {
			return "", err
		}
		var t templates.Template
		if err := t.UnmarshalBinary(data); err != nil {
			return "", err
		}
		return t.Skeleton, nil
	}
}

// joinKindred merges clusters under the threshold whose members each
// work on a template of their own when those templates are variants of
// one another, and keeps each merge that scores at least threshold while
// working at nearly full volume (familyVolume), as joinFamilies does for
// clusters that share a template. It returns the scorer of the result.
//
// A ring can give each handful of accounts its own variant of a template
// its generator writes from parts (a role, an opening, requirements, a
// format): no two pieces share a template, so joinFamilies cannot chain
// them, and each piece of five is too small to flag. Their skeletons
// share much of their wording (see kindredMin); the prompts of strangers
// that happen to read alike mostly belong to clusters that work at an
// ordinary volume, which are not candidates, and a chain is kept only
// when it works like extraction as a whole.
//
// Candidates are clusters under the threshold at volume at least
// familyVolume with a template held by at least half of the members and
// by no more accounts outside than inside, and the holders of a template
// who are all in no cluster when they work at that volume: a piece that
// community detection left alone. Cost: a pass over the templates'
// holders, a lookup of one skeleton per candidate, an index of their
// word pairs, and one subset scoring of the merged groups.
func (p *partition) joinKindred(sc *scorer, threshold float64) *scorer {
	if p.skeleton == nil {
		return sc
	}
	snap := p.snap
	type cand struct {
		label int32
		pairs []string
	}
	var cands []cand
	cnt := map[uint32]int{}
	for l := range int32(p.nLab) {
		ms := sc.members[l]
		if len(ms) < 2 || sc.sig[l].Volume < familyVolume || Score(sc.sig[l], len(ms)) >= threshold || sc.sig[l].organised() {
			continue
		}
		clear(cnt)
		for _, u := range ms {
			for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
				if snap.Kind[v] == store.KindTemplate {
					cnt[v]++
				}
			}
		}
		best, bc := uint32(0), 0
		for v, c := range cnt {
			if 2*c >= len(ms) && 2*c >= snap.Degree(store.NodeID(v)) && (c > bc || c == bc && v < best) {
				best, bc = v, c
			}
		}
		if bc == 0 {
			continue
		}
		skel, err := p.skeleton(best)
		if err != nil {
			p.skeletonErr = err
			return sc
		}
		if pairs := wordPairs(skel); len(pairs) > 0 {
			cands = append(cands, cand{l, pairs})
		}
	}
	// The holders of a template who are all in no cluster, working at
	// that volume, are a piece too: one community detection left alone.
	// Each is given a label of its own from base, for the trials.
	base := int32(p.nLab)
	var rates, toks []float64
	var ms []int32
	// Two heavy users who share a template are no piece: gatherMin holders.
	for v, hs := range p.templatesHeld(gatherMin) {
		ms = ms[:0]
		for _, a := range hs {
			if u := p.idx[a]; u >= 0 && p.label[u] < 0 {
				ms = append(ms, u)
			}
		}
		if len(ms) < len(hs) {
			continue
		}
		var sg Signals
		if rates, toks = p.pop.volume(&sg, ms, rates, toks); sg.Volume < familyVolume {
			continue
		}
		skel, err := p.skeleton(v)
		if err != nil {
			p.skeletonErr = err
			return sc
		}
		pairs := wordPairs(skel)
		if len(pairs) == 0 {
			continue
		}
		l := int32(p.nLab)
		for _, u := range ms {
			p.label[u] = l
		}
		p.nLab++
		sc.members = append(sc.members, slices.Clone(ms))
		sc.sig = append(sc.sig, Signals{})
		cands = append(cands, cand{l, pairs})
	}
	// unlone undoes the labels of the lone pieces that joined no kept
	// chain.
	unlone := func(kept [][]int32) {
		in := map[int32]bool{}
		for _, ls := range kept {
			for _, l := range ls {
				in[l] = true
			}
		}
		for l := base; l < int32(p.nLab); l++ {
			if !in[l] {
				for _, u := range sc.members[l] {
					p.label[u] = -1
				}
				sc.members[l] = nil
			}
		}
	}
	if len(cands) < 2 {
		unlone(nil)
		p.nLab, sc.members, sc.sig = int(base), sc.members[:base], sc.sig[:base]
		return sc
	}
	index := map[string][]int32{}
	for i, c := range cands {
		for _, w := range c.pairs {
			index[w] = append(index[w], int32(i))
		}
	}
	uf := NewUnionFind(len(cands))
	shared := make([]int32, len(cands))
	var touched []int32
	for i, c := range cands {
		touched = touched[:0]
		for _, w := range c.pairs {
			if others := index[w]; len(others) <= kindredCommon {
				for _, j := range others {
					if int(j) > i {
						if shared[j] == 0 {
							touched = append(touched, j)
						}
						shared[j]++
					}
				}
			}
		}
		for _, j := range touched {
			union := len(c.pairs) + len(cands[j].pairs) - int(shared[j])
			if float64(shared[j]) >= kindredMin*float64(union) {
				uf.Union(int32(i), j)
			}
			shared[j] = 0
		}
	}
	byRoot := map[int32][]int32{}
	var roots []int32
	for i, c := range cands {
		r := uf.Find(int32(i))
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], c.label)
	}
	var chains [][]int32
	for _, r := range roots {
		if ls := byRoot[r]; len(ls) >= 2 {
			slices.Sort(ls)
			chains = append(chains, ls)
		}
	}
	slices.SortFunc(chains, func(a, b []int32) int { return cmp.Compare(a[0], b[0]) })
	var kept [][]int32
	for i, ok := range p.tryFamilies(sc, chains, threshold) {
		if ok {
			kept = append(kept, chains[i])
		}
	}
	unlone(kept)
	if len(kept) == 0 {
		p.nLab, sc.members, sc.sig = int(base), sc.members[:base], sc.sig[:base]
		return sc
	}
	return p.mergeFamilies(sc, kept, true)
}

// wordPairs returns the distinct pairs of adjacent constant words of a
// skeleton, lower-cased, sorted; a slot breaks the run.
func wordPairs(skel string) []string {
	var pairs []string
	prev := ""
	for _, w := range strings.Fields(strings.ToLower(skel)) {
		if w == "<*>" {
			prev = ""
			continue
		}
		if prev != "" {
			pairs = append(pairs, prev+" "+w)
		}
		prev = w
	}
	slices.Sort(pairs)
	return slices.Compact(pairs)
}
