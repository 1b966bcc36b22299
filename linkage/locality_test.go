package linkage

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBFSOrder(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []Edge
		want  []int32
	}{
		{name: "empty", n: 0, want: []int32{}},
		{name: "isolated nodes keep their order", n: 3, want: []int32{0, 1, 2}},
		// 0-3, 0-4, 3-1, 2 alone: from 0 the queue is 0,3,4 then 1.
		{name: "breadth first from the lowest node", n: 5, edges: []Edge{{0, 3, 1}, {0, 4, 1}, {3, 1, 1}},
			want: []int32{0, 3, 4, 1, 2}},
		// From 0 its star centre 5 comes next, then the other leaves 2 and 4.
		{name: "star", n: 6, edges: []Edge{{5, 0, 1}, {5, 2, 1}, {5, 4, 1}, {1, 3, 1}},
			want: []int32{0, 4, 2, 5, 3, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, bfsOrder(NewGraph(tt.n, tt.edges)))
		})
	}
}

// TestPermuteKeepsEdges renumbers random graphs and checks that every edge
// and weight survives under the new numbers with rows sorted.
func TestPermuteKeepsEdges(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		n := 1 + rng.IntN(60)
		var edges []Edge
		for range rng.IntN(200) {
			edges = append(edges, Edge{int32(rng.IntN(n)), int32(rng.IntN(n)), float32(1 + rng.IntN(5))})
		}
		g := NewGraph(n, edges)
		order := bfsOrder(g)
		seen := make([]bool, n)
		for _, o := range order {
			require.False(t, seen[o], "order is a permutation")
			seen[o] = true
		}
		h := permute(g, order)
		require.Equal(t, g.NumEdges(), h.NumEdges())
		for v := range int32(n) {
			adj, ws := g.Neighbors(v)
			hadj, hws := h.Neighbors(order[v])
			require.True(t, slices.IsSorted(hadj), "row of %d sorted", order[v])
			got := map[int32]float32{}
			for i, u := range hadj {
				got[u] = hws[i]
			}
			want := map[int32]float32{}
			for i, u := range adj {
				want[order[u]] = ws[i]
			}
			assert.Equal(t, want, got, "neighbours of node %d", v)
		}
	}
}
