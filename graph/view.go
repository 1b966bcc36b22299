package graph

import (
	"math"

	"github.com/ringlink/ringlink/store"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
)

// View exposes a Snapshot as a gonum weighted undirected graph. Node ids
// are store ids; an edge's weight is the number of exchanges that carried
// it, or 1 where the snapshot has no counts (a pruned snapshot keeps them
// for templates only). Self and Absent are the weights Weight reports for a node with
// itself and for unconnected pairs.
//
// View allocates nothing per node up front, so it is cheap to wrap even a
// full snapshot; gonum's global algorithms are still best kept to small
// subgraphs (see package linkage).
type View struct {
	S            *Snapshot
	Self, Absent float64
}

var _ gg.WeightedUndirected = View{}

// NewView wraps s with self weight 0 and absent weight +Inf, the
// convention of gonum's shortest-path algorithms.
func NewView(s *Snapshot) View { return View{S: s, Self: 0, Absent: math.Inf(1)} }

func (v View) has(id int64) bool {
	return id >= 0 && id < int64(v.S.N()) && v.S.Kind[id] != 0
}

// Node returns the node with id, or nil.
func (v View) Node(id int64) gg.Node {
	if !v.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns every node in id order.
func (v View) Nodes() gg.Nodes {
	n := 0
	for _, k := range v.S.Kind {
		if k != 0 {
			n++
		}
	}
	if n == 0 {
		return gg.Empty
	}
	return &kindNodes{kind: v.S.Kind, len: n, cur: -1}
}

// From returns the neighbours of id.
func (v View) From(id int64) gg.Nodes {
	if !v.has(id) {
		return gg.Empty
	}
	adj := v.S.Neighbors(store.NodeID(id))
	if len(adj) == 0 {
		return gg.Empty
	}
	return &idNodes{ids: adj, cur: -1}
}

// HasEdgeBetween reports whether x and y are adjacent.
func (v View) HasEdgeBetween(x, y int64) bool {
	_, ok := v.count(x, y)
	return ok
}

func (v View) count(x, y int64) (uint32, bool) {
	if !v.has(x) || !v.has(y) {
		return 0, false
	}
	adj, cnt := v.S.Neighbors(store.NodeID(x)), v.S.Counts(store.NodeID(x))
	lo, hi := 0, len(adj)
	for lo < hi {
		m := (lo + hi) / 2
		if int64(adj[m]) < y {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(adj) && int64(adj[lo]) == y {
		if cnt == nil {
			return 1, true
		}
		return cnt[lo], true
	}
	return 0, false
}

// Edge returns the edge from u to v, or nil.
func (v View) Edge(u, w int64) gg.Edge { return v.WeightedEdge(u, w) }

// EdgeBetween returns the edge between x and y, or nil.
func (v View) EdgeBetween(x, y int64) gg.Edge { return v.WeightedEdge(x, y) }

// WeightedEdgeBetween returns the weighted edge between x and y, or nil.
func (v View) WeightedEdgeBetween(x, y int64) gg.WeightedEdge { return v.WeightedEdge(x, y) }

// WeightedEdge returns the weighted edge from u to w, or nil.
func (v View) WeightedEdge(u, w int64) gg.WeightedEdge {
	c, ok := v.count(u, w)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(w), W: float64(c)}
}

// Weight returns the weight between x and y: Self when x == y, the edge's
// count when adjacent, Absent otherwise.
func (v View) Weight(x, y int64) (float64, bool) {
	if x == y && v.has(x) {
		return v.Self, true
	}
	if c, ok := v.count(x, y); ok {
		return float64(c), true
	}
	return v.Absent, false
}

// kindNodes iterates the ids whose kind is set.
type kindNodes struct {
	kind []store.Kind
	len  int
	cur  int
	seen int
}

func (it *kindNodes) Len() int { return it.len - it.seen }
func (it *kindNodes) Next() bool {
	for it.cur+1 < len(it.kind) {
		it.cur++
		if it.kind[it.cur] != 0 {
			it.seen++
			return true
		}
	}
	it.cur = len(it.kind)
	return false
}
func (it *kindNodes) Node() gg.Node {
	if it.cur < 0 || it.cur >= len(it.kind) {
		return nil
	}
	return simple.Node(it.cur)
}
func (it *kindNodes) Reset() { it.cur, it.seen = -1, 0 }

// idNodes iterates a neighbour list.
type idNodes struct {
	ids []uint32
	cur int
}

func (it *idNodes) Len() int {
	if it.cur >= len(it.ids) {
		return 0
	}
	return len(it.ids) - it.cur - 1
}
func (it *idNodes) Next() bool {
	if it.cur+1 < len(it.ids) {
		it.cur++
		return true
	}
	it.cur = len(it.ids)
	return false
}
func (it *idNodes) Node() gg.Node {
	if it.cur < 0 || it.cur >= len(it.ids) {
		return nil
	}
	return simple.Node(it.ids[it.cur])
}
func (it *idNodes) Reset() { it.cur = -1 }
