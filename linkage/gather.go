package linkage

import (
	"cmp"
	"slices"
)

// gatherMin is the fewest accounts gatherByTemplate gathers into a cluster.
const gatherMin = 4

// gatherRounds bounds how many batches of disjoint groups gatherByTemplate
// scores: a group that overlaps one tried before it waits for the next.
const gatherRounds = 3

// gatherByTemplate gathers accounts that the passes left in no cluster
// around a template they hold, and keeps each group that then scores at
// least threshold while working like extraction at nearly full strength
// (volume at least familyVolume, as joinFamilies asks). It returns the
// scorer of the result.
//
// A ring whose only shared values are its own templates is pulled apart by
// what each member shares with crowds: a popular browser fingerprint, a
// carrier's or a home ISP's addresses. Its members each weigh a template
// held by two hundred accounts at a fraction of a fingerprint's weight, so
// community detection puts them with the crowd, and peeling and the
// cohesion test free them from it, one by one (the fifth probe's sleeper
// accounts and local-language personas, the fourth's crowd-relay
// workers). Left in no cluster, they are tried here as the holders of
// one template:
//   - nearly all (nine in ten) of the template's holders outside flagged
//     clusters are in no cluster, so it is not a template the members of
//     a cluster the passes did find share (an office's, a course's);
//   - holders at under half the group's median tokens per request leave
//     it before it is tried: people who ask the textbook questions a ring
//     wraps in its templates read ordinary answers, not the ring's
//     long ones;
//   - the group works at nearly full volume (familyVolume) before and
//     after, and scores at least threshold.
//
// Larger groups are tried first; each account joins at most one group.
// Cost: one pass over the templates' holders with a median per template,
// and at most gatherRounds subset scorings.
func (p *partition) gatherByTemplate(sc *scorer, threshold float64) *scorer {
	flagged := make([]bool, p.nLab)
	for l := range p.nLab {
		if n := len(sc.members[l]); n > 0 && Score(sc.sig[l], n) >= threshold {
			flagged[l] = true
		}
	}
	var groups [][]int32
	var rates, toks []float64
	var ms []int32
	for _, hs := range p.templatesHeld(gatherMin) {
		ms = ms[:0]
		outside := 0 // holders outside flagged clusters
		for _, a := range hs {
			u := p.idx[a]
			if u < 0 {
				continue
			}
			if l := p.label[u]; l >= 0 {
				if !flagged[l] {
					outside++
				}
				continue
			}
			outside++
			ms = append(ms, u)
		}
		if len(ms) < gatherMin || 10*len(ms) < 9*outside {
			continue
		}
		var sg Signals
		rates, toks = p.pop.volume(&sg, ms, rates, toks)
		if sg.Volume < familyVolume {
			continue
		}
		heavy := make([]int32, 0, len(ms))
		for _, u := range ms {
			if t, ok := tokPerReq(p.pop.stats[u]); ok && 2*t >= sg.TokPerReq {
				heavy = append(heavy, u)
			}
		}
		if len(heavy) >= gatherMin {
			groups = append(groups, heavy)
		}
	}
	if len(groups) == 0 {
		return sc
	}
	slices.SortStableFunc(groups, func(a, b []int32) int { return cmp.Compare(len(b), len(a)) })

	base := int32(p.nLab)
	taken := make([]bool, len(p.accts)) // in a kept group
	busy := make([]bool, len(p.accts))  // in a group of this round
	var kept [][]int32
	for range gatherRounds {
		clear(busy)
		var labels []int32
		var tried []int
		for i, ms := range groups {
			if ms == nil || slices.ContainsFunc(ms, func(u int32) bool { return busy[u] || taken[u] }) {
				continue
			}
			l := base + int32(len(labels))
			for _, u := range ms {
				busy[u] = true
				p.label[u] = l
			}
			labels = append(labels, l)
			tried = append(tried, i)
		}
		if len(labels) == 0 {
			break
		}
		p.nLab = int(base) + len(labels)
		trial := sc.subset(labels, nil, 0)
		for j, l := range labels {
			ms := groups[tried[j]]
			if sg := trial.sig[l]; Score(sg, len(ms)) >= threshold && sg.Volume >= familyVolume {
				kept = append(kept, ms)
				for _, u := range ms {
					taken[u] = true
				}
			}
			for _, u := range ms {
				p.label[u] = -1
			}
			groups[tried[j]] = nil
		}
		p.nLab = int(base)
	}
	if len(kept) == 0 {
		return sc
	}
	for i, ms := range kept {
		for _, u := range ms {
			p.label[u] = base + int32(i)
		}
		p.gathered += len(ms)
	}
	p.nLab += len(kept)
	// The clusters there were keep their members, so what the passes
	// before did to them carries over.
	prev := sc
	sc = newScorer(p)
	for l := range base {
		sc.sig[l].assembly(prev.sig[l])
	}
	for i := range kept {
		sc.sig[base+int32(i)].Gathered = true
	}
	return sc
}
