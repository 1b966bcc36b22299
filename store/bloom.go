package store

// bloomBits sizes the node filter: 2^29 bits (64 MiB) keep false
// positives under 1% up to about 50 million nodes with four probes.
const bloomBits = 29

// bloom is a Bloom filter over the 64-bit hashes of node keys. Once the
// node cache has overflowed, a cache miss no longer proves a node new;
// the filter answers "certainly new" for nearly all of them, so that only
// the rare false positive (and real existing nodes) pay a Badger read.
// Without it, every new one-off proxy address of a large ring cost a
// lookup through every memtable and level-0 table.
type bloom struct {
	words []uint64
	mask  uint64
}

func newBloom() *bloom {
	return &bloom{words: make([]uint64, 1<<(bloomBits-6)), mask: 1<<bloomBits - 1}
}

// probes derives four bit positions from h by double hashing.
func (b *bloom) probes(h uint64, fn func(bit uint64)) {
	h2 := (h>>33 | h<<31) * 0x9e3779b97f4a7c15
	for i := uint64(0); i < 4; i++ {
		fn((h + i*h2) & b.mask)
	}
}

func (b *bloom) add(h uint64) {
	b.probes(h, func(bit uint64) { b.words[bit>>6] |= 1 << (bit & 63) })
}

func (b *bloom) mayHave(h uint64) bool {
	all := true
	b.probes(h, func(bit uint64) {
		if b.words[bit>>6]&(1<<(bit&63)) == 0 {
			all = false
		}
	})
	return all
}
