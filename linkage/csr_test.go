package linkage

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCSRNewGraph(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		edges   []Edge
		wantOff []int64
		wantAdj []int32
		wantW   []float32
	}{
		{name: "empty", n: 0, wantOff: []int64{0}, wantAdj: []int32{}, wantW: []float32{}},
		{name: "isolated nodes", n: 3, wantOff: []int64{0, 0, 0, 0}, wantAdj: []int32{}, wantW: []float32{}},
		{
			name:    "triangle sorted rows",
			n:       3,
			edges:   []Edge{{2, 0, 1}, {1, 2, 2}, {0, 1, 3}},
			wantOff: []int64{0, 2, 4, 6},
			wantAdj: []int32{1, 2, 0, 2, 0, 1},
			wantW:   []float32{3, 1, 3, 2, 1, 2},
		},
		{
			name:    "parallel edges merged in both directions",
			n:       2,
			edges:   []Edge{{0, 1, 1}, {1, 0, 2.5}, {0, 1, 0.5}},
			wantOff: []int64{0, 1, 2},
			wantAdj: []int32{1, 0},
			wantW:   []float32{4, 4},
		},
		{
			name:    "self-loops and zero weights dropped",
			n:       3,
			edges:   []Edge{{1, 1, 5}, {0, 2, 0}, {0, 2, 1}, {2, 2, 1}},
			wantOff: []int64{0, 1, 1, 2},
			wantAdj: []int32{2, 0},
			wantW:   []float32{1, 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGraph(tc.n, tc.edges)
			assert.Equal(t, tc.wantOff, g.Off)
			assert.Equal(t, tc.wantAdj, g.Adj)
			assert.Equal(t, tc.wantW, g.W)
			assert.Equal(t, tc.n, g.N())
		})
	}
}

func TestCSRPanicsOnBadInput(t *testing.T) {
	assert.Panics(t, func() { NewGraph(2, []Edge{{0, 2, 1}}) })
	assert.Panics(t, func() { NewGraph(2, []Edge{{-1, 1, 1}}) })
	assert.Panics(t, func() { NewGraph(2, []Edge{{0, 1, -1}}) })
	assert.Panics(t, func() { NewGraph(-1, nil) })
}

func TestCSRDegreeStrengthRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 200
	edges := make([]Edge, 3000)
	type key struct{ a, b int32 }
	want := map[key]float64{}
	for i := range edges {
		u, v := rng.Int32N(n), rng.Int32N(n)
		w := float32(rng.IntN(4)) // includes zero weights
		edges[i] = Edge{u, v, w}
		if u == v || w == 0 {
			continue
		}
		want[key{u, v}] += float64(w)
		want[key{v, u}] += float64(w)
	}
	g := NewGraph(n, edges)
	require.Len(t, g.Off, n+1)
	got := map[key]float64{}
	var total float64
	for u := range int32(n) {
		adj, w := g.Neighbors(u)
		var s float64
		for i, v := range adj {
			if i > 0 {
				require.Less(t, adj[i-1], v, "row %d not strictly sorted", u)
			}
			got[key{u, v}] = float64(w[i])
			s += float64(w[i])
		}
		assert.Equal(t, len(adj), g.Degree(u))
		assert.InDelta(t, s, g.Strength(u), 1e-9)
		total += s
	}
	assert.Equal(t, want, got)
	assert.InDelta(t, total/2, g.TotalWeight(), 1e-6)
	assert.Equal(t, int64(len(want)/2), g.NumEdges())

	var pairs int64
	for u, v := range g.EdgePairs {
		require.Less(t, u, v)
		pairs++
	}
	assert.Equal(t, g.NumEdges(), pairs)
}

// randomEdges returns m uniformly random edges with weights in [1, 3].
func randomEdges(rng *rand.Rand, n, m int) []Edge {
	edges := make([]Edge, m)
	for i := range edges {
		edges[i] = Edge{rng.Int32N(int32(n)), rng.Int32N(int32(n)), 1 + 2*rng.Float32()}
	}
	return edges
}

func BenchmarkCSRNewGraph1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	edges := randomEdges(rng, 1_000_000, 5_000_000)
	b.ResetTimer()
	for b.Loop() {
		NewGraph(1_000_000, edges)
	}
}
