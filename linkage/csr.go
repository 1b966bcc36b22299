package linkage

import (
	"fmt"
	"math"
)

// Edge is one undirected weighted edge between nodes U and V.
//
// W is an affinity: larger means the two endpoints belong together more
// strongly. Community detection treats it as the number of (fractional)
// links between U and V, so doubling every weight changes nothing, while
// doubling one edge's weight counts as two parallel edges.
type Edge struct {
	U, V int32
	W    float32
}

// Graph is an immutable undirected weighted graph in compressed sparse row
// (CSR) form. Node ids are the dense range [0, N()).
//
// Every undirected edge {u, v} is stored twice, once in each endpoint's row,
// so node i's neighbours are Adj[Off[i]:Off[i+1]] with weights
// W[Off[i]:Off[i+1]]. Rows are sorted by neighbour id and hold each neighbour
// at most once. The graph never contains self-loops.
//
// The global passes (components, community detection) run over these three
// flat arrays rather than over pointer-linked structures: with millions of
// nodes the memory is ~ 8n + 16m bytes and every pass is a linear scan.
type Graph struct {
	Off []int64   // len N()+1; Off[0] == 0, Off[N()] == len(Adj)
	Adj []int32   // neighbour ids, 2 entries per undirected edge
	W   []float32 // weight of the matching Adj entry; always > 0
}

// NewGraph builds the CSR form of the undirected graph on nodes [0, n) with
// the given edges.
//
// Normalisation, so that callers can feed raw observations:
//   - parallel edges (u, v) and (v, u) are merged into one edge whose weight
//     is the sum of their weights;
//   - self-loops are dropped: a node sharing an attribute with itself says
//     nothing about linkage, and dropping them keeps degree and modularity
//     definitions simple;
//   - edges of weight 0 are dropped, so an edge always means positive
//     affinity and "adjacent" is the same as "linked".
//
// NewGraph panics on a node id outside [0, n) or a negative, infinite or NaN
// weight, because those are programming errors upstream rather than data.
//
// Time O(n + m) (two counting-sort passes, no comparison sort), memory
// O(n + m) with a transient peak of about twice the final size, where m is
// len(edges).
func NewGraph(n int, edges []Edge) *Graph {
	if n < 0 || n > math.MaxInt32 {
		panic(fmt.Sprintf("linkage: NewGraph: node count %d out of int32 range", n))
	}
	// Pass 1: bucket every kept edge into both endpoint rows (unsorted).
	off := make([]int64, n+1)
	for i, e := range edges {
		if e.U < 0 || int(e.U) >= n || e.V < 0 || int(e.V) >= n {
			panic(fmt.Sprintf("linkage: NewGraph: edge %d (%d,%d) outside [0,%d)", i, e.U, e.V, n))
		}
		if !(e.W >= 0) || math.IsInf(float64(e.W), 1) {
			panic(fmt.Sprintf("linkage: NewGraph: edge %d (%d,%d) has invalid weight %v", i, e.U, e.V, e.W))
		}
		if e.U == e.V || e.W == 0 {
			continue
		}
		off[e.U+1]++
		off[e.V+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	arcs := off[n]
	adj1 := make([]int32, arcs)
	w1 := make([]float32, arcs)
	next := make([]int64, n)
	copy(next, off[:n])
	for _, e := range edges {
		if e.U == e.V || e.W == 0 {
			continue
		}
		p := next[e.U]
		adj1[p], w1[p] = e.V, e.W
		next[e.U]++
		p = next[e.V]
		adj1[p], w1[p] = e.U, e.W
		next[e.V]++
	}

	// Pass 2: transpose. Because the arc set is symmetric the transpose has
	// the same row sizes, and scanning source rows in increasing order
	// appends to each target row in increasing neighbour order, which sorts
	// every row without a comparison sort.
	adj2 := make([]int32, arcs)
	w2 := make([]float32, arcs)
	copy(next, off[:n])
	for r := range n {
		for p := off[r]; p < off[r+1]; p++ {
			c := adj1[p]
			q := next[c]
			adj2[q], w2[q] = int32(r), w1[p]
			next[c]++
		}
	}
	adj1, w1 = nil, nil

	// Pass 3: merge runs of equal neighbours in place (rows are sorted).
	var out int64
	start := int64(0)
	for r := range n {
		end := off[r+1]
		off[r] = out
		for p := start; p < end; p++ {
			if out > off[r] && adj2[out-1] == adj2[p] {
				w2[out-1] += w2[p]
				continue
			}
			adj2[out], w2[out] = adj2[p], w2[p]
			out++
		}
		start = end
	}
	off[n] = out
	return &Graph{Off: off, Adj: adj2[:out:out], W: w2[:out:out]}
}

// N returns the number of nodes. O(1).
func (g *Graph) N() int { return len(g.Off) - 1 }

// NumEdges returns the number of distinct undirected edges. O(1).
func (g *Graph) NumEdges() int64 { return int64(len(g.Adj)) / 2 }

// Degree returns the number of distinct neighbours of node i. O(1).
func (g *Graph) Degree(i int32) int { return int(g.Off[i+1] - g.Off[i]) }

// Neighbors returns node i's neighbour ids and the matching edge weights as
// sub-slices of the graph's storage; callers must not modify them. O(1).
func (g *Graph) Neighbors(i int32) ([]int32, []float32) {
	a, b := g.Off[i], g.Off[i+1]
	return g.Adj[a:b], g.W[a:b]
}

// Strength returns the weighted degree of node i: the sum of the weights of
// its edges, accumulated in float64. O(Degree(i)).
func (g *Graph) Strength(i int32) float64 {
	var s float64
	for _, w := range g.W[g.Off[i]:g.Off[i+1]] {
		s += float64(w)
	}
	return s
}

// TotalWeight returns m, the sum of the weights of all undirected edges
// (each counted once), accumulated in float64. O(m).
func (g *Graph) TotalWeight() float64 {
	var s float64
	for _, w := range g.W {
		s += float64(w)
	}
	return s / 2
}

// EdgePairs yields each undirected edge once, as (u, v) with u < v, in
// increasing (u, v) order. It has the iter.Seq2 shape so it can feed
// Components directly. O(m).
func (g *Graph) EdgePairs(yield func(u, v int32) bool) {
	for u := range int32(g.N()) {
		for _, v := range g.Adj[g.Off[u]:g.Off[u+1]] {
			if u < v && !yield(u, v) {
				return
			}
		}
	}
}
