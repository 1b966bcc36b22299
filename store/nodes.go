package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
)

// defaultCacheEntries bounds the ingest-side node cache. At about 45 bytes
// an entry (map slot, offsets, id, value bytes) 6M entries stay near 300 MB,
// which keeps ingest under its RSS budget whatever the input size.
const defaultCacheEntries = 6 << 20

// cacheEntriesForTest is the bound in use; tests lower it to exercise
// overflow.
var cacheEntriesForTest = defaultCacheEntries

// nodeCache maps (kind, value) to NodeID for ingest without a Badger read
// per attribute. Values live in one arena so that a cached entry costs a
// few words instead of a string header and an allocation. The map is keyed
// by a 64-bit hash and every hit is verified against the arena, so a hash
// collision costs a Badger read, never a wrong id.
//
// complete is true while the cache holds every node of the dictionary;
// then a miss proves the node is new and needs no Badger read.
type nodeCache struct {
	slots    map[uint64]uint32 // hash -> slot
	ids      []NodeID          // slot -> id
	ends     []uint32          // slot -> end of its key in arena
	arena    []byte            // kind||value of every slot, concatenated
	max      int
	complete bool
	// filter holds every node once the cache is incomplete; nil before.
	filter *bloom
}

func newNodeCache(max int) *nodeCache {
	return &nodeCache{slots: make(map[uint64]uint32), max: max, complete: true}
}

func (c *nodeCache) key(slot uint32) []byte {
	start := uint32(0)
	if slot > 0 {
		start = c.ends[slot-1]
	}
	return c.arena[start:c.ends[slot]]
}

// get returns the cached id of key (kind||value) and whether it was found.
func (c *nodeCache) get(h uint64, key []byte) (NodeID, bool) {
	slot, ok := c.slots[h]
	if !ok || !bytes.Equal(c.key(slot), key) {
		return 0, false
	}
	return c.ids[slot], true
}

// put caches key -> id. The cache may grow past max within a batch;
// Batch.TrimCache brings it back at a point where that is safe.
func (c *nodeCache) put(h uint64, key []byte, id NodeID) {
	if _, taken := c.slots[h]; taken {
		return // a colliding hash: leave the first owner, the other value reads Badger
	}
	c.arena = append(c.arena, key...)
	c.ends = append(c.ends, uint32(len(c.arena)))
	c.ids = append(c.ids, id)
	c.slots[h] = uint32(len(c.ids) - 1)
}

// drop empties the cache. Before the first drop every cached key goes
// into the filter, which from then on stands for the whole dictionary.
func (c *nodeCache) drop() {
	c.startFilter()
	c.slots = make(map[uint64]uint32)
	c.ids, c.ends, c.arena = c.ids[:0], c.ends[:0], c.arena[:0]
	c.complete = false
}

// startFilter creates the filter from the cached keys, once.
func (c *nodeCache) startFilter() {
	if c.filter != nil {
		return
	}
	c.filter = newBloom()
	for slot := range c.ids {
		c.filter.add(xxhash.Sum64(c.key(uint32(slot))))
	}
}

// readNextID derives the next free id from the last node block: blocks
// are written in atomic transactions together with the nodes' dictionary
// entries, so the last block always ends at the last complete node.
func (s *Store) readNextID() error {
	return s.db.View(func(txn *badger.Txn) error {
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

// loadNodes fills the ingest cache from the dictionary, up to half its
// bound, and when the dictionary is larger puts every key into the filter.
// Only writers pay for it, on their first batch. Cost: one pass over the
// dictionary keys.
func (s *Store) loadNodes() error {
	s.nodes = newNodeCache(cacheEntriesForTest)
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pDict}
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if len(s.nodes.ids) >= s.nodes.max/2 {
				s.nodes.startFilter()
				s.nodes.complete = false
				for ; it.Valid(); it.Next() {
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
	var id NodeID
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(dictKey(nil, k, []byte(value)))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("%s %q: %w", k, value, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if len(v) != 4 {
				return fmt.Errorf("node %s %q: %w", k, value, ErrCorrupt)
			}
			id = NodeID(be32(v))
			return nil
		})
	})
	return id, err
}

// Node returns the kind and value of a node id.
func (s *Store) Node(id NodeID) (Kind, string, error) {
	var k Kind
	var val string
	found := false
	err := s.db.View(func(txn *badger.Txn) error {
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
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pNode}
		opt.PrefetchSize = 256
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if _, err := decodeNodeBlockKey(item.Key()); err != nil {
				return err
			}
			if err := item.Value(func(v []byte) error { return walkNodeBlock(v, fn) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// MaxNodeID is the highest node id in use (0 in an empty database).
func (s *Store) MaxNodeID() NodeID { return s.nextID - 1 }
