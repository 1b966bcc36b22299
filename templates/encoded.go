package templates

// encodedChunk is the size of the buffers Encoded writes records into.
// Fixed chunks, not one buffer grown by append: a checkpoint of a batch of
// new prompts is hundreds of megabytes, and growing it would hold the old
// and the new copy at once and leave up to half of the last one unused.
const encodedChunk = 4 << 20

// Encoded is a checkpoint's changed templates in their persisted encoding
// (Template.MarshalBinary), in no particular order.
type Encoded struct {
	ids    []uint32
	recs   [][]byte // each a full slice of a chunk: appending to one copies it
	chunks [][]byte
	size   int
}

// Len is the number of templates.
func (e *Encoded) Len() int { return len(e.ids) }

// Size is the number of bytes the encodings take.
func (e *Encoded) Size() int { return e.size }

// At returns the id and the encoding of the i-th template. The encoding is
// the Encoded's own and stays valid until it is garbage.
func (e *Encoded) At(i int) (uint32, []byte) { return e.ids[i], e.recs[i] }

func (e *Encoded) add(t Template) {
	need := t.EncodedSizeBound()
	var cur []byte
	if n := len(e.chunks); n > 0 {
		cur = e.chunks[n-1]
	}
	if cap(cur)-len(cur) < need {
		cur = make([]byte, 0, max(encodedChunk, need))
		e.chunks = append(e.chunks, cur)
	}
	start := len(cur)
	cur = t.AppendBinary(cur)
	e.chunks[len(e.chunks)-1] = cur
	e.size += len(cur) - start
	e.ids = append(e.ids, t.ID)
	e.recs = append(e.recs, cur[start:len(cur):len(cur)])
}
