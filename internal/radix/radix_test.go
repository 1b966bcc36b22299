package radix

import (
	"cmp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

type rec struct {
	key uint64
	pos int
}

func TestSortMatchesStableSort(t *testing.T) {
	tests := []struct {
		name string
		n    int
		key  func(seed uint64) uint64
	}{
		{"empty", 0, func(uint64) uint64 { return 0 }},
		{"one", 1, func(s uint64) uint64 { return s }},
		{"all equal", 50, func(uint64) uint64 { return 7 }},
		// Few distinct keys, so stability shows through pos.
		{"few keys in both halves", 5000, func(s uint64) uint64 { return (s>>40)%97<<32 | (s>>20)%5 }},
		{"full 64 bits", 3000, func(s uint64) uint64 { return s }},
		{"one high byte", 1000, func(s uint64) uint64 { return (s >> 56) << 56 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xs := make([]rec, tt.n)
			seed := uint64(tt.n + 1)
			for i := range xs {
				seed = seed*6364136223846793005 + 1442695040888963407
				xs[i] = rec{key: tt.key(seed), pos: i}
			}
			want := slices.Clone(xs)
			slices.SortStableFunc(want, func(a, b rec) int { return cmp.Compare(a.key, b.key) })
			Sort(xs, func(r rec) uint64 { return r.key })
			assert.Equal(t, want, xs)
		})
	}
}
