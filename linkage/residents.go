package linkage

import (
	"slices"

	"github.com/ringlink/ringlink/store"
)

// idle reports whether an identity that sent req requests to a flagged
// cluster, own of them on its own templates, does none of its template
// work: under residentsMemberShare of its requests.
func idle(own, req uint64) bool {
	return float64(own) < residentsMemberShare*float64(req)
}

// unlikeOutputs reports whether a member's tokens per request, tok, are
// unlike its cluster's (clusterTok: the median of the identities that work
// on its templates, or of all its members when none do): under half of
// them, or over twice; never when the reference is 0, as when the
// records carry no tokens (the field is optional). A ring that paraphrases every prompt still takes
// outputs of one kind, the long answers it distils or the one-token
// labels it harvests; the people behind its exits take ordinary ones.
func unlikeOutputs(tok, clusterTok float64) bool {
	if clusterTok <= 0 {
		return false // no tokens recorded: nothing to compare
	}
	return tok < clusterTok/2 || tok > 2*clusterTok
}

// residentsMemberShare is the share of its requests on a flagged
// cluster's own templates under which a member may be a resident (see
// dropResidents): one in ten. A ring member that paraphrases part of its
// prompts still sends most of them on the ring's templates.
const residentsMemberShare = 0.1

// dropResidents leaves alone, in each flagged cluster, the identities
// that do none of its work: whose accounts there send requests, under
// residentsMemberShare of them on the cluster's own templates, at under
// half or over twice the tokens per request of the identities that do
// (unlikeOutputs). A cluster that would then score under the threshold
// keeps them. It returns the scorer of the result.
//
// A ring on residential proxies rents real homes' addresses, and the
// people living behind them use those addresses too: a resident of a home
// the ring passed through twice, or a subscriber whose carrier hands out
// the addresses the ring's exits also get, holds two of its addresses
// that few others hold, exactly as the ring's members do, and is chained
// (poolLone) or attached to it (the fourth probe's voucher ring drew in
// 13, 60 and 44 such people on its three seeds). What an address cannot
// fake is the work: the ring's members send its templates, or take its
// kind of outputs when they paraphrase every prompt (long answers to
// distil, or a label per request for a ring that harvests a classifier);
// the resident sends its own prompts and reads ordinary answers (the
// sixth probe's developers behind the serverless egress a label harvester
// shares: 109 and 179 of them flagged with it on two seeds). Asking for both keeps the
// members of rings whose outputs are ordinary, and of rings that
// paraphrase, and asks nothing of accounts that only signed up, having
// sent nothing to judge. An organisation is judged whole, as its members
// say who they are. An identity is judged by its accounts in the cluster
// at hand; its accounts elsewhere stay where they are. An account that
// only a device fingerprint ties to its identity (byDevice) is also
// judged on its own: a ring that wears its victims' rare fingerprints
// makes each victim one identity with the ring's accounts (the tenth
// probe's doppelganger ring drew in 100, 149 and 101 of its victims).
//
// Cost: per flagged cluster, the templates its members hold, each counted
// once, and a binary search per member's template for its use count; a
// subset scoring of the clusters that would lose members and, when any
// does, a scoring of the whole partition.
func (p *partition) dropResidents(sc *scorer, threshold float64) *scorer {
	snap := p.snap
	cnt := make([]int32, snap.N())
	compReq := make([]uint64, p.nComp)
	compOwn := make([]uint64, p.nComp)
	compTok := make([]uint64, p.nComp)
	visit := make([]int32, p.nComp) // component -> 1 + the label it was last met in
	compN := make([]int32, p.nComp) // component -> its members in the cluster at hand
	drops := map[claim]bool{}       // {identity component, label} left out
	alone := map[int32]bool{}       // accounts left out on their own (see byDevice)
	acctOwn := make([]uint64, len(p.accts))
	var touched []uint32
	var workTok []float64
	var losing []int32 // the labels that would lose members
	for l := range int32(p.nLab) {
		ms := sc.members[l]
		if len(ms) == 0 || sc.sig[l].organised() || Score(sc.sig[l], len(ms)) < threshold {
			continue
		}
		touched = touched[:0]
		for _, u := range ms {
			for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
				if snap.Kind[v] != store.KindTemplate {
					continue
				}
				if cnt[v] == 0 {
					touched = append(touched, v)
				}
				cnt[v]++
			}
		}
		var comps []int32
		for _, u := range ms {
			c := p.comp[u]
			if visit[c] != l+1 {
				visit[c] = l + 1
				comps = append(comps, c)
			}
			compReq[c] += sc.pop.stats[u].Requests
			compTok[c] += sc.pop.stats[u].Tokens
			compN[c]++
			for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
				if snap.Kind[v] != store.KindTemplate || cnt[v] < 2 || 2*int(cnt[v]) < snap.Degree(store.NodeID(v)) {
					continue
				}
				hs, cs := snap.Neighbors(store.NodeID(v)), snap.Counts(store.NodeID(v))
				if i, ok := slices.BinarySearch(hs, p.accts[u]); ok && cs != nil {
					compOwn[c] += uint64(cs[i])
					acctOwn[u] += uint64(cs[i])
				}
			}
		}
		for _, v := range touched {
			cnt[v] = 0
		}
		// The ring's kind of outputs are those its workers take: the
		// identities on its templates. Residents many enough to move the
		// cluster's median would otherwise set it.
		workTok = workTok[:0]
		for _, c := range comps {
			if r := compReq[c]; r > 0 && !idle(compOwn[c], r) {
				workTok = append(workTok, float64(compTok[c])/float64(r))
			}
		}
		ref := sc.sig[l].TokPerReq
		if len(workTok) > 0 {
			ref = median(workTok)
		}
		loses := false
		for _, c := range comps {
			r := compReq[c]
			if r > 0 && idle(compOwn[c], r) && unlikeOutputs(float64(compTok[c])/float64(r), ref) {
				drops[claim{c, l}] = true
				loses = true
			}
		}
		for _, u := range ms {
			c := p.comp[u]
			st := sc.pop.stats[u]
			if !drops[claim{c, l}] && compN[c] > 1 && st.Requests > 0 && idle(acctOwn[u], st.Requests) &&
				unlikeOutputs(float64(st.Tokens)/float64(st.Requests), ref) && p.byDevice(u) {
				alone[int32(u)] = true
				loses = true
			}
			acctOwn[u] = 0
		}
		for _, c := range comps {
			compReq[c], compOwn[c], compTok[c], compN[c] = 0, 0, 0, 0
		}
		if loses {
			losing = append(losing, l)
		}
	}
	if len(losing) == 0 {
		return sc
	}
	type move struct{ u, l int32 }
	var moved []move
	for _, l := range losing {
		for _, u := range sc.members[l] {
			if drops[claim{p.comp[u], l}] || alone[u] {
				p.label[u] = -1
				moved = append(moved, move{u, l})
			}
		}
	}
	trial := sc.subset(losing, nil, 0)
	keep := make([]bool, p.nLab)
	for _, l := range losing {
		keep[l] = Score(trial.sig[l], len(trial.members[l])) >= threshold
	}
	left := make([]int, p.nLab)
	wasAttached := make([]int, p.nLab) // of left: accounts attachLone brought in
	n := 0
	for _, m := range moved {
		if keep[m.l] {
			left[m.l]++
			if p.attachedAcct != nil && p.attachedAcct[m.u] {
				wasAttached[m.l]++
			}
			n++
		} else {
			p.label[m.u] = m.l
		}
	}
	if n == 0 {
		return sc
	}
	p.residents += n
	return rescore(p, sc, p.dropSingles(), func(l int32, sg *Signals) {
		sg.Attached -= wasAttached[l]
		sg.Residents = left[l]
	})
}

// byDevice reports whether account u's identity component holds it only
// through device fingerprints: it shares no card or mailbox that makes an
// identity (see identityGrade) with another account of the component. A fingerprint can be copied, a card or a
// mailbox cannot: a ring that wears its victims' rare fingerprints joins
// each victim's identity (the tenth probe's doppelganger ring), and the
// victim, who does none of the ring's work, is judged on its own.
// O(holders of u's cards and mailboxes).
func (p *partition) byDevice(u int32) bool {
	snap := p.snap
	c := p.comp[u]
	for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
		if k := snap.Kind[v]; k != store.KindPayment && k != store.KindEmail || !p.identityGrade(v) {
			continue
		}
		for _, a := range snap.Neighbors(store.NodeID(v)) {
			if w := p.idx[a]; w >= 0 && w != u && p.comp[w] == c {
				return false
			}
		}
	}
	return true
}
