package linkage

import (
	"slices"
	"sync"
)

// keptPieces is how many pieces the passes over the kept attributes cut
// them into, each summed on its own goroutine. It is fixed rather than the
// number of CPUs so that every machine adds the same partial sums in the
// same order: floating-point sums, and so the clusters, are the same bytes
// everywhere.
const keptPieces = 2

// overKept runs fn over the kept attributes cut into keptPieces ranges
// [lo, hi) of about equal holder counts (piece i is the i-th), each on its
// own goroutine with its own accumulator from newAcc, and returns the
// accumulators in range order for the caller to add up.
func overKept[A any](p *partition, newAcc func() A, fn func(piece, lo, hi int, acc A)) [keptPieces]A {
	var accs [keptPieces]A
	var wg sync.WaitGroup
	n := p.numKept()
	lo := 0
	for i := range keptPieces {
		hi := n
		if i < keptPieces-1 {
			// The first attribute whose holders start past this piece's
			// share of all holder entries.
			hi, _ = slices.BinarySearch(p.kOff[:n], p.kOff[n]*int64(i+1)/keptPieces)
			hi = max(hi, lo)
		}
		accs[i] = newAcc()
		wg.Add(1)
		go func(piece, lo, hi int, acc A) {
			defer wg.Done()
			fn(piece, lo, hi, acc)
		}(i, lo, hi, accs[i])
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
