package linkage

import (
	"github.com/ringlink/ringlink/store"
)

// poolMaxHolders is the most accounts an address may be shared by for it
// to chain accounts in poolLone: a home's address is shared by a
// household, a rented proxy exit comes back for a few of the accounts
// rotating through its pool; a NAT's, a café's or a VPN's is shared by
// more, and ties nobody to anybody in particular.
const poolMaxHolders = 8

// poolMaxNetwork is the most uses by accounts that the chaining addresses
// of one network (/24, /48) may add up to; see poolLone.
const poolMaxNetwork = 4 * poolMaxHolders

// poolMinLinks is the fewest such addresses an account must hold to be
// chained: one is a home, which the resident behind a rented exit holds
// as the ring does; an account rotating through a pool holds several.
const poolMinLinks = 2

// poolLone gathers accounts the passes left in no cluster into groups
// chained by addresses few accounts share (poolMaxHolders), and keeps each
// group that scores at least threshold; the accounts of the others stay
// alone. It returns the scorer of the result.
//
// A ring that rotates every request through a pool of residential exits,
// with a distinct card and a popular fingerprint per account, is tied
// together only by its exits coming back: each ties a handful of members,
// and no member is more central than another. Community detection weighs
// that against the popular values the members share with thousands, and
// the core filter measures each member against a group mostly drawn
// together by broader values, so the members end alone (the probe's
// slow-bin ring, on four seeds of five). Chained through the exits alone,
// they form one group again. Households chained by their home address
// form small groups of their own, which score low (few members, ordinary
// volume, no templates or timing of their own): the threshold decides, as
// it does for every cluster.
//
// Cost: one pass over the kept addresses' holders, a union-find over the
// accounts, and a subset scoring of the groups formed.
func (p *partition) poolLone(sc *scorer, threshold float64) *scorer {
	na := len(p.accts)
	// links counts, per lone account, the addresses that can chain it:
	// few holders, another of them alone too.
	links := make([]uint8, na)
	chains := func(hs []int32) bool {
		if len(hs) > poolMaxHolders {
			return false
		}
		n := 0
		for _, u := range hs {
			if p.label[u] < 0 {
				n++
			}
		}
		return n >= 2
	}
	var pool []int32          // the kept addresses that chain
	crowd := map[uint32]int{} // network -> holders of its candidate addresses
	for ai := range p.numKept() {
		if p.snap.Kind[p.kNode[ai]] != store.KindIP {
			continue
		}
		hs, _ := p.holders(ai)
		if !chains(hs) {
			continue
		}
		pool = append(pool, int32(ai))
		crowd[p.snap.Net(p.kNode[ai])] += len(hs)
	}
	// A network crowded with such addresses is a NAT's pool (a carrier's
	// subscribers, a new address each time, a few at once on each), not
	// exits scattered over as many networks as a ring has members.
	kept := pool[:0]
	for _, ai := range pool {
		if crowd[p.snap.Net(p.kNode[ai])] <= poolMaxNetwork {
			kept = append(kept, ai)
		}
	}
	pool = kept
	for _, ai := range pool {
		hs, _ := p.holders(int(ai))
		for _, u := range hs {
			if p.label[u] < 0 && links[u] < 255 {
				links[u]++
			}
		}
	}
	uf := NewUnionFind(na)
	chained := false
	for _, ai := range pool {
		hs, _ := p.holders(int(ai))
		first := int32(-1)
		for _, u := range hs {
			switch {
			case p.label[u] >= 0 || links[u] < poolMinLinks:
			case first < 0:
				first = u
			default:
				if uf.Union(first, u) {
					chained = true
				}
			}
		}
	}
	if !chained {
		return sc
	}
	// Groups of two or more, numbered from base in order of their
	// smallest account.
	size := make([]int32, na)
	for u := range na {
		if p.label[u] < 0 && links[u] >= poolMinLinks {
			size[uf.Find(int32(u))]++
		}
	}
	base := int32(p.nLab)
	lab := make(map[int32]int32)
	var groups []int32
	for u := range na {
		if p.label[u] >= 0 || links[u] < poolMinLinks {
			continue
		}
		r := uf.Find(int32(u))
		if size[r] < 2 {
			continue
		}
		l, ok := lab[r]
		if !ok {
			l = base + int32(len(groups))
			lab[r] = l
			groups = append(groups, l)
		}
		p.label[u] = l
	}
	p.nLab += len(groups)
	trial := sc.subset(groups, nil, 0)
	next := base
	for _, l := range groups {
		ms := trial.members[l]
		if Score(trial.sig[l], len(ms)) < threshold {
			for _, u := range ms {
				p.label[u] = -1
			}
			continue
		}
		for _, u := range ms {
			p.label[u] = next
		}
		next++
		p.pooled += len(ms)
	}
	p.nLab = int(next)
	if next == base {
		return sc
	}
	sc = newScorer(p)
	for l := base; l < next; l++ {
		sc.sig[l].Pooled = true
	}
	return sc
}
