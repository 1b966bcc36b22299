package linkage

import (
	"slices"
	"sync"

	"github.com/ringlink/ringlink/graph"
)

// keptPieces is how many pieces the passes over the kept attributes cut
// them into, each summed on its own goroutine. It is fixed rather than the
// number of CPUs so that every machine adds the same partial sums in the
// same order: floating-point sums, and so the clusters, are the same bytes
// everywhere.
const keptPieces = 2

// pieceBounds cuts the kept attributes into keptPieces ranges of about
// equal holder counts: piece i is [b[i], b[i+1]).
func (p *partition) pieceBounds() []int {
	n := p.numKept()
	return cutRuns(p.kOff[:n], p.kOff[n], keptPieces)
}

// cutRuns cuts [0, len(cum)) into pieces ranges of about equal weight,
// where cum[i] is the weight before index i (ascending) and total the
// whole: range i is [b[i], b[i+1]).
func cutRuns[T int32 | uint32 | int64](cum []T, total T, pieces int) []int {
	b := make([]int, pieces+1)
	for i := 1; i < pieces; i++ {
		b[i], _ = slices.BinarySearch(cum, T(int64(total)*int64(i)/int64(pieces)))
		b[i] = max(b[i], b[i-1])
	}
	b[pieces] = len(cum)
	return b
}

// eachRun runs fn on each range [b[i], b[i+1]) on its own goroutine and
// waits for them all.
func eachRun(b []int, fn func(piece, lo, hi int)) {
	var wg sync.WaitGroup
	for i := range len(b) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(i, b[i], b[i+1])
		}()
	}
	wg.Wait()
}

// overKept runs fn over the kept attributes cut into keptPieces ranges
// [lo, hi) of about equal holder counts (piece i is the i-th), each on its
// own goroutine with its own accumulator from newAcc, and returns the
// accumulators in range order for the caller to add up.
func overKept[A any](p *partition, newAcc func() A, fn func(piece, lo, hi int, acc A)) [keptPieces]A {
	var accs [keptPieces]A
	for i := range accs {
		accs[i] = newAcc()
	}
	eachRun(p.pieceBounds(), func(piece, lo, hi int) { fn(piece, lo, hi, accs[piece]) })
	return accs
}

// overNodes runs fn over the nodes of snap cut into keptPieces ranges
// [lo, hi) of about equal edge counts, each starting at a multiple of 64
// (so bitsets indexed by node share no word between ranges), each on its
// own goroutine; piece i is the i-th range.
func overNodes(snap *graph.Snapshot, fn func(piece, lo, hi int)) {
	n := snap.N()
	b := cutRuns(snap.Off[:n], snap.Off[n], keptPieces)
	for i := 1; i < keptPieces; i++ {
		b[i] = max(b[i]&^63, b[i-1])
	}
	eachRun(b, fn)
}

// attrSpan is a run of kept attributes: the indexes sub[lo:hi] when sub is
// set, else lo to hi-1.
type attrSpan struct {
	lo, hi int
	sub    []int32
}

func (s attrSpan) len() int { return s.hi - s.lo }

// at returns the i-th attribute of the span.
func (s attrSpan) at(i int) int {
	if s.sub != nil {
		return int(s.sub[s.lo+i])
	}
	return s.lo + i
}

// overAttrs is overKept over the kept attributes in sub (ascending), or
// over all of them when sub is nil. Piece i gets the attributes of
// overKept's piece i, so every accumulator entry is the same sum, in the
// same order, as over all attributes whenever sub holds every attribute
// that adds to it.
func overAttrs[A any](p *partition, sub []int32, newAcc func() A, fn func(piece int, s attrSpan, acc A)) [keptPieces]A {
	if sub == nil {
		return overKept(p, newAcc, func(piece, lo, hi int, acc A) { fn(piece, attrSpan{lo: lo, hi: hi}, acc) })
	}
	b := p.pieceBounds()
	sb := make([]int, keptPieces+1)
	for i := 1; i < keptPieces; i++ {
		sb[i], _ = slices.BinarySearch(sub, int32(b[i]))
	}
	sb[keptPieces] = len(sub)
	var accs [keptPieces]A
	for i := range accs {
		accs[i] = newAcc()
	}
	eachRun(sb, func(piece, lo, hi int) { fn(piece, attrSpan{lo: lo, hi: hi, sub: sub}, accs[piece]) })
	return accs
}

// addInto adds src to dst element by element.
func addInto[T float32 | float64](dst, src []T) {
	for i, x := range src {
		dst[i] += x
	}
}
