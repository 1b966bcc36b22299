package linkage

import "slices"

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
// none (R) is cut in two. Members of R that hold a value mostly held in S
// are tied to S by its own evidence (ring members that never share a
// mailbox still use the ring's cards and templates) and go back to it.
// The cut stands when S then scores at least threshold and R under it; a
// cluster whose parts both reach the threshold, or both miss it, stays
// whole, so a ring whose members carry different evidence is not cut into
// pieces. A cut never separates an identity component, and a part cut off
// is not cut again.
//
// Each kind costs a scoring of its candidate clusters (O(edges of their
// members) plus O(nodes/64) for a bitset), a second of those that keep a
// part R after the ties, and, when it cut anything, one scoring of the
// whole partition. It returns the scorer of the result.
func (p *partition) splitByEvidence(sc *scorer, threshold float64) *scorer {
	compHas := make([]bool, p.nComp)
	compTied := make([]bool, p.nComp)
	cut := make([]bool, p.nLab) // label was cut: its parts stay as they are
	mask := sc.mask
	for _, k := range evidenceKinds {
		bit := uint8(1) << k
		clear(compHas)
		for u, m := range mask {
			if m&bit != 0 {
				compHas[p.comp[u]] = true
			}
		}
		base := int32(p.nLab)
		rest := make([]int32, base) // label -> label of its part R, or -1
		var cand []int32
		for l := range base {
			rest[l] = -1
			if cut[l] {
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
			continue
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
		tied := sc.subset(scored, partner)
		clear(compTied)
		for u, t := range tied.tied {
			if t {
				compTied[p.comp[u]] = true
			}
		}
		// Only the clusters that still have a part R are judged: the
		// others are whole again, and scoring them (the biggest ring is
		// often one) would be wasted.
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
			continue
		}
		judged := slices.Clone(open)
		for _, l := range open {
			judged = append(judged, rest[l])
		}
		trial := sc.subset(judged, nil)
		// Accepted parts are renumbered from base in label order.
		next := base
		for _, l := range cand {
			r := rest[l]
			if len(trial.members[r]) == 0 {
				continue
			}
			if Score(trial.sig[l], len(trial.members[l])) >= threshold && Score(trial.sig[r], len(trial.members[r])) < threshold {
				for _, u := range trial.members[r] {
					p.label[u] = next
				}
				cut[l] = true
				cut = append(cut, true)
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
			continue
		}
		sc = newScorer(p)
		mask = sc.mask
	}
	return sc
}
