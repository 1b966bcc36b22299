package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"

	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
)

// defaultCacheEntries bounds the ingest-side node cache. At about 40 bytes
// an entry (table slot with its share of free slots, key bytes) 6M
// entries stay near 250 MB (a 128 MB table, about 120 MB of keys on the
// seed scenario) and the Bloom filter that replaces them 64 MB, which
// keeps ingest under its RSS budget whatever the input size.
const defaultCacheEntries = 6 << 20

// cacheEntriesForTest is the bound in use; tests lower it to exercise
// overflow.
var cacheEntriesForTest = defaultCacheEntries

// nodeCache maps (kind, value) to NodeID for ingest without a Badger read
// per attribute. It is an open-addressing hash table with linear probing
// over one flat slice of 16-byte slots, keyed by a 64-bit hash; each slot
// points into an arena holding the key with its length, and every hit is
// verified against it, so a hash collision costs a Badger read, never a
// wrong id. Ingest looks up five or six nodes per record, so this is the
// hottest loop of ingest: a lookup costs one cache miss for the slot
// (neighbouring probes share its cache line) and one for the key, where a
// Go map plus parallel slices cost four or five (15.9 s of 88 s on the
// 5.34M-record benchmark).
//
// complete is true while the cache holds every node of the dictionary;
// then a miss proves the node is new and needs no Badger read.
type nodeCache struct {
	table    []cacheSlot // len a power of two; id 0 marks a free slot
	n        int         // used slots
	arena    keyArena    // kind||value of every entry
	max      int
	maxSlots int // the table size that holds max entries; see put
	complete bool
	// filter holds every node once the cache is incomplete; nil before.
	filter *bloom
}

type cacheSlot struct {
	h   uint64
	off uint32 // the key's record in arena
	id  NodeID
}

// cacheMinSlots is the table's initial size. put grows it when more than
// three quarters of the slots are used: linear probing stays short (about
// 2.5 probes per hit) up to that load.
const cacheMinSlots = 1 << 10

func newNodeCache(max int) *nodeCache {
	slots := cacheMinSlots
	for slots*3 < max*4 {
		slots *= 2
	}
	return &nodeCache{table: make([]cacheSlot, cacheMinSlots), max: max, maxSlots: slots, complete: true}
}

// len is the number of cached nodes.
func (c *nodeCache) len() int { return c.n }

// keyEqual reports whether the arena record at off holds key.
func (c *nodeCache) keyEqual(off uint32, key []byte) bool {
	return bytes.Equal(c.arena.at(off), key)
}

// find returns the slot holding hash h, or the free slot that ends its
// probe sequence.
func (c *nodeCache) find(h uint64) *cacheSlot {
	mask := uint64(len(c.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if sl := &c.table[i]; sl.id == 0 || sl.h == h {
			return sl
		}
	}
}

// get returns the cached id of key (kind||value) and whether it was
// found; taken reports that another key with the same hash holds the slot
// (a collision: the key may still be in the dictionary).
func (c *nodeCache) get(h uint64, key []byte) (id NodeID, hit, taken bool) {
	sl := c.find(h)
	if sl.id == 0 {
		return 0, false, false
	}
	if !c.keyEqual(sl.off, key) {
		return 0, false, true
	}
	return sl.id, true, false
}

// put caches key -> id. The cache may grow past max within a batch;
// Batch.TrimCache brings it back at a point where that is safe.
func (c *nodeCache) put(h uint64, key []byte, id NodeID) {
	sl := c.find(h)
	if sl.id != 0 {
		return // a colliding hash: leave the first owner, the other value reads Badger
	}
	*sl = cacheSlot{h: h, off: c.arena.add(key), id: id}
	c.n++
	// The cache passes max within a batch before TrimCache drops it;
	// past maxSlots the table then fills up to 15/16 (longer probes, for
	// the rest of that batch) rather than doubling: at the default bound,
	// doubling took it from 128 to 256 MB for entries about to be dropped.
	if c.n*4 > len(c.table)*3 && (len(c.table) < c.maxSlots || c.n*16 > len(c.table)*15) {
		c.grow()
	}
}

// grow doubles the table and reinserts every slot by its stored hash.
func (c *nodeCache) grow() {
	old := c.table
	c.table = make([]cacheSlot, 2*len(old))
	mask := uint64(len(c.table) - 1)
	for _, sl := range old {
		if sl.id == 0 {
			continue
		}
		i := sl.h & mask
		for c.table[i].id != 0 {
			i = (i + 1) & mask
		}
		c.table[i] = sl
	}
}

// each calls fn with the key of every cached node.
func (c *nodeCache) each(fn func(key []byte)) { c.arena.each(fn) }

// drop empties the cache, keeping its table for reuse. Before the first
// drop every cached key goes into the filter, which from then on stands
// for the whole dictionary.
func (c *nodeCache) drop() {
	c.startFilter()
	clear(c.table)
	c.n = 0
	c.arena.reset()
	c.complete = false
}

// startFilter creates the filter from the cached keys, once.
func (c *nodeCache) startFilter() {
	if c.filter != nil {
		return
	}
	c.filter = newBloom()
	c.each(func(key []byte) { c.filter.add(xxhash.Sum64(key)) })
}

// keyArena stores keys, each after its uvarint length, in fixed-size
// chunks: one growing slice would, at the cache's bound (about 120 MB of
// keys on the seed scenario), hold up to twice that in capacity and copy
// it all on every doubling. Offsets are chunk<<arenaChunkBits | position.
// reset keeps the chunks for reuse.
type keyArena struct {
	chunks [][]byte
	cur    int // chunk being filled
}

const arenaChunkBits = 22 // 4 MiB chunks, up to 1024 of them

func (a *keyArena) add(key []byte) uint32 {
	need := binary.MaxVarintLen64 + len(key)
	if len(a.chunks) == 0 {
		a.chunks = append(a.chunks, nil)
	}
	ch := a.chunks[a.cur]
	if len(ch) > 0 && (len(ch)+need > cap(ch) || len(ch) >= 1<<arenaChunkBits) {
		a.cur++
		if a.cur == len(a.chunks) {
			a.chunks = append(a.chunks, nil)
		}
		ch = a.chunks[a.cur][:0]
	}
	if cap(ch) < need {
		ch = make([]byte, 0, max(1<<arenaChunkBits, need))
	}
	off := uint32(a.cur)<<arenaChunkBits | uint32(len(ch))
	ch = binary.AppendUvarint(ch, uint64(len(key)))
	a.chunks[a.cur] = append(ch, key...)
	return off
}

// at returns the key stored at off.
func (a *keyArena) at(off uint32) []byte {
	ch := a.chunks[off>>arenaChunkBits][off&(1<<arenaChunkBits-1):]
	l, n := binary.Uvarint(ch)
	return ch[n : n+int(l)]
}

// each calls fn with every key in insertion order.
func (a *keyArena) each(fn func(key []byte)) {
	for i := 0; i < len(a.chunks) && i <= a.cur; i++ {
		ch := a.chunks[i]
		for off := 0; off < len(ch); {
			l, n := binary.Uvarint(ch[off:])
			fn(ch[off+n : off+n+int(l)])
			off += n + int(l)
		}
	}
}

func (a *keyArena) reset() {
	a.cur = 0
	if len(a.chunks) > 0 {
		a.chunks[0] = a.chunks[0][:0]
	}
}

// readNextID derives the next free id from the last node block: blocks
// are written in atomic transactions together with the nodes' dictionary
// entries, so the last block always ends at the last complete node.
func (s *Store) readNextID() error {
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Reverse = true
		it := txn.NewIterator(opt)
		defer it.Close()
		it.Seek([]byte{pNode, 0xff, 0xff, 0xff, 0xff})
		s.nextID = 1
		if !it.ValidForPrefix([]byte{pNode}) {
			return nil
		}
		return it.Item().Value(func(v []byte) error {
			return walkNodeBlock(v, func(id NodeID, _ Kind, _ []byte) error {
				s.nextID = id + 1
				return nil
			})
		})
	})
}

// readShown reads the bound of the nodes readers see; without one (a
// database written before it was kept) every node is shown.
func (s *Store) readShown() error {
	shown, err := s.getUint32(shownKey)
	switch {
	case errors.Is(err, ErrNotFound):
		shown = uint32(s.nextID)
	case err != nil:
		return fmt.Errorf("shown nodes of %s: %w", s.dir, err)
	}
	s.shown.Store(min(shown, uint32(s.nextID)))
	return nil
}

// getUint32 reads the 4-byte big-endian value under key: ErrNotFound
// without one, ErrCorrupt when it is not 4 bytes.
func (s *Store) getUint32(key []byte) (uint32, error) {
	var x uint32
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if len(v) != 4 {
				return ErrCorrupt
			}
			x = be32(v)
			return nil
		})
	})
	return x, err
}

// visible reports whether readers see node id: it belongs to a committed
// batch.
func (s *Store) visible(id NodeID) bool { return uint32(id) < s.shown.Load() }

// loadNodes fills the ingest cache from the dictionary, up to half its
// bound, and when the dictionary is larger puts every key into the filter.
// Only writers pay for it, on their first batch. Cost: one pass over the
// dictionary keys.
func (s *Store) loadNodes() error {
	s.nodes = newNodeCache(cacheEntriesForTest)
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pDict}
		it := txn.NewIterator(opt)
		defer it.Close()
		p := s.pacer()
		for it.Rewind(); it.Valid(); it.Next() {
			p.step()
			if s.nodes.len() >= s.nodes.max/2 {
				s.nodes.startFilter()
				s.nodes.complete = false
				for ; it.Valid(); it.Next() {
					p.step()
					s.nodes.filter.add(xxhash.Sum64(it.Item().Key()[1:]))
				}
				break
			}
			item := it.Item()
			key := item.Key()[1:]
			v, err := item.ValueCopy(nil)
			if err != nil || len(v) != 4 {
				return fmt.Errorf("node dictionary: %w", ErrCorrupt)
			}
			s.nodes.put(xxhash.Sum64(key), key, NodeID(be32(v)))
		}
		return nil
	})
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// Lookup returns the id of an existing node.
func (s *Store) Lookup(k Kind, value string) (NodeID, error) {
	id, err := s.getUint32(dictKey(nil, k, []byte(value)))
	switch {
	case errors.Is(err, ErrNotFound) || err == nil && !s.visible(NodeID(id)):
		return 0, fmt.Errorf("%s %q: %w", k, value, ErrNotFound)
	case err != nil:
		return 0, fmt.Errorf("node %s %q: %w", k, value, err)
	}
	return NodeID(id), nil
}

// Node returns the kind and value of a node id.
func (s *Store) Node(id NodeID) (Kind, string, error) {
	if !s.visible(id) {
		return 0, "", fmt.Errorf("node %d: %w", id, ErrNotFound)
	}
	var k Kind
	var val string
	found := false
	err := s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(nodeBlockKey(uint32(id) >> nodeBlockBits))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			return walkNodeBlock(v, func(x NodeID, kind Kind, value []byte) error {
				if x == id {
					k, val, found = kind, string(value), true
				}
				return nil
			})
		})
	})
	if err == nil && !found {
		err = fmt.Errorf("node %d: %w", id, ErrNotFound)
	}
	return k, val, err
}

// ScanNodes calls fn for every node in id order. value is only valid
// during the call.
func (s *Store) ScanNodes(fn func(id NodeID, k Kind, value []byte) error) error {
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pNode}
		opt.PrefetchSize = 256
		it := txn.NewIterator(opt)
		defer it.Close()
		p := s.pacer()
		for it.Rewind(); it.Valid(); it.Next() {
			p.step()
			item := it.Item()
			if _, err := decodeNodeBlockKey(item.Key()); err != nil {
				return err
			}
			shown := NodeID(s.shown.Load())
			err := item.Value(func(v []byte) error {
				return walkNodeBlock(v, func(id NodeID, k Kind, value []byte) error {
					if id >= shown {
						return nil
					}
					return fn(id, k, value)
				})
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// MaxNodeID is the highest node id readers see (0 in an empty database).
func (s *Store) MaxNodeID() NodeID { return NodeID(s.shown.Load()) - 1 }

// Network returns the /24 (IPv4) or /48 (IPv6) network holding ip: the
// unit a residential proxy pool or an office is usually allocated in, and
// the value of the ip-prefix node an address is filed under.
func Network(ip netip.Addr) netip.Prefix {
	bits := 48
	if ip.Is4() {
		bits = 24
	}
	p, _ := ip.Prefix(bits)
	return p
}
