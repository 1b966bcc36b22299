package templates

// exactIndex is a fixed-size, set-associative table from the hash of a
// prompt's masked token sequence to the id it was first given. It is the
// compact memory that keeps ids stable for prompts whose template was
// evicted: 16 bytes per entry, allocated once, so the miner's footprint does
// not grow with the number of distinct prompts. When a set is full the
// entry with the smallest id (the oldest) is overwritten; a prompt whose
// entry was overwritten and whose template was evicted gets a new id.
type exactIndex struct {
	slots []exactSlot
	mask  uint64
}

type exactSlot struct {
	h  uint64
	id uint32
}

// exactWays is the set size: a short linear probe that stays in one or two
// cache lines.
const exactWays = 4

func newExactIndex(entries int) exactIndex {
	n := 1
	for n < entries {
		n <<= 1
	}
	if n < exactWays {
		n = exactWays
	}
	return exactIndex{slots: make([]exactSlot, n), mask: uint64(n - exactWays)}
}

func (x *exactIndex) base(h uint64) int {
	// Use the high bits for the set: the low bits of h feed seqHash's |1.
	return int((h >> 20) & x.mask &^ (exactWays - 1))
}

func (x *exactIndex) get(h uint64) uint32 {
	b := x.base(h)
	for i := b; i < b+exactWays; i++ {
		if x.slots[i].h == h {
			return x.slots[i].id
		}
	}
	return 0
}

func (x *exactIndex) put(h uint64, id uint32) {
	b := x.base(h)
	victim := b
	for i := b; i < b+exactWays; i++ {
		s := &x.slots[i]
		if s.h == h || s.h == 0 {
			*s = exactSlot{h: h, id: id}
			return
		}
		if s.id < x.slots[victim].id {
			victim = i
		}
	}
	x.slots[victim] = exactSlot{h: h, id: id}
}
