package graph

import (
	"math"
	"testing"

	"github.com/ringlink/ringlink/store"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/testgraph"
)

// viewBuilder builds a View from testgraph's cases. Store ids are dense
// and non-negative and weights are exchange counts, so cases with negative
// ids are skipped and weights are returned as the counts the graph holds
// (testgraph allows a builder to conform edges to the graph).
func viewBuilder(nodes []gg.Node, edges []testgraph.WeightedLine, self, absent float64) (gg.Graph, []gg.Node, []testgraph.Edge, float64, float64, bool) {
	maxID := int64(-1)
	for _, n := range nodes {
		if n.ID() < 0 {
			return nil, nil, nil, math.NaN(), math.NaN(), false
		}
		maxID = max(maxID, n.ID())
	}
	var raw [][3]uint32
	var out []testgraph.Edge
	seen := map[int64]bool{}
	for _, n := range nodes {
		seen[n.ID()] = true
	}
	for _, e := range edges {
		f, t := e.From().ID(), e.To().ID()
		if f < 0 || t < 0 {
			return nil, nil, nil, math.NaN(), math.NaN(), false
		}
		if f == t {
			continue
		}
		maxID = max(maxID, f, t)
		seen[f], seen[t] = true, true
		raw = append(raw, [3]uint32{uint32(f), uint32(t), 1})
		out = append(out, simple.WeightedEdge{F: simple.Node(f), T: simple.Node(t), W: 1})
	}
	if len(out) == 0 && len(edges) != 0 {
		return nil, nil, nil, math.NaN(), math.NaN(), false
	}
	s := FromEdges(int(maxID+1), raw, nil)
	// Ids that are neither a listed node nor an edge end do not exist.
	for id := range s.Kind {
		if !seen[int64(id)] {
			s.Kind[id] = 0
		}
	}
	var ns []gg.Node
	for id := range s.Kind {
		if s.Kind[id] != 0 {
			ns = append(ns, simple.Node(id))
		}
	}
	return View{S: s, Self: self, Absent: absent}, ns, out, self, absent, true
}

func TestViewConformsToGonum(t *testing.T) {
	t.Run("EdgeExistence", func(t *testing.T) { testgraph.EdgeExistence(t, viewBuilder, true) })
	t.Run("NodeExistence", func(t *testing.T) { testgraph.NodeExistence(t, viewBuilder) })
	t.Run("ReturnAdjacentNodes", func(t *testing.T) { testgraph.ReturnAdjacentNodes(t, viewBuilder, true, true) })
	t.Run("ReturnAllNodes", func(t *testing.T) { testgraph.ReturnAllNodes(t, viewBuilder, true) })
	t.Run("Weight", func(t *testing.T) { testgraph.Weight(t, viewBuilder) })
}

func TestFromEdgesMergesAndSorts(t *testing.T) {
	s := FromEdges(4, [][3]uint32{{2, 1, 3}, {1, 2, 2}, {1, 0, 1}, {3, 1, 5}}, map[uint32]store.Kind{1: store.KindIP})
	adj, cnt := s.Neighbors(1), s.Counts(1)
	if got, want := adj, []uint32{0, 2, 3}; !equal(got, want) {
		t.Fatalf("neighbours of 1 = %v, want %v", got, want)
	}
	if got, want := cnt, []uint32{1, 5, 5}; !equal(got, want) {
		t.Fatalf("counts of 1 = %v, want %v", got, want)
	}
	if s.Kind[1] != store.KindIP || s.Kind[0] != store.KindAccount {
		t.Fatalf("kinds = %v", s.Kind)
	}
	if s.Edges() != 3 {
		t.Fatalf("edges = %d, want 3", s.Edges())
	}
}

func equal(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
