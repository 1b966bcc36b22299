package graph

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestU32sAcrossChunks writes two and a half chunks, overwrites entries on
// both sides of each boundary, and reads everything back.
func TestU32sAcrossChunks(t *testing.T) {
	var l u32s
	n := int64(5 << (chunkBits - 1))
	for i := range n {
		l.append(uint32(i * 7))
	}
	require.Equal(t, n, l.n)
	require.Len(t, l.chunks, 3)
	for _, i := range []int64{1<<chunkBits - 1, 1 << chunkBits, 2<<chunkBits - 1, 2 << chunkBits} {
		l.set(i, uint32(i)+1)
	}
	for i := range n {
		want := uint32(i * 7)
		if i == 1<<chunkBits-1 || i == 1<<chunkBits || i == 2<<chunkBits-1 || i == 2<<chunkBits {
			want = uint32(i) + 1
		}
		if got := l.at(i); got != want {
			t.Fatalf("entry %d: got %d, want %d", i, got, want)
		}
	}
}
