package templates

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncodedAcrossChunks: records keep their ids and bytes when they fill
// several chunks, including one larger than a chunk, and appending to one
// record cannot overwrite the next.
func TestEncodedAcrossChunks(t *testing.T) {
	var e Encoded
	var want []Template
	for i := range 40_000 {
		tp := Template{ID: uint32(i*7 + 1), Skeleton: strings.Repeat("w ", 20+i%50) + "<*>", Samples: []string{strings.Repeat("s", i%90)}, Count: uint64(i), seq: 3, undo: undo{kind: undoCreated}}
		if i == 20_000 {
			tp.Skeleton = strings.Repeat("x", encodedChunk+10)
		}
		want = append(want, tp)
		e.add(tp)
	}
	require.Greater(t, len(e.chunks), 2, "the records should span several chunks")
	require.Equal(t, len(want), e.Len())
	size := 0
	for i, tp := range want {
		id, rec := e.At(i)
		assert.Equal(t, tp.ID, id)
		b, err := tp.MarshalBinary()
		require.NoError(t, err)
		if !assert.Equal(t, b, rec, "record %d", i) {
			break
		}
		size += len(b)
	}
	assert.Equal(t, size, e.Size(), "the records' bytes, without the chunks' spare room")
	_, first := e.At(0)
	_, second := e.At(1)
	before := string(second)
	_ = append(first, 0xff)
	_, second = e.At(1)
	assert.Equal(t, before, string(second))
}
