package linkage

import (
	"cmp"
	"errors"
	"fmt"
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
}

// DisplayValue strips the storage prefix of template values ("m:" mined,
// "u:" supplied).
func DisplayValue(k store.Kind, v string) string {
	if k == store.KindTemplate && len(v) > 2 && v[1] == ':' {
		return v[2:]
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
	days := map[int64]*Day{}
	day := func(ms int64) *Day {
		k := ms / dayMS
		if days[k] == nil {
			days[k] = &Day{Date: time.UnixMilli(k * dayMS).UTC().Format("2006-01-02")}
		}
		return days[k]
	}
	for _, m := range ms {
		id := store.NodeID(m)
		_, name, err := st.Node(id)
		if err != nil {
			return d, err
		}
		d.Accounts = append(d.Accounts, name)
		a, err := st.Account(id)
		if err != nil {
			return d, err
		}
		if a.Signup != 0 {
			day(a.Signup).Signups++
		}
		if a.First != 0 {
			day(a.First).FirstSeen++
			day(a.Last).LastSeen++
			for t := a.First / dayMS; t <= a.Last/dayMS; t++ {
				day(t*dayMS).Active++
			}
		}
		es, err := st.AccountEdges(id)
		if err != nil {
			return d, err
		}
		for _, e := range es {
			x := attrs[e.Attr]
			if x == nil {
				x = &acc{}
				attrs[e.Attr] = x
			}
			x.inside++
			x.reqs += e.Count
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
		sa := SharedAttr{Kind: k.String(), Value: DisplayValue(k, v), Inside: x.inside, Requests: x.reqs}
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
	if limit > 0 {
		shared = shared[:min(limit, len(shared))]
		tmpl = tmpl[:min(limit, len(tmpl))]
	}
	// Outside counts only for what is shown.
	for _, list := range [][]SharedAttr{shared, tmpl} {
		for i := range list {
			k, _ := store.ParseKind(list[i].Kind)
			v := list[i].Value
			if k == store.KindTemplate {
				v = findTemplateValue(st, v)
			}
			id, err := st.Lookup(k, v)
			if err != nil {
				continue
			}
			hs, err := st.AttrAccounts(id)
			if err != nil {
				return d, err
			}
			list[i].Outside = len(hs) - list[i].Inside
			list[i].Weight = round3(LinkWeight(k, len(hs), run.Accounts))
		}
	}
	d.Shared, d.Templates = append(d.Shared, shared...), append(d.Templates, tmpl...)
	keys := make([]int64, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d.Timeline = append(d.Timeline, *days[k])
	}
	return d, nil
}

// findTemplateValue maps a displayed template id back to its stored value.
func findTemplateValue(st Store, shown string) string {
	for _, p := range []string{"m:", "u:"} {
		if _, err := st.Lookup(store.KindTemplate, p+shown); err == nil {
			return p + shown
		}
	}
	return shown
}

// LinkedAccount is an account linked to another through shared attributes.
type LinkedAccount struct {
	Account string       `json:"account"`
	Weight  float64      `json:"weight"`
	Via     []SharedAttr `json:"via"`
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
		via []SharedAttr
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
		sa := SharedAttr{Kind: k.String(), Value: DisplayValue(k, v), Inside: len(hs), Weight: round3(w)}
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
		slices.SortStableFunc(x.via, func(a, b SharedAttr) int { return cmp.Compare(b.Weight, a.Weight) })
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
type Chain struct {
	From  string  `json:"from"`
	To    string  `json:"to"`
	Found bool    `json:"found"`
	Cost  float64 `json:"cost"`
	Steps []Step  `json:"steps"`
}

// ErrNoChain is wrapped when two accounts are not linked within reach.
var ErrNoChain = errors.New("no chain of shared attributes")

// Why finds the cheapest chain of shared attributes from a to b among n
// accounts, with gonum's Dijkstra on a small subgraph: a and b, their
// attributes, the accounts holding those (values held by at most
// ExpandCap accounts) and those accounts' links into b's attributes. So
// chains have at most two intermediate accounts. Passing through an
// attribute costs 1/weight on each side, so rare, strong values (a
// card held by three accounts) are cheap and broad ones (a carrier
// address held by thousands) expensive.
func Why(st Store, a, b store.NodeID, n int) (Chain, error) {
	g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	holders := map[store.NodeID]int{}
	kinds := map[store.NodeID]store.Kind{}
	attrInfo := func(id store.NodeID) (store.Kind, int, error) {
		if d, ok := holders[id]; ok {
			return kinds[id], d, nil
		}
		k, _, err := st.Node(id)
		if err != nil {
			return 0, 0, err
		}
		hs, err := st.AttrAccounts(id)
		if err != nil {
			return 0, 0, err
		}
		holders[id], kinds[id] = len(hs), k
		return k, len(hs), nil
	}
	cost := func(k store.Kind, d int) float64 {
		w := LinkWeight(k, d, n)
		if w <= 0 {
			return math.Inf(1)
		}
		return 1 / w
	}
	addEdge := func(acct, attr store.NodeID) error {
		k, d, err := attrInfo(attr)
		if err != nil {
			return err
		}
		c := cost(k, d)
		if math.IsInf(c, 1) || acct == attr {
			return nil
		}
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(acct), simple.Node(attr), c))
		return nil
	}
	g.AddNode(simple.Node(a))
	if g.Node(int64(b)) == nil {
		g.AddNode(simple.Node(b))
	}
	bEdges, err := st.AccountEdges(b)
	if err != nil {
		return Chain{}, err
	}
	bAttrs := map[store.NodeID]bool{}
	for _, e := range bEdges {
		bAttrs[e.Attr] = true
		if err := addEdge(b, e.Attr); err != nil {
			return Chain{}, err
		}
	}
	aEdges, err := st.AccountEdges(a)
	if err != nil {
		return Chain{}, err
	}
	seen := map[store.NodeID]bool{a: true, b: true}
	for _, e := range aEdges {
		if err := addEdge(a, e.Attr); err != nil {
			return Chain{}, err
		}
	}
	for _, side := range []struct {
		edges []store.Edge
		other map[store.NodeID]bool
	}{{aEdges, bAttrs}} {
		for _, e := range side.edges {
			_, d, err := attrInfo(e.Attr)
			if err != nil {
				return Chain{}, err
			}
			if d > ExpandCap || d < 2 {
				continue
			}
			hs, err := st.AttrAccounts(e.Attr)
			if err != nil {
				return Chain{}, err
			}
			for _, x := range hs {
				if seen[x] {
					continue
				}
				seen[x] = true
				xs, err := st.AccountEdges(x)
				if err != nil {
					return Chain{}, err
				}
				for _, xe := range xs {
					if xe.Attr == e.Attr || side.other[xe.Attr] {
						if err := addEdge(x, xe.Attr); err != nil {
							return Chain{}, err
						}
					}
				}
			}
		}
	}
	_, an, err := st.Node(a)
	if err != nil {
		return Chain{}, err
	}
	_, bn, err := st.Node(b)
	if err != nil {
		return Chain{}, err
	}
	ch := Chain{From: an, To: bn, Steps: []Step{}}
	sp := path.DijkstraFrom(simple.Node(a), g)
	nodes, w := sp.To(int64(b))
	if len(nodes) == 0 || math.IsInf(w, 1) {
		return ch, fmt.Errorf("%w between %s and %s within two intermediate accounts", ErrNoChain, an, bn)
	}
	ch.Found, ch.Cost = true, round3(w)
	for i, nd := range nodes {
		id := store.NodeID(nd.ID())
		k, v, err := st.Node(id)
		if err != nil {
			return ch, err
		}
		s := Step{Kind: k.String(), Value: DisplayValue(k, v)}
		if k != store.KindAccount {
			s.SharedBy = holders[id]
			s.Cost = round3(g.WeightedEdge(nodes[i-1].ID(), nd.ID()).Weight() * 2)
		}
		ch.Steps = append(ch.Steps, s)
	}
	return ch, nil
}
