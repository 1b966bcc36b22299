package linkage

import (
	"slices"
	"sync"
)

// bfsOrder numbers g's nodes in breadth-first order, each component from its
// lowest unnumbered node and neighbours in row order, and returns
// order[old] = new. Neighbours end up with nearby numbers, so the per-node
// and per-community arrays that local moving reads for a node's neighbours
// share cache lines instead of costing a cache miss each: on large graphs
// those misses, not arithmetic, bound Leiden (see BENCHMARKS.md). The
// numbering is deterministic. Time and memory O(n + m).
func bfsOrder(g *Graph) []int32 {
	n := g.N()
	order := make([]int32, n)
	for i := range order {
		order[i] = -1
	}
	queue := make([]int32, 0, n)
	next := int32(0)
	for s := range int32(n) {
		if order[s] >= 0 {
			continue
		}
		order[s] = next
		next++
		queue = append(queue[:0], s)
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			for _, u := range g.Adj[g.Off[v]:g.Off[v+1]] {
				if order[u] < 0 {
					order[u] = next
					next++
					queue = append(queue, u)
				}
			}
		}
	}
	return order
}

// permute returns g with node v renumbered order[v]. Rows come out sorted
// because they are filled by visiting new ids in ascending order. The
// fill scatters each edge into its target's row, a cache miss apiece, so
// two goroutines share it: each visits every edge in the same order and
// writes the rows of its own half of the new ids, which get exactly what
// one pass would give them. Time and memory O(n + m).
func permute(g *Graph, order []int32) *Graph {
	n := g.N()
	inv := make([]int32, n)
	for v, o := range order {
		inv[o] = int32(v)
	}
	off := make([]int64, n+1)
	for v := range n {
		off[order[v]+1] = g.Off[v+1] - g.Off[v]
	}
	for i := range n {
		off[i+1] += off[i]
	}
	adj := make([]int32, len(g.Adj))
	w := make([]float32, len(g.W))
	fill := make([]int64, n)
	copy(fill, off[:n])
	mid, _ := slices.BinarySearch(off[:n], off[n]/2)
	var wg sync.WaitGroup
	for _, r := range [2][2]int32{{0, int32(mid)}, {int32(mid), int32(n)}} {
		wg.Go(func() {
			lo, hi := r[0], r[1]
			for u := range int32(n) {
				old := inv[u]
				for p := g.Off[old]; p < g.Off[old+1]; p++ {
					if t := order[g.Adj[p]]; lo <= t && t < hi {
						adj[fill[t]], w[fill[t]] = u, g.W[p]
						fill[t]++
					}
				}
			}
		})
	}
	wg.Wait()
	return &Graph{Off: off, Adj: adj, W: w}
}
