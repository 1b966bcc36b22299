package linkage

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/ringlink/ringlink/store"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Explanations read the store directly (prefix scans per account and per
// attribute), so they cost time in the size of what they explain, never
// in the size of the graph.

// ExpandCap bounds the holders an explanation reads per attribute: a
// value held by more accounts is reported with its count but not
// followed (it says little about any one pair).
const ExpandCap = 2000

// SharedAttr is one attribute shared inside a cluster.
type SharedAttr struct {
	Kind     string  `json:"kind"`
	Value    string  `json:"value"`
	Inside   int     `json:"inside"`   // members holding it
	Outside  int     `json:"outside"`  // other accounts holding it
	Requests uint64  `json:"requests"` // members' exchanges carrying it
	Weight   float64 `json:"weight"`   // link weight of the value (kind × rarity)
	// id is the value's node: the displayed Value can name two templates
	// (mined "m:1" and supplied "u:1" both show as 1).
	id store.NodeID
}

// Day is one day of a cluster's activity timeline (UTC).
type Day struct {
	Date      string `json:"date"`
	Signups   int    `json:"signups"`
	FirstSeen int    `json:"first_seen"` // members whose first record is that day
	LastSeen  int    `json:"last_seen"`
	Active    int    `json:"active"` // members whose first..last span covers the day
}

// Detail is everything `cluster show` prints.
type Detail struct {
	Cluster
	Run       string       `json:"run"`
	Accounts  []string     `json:"accounts"`
	Shared    []SharedAttr `json:"shared_attributes"`
	Templates []SharedAttr `json:"top_templates"`
	Timeline  []Day        `json:"timeline"`
	// HoursUTC counts the members' requests by UTC hour of the day (see
	// store.Hours). DatedRequests is their sum, Requests the members'
	// requests: a database that took records in before format 4 has
	// fewer dated requests than requests, and none for those records.
	HoursUTC      [24]uint64 `json:"hours_utc"`
	DatedRequests uint64     `json:"dated_requests"`
	Requests      uint64     `json:"requests"`
	// RecordsSinceRun counts the records ingested after the run: the
	// members, score and reasons are the run's, but the activity, shared
	// values and timeline are read from the database as it is, and
	// include them.
	RecordsSinceRun int64 `json:"records_since_run"`
}

// DisplayValue shows a node value as users see it (template values
// through store.TemplateDisplay).
func DisplayValue(k store.Kind, v string) string {
	if k == store.KindTemplate {
		return store.TemplateDisplay(v)
	}
	return v
}

// ClusterDetail gathers the members, the attributes they share, their
// timeline and their top templates. limit bounds the attribute lists.
func ClusterDetail(st Store, run Run, c Cluster, limit int) (Detail, error) {
	d := Detail{Cluster: c, Run: run.ID, Shared: []SharedAttr{}, Templates: []SharedAttr{}, Timeline: []Day{}}
	ms, err := Members(st, run.ID, c.Rank)
	if err != nil {
		return d, err
	}
	type acc struct {
		inside int
		reqs   uint64
	}
	attrs := map[store.NodeID]*acc{}
	act := activity{days: map[int64]*Day{}, change: map[int64]int{}}
	for _, m := range ms {
		id := store.NodeID(m)
		_, name, err := st.Node(id)
		if err != nil {
			return d, err
		}
		d.Accounts = append(d.Accounts, name)
		a, hours, uses, err := st.AccountRecord(id)
		if err != nil {
			return d, err
		}
		act.add(a)
		for h, n := range hours {
			d.HoursUTC[h] += uint64(n)
		}
		d.DatedRequests += hours.Total()
		d.Requests += a.Requests
		for _, u := range uses {
			x := attrs[u.Attr]
			if x == nil {
				x = &acc{}
				attrs[u.Attr] = x
			}
			x.inside++
			x.reqs += u.Count
		}
	}
	var shared, tmpl []SharedAttr
	ids := make([]store.NodeID, 0, len(attrs))
	for id := range attrs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		x := attrs[id]
		if x.inside < 2 {
			continue // held by one member: neither shared nor a top template
		}
		k, v, err := st.Node(id)
		if err != nil {
			return d, err
		}
		sa := SharedAttr{Kind: k.String(), Value: DisplayValue(k, v), Inside: x.inside, Requests: x.reqs, id: id}
		if k == store.KindTemplate {
			tmpl = append(tmpl, sa)
		}
		if k != store.KindIPPrefix {
			shared = append(shared, sa)
		}
	}
	byInside := func(a, b SharedAttr) int {
		if c := cmp.Compare(b.Inside, a.Inside); c != 0 {
			return c
		}
		return cmp.Compare(b.Requests, a.Requests)
	}
	slices.SortStableFunc(shared, byInside)
	slices.SortStableFunc(tmpl, func(a, b SharedAttr) int { return cmp.Compare(b.Requests, a.Requests) })
	// Holders outside are counted (one scan per value) for a pool of the
	// values most members hold, which is then ranked by evidence.
	if limit > 0 {
		shared = shared[:min(max(4*limit, 200), len(shared))]
		tmpl = tmpl[:min(limit, len(tmpl))]
	}
	for _, list := range [][]SharedAttr{shared, tmpl} {
		for i := range list {
			k, _ := store.ParseKind(list[i].Kind)
			hs, err := st.AttrAccounts(list[i].id)
			if err != nil {
				return d, err
			}
			list[i].Outside = len(hs) - list[i].Inside
			list[i].Weight = round3(LinkWeight(k, len(hs), run.Accounts))
		}
	}
	slices.SortStableFunc(shared, ByEvidence)
	if limit > 0 {
		shared = shared[:min(limit, len(shared))]
	}
	d.Shared, d.Templates = append(d.Shared, shared...), append(d.Templates, tmpl...)
	d.Timeline = act.rows()
	if run.Records > 0 {
		now, err := RecordsNow(st)
		if err != nil {
			return d, err
		}
		d.RecordsSinceRun = max(0, now-run.Records)
	}
	return d, nil
}

// activity gathers the members' days for a cluster's timeline.
type activity struct {
	days   map[int64]*Day // by day number since the epoch
	change map[int64]int  // change in active members, by day number
}

func (t *activity) day(ms int64) *Day {
	k := ms / dayMS
	if t.days[k] == nil {
		t.days[k] = &Day{Date: time.UnixMilli(k * dayMS).UTC().Format(time.DateOnly)}
	}
	return t.days[k]
}

// add counts one member: active from its first record's day to its last.
// Presence is read from the counts, as a time of 0 is 1970-01-01.
func (t *activity) add(a store.AccountStats) {
	if a.Signups > 0 {
		t.day(a.Signup).Signups++
	}
	if a.Requests+a.Signups > 0 {
		t.day(a.First).FirstSeen++
		t.day(a.Last).LastSeen++
		t.change[a.First/dayMS]++
		t.change[a.Last/dayMS+1]--
	}
}

// rows lists the days on which something changed, in order: a day with
// signups, first or last records, or the first day after a member's last
// one (when the active count falls), unless nothing comes after it. A day
// between two rows is like the earlier row without its events, so rows
// cost O(members) whatever the span of the records: one record dated in
// 9999 does not make millions of days.
func (t *activity) rows() []Day {
	keys := make([]int64, 0, len(t.days)+len(t.change))
	var lastEvent int64
	for k := range t.days {
		keys = append(keys, k)
		lastEvent = max(lastEvent, k)
	}
	for k := range t.change {
		if t.days[k] == nil && k < lastEvent {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	rows := make([]Day, 0, len(keys))
	n := 0
	for _, k := range keys {
		n += t.change[k]
		row := Day{Date: time.UnixMilli(k * dayMS).UTC().Format(time.DateOnly)}
		if t.days[k] != nil {
			row = *t.days[k]
		}
		row.Active = n
		rows = append(rows, row)
	}
	return rows
}

// ByEvidence orders shared values as an analyst weighs them: first those
// no account outside the cluster holds, then by the share of their holders
// that are members (a popular browser fingerprint or a carrier address
// that most of its holders use outside says little), then by members
// holding them and their exchanges.
func ByEvidence(a, b SharedAttr) int {
	if ea, eb := a.Outside == 0, b.Outside == 0; ea != eb {
		if ea {
			return -1
		}
		return 1
	}
	share := func(x SharedAttr) float64 { return float64(x.Inside) / float64(x.Inside+x.Outside) }
	return cmp.Or(cmp.Compare(share(b), share(a)), cmp.Compare(b.Inside, a.Inside), cmp.Compare(b.Requests, a.Requests))
}

// LinkedAccount is an account linked to another through shared attributes.
type LinkedAccount struct {
	Account string      `json:"account"`
	Weight  float64     `json:"weight"`
	Via     []LinkValue `json:"via"`
}

// LinkValue is a value two accounts share.
type LinkValue struct {
	Kind     string  `json:"kind"`
	Value    string  `json:"value"`
	SharedBy int     `json:"shared_by"` // accounts holding it, in the whole database
	Weight   float64 `json:"weight"`    // link weight of the value (kind × rarity)
}

// StrongestLinks returns up to limit accounts that share attributes with
// acct, strongest first. The strength of a link is the sum of the link
// weights (kind × rarity among n accounts) of the values they share.
// Values held by more than ExpandCap accounts are not followed.
func StrongestLinks(st Store, acct store.NodeID, n, limit int) ([]LinkedAccount, error) {
	es, err := st.AccountEdges(acct)
	if err != nil {
		return nil, err
	}
	type agg struct {
		w   float64
		via []LinkValue
	}
	links := map[store.NodeID]*agg{}
	for _, e := range es {
		k, v, err := st.Node(e.Attr)
		if err != nil {
			return nil, err
		}
		if KindWeight(k) == 0 {
			continue
		}
		hs, err := st.AttrAccounts(e.Attr)
		if err != nil {
			return nil, err
		}
		if len(hs) < 2 || len(hs) > ExpandCap {
			continue
		}
		w := LinkWeight(k, len(hs), n)
		sa := LinkValue{Kind: k.String(), Value: DisplayValue(k, v), SharedBy: len(hs), Weight: round3(w)}
		for _, h := range hs {
			if h == acct {
				continue
			}
			x := links[h]
			if x == nil {
				x = &agg{}
				links[h] = x
			}
			x.w += w
			x.via = append(x.via, sa)
		}
	}
	ids := make([]store.NodeID, 0, len(links))
	for id := range links {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b store.NodeID) int {
		if c := cmp.Compare(links[b].w, links[a].w); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	out := []LinkedAccount{}
	for _, id := range ids[:min(limit, len(ids))] {
		_, name, err := st.Node(id)
		if err != nil {
			return nil, err
		}
		x := links[id]
		slices.SortStableFunc(x.via, func(a, b LinkValue) int { return cmp.Compare(b.Weight, a.Weight) })
		out = append(out, LinkedAccount{Account: name, Weight: round3(x.w), Via: x.via})
	}
	return out, nil
}

// Step is one node of a chain: an account or a shared attribute.
type Step struct {
	Kind     string  `json:"kind"` // "account" or the attribute kind
	Value    string  `json:"value"`
	SharedBy int     `json:"shared_by,omitempty"` // holders of an attribute
	Cost     float64 `json:"cost,omitempty"`      // cost of entering and leaving an attribute
}

// Chain is the cheapest chain of shared attributes between two accounts.
// Found is false when none lies within Why's reach; Cost is then 0 and
// Steps empty.
type Chain struct {
	From  string  `json:"from"`
	To    string  `json:"to"`
	Found bool    `json:"found"`
	Cost  float64 `json:"cost"`
	Steps []Step  `json:"steps"`
	// Direct lists every linking value both accounts hold themselves,
	// cheapest (strongest) first: the chain shows one path, an analyst
	// wants all the evidence.
	Direct []Step `json:"shared_directly"`
	// Everyone lists the values both accounts hold that every account in
	// the database holds: rarity 0, so they link nothing.
	Everyone []Step `json:"shared_by_every_account"`
	// Capped: a value held by more than ExpandCap accounts was not
	// followed to its holders.
	Capped bool `json:"capped"`
}

// MaxIntermediates is the number of intermediate accounts within which
// Why always finds the cheapest chain.
const MaxIntermediates = 2

// Why finds the cheapest chain of shared attributes between a and b among
// n accounts, with gonum's Dijkstra on a weighted account–attribute
// graph. Passing through an attribute costs 1/weight on each side
// (LinkWeight: kind × rarity), so rare, strong values (a card held by
// three accounts) are cheap and broad ones (a carrier address held by
// thousands) expensive; IP prefixes (kind weight 0) never link.
//
// The graph is a neighbourhood built alike around both ends, so the
// answer does not depend on the order of a and b:
//   - a and b, with edges to all their linking attributes;
//   - the holders of each of those attributes held by at most ExpandCap
//     accounts (the intermediates next to a and next to b);
//   - every such intermediate, with edges to all its attributes that a or
//     b holds and to every value held by at most ExpandCap accounts that
//     it shares with an intermediate of the other end.
//
// So the cheapest chain through at most MaxIntermediates accounts is
// found, subject to ExpandCap: a value held by more accounts is not
// followed to its holders, so it can link a and b directly, or an end to
// an intermediate reached from the other end through a value within the
// cap, but never two intermediates. A longer chain is reported only when
// it is cheaper still and lies inside the neighbourhood. Among chains of
// equal cost the one taking the smallest node id at each step is
// reported, so the answer is stable.
//
// Reads: the holders of a's and b's attributes, the attributes of at most
// ExpandCap accounts per attribute of a or b, and the holders of the
// values intermediates of both ends share (unread when more than
// ExpandCap intermediates hold one).
//
// Two accounts without a chain within that reach give a Chain with Found
// false and no error.
func Why(st Store, a, b store.NodeID, n int) (Chain, error) {
	_, an, err := st.Node(a)
	if err != nil {
		return Chain{}, err
	}
	_, bn, err := st.Node(b)
	if err != nil {
		return Chain{}, err
	}
	ch := Chain{From: an, To: bn, Steps: []Step{}, Direct: []Step{}, Everyone: []Step{}}

	type attrInfo struct {
		holders int
		cost    float64        // of entering or leaving it; +Inf when it never links
		hs      []store.NodeID // its holders when at most ExpandCap
	}
	attrs := map[store.NodeID]*attrInfo{}
	// info reads an attribute's kind and holders once.
	info := func(id store.NodeID) (*attrInfo, error) {
		if x, ok := attrs[id]; ok {
			return x, nil
		}
		k, _, err := st.Node(id)
		if err != nil {
			return nil, err
		}
		x := &attrInfo{cost: math.Inf(1)}
		if KindWeight(k) > 0 { // an IP prefix's holders are not read
			hs, err := st.AttrAccounts(id)
			if err != nil {
				return nil, err
			}
			x.holders = len(hs)
			if w := LinkWeight(k, len(hs), n); w > 0 {
				x.cost = 1 / w
			}
			if len(hs) <= ExpandCap {
				x.hs = hs
			} else if !math.IsInf(x.cost, 1) {
				ch.Capped = true
			}
		}
		attrs[id] = x
		return x, nil
	}
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	g.AddNode(simple.Node(a))
	if b != a {
		g.AddNode(simple.Node(b))
	}
	link := func(acct, attr store.NodeID) {
		if x := attrs[attr]; x != nil && !math.IsInf(x.cost, 1) {
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(acct), simple.Node(attr), x.cost))
		}
	}

	// side holds, per reached account, which end it was reached from:
	// bit 1 from a, bit 2 from b.
	side := map[store.NodeID]uint8{}
	endAttr := map[store.NodeID]bool{}
	heldBy := map[store.NodeID]uint8{} // which ends hold each attribute
	for i, end := range []store.NodeID{a, b} {
		bit := uint8(1) << i
		es, err := st.AccountEdges(end)
		if err != nil {
			return ch, err
		}
		for _, e := range es {
			endAttr[e.Attr] = true
			heldBy[e.Attr] |= bit
			x, err := info(e.Attr)
			if err != nil {
				return ch, err
			}
			link(end, e.Attr)
			if math.IsInf(x.cost, 1) || x.hs == nil || x.holders < 2 {
				continue
			}
			for _, h := range x.hs {
				side[h] |= bit
			}
		}
	}
	for id, ends := range heldBy {
		x := attrs[id]
		if ends != 3 || a == b || x.holders < 2 {
			continue
		}
		k, v, err := st.Node(id)
		if err != nil {
			return ch, err
		}
		s := Step{Kind: k.String(), Value: DisplayValue(k, v), SharedBy: x.holders}
		if math.IsInf(x.cost, 1) {
			ch.Everyone = append(ch.Everyone, s)
			continue
		}
		s.Cost = round3(2 * x.cost)
		ch.Direct = append(ch.Direct, s)
	}
	for _, list := range [][]Step{ch.Direct, ch.Everyone} {
		slices.SortFunc(list, func(x, y Step) int {
			return cmp.Or(cmp.Compare(x.Cost, y.Cost), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Value, y.Value))
		})
	}
	delete(side, a)
	delete(side, b)
	mids := make([]store.NodeID, 0, len(side))
	for id := range side {
		mids = append(mids, id)
	}
	slices.Sort(mids)

	// A value no end holds links two intermediates only when they come
	// from different ends: held by two of them or more, from both sides.
	type across struct {
		sides   uint8
		holders int
	}
	other := map[store.NodeID]*across{}
	midAttrs := make([][]store.NodeID, len(mids))
	for i, x := range mids {
		es, err := st.AccountEdges(x)
		if err != nil {
			return ch, err
		}
		for _, e := range es {
			midAttrs[i] = append(midAttrs[i], e.Attr)
			if endAttr[e.Attr] {
				continue
			}
			c := other[e.Attr]
			if c == nil {
				c = &across{}
				other[e.Attr] = c
			}
			c.sides |= side[x]
			c.holders++
		}
	}
	for i, x := range mids {
		for _, at := range midAttrs[i] {
			if c := other[at]; c != nil {
				if c.sides != 3 || c.holders < 2 || c.holders > ExpandCap {
					continue
				}
				ai, err := info(at)
				if err != nil {
					return ch, err
				}
				if ai.holders > ExpandCap {
					continue
				}
			}
			link(x, at)
		}
	}

	// Dijkstra from b, then a walk from a along the shortest-path tree's
	// tight edges, taking the smallest node id at each tie.
	sp := path.DijkstraFrom(simple.Node(b), g)
	total := sp.WeightTo(int64(a))
	if math.IsInf(total, 1) {
		return ch, nil
	}
	nodes := []int64{int64(a)}
	for cur := int64(a); cur != int64(b); {
		rest, next := sp.WeightTo(cur), int64(-1)
		for it := g.From(cur); it.Next(); {
			v := it.Node().ID()
			w, _ := g.Weight(cur, v)
			if sp.WeightTo(v)+w <= rest*(1+1e-12) && (next < 0 || v < next) {
				next = v
			}
		}
		if next < 0 { // unreachable: the tree's own edge is tight
			return ch, errors.New("why: broken shortest-path tree")
		}
		nodes, cur = append(nodes, next), next
	}
	ch.Found, ch.Cost = true, round3(total)
	for _, id := range nodes {
		k, v, err := st.Node(store.NodeID(id))
		if err != nil {
			return ch, err
		}
		s := Step{Kind: k.String(), Value: DisplayValue(k, v)}
		if k != store.KindAccount {
			x := attrs[store.NodeID(id)]
			s.SharedBy, s.Cost = x.holders, round3(2*x.cost)
		}
		ch.Steps = append(ch.Steps, s)
	}
	return ch, nil
}
