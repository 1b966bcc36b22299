package linkage

import (
	"cmp"
	"maps"
	"slices"

	"github.com/ringlink/ringlink/store"
)

// attachKinds are the kinds through which an account left alone may join
// a flagged cluster: what an operator issues to its accounts (cards,
// mailboxes, machines, templates). Addresses tie only when few accounts
// share them (see ties): a carrier's NAT or a café's is where ordinary
// people are.
const attachKinds = 1<<store.KindPayment | 1<<store.KindEmail | 1<<store.KindDevice | 1<<store.KindTemplate

// ties reports whether value v can tie an account to a cluster: a value
// of an attachKinds kind, or an address at most poolMaxHolders accounts
// share that community detection kept (as poolLone chains by; a ring's
// rotation through thousands of exits per account is sampled, and
// scanning every exit cost seconds at seed scale). Such an address is a
// home's or a rented exit's; one of them alone may be where a resident
// lives behind the ring's exit, which is why ties need two values.
func (p *partition) ties(v uint32) bool {
	k := p.snap.Kind[v]
	return attachKinds&(1<<k) != 0 || k == store.KindIP && p.idx[v] >= 0 && p.snap.Degree(store.NodeID(v)) <= poolMaxHolders
}

// claim is one value of a flagged cluster l that who (an identity
// component or an account) holds.
type claim struct{ who, l int32 }

// tiedBy sorts claims and calls fn, in order of who, with each who's
// most claiming cluster (ties: the lowest label) when that cluster claims
// it by two or more values: one value alone may be chance.
func tiedBy(claims []claim, fn func(who, l int32)) {
	slices.SortFunc(claims, func(a, b claim) int {
		return cmp.Or(cmp.Compare(a.who, b.who), cmp.Compare(a.l, b.l))
	})
	for i := 0; i < len(claims); {
		who := claims[i].who
		best, bestN := int32(-1), 0
		for i < len(claims) && claims[i].who == who {
			j := i
			for j < len(claims) && claims[j] == claims[i] {
				j++
			}
			if j-i > bestN {
				best, bestN = claims[i].l, j-i
			}
			i = j
		}
		if bestN >= 2 {
			fn(who, best)
		}
	}
}

// eachOwnTie calls fn once for every value that ties (ties) held by a
// member of a claimant cluster and held as its own by a claimant cluster
// best (two or more of its holders, at least half of them, there): with
// the holders outside flagged clusters, as acct indexes. biggest is the
// largest claimant's size: a value with more than twice as many holders
// cannot be one's own.
func (p *partition) eachOwnTie(sc *scorer, flagged, claimant []bool, biggest int, fn func(v uint32, best int32, outside []int32)) {
	snap := p.snap
	seen := make([]uint64, (snap.N()+63)/64)
	cnt := make([]int32, p.nLab)
	var touched, outside []int32
	for l := range int32(p.nLab) {
		if !claimant[l] {
			continue
		}
		for _, u := range sc.members[l] {
			for _, v := range snap.Neighbors(store.NodeID(p.accts[u])) {
				if seen[v>>6]&(1<<(v&63)) != 0 {
					continue
				}
				seen[v>>6] |= 1 << (v & 63)
				if !p.ties(v) {
					continue
				}
				hs := snap.Neighbors(store.NodeID(v))
				if len(hs) > 2*biggest {
					continue
				}
				touched, outside = touched[:0], outside[:0]
				for _, a := range hs {
					w := p.idx[a]
					if w < 0 {
						continue
					}
					lw := p.label[w]
					if lw < 0 || !flagged[lw] {
						outside = append(outside, w)
					}
					if lw >= 0 {
						if cnt[lw] == 0 {
							touched = append(touched, lw)
						}
						cnt[lw]++
					}
				}
				best := int32(-1)
				for _, x := range touched {
					// As the scorer decides whose own a value is: a
					// cluster holding exactly half ties with another
					// only if that one holds the other half, and then
					// the one met first wins.
					if cnt[x] >= 2 && 2*int(cnt[x]) >= len(hs) && (best < 0 || cnt[x] > cnt[best]) {
						best = x
					}
					cnt[x] = 0
				}
				if best >= 0 && claimant[best] {
					fn(v, best, outside)
				}
			}
		}
	}
}

// worksOn reports whether at least half of account w's requests are on
// template v: what it works on, not a prompt of its that happened to mine
// into the template. O(log holders of v).
func (p *partition) worksOn(sc *scorer, w int32, v uint32) bool {
	hs, cs := p.snap.Neighbors(store.NodeID(v)), p.snap.Counts(store.NodeID(v))
	i, ok := slices.BinarySearch(hs, p.accts[w])
	if !ok || cs == nil {
		return false
	}
	reqs := sc.pop.stats[w].Requests
	return reqs > 0 && 2*uint64(cs[i]) >= reqs
}

// liftShare is the fewest stragglers, as a share of its members, that a
// cluster under the threshold takes (see attachLone). The pieces lifted
// on the probes took 27-74 % more members; the clusters the stragglers
// did not lift would have taken 8-18 %.
const liftShare = 0.25

// attachLone puts accounts the passes left in no cluster, or in a cluster
// under the threshold, into a flagged cluster when they hold two or more
// of its own values (see ties), and returns the scorer of the result.
// Accounts in no cluster may also join a cluster under the threshold
// that holds such values of theirs, if they lift it to the threshold:
// community detection can leave a ring tied by its templates alone half
// in a cluster and half in none, and the half in the cluster then scores
// low because its members' templates are used as much outside it (the
// seventh probe's conversation harvester, 202 of 342 members in a cluster
// at 0.47 and 139 in none on one seed). The same rules decide, and the
// accounts it would take must be a quarter of its members or more
// (liftShare), and it at least gatherMin accounts. An account
// that only a fingerprint ties to its identity comes with the identity
// only if it holds one of the values that tie it (see byDevice).
//
// Community detection weighs every shared value by how widely it is
// shared, so a ring member whose only ties to the ring are the ring's
// templates, spread over hundreds of members, and whose browser
// fingerprint and proxy exits tie it weakly to thousands of strangers,
// can end up in no cluster at all (the probe's signup-waves members on
// popular fingerprints: a third of the ring), or in a crowd of that
// fingerprint's users (the second probe's scheduler ring), and so can one
// whose only ties are the proxy exits that come back for a few members. A value that
// ties, held by two or more members of a flagged cluster and at least as
// many of its holders inside the cluster as outside is that cluster's own
// evidence, and an account holding it is tied to the cluster by the same
// rule that makes the value count as evidence in its score. An account
// outside the flagged clusters (with its identity component, kept whole)
// tied to a flagged cluster by two or more such
// values is claimed by the one it is tied to by the
// most (ties: the lowest label); one value alone may be chance, a
// stranger's prompt that mines into the ring's template, a fingerprint
// two strangers share, or the home of a resident behind a rented exit.
// A template on which the account sends at least half its requests
// (worksOn) is no chance and counts as two: the second probe's bought
// aged accounts left out of their ring send the ring's one template on
// nearly all their requests, from fresh exits, and share nothing else
// with it. Each claimed identity whose volume signal on its own is
// under half the cluster's is turned away: ordinary users of a big ring's
// popular fingerprint or template are tied to it as its stragglers are,
// but they do not work like it. The rest join only if the cluster then
// scores at least threshold and at least what it scored without them:
// they behave like the ring (volume, timing, templates), not like a crowd
// sharing its popular values. They are judged together, so heavy users
// of a ring's popular values that dilute its templates keep its
// stragglers out with them. Each identity a cluster turns away (by
// volume or score) is recorded in refused (see refusals), and the next
// call ties it to the cluster that claims it most among the others.
// Accounts of flagged clusters are never moved, nor, as joinFragments never moves them, those of an
// organisation's cluster (an evaluation lab that works through the
// question bank a ring also draws on); a cluster the moves leave with one
// member is dissolved.
//
// Cost: the holders of the values that tie (ties) the flagged clusters'
// members hold, each value once, a subset scoring of the clusters that would grow
// and, when any keeps its new members, one scoring of the whole partition.
func (p *partition) attachLone(sc *scorer, threshold float64, refused *refusals) *scorer {
	flagged := make([]bool, p.nLab)
	claimant := make([]bool, p.nLab)
	biggest := 0 // the largest claimant's size
	for l := range p.nLab {
		n := len(sc.members[l])
		if n > 0 && Score(sc.sig[l], n) >= threshold {
			flagged[l] = true
		}
		if flagged[l] || n >= gatherMin && !sc.sig[l].organised() {
			claimant[l] = true
			biggest = max(biggest, n)
		}
	}
	if biggest == 0 {
		return sc
	}
	var claims []claim
	claimed := make([]uint32, p.nComp)  // component -> 1 + the value it was last claimed by
	twice := make([]uint32, p.nComp)    // component -> 1 + the template it was last claimed by twice
	holds := make([]bool, len(p.accts)) // account holds a value that ties
	p.eachOwnTie(sc, flagged, claimant, biggest, func(v uint32, best int32, outside []int32) {
		isTmpl := p.snap.Kind[v] == store.KindTemplate
		for _, w := range outside {
			if !flagged[best] && p.label[w] >= 0 {
				continue
			}
			holds[w] = true
			// A value counts once per identity, however many of its
			// accounts hold it; twice when one of them works on it.
			c := p.comp[w]
			if claimed[c] != v+1 {
				claimed[c] = v + 1
				claims = append(claims, claim{c, best})
			}
			if isTmpl && twice[c] != v+1 && p.worksOn(sc, w, v) {
				twice[c] = v + 1
				claims = append(claims, claim{c, best})
			}
		}
	})
	if len(claims) == 0 {
		return sc
	}
	claims = slices.DeleteFunc(claims, refused.has)
	join := make(map[int32]int32) // component -> the cluster it joins
	tiedBy(claims, func(c, l int32) { join[c] = l })
	// The accounts each cluster would take, by cluster and component.
	type move struct{ u, l int32 }
	var moves []move
	from := make(map[int32]int32) // moved account -> its label before
	for u, l := range p.label {
		if l >= 0 && (flagged[l] || sc.sig[l].organised()) {
			continue
		}
		// An account that only a fingerprint ties to the identity
		// claimed comes with it only if it holds one of the values that
		// tie: a ring that wears its victims' fingerprints does not
		// bring the victims (see byDevice).
		// A cluster under the threshold takes only accounts in no
		// cluster, whatever else their identity holds.
		if to, ok := join[p.comp[u]]; ok && (flagged[to] || l < 0) && (holds[u] || !p.byDevice(int32(u))) {
			moves = append(moves, move{int32(u), to})
			from[int32(u)] = l
		}
	}
	// A cluster under the threshold is lifted by the rest of its ring,
	// not by a handful of stragglers: it takes them only when they are a
	// quarter of its members or more (liftShare).
	lift := make(map[int32]int)
	for _, m := range moves {
		if !flagged[m.l] {
			lift[m.l]++
		}
	}
	moves = slices.DeleteFunc(moves, func(m move) bool {
		if n := lift[m.l]; n > 0 && float64(n) < liftShare*float64(len(sc.members[m.l])) {
			delete(from, m.u)
			return true
		}
		return false
	})
	slices.SortStableFunc(moves, func(a, b move) int {
		return cmp.Or(cmp.Compare(a.l, b.l), cmp.Compare(p.comp[a.u], p.comp[b.u]))
	})
	var grown, moved, group []int32
	var rates, toks []float64
	for i := 0; i < len(moves); {
		l, c := moves[i].l, p.comp[moves[i].u]
		group = group[:0]
		for ; i < len(moves) && moves[i].l == l && p.comp[moves[i].u] == c; i++ {
			group = append(group, moves[i].u)
		}
		var sg Signals
		rates, toks = sc.pop.volume(&sg, group, rates, toks)
		if sg.Volume < sc.sig[l].Volume/2 {
			refused.add(claims, c, l)
			continue
		}
		for _, u := range group {
			p.label[u] = l
		}
		moved = append(moved, group...)
		if len(grown) == 0 || grown[len(grown)-1] != l {
			grown = append(grown, l)
		}
	}
	if len(grown) == 0 {
		return sc
	}
	trial := sc.subset(grown, nil, 0)
	kept := make([]bool, p.nLab)
	for _, l := range grown {
		kept[l] = Score(trial.sig[l], len(trial.members[l])) >= max(threshold, Score(sc.sig[l], len(sc.members[l])))
	}
	joined := make([]int, p.nLab)
	attachedNow := false
	for _, u := range moved {
		if l := p.label[u]; kept[l] {
			joined[l]++
			p.attached++
			if p.attachedAcct == nil {
				p.attachedAcct = make([]bool, len(p.accts))
			}
			p.attachedAcct[u] = true
			attachedNow = true
		} else {
			p.label[u] = from[u]
			refused.add(claims, p.comp[u], l)
		}
	}
	if !attachedNow {
		return sc
	}
	for l, k := range kept {
		if k {
			// It is not the cluster that turned them away any more.
			refused.forgive(int32(l))
		}
	}
	renum := p.dropSingles()
	refused.relabel(renum)
	// After joinFamilies (see judge) a cluster also says how it was
	// assembled before.
	return rescore(p, sc, renum, func(l int32, sg *Signals) { sg.Attached += joined[l] })
}

// rescore scores the partition again after dropSingles renumbered its
// labels (renum, old -> new) and carries over what each cluster says of
// how it was assembled (see Signals.assembly), which a scoring does not
// see; then adjust changes what a step of its own did to old label l.
func rescore(p *partition, prev *scorer, renum []int32, adjust func(l int32, sg *Signals)) *scorer {
	sc := newScorer(p)
	for l, r := range renum {
		if r >= 0 {
			sc.sig[r].assembly(prev.sig[l])
			adjust(int32(l), &sc.sig[r])
		}
	}
	return sc
}

// refusals records, across rounds of attachLone, the identities each
// flagged cluster turned away, so that a later round ties them to the
// cluster that claims them most among the others. A nil *refusals
// records nothing.
type refusals struct {
	m map[claim]bool // {identity component, label} turned away
	// retry is set when a refused identity is claimed by another cluster
	// by two or more values: another round may then attach it.
	retry bool
}

func (r *refusals) has(c claim) bool { return r != nil && r.m[c] }

// add records that cluster l turned away identity c; claims are the
// round's claims, sorted by tiedBy, refusals left out.
func (r *refusals) add(claims []claim, c, l int32) {
	if r == nil {
		return
	}
	r.m[claim{c, l}] = true
	i, _ := slices.BinarySearchFunc(claims, c, func(x claim, c int32) int { return cmp.Compare(x.who, c) })
	for i < len(claims) && claims[i].who == c {
		j := i
		for j < len(claims) && claims[j] == claims[i] {
			j++
		}
		if claims[i].l != l && j-i >= 2 {
			r.retry = true
			return
		}
		i = j
	}
}

// forgive forgets the refusals of cluster l: it grew, so its volume and
// what a group would do to its score have changed.
func (r *refusals) forgive(l int32) {
	if r == nil {
		return
	}
	maps.DeleteFunc(r.m, func(c claim, _ bool) bool { return c.l == l })
}

// relabel follows the labels dropSingles renumbered (old -> new, -1 for
// the dropped).
func (r *refusals) relabel(renum []int32) {
	if r == nil {
		return
	}
	was := slices.Collect(maps.Keys(r.m))
	clear(r.m)
	for _, c := range was {
		if n := renum[c.l]; n >= 0 {
			r.m[claim{c.who, n}] = true
		}
	}
}

// maxAttachRounds bounds the rounds of attachLone.
const maxAttachRounds = 3

// attachRounds runs attachLone until a round attaches nobody and turns
// away nobody another cluster claims, at most maxAttachRounds times, and
// returns the scorer of the result.
//
// Stragglers can be tied to the ring through each other: a ring's exits
// each come back for a few members, and where those members are all
// stragglers, the exits become the ring's own only once the stragglers
// holding them have joined (the probe's slow-bin ring: 46 of its 56
// members left out joined in later rounds). Each round asks what the
// first does (two of the cluster's own values, half its volume, a score
// no lower), so a crowd is not drawn in by rounds any more than by one.
// Three rounds took all but three of them on the probes; the last round
// that attaches someone costs a scoring of the whole partition.
//
// A round also retries, with the next cluster that claims them, the
// identities a cluster turned away. Two rings of one operator share its
// machines or exits, and a straggler of the lighter ring can hold more of
// the heavier ring's values than of its own: the heavier turns it away,
// as under half its volume, and the ring it works like takes it (the
// probe's slow-bin ring, which rents exits from the pool its oss-mimic
// ring uses: 490 → 495 of 500 on seed 2).
func (p *partition) attachRounds(sc *scorer, threshold float64) *scorer {
	refused := &refusals{m: make(map[claim]bool)}
	for range maxAttachRounds {
		before := p.attached
		refused.retry = false
		if sc = p.attachLone(sc, threshold, refused); p.attached == before && !refused.retry {
			break
		}
	}
	return sc
}

// dropSingles leaves alone the accounts of clusters that moves left with
// fewer than two (none, when merges emptied them), numbers the other
// labels densely in order, and returns the old label -> new label map
// (-1 for the labels dropped).
func (p *partition) dropSingles() []int32 {
	size := make([]int32, p.nLab)
	for _, l := range p.label {
		if l >= 0 {
			size[l]++
		}
	}
	renum := make([]int32, p.nLab)
	n := int32(0)
	for l, c := range size {
		renum[l] = -1
		if c >= 2 {
			renum[l] = n
			n++
		}
	}
	for u, l := range p.label {
		if l >= 0 {
			p.label[u] = renum[l]
		}
	}
	p.nLab = int(n)
	return renum
}

// joinFragments merges into a flagged cluster each cluster under the
// threshold most of whose members are tied to it, as attachLone ties a
// lone account: by two or more values that tie (ties) and are the
// flagged cluster's own. It returns the scorer of the result.
//
// A family of a ring (a few accounts on their own card, device and
// address, all working on the ring's template) is tied by one value: at
// least half its members hold a template that is the flagged cluster's
// own, as joinFamilies chains families under the threshold, and on the
// same condition that it works like extraction at nearly full strength
// (volume at least familyVolume) on its own. Community detection can
// leave some of a ring's families apart when it gathers the rest (seven
// of the third probe's 64 cells of three): each member holds the ring's
// one template and a fingerprint hundreds share, so no member holds two
// of the flagged cluster's own values. Households whose members all send
// a ring's template at half its volume, but not at extraction's, stay
// apart.
//
// The passes can leave a piece of a ring apart from the rest (30 of the
// probe's slow-bin members, 40 or 85 of its disposable ring), and alone
// the piece lacks the volume of evidence that flags the whole. A piece
// joins only when its volume signal is at least half the cluster's and
// the cluster, with every piece that joins it, then scores at least
// threshold and no lower than before: an office or a household near a
// ring holds some of its values too, but does not work like it. A piece
// that is an organisation (Signals.Organisation) never joins: it says who
// it is, and shares with a ring only what it was judged without (an
// evaluation lab's benchmark templates drawn from the question bank a
// ring also works through).
//
// Cost: the holders of the values that tie (ties) the flagged clusters'
// members hold, each value once, and a subset scoring of the clusters
// that would grow.
func (p *partition) joinFragments(sc *scorer, threshold float64) *scorer {
	score := make([]float64, p.nLab)
	flagged := make([]bool, p.nLab)
	biggest := 0
	for l := range p.nLab {
		n := len(sc.members[l])
		if n == 0 {
			continue
		}
		score[l] = Score(sc.sig[l], n)
		if score[l] >= threshold {
			flagged[l] = true
			biggest = max(biggest, n)
		}
	}
	if biggest == 0 {
		return sc
	}
	var claims []claim
	// held counts, per cluster under the threshold, its members that hold
	// one template of a flagged cluster's own.
	type holding struct {
		from, to int32
		tmpl     uint32
	}
	held := map[holding]int{}
	p.eachOwnTie(sc, flagged, flagged, biggest, func(v uint32, best int32, outside []int32) {
		isTmpl := p.snap.Kind[v] == store.KindTemplate
		for _, w := range outside {
			if p.label[w] >= 0 {
				claims = append(claims, claim{w, best})
				if isTmpl {
					held[holding{p.label[w], best, v}]++
				}
			}
		}
	})
	if len(claims) == 0 {
		return sc
	}
	// Per unflagged cluster, its members tied to each flagged one.
	type tie struct{ from, to int32 }
	tied := map[tie]int{}
	tiedBy(claims, func(u, l int32) { tied[tie{p.label[u], l}]++ })
	// A family is tied whole: its own card, device or address ties its
	// members to each other.
	for h, n := range held {
		if n >= 2 && 2*n >= len(sc.members[h.from]) && sc.sig[h.from].Volume >= familyVolume {
			t := tie{h.from, h.to}
			tied[t] = max(tied[t], len(sc.members[h.from]))
		}
	}
	into := make([]int32, p.nLab) // fragment -> the flagged cluster it joins, or -1
	for l := range into {
		into[l] = -1
	}
	intoN := make([]int, p.nLab)
	for t, n := range tied {
		if 2*n < len(sc.members[t.from]) || sc.sig[t.from].Volume < sc.sig[t.to].Volume/2 || sc.sig[t.from].organised() {
			continue
		}
		if n > intoN[t.from] || n == intoN[t.from] && t.to < into[t.from] {
			into[t.from], intoN[t.from] = t.to, n
		}
	}
	var grown []int32
	isGrown := make([]bool, p.nLab)
	for l, to := range into {
		if to < 0 {
			continue
		}
		for _, u := range sc.members[l] {
			p.label[u] = to
		}
		if !isGrown[to] {
			isGrown[to] = true
			grown = append(grown, to)
		}
	}
	if len(grown) == 0 {
		return sc
	}
	slices.Sort(grown)
	trial := sc.subset(grown, nil, 0)
	kept := make([]bool, p.nLab)
	for _, l := range grown {
		kept[l] = Score(trial.sig[l], len(trial.members[l])) >= max(threshold, score[l])
	}
	joined := false
	joinedN, pieces := make([]int, p.nLab), make([]int, p.nLab)
	for l, to := range into {
		if to < 0 {
			continue
		}
		if kept[to] {
			p.joined += len(sc.members[l])
			joinedN[to] += len(sc.members[l])
			pieces[to]++
			joined = true
			continue
		}
		for _, u := range sc.members[l] {
			p.label[u] = int32(l)
		}
	}
	if !joined {
		return sc
	}
	// The fragments' labels are empty now.
	renum := p.dropSingles()
	prev := sc
	sc = newScorer(p)
	for l, r := range renum {
		if r >= 0 {
			sc.sig[r].Pooled = sc.sig[r].Pooled || prev.sig[l].Pooled
			sc.sig[r].Attached += prev.sig[l].Attached
			sc.sig[r].Joined += prev.sig[l].Joined + joinedN[l]
			sc.sig[r].JoinedPieces += prev.sig[l].JoinedPieces + pieces[l]
		}
	}
	return sc
}
