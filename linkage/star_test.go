package linkage

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStarGraphMatchesNewGraph checks that the direct builder gives the
// same arrays, bit for bit, as the edge list through NewGraph it replaces:
// holders of one component merged with their weights summed in the same
// order, zero weights dropped, rows sorted.
func TestStarGraphMatchesNewGraph(t *testing.T) {
	tests := []struct {
		name            string
		comps, attrs, d int
		zeroShare       float64
	}{
		{"one attribute", 3, 1, 4, 0},
		{"many small", 50, 200, 3, 0},
		{"hubs with repeats", 20, 10, 40, 0},
		{"zero weights", 30, 60, 6, 0.3},
		{"no attributes", 5, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(tt.attrs)))
			p := &partition{nComp: tt.comps, kOff: []int64{0}}
			var edges []Edge
			for ai := range tt.attrs {
				d := 1 + rng.IntN(tt.d)
				for range d {
					c := int32(rng.IntN(tt.comps))
					w := float32(rng.Float64())
					if rng.Float64() < tt.zeroShare {
						w = 0
					}
					p.kComp = append(p.kComp, c)
					p.kAcc = append(p.kAcc, c)
					p.kW = append(p.kW, w)
					edges = append(edges, Edge{U: c, V: int32(tt.comps + ai), W: w})
				}
				p.kOff = append(p.kOff, int64(len(p.kAcc)))
				p.kNode = append(p.kNode, uint32(ai))
			}
			want := NewGraph(tt.comps+tt.attrs, edges)
			got := starGraph(p)
			require.Equal(t, want.Off, got.Off)
			assert.Equal(t, want.Adj, got.Adj)
			assert.Equal(t, want.W, got.W)
		})
	}
}
