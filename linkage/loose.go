package linkage

// cutLoose tries splitByEvidence's cuts on the loose groups that settle
// dissolved, and keeps each part a cut makes that then scores at least
// threshold: the part S (the members holding the group's own values), or
// the rest when S is an organisation's cut away from a ring beside it. It
// returns the scorer of the result.
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
// put back together for the trial; the part S a round cuts is kept when
// it scores at least threshold and the rest under it, as in
// splitByEvidence. Everything else (the rest of a group cut, and the
// groups not cut) goes back to no cluster: the groups were dissolved for
// a reason.
//
// Cost: a scoring of the groups, splitByEvidence's rounds over them
// (each round that cuts scores the partition again), and, when a part is
// kept, one more scoring.
func (p *partition) cutLoose(sc *scorer, threshold float64) *scorer {
	if p.looseLab == nil {
		return sc
	}
	// Per loose group: its accounts, and those still in no cluster.
	size := make([]int32, p.nLoose)
	lone := make([]int32, p.nLoose)
	for u, c := range p.comp {
		if g := p.looseLab[c]; g >= 0 {
			size[g]++
			if p.label[u] < 0 {
				lone[g]++
			}
		}
	}
	base := int32(p.nLab)
	next := base
	var labels []int32
	of := make([]int32, p.nLoose) // loose group -> trial label, or -1
	for g := range of {
		of[g] = -1
		if lone[g] >= gatherMin && 10*lone[g] >= 9*size[g] {
			of[g] = next
			labels = append(labels, next)
			next++
		}
	}
	for u, c := range p.comp {
		if g := p.looseLab[c]; g >= 0 && of[g] >= 0 && p.label[u] < 0 {
			p.label[u] = of[g]
		}
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
		// A group cut keeps its flagged part: S under the group's label,
		// or the part R cut off when S is an organisation's beside it.
		// The other part and the groups not cut go back to no cluster.
		if cut[l] && Score(trial.sig[l], len(trial.members[l])) >= threshold {
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
