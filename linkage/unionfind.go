package linkage

import (
	"fmt"
	"iter"
	"math"
)

// UnionFind is a disjoint-set forest over the int32 nodes [0, n), used to
// find connected components of graphs too large for recursive traversal.
//
// It uses union by size and path halving, so any sequence of m operations
// costs O(m α(n)) time, where α is the inverse Ackermann function (≤ 4 for
// any realistic n). Memory is 8 bytes per node. The zero value is an empty
// forest; use NewUnionFind. A UnionFind is not safe for concurrent use.
type UnionFind struct {
	parent []int32
	size   []int32 // only meaningful at roots
}

// NewUnionFind returns a forest of n singleton sets. O(n).
func NewUnionFind(n int) *UnionFind {
	if n < 0 || n > math.MaxInt32 {
		panic(fmt.Sprintf("linkage: NewUnionFind: size %d out of int32 range", n))
	}
	u := &UnionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// Len returns the number of nodes in the forest.
func (u *UnionFind) Len() int { return len(u.parent) }

// Find returns the representative of x's set. Which member is the
// representative depends on the order of unions; use Labels for stable
// component ids. Amortised O(α(n)).
func (u *UnionFind) Find(x int32) int32 {
	p := u.parent
	for p[x] != x {
		p[x] = p[p[x]] // path halving: point x at its grandparent
		x = p[x]
	}
	return x
}

// Union merges the sets containing a and b and reports whether they were
// different sets. Amortised O(α(n)).
func (u *UnionFind) Union(a, b int32) bool {
	ra, rb := u.Find(a), u.Find(b)
	if ra == rb {
		return false
	}
	if u.size[ra] < u.size[rb] || (u.size[ra] == u.size[rb] && rb < ra) {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	return true
}

// Same reports whether a and b are in the same set. Amortised O(α(n)).
func (u *UnionFind) Same(a, b int32) bool { return u.Find(a) == u.Find(b) }

// Labels returns a component label for every node and the number k of
// components. Labels are 0..k-1 numbered in order of each component's
// smallest node id, so node 0 is always in component 0 and the result
// depends only on the partition, never on the order of unions. O(n α(n)).
func (u *UnionFind) Labels() (labels []int32, k int) {
	n := len(u.parent)
	labels = make([]int32, n)
	// rootLabel[r] holds label+1 of root r, 0 while r is unseen.
	rootLabel := make([]int32, n)
	for i := range n {
		r := u.Find(int32(i))
		if rootLabel[r] == 0 {
			k++
			rootLabel[r] = int32(k)
		}
		labels[i] = rootLabel[r] - 1
	}
	return labels, k
}

// Components returns the connected components of the graph on nodes [0, n)
// whose edges are produced by pairs, as labels 0..k-1 numbered in order of
// each component's smallest node id, plus k. pairs may be a streamed edge
// source (for example a database scan); each pair is consumed once and never
// stored. Time O((n + m) α(n)), memory O(n).
func Components(n int, pairs iter.Seq2[int32, int32]) (labels []int32, k int) {
	u := NewUnionFind(n)
	for a, b := range pairs {
		u.Union(a, b)
	}
	return u.Labels()
}

// GraphComponents returns the connected components of g, labelled as by
// Components. Time O((n + m) α(n)), memory O(n).
func GraphComponents(g *Graph) (labels []int32, k int) {
	return Components(g.N(), g.EdgePairs)
}
