package linkage

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bfsComponents is the naive reference: label components by BFS from the
// smallest unvisited node, which yields the same numbering Labels promises.
func bfsComponents(g *Graph) ([]int32, int) {
	n := g.N()
	labels := make([]int32, n)
	for i := range labels {
		labels[i] = -1
	}
	k := 0
	for s := range int32(n) {
		if labels[s] >= 0 {
			continue
		}
		queue := []int32{s}
		labels[s] = int32(k)
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			adj, _ := g.Neighbors(u)
			for _, v := range adj {
				if labels[v] < 0 {
					labels[v] = int32(k)
					queue = append(queue, v)
				}
			}
		}
		k++
	}
	return labels, k
}

func TestUnionFindMatchesBFS(t *testing.T) {
	tests := []struct {
		name string
		n, m int
		seed uint64
	}{
		{"empty", 0, 0, 1},
		{"no edges", 10, 0, 2},
		{"sparse many components", 1000, 400, 3},
		{"near percolation", 1000, 500, 4},
		{"giant component", 1000, 2000, 5},
		{"dense", 200, 5000, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(tc.seed, 99))
			var edges []Edge
			if tc.n > 0 {
				edges = randomEdges(rng, tc.n, tc.m)
			}
			g := NewGraph(tc.n, edges)
			want, wantK := bfsComponents(g)

			got, gotK := GraphComponents(g)
			assert.Equal(t, wantK, gotK)
			assert.Equal(t, want, got)

			// Streaming API over the raw (unmerged, shuffled) edges, with
			// self-loops, must give the same labels.
			rng.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			got2, gotK2 := Components(tc.n, func(yield func(u, v int32) bool) {
				for _, e := range edges {
					if !yield(e.U, e.V) {
						return
					}
				}
			})
			assert.Equal(t, wantK, gotK2)
			assert.Equal(t, want, got2)
		})
	}
}

func TestUnionFindOperations(t *testing.T) {
	u := NewUnionFind(6)
	assert.True(t, u.Union(4, 5))
	assert.True(t, u.Union(5, 2))
	assert.False(t, u.Union(2, 4))
	assert.True(t, u.Same(2, 4))
	assert.False(t, u.Same(0, 2))
	assert.True(t, u.Union(3, 1))
	labels, k := u.Labels()
	require.Equal(t, 3, k)
	// Components in order of smallest member: {0}, {1,3}, {2,4,5}.
	assert.Equal(t, []int32{0, 1, 2, 1, 2, 2}, labels)
	assert.Equal(t, 6, u.Len())
}

func BenchmarkUnionFindComponents1M(b *testing.B) {
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(11, 11))
	us := make([]int32, 2*n)
	vs := make([]int32, 2*n)
	for i := range us {
		us[i], vs[i] = rng.Int32N(n), rng.Int32N(n)
	}
	b.ResetTimer()
	for b.Loop() {
		_, k := Components(n, func(yield func(u, v int32) bool) {
			for i := range us {
				if !yield(us[i], vs[i]) {
					return
				}
			}
		})
		if k == 0 {
			b.Fatal("no components")
		}
	}
}
