package linkage

// cutLoose tries splitByEvidence's cuts on the loose groups that settle
// dissolved, and keeps each part cut off that scores at least threshold.
// It returns the scorer of the result.
//
// A ring on a crowd's addresses and popular devices, tied to itself only
// by its templates, can stay with part of the crowd through community
// detection, peeling and the core filter, in a group whose members keep
// too little of their link weight inside it; settle dissolves the group
// before anything is scored, so the cut that splitByEvidence makes in a
// cluster by the values only its part holds is never tried (probe4's SIM
// farm, whole in groups of 2,100-2,300 with a carrier's people on three
// seeds of five). Each loose group's members that the later passes left
// in no cluster (nine in ten of the group at least, and gatherMin) are
// put back together for the trial; the part a round cuts off is kept
// when it scores at least threshold and the rest under it, as in
// splitByEvidence. Everything else goes back to no cluster: the groups
// were dissolved for a reason.
//
// Cost: a scoring of the groups, splitByEvidence's rounds over them
// (each round that cuts scores the partition again), and, when a part is
// kept, one more scoring.
func (p *partition) cutLoose(sc *scorer, threshold float64) *scorer {
	if p.looseLab == nil {
		return sc
	}
	byGroup := map[int32]int{} // loose label -> index in groups
	var groups [][]int32
	var size []int
	for u, c := range p.comp {
		l := p.looseLab[c]
		if l < 0 {
			continue
		}
		i, ok := byGroup[l]
		if !ok {
			i = len(groups)
			byGroup[l] = i
			groups = append(groups, nil)
			size = append(size, 0)
		}
		size[i]++
		if p.label[u] < 0 {
			groups[i] = append(groups[i], int32(u))
		}
	}
	base := int32(p.nLab)
	next := base
	var labels []int32
	for i, ms := range groups {
		if len(ms) < gatherMin || 10*len(ms) < 9*size[i] {
			continue
		}
		for _, u := range ms {
			p.label[u] = next
		}
		labels = append(labels, next)
		next++
	}
	if next == base {
		return sc
	}
	p.nLab = int(next)
	cut := make([]bool, p.nLab)
	for l := range base {
		cut[l] = true
	}
	splits := p.evidenceSplits
	// The groups alone are scored: the rounds judge them and their parts,
	// and a cut scores the whole partition again for the next round.
	trial, cut := p.splitRounds(sc.subset(labels, nil, 0), threshold, cut)
	p.evidenceSplits = splits
	kept := make([]bool, p.nLab)
	n := 0
	for l := base; l < int32(p.nLab); l++ {
		// A group cut keeps its part S under its label; the parts cut
		// off (R) and the groups not cut go back to no cluster.
		if l < next && cut[l] && Score(trial.sig[l], len(trial.members[l])) >= threshold {
			kept[l] = true
			n += len(trial.members[l])
		}
	}
	for u, l := range p.label {
		if l >= base && !kept[l] {
			p.label[u] = -1
		}
	}
	if n == 0 {
		p.nLab = int(base)
		return sc
	}
	p.looseCut += n
	renum := p.dropSingles()
	out := newScorer(p)
	for l, r := range renum {
		switch {
		case r < 0:
		case int32(l) < base:
			out.sig[r].assembly(sc.sig[l])
		default:
			out.sig[r].Cut = true
		}
	}
	return out
}
