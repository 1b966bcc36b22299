// Package radix sorts slices by an integer key in linear time. The store
// orders a batch's edges by node id with it, and the linkage passes order
// their pulls and per-label records, where comparison sorts of millions
// of small records took seconds.
package radix

// Sort sorts xs by key with a stable least-significant-byte radix sort,
// skipping byte positions where every key agrees (ids rarely use all 32
// bits). Being stable, it gives exactly the order a stable comparison sort
// by key gives. Cost: O(n) per significant byte, one scratch copy of xs.
func Sort[T any](xs []T, key func(T) uint64) {
	if len(xs) < 2 {
		return
	}
	var diff uint64
	first := key(xs[0])
	for _, x := range xs {
		diff |= key(x) ^ first
	}
	if diff == 0 {
		return
	}
	buf := make([]T, len(xs))
	src, dst := xs, buf
	for shift := uint(0); shift < 64; shift += 8 {
		if (diff>>shift)&0xff == 0 {
			continue
		}
		var count [257]int
		for _, x := range src {
			count[(key(x)>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, x := range src {
			d := (key(x) >> shift) & 0xff
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &xs[0] {
		copy(xs, src)
	}
}
