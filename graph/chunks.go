package graph

// chunkBits sets the length of a chunk of u32s: 1 Mi entries, 4 MiB.
const chunkBits = 20

// u32s is a list of uint32 grown in fixed-size chunks. Load reads tens of
// millions of edges before it knows how many there are; a slice grown by
// append copies each entry several times over (Go grows large slices by
// a quarter at a time) and holds the old and new arrays at once: that
// was about 1.7 s of the 5 s read of the seed scenario's edges. Chunks
// are written once and never move.
type u32s struct {
	chunks [][]uint32
	n      int64
}

func (l *u32s) append(x uint32) {
	i := l.n & (1<<chunkBits - 1)
	if i == 0 {
		l.chunks = append(l.chunks, make([]uint32, 1<<chunkBits))
	}
	l.chunks[l.n>>chunkBits][i] = x
	l.n++
}

// at returns entry i < n.
func (l *u32s) at(i int64) uint32 { return l.chunks[i>>chunkBits][i&(1<<chunkBits-1)] }

// set overwrites entry i < n.
func (l *u32s) set(i int64, x uint32) { l.chunks[i>>chunkBits][i&(1<<chunkBits-1)] = x }
