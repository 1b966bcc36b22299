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
func (p *partition) pieceBounds() [keptPieces + 1]int {
	var b [keptPieces + 1]int
	n := p.numKept()
	for i := 1; i < keptPieces; i++ {
		// The first attribute whose holders start past this piece's
		// share of all holder entries.
		b[i], _ = slices.BinarySearch(p.kOff[:n], p.kOff[n]*int64(i)/keptPieces)
		b[i] = max(b[i], b[i-1])
	}
	b[keptPieces] = n
	return b
}

// overKept runs fn over the kept attributes cut into keptPieces ranges
// [lo, hi) of about equal holder counts (piece i is the i-th), each on its
// own goroutine with its own accumulator from newAcc, and returns the
// accumulators in range order for the caller to add up.
func overKept[A any](p *partition, newAcc func() A, fn func(piece, lo, hi int, acc A)) [keptPieces]A {
	b := p.pieceBounds()
	var accs [keptPieces]A
	var wg sync.WaitGroup
	for i := range keptPieces {
		accs[i] = newAcc()
		wg.Add(1)
		go func(piece int, acc A) {
			defer wg.Done()
			fn(piece, b[piece], b[piece+1], acc)
		}(i, accs[i])
	}
	wg.Wait()
	return accs
}

// overNodes runs fn over the nodes of snap cut into keptPieces ranges
// [lo, hi) of about equal edge counts, each starting at a multiple of 64
// (so bitsets indexed by node share no word between ranges), each on its
// own goroutine; piece i is the i-th range.
func overNodes(snap *graph.Snapshot, fn func(piece, lo, hi int)) {
	n := snap.N()
	var b [keptPieces + 1]int
	for i := 1; i < keptPieces; i++ {
		b[i], _ = slices.BinarySearch(snap.Off[:n], snap.Off[n]*int64(i)/keptPieces)
		b[i] = min(max(b[i]&^63, b[i-1]), n)
	}
	b[keptPieces] = n
	var wg sync.WaitGroup
	for i := range keptPieces {
		wg.Add(1)
		go func(piece int) {
			defer wg.Done()
			fn(piece, b[piece], b[piece+1])
		}(i)
	}
	wg.Wait()
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
	var accs [keptPieces]A
	var wg sync.WaitGroup
	lo := 0
	for i := range keptPieces {
		hi, _ := slices.BinarySearch(sub, int32(b[i+1]))
		if i == keptPieces-1 {
			hi = len(sub)
		}
		accs[i] = newAcc()
		wg.Add(1)
		go func(piece int, s attrSpan, acc A) {
			defer wg.Done()
			fn(piece, s, acc)
		}(i, attrSpan{lo: lo, hi: hi, sub: sub}, accs[i])
		lo = hi
	}
	wg.Wait()
	return accs
}

// addInto adds src to dst element by element.
func addInto[T float32 | float64](dst, src []T) {
	for i, x := range src {
		dst[i] += x
	}
}
