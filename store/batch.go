package store

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
)

// Batch aggregates the records of one ingest batch in memory, so that an
// attribute used a thousand times by one account in a batch costs one
// write, not a thousand. A Batch is reused across batches with Reset.
type Batch struct {
	s        *Store
	edges    map[uint64]int32 // acct<<32|attr -> index in edgeVals
	edgeVals []batchEdge
	accts    map[NodeID]int32
	acctVals []batchAcct
	newNodes []pendingNode
	arena    []byte // kind||value of newNodes
	keyBuf   []byte
	tmpls    []tmplRecord
}

type tmplRecord struct {
	id   uint32
	data []byte
}

// PutTemplate adds a template's state (encoded by package templates) to
// the batch. It is written with the batch's data, before the checkpoint.
func (b *Batch) PutTemplate(id uint32, data []byte) {
	b.tmpls = append(b.tmpls, tmplRecord{id, data})
}

// TrimCache bounds the node cache's memory: when it holds more than its
// limit it is emptied, keeping only the nodes this batch created. Call it
// only when no other batch is being committed, right before committing
// this one: nodes not yet in Badger must stay findable in the cache, or a
// lookup would miss them and create a duplicate.
func (b *Batch) TrimCache() {
	c := b.s.nodes
	if len(c.ids) <= c.max {
		return
	}
	c.drop()
	for _, n := range b.newNodes {
		k := b.arena[n.from:n.to]
		c.put(xxhash.Sum64(k), k, n.id)
	}
}

type batchEdge struct {
	acct, attr NodeID
	st         EdgeStats
}

type batchAcct struct {
	acct NodeID
	st   AccountStats
}

type pendingNode struct {
	id       NodeID
	from, to uint32 // kind||value in Batch.arena
}

// NewBatch starts an ingest batch. The first batch of a process loads the
// node dictionary into memory.
func (s *Store) NewBatch() (*Batch, error) {
	if s.nodes == nil {
		if err := s.loadNodes(); err != nil {
			return nil, err
		}
	}
	return &Batch{s: s, edges: make(map[uint64]int32), accts: make(map[NodeID]int32)}, nil
}

// Reset empties the batch for reuse.
func (b *Batch) Reset() {
	clear(b.edges)
	clear(b.accts)
	b.edgeVals, b.acctVals, b.newNodes, b.arena, b.tmpls = b.edgeVals[:0], b.acctVals[:0], b.newNodes[:0], b.arena[:0], b.tmpls[:0]
}

// Len is the number of distinct edges and accounts in the batch.
func (b *Batch) Len() int { return len(b.edgeVals) + len(b.acctVals) }

// Node interns (k, value) and returns its id, allocating a new id for a
// node never seen before. value is not retained.
func (b *Batch) Node(k Kind, value []byte) (NodeID, error) {
	key := append(append(b.keyBuf[:0], byte(k)), value...)
	b.keyBuf = key
	h := xxhash.Sum64(key)
	c := b.s.nodes
	if id, ok := c.get(h, key); ok {
		return id, nil
	}
	if !c.complete || c.has(h) {
		id, err := b.s.lookupKey(key)
		if err == nil {
			c.put(h, key, id)
			return id, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return 0, err
		}
	}
	id := b.s.nextID
	if id == 0 {
		return 0, fmt.Errorf("node %s: %w: node id space exhausted", k, ErrCorrupt)
	}
	b.s.nextID++
	from := uint32(len(b.arena))
	b.arena = append(b.arena, key...)
	b.newNodes = append(b.newNodes, pendingNode{id: id, from: from, to: uint32(len(b.arena))})
	c.put(h, key, id)
	return id, nil
}

// Edge records one use of attr by acct at ts (unix ms) with tokens.
func (b *Batch) Edge(acct, attr NodeID, ts int64, tokens uint64) {
	k := uint64(acct)<<32 | uint64(attr)
	i, ok := b.edges[k]
	if !ok {
		i = int32(len(b.edgeVals))
		b.edges[k] = i
		b.edgeVals = append(b.edgeVals, batchEdge{acct: acct, attr: attr})
	}
	b.edgeVals[i].st.Merge(EdgeStats{Count: 1, Tokens: tokens, First: ts, Last: ts})
}

// Account records one record of acct.
func (b *Batch) Account(acct NodeID, ts int64, tokens uint64, signup bool) {
	i, ok := b.accts[acct]
	if !ok {
		i = int32(len(b.acctVals))
		b.accts[acct] = i
		b.acctVals = append(b.acctVals, batchAcct{acct: acct})
	}
	d := AccountStats{Requests: 1, Tokens: tokens, First: ts, Last: ts}
	if signup {
		d = AccountStats{Signups: 1, Tokens: tokens, First: ts, Last: ts, Signup: ts}
	}
	b.acctVals[i].st.Merge(d)
}

func (c *nodeCache) has(h uint64) bool { _, ok := c.slots[h]; return ok }

func (s *Store) lookupKey(key []byte) (NodeID, error) {
	var id NodeID
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(append([]byte{pDict}, key...))
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
			id = NodeID(be32(v))
			return nil
		})
	})
	return id, err
}

// Commit writes the batch as batch number batch of src and then src's
// checkpoint, in the order that makes a replay after a crash exact (see
// the package doc). src must already hold the progress after this batch.
// Cost: O(E log E) for E distinct edges in the batch, and one Badger key
// per account and per attribute touched (per maxPart entries).
func (b *Batch) Commit(src *Source, batch uint32) error {
	s := b.s
	if err := s.writeNodes(b); err != nil {
		return fmt.Errorf("write nodes: %w", err)
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	edges := b.edgeVals
	slices.SortFunc(edges, func(x, y batchEdge) int {
		if c := cmp.Compare(x.acct, y.acct); c != 0 {
			return c
		}
		return cmp.Compare(x.attr, y.attr)
	})
	accts := b.acctVals
	slices.SortFunc(accts, func(x, y batchAcct) int { return cmp.Compare(x.acct, y.acct) })
	var uses []Use
	var val []byte
	put := func(prefix byte, node NodeID, part uint16, v []byte) error {
		return wb.Set(adjKey(nil, prefix, node, src.ID, batch, part), slices.Clone(v))
	}
	// Every account of the batch has a record, even one with no attribute.
	i := 0
	for _, a := range accts {
		uses = uses[:0]
		for ; i < len(edges) && edges[i].acct < a.acct; i++ {
		}
		for ; i < len(edges) && edges[i].acct == a.acct; i++ {
			uses = append(uses, Use{Attr: edges[i].attr, EdgeStats: edges[i].st})
		}
		for part := 0; part == 0 || part*maxPart < len(uses); part++ {
			st := AccountStats{}
			if part == 0 {
				st = a.st
			}
			val = encodeAccount(val[:0], st, uses[part*maxPart:min(len(uses), (part+1)*maxPart)])
			if err := put(pAcctAdj, a.acct, uint16(part), val); err != nil {
				return fmt.Errorf("write accounts: %w", err)
			}
		}
		s.touched(a.acct)
	}
	slices.SortFunc(edges, func(x, y batchEdge) int {
		if c := cmp.Compare(x.attr, y.attr); c != 0 {
			return c
		}
		return cmp.Compare(x.acct, y.acct)
	})
	var ids []NodeID
	for i := 0; i < len(edges); {
		attr := edges[i].attr
		ids = ids[:0]
		for ; i < len(edges) && edges[i].attr == attr; i++ {
			ids = append(ids, edges[i].acct)
		}
		for part := 0; part*maxPart < len(ids); part++ {
			val = encodeAccounts(val[:0], ids[part*maxPart:min(len(ids), (part+1)*maxPart)])
			if err := put(pAttrAdj, attr, uint16(part), val); err != nil {
				return fmt.Errorf("write attributes: %w", err)
			}
		}
		s.touched(attr)
	}
	for _, t := range b.tmpls {
		if err := wb.Set(templateKey(t.id), t.data); err != nil {
			return fmt.Errorf("write templates: %w", err)
		}
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	return s.putSource(src)
}

// writeNodes commits new dictionary entries in as few transactions as fit;
// each is atomic, so the highest node key present is always complete.
func (s *Store) writeNodes(b *Batch) error {
	txn := s.db.NewTransaction(true)
	defer func() { txn.Discard() }()
	for _, n := range b.newNodes {
		key := b.arena[n.from:n.to]
		for _, e := range []*badger.Entry{
			badger.NewEntry(append([]byte{pDict}, key...), be32bytes(uint32(n.id))),
			badger.NewEntry(nodeKey(n.id), slices.Clone(key)),
		} {
			err := txn.SetEntry(e)
			if errors.Is(err, badger.ErrTxnTooBig) {
				if err = txn.Commit(); err != nil {
					return err
				}
				txn = s.db.NewTransaction(true)
				err = txn.SetEntry(e)
			}
			if err != nil {
				return err
			}
		}
	}
	return txn.Commit()
}

func be32bytes(v uint32) []byte { return []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)} }

// touched counts (saturating) the deltas written for node by this
// process since the last Fold; nodes with two or more need folding.
func (s *Store) touched(node NodeID) {
	if int(node) >= len(s.deltas) {
		s.deltas = slices.Grow(s.deltas, int(node)+1-len(s.deltas))[:int(node)+1]
	}
	if s.deltas[node] < 255 {
		s.deltas[node]++
	}
}

// Source is the checkpoint of one ingested input: which content it is,
// how far ingest got, and what it found.
type Source struct {
	ID       uint32 `json:"id"`
	Hash     uint64 `json:"hash"` // xxhash64 of the raw (possibly gzipped) bytes
	Path     string `json:"path"`
	Size     int64  `json:"size"`
	Lines    int64  `json:"lines"`   // input lines consumed by committed batches
	Offset   int64  `json:"offset"`  // bytes of the decoded stream consumed by committed batches
	Batches  uint32 `json:"batches"` // committed batches
	Records  int64  `json:"records"` // accepted records
	Rejected int64  `json:"rejected"`
	Done     bool   `json:"done"`
	Started  int64  `json:"started"` // unix ms
	Finished int64  `json:"finished,omitempty"`
}

// Source returns the checkpoint for content hash h, if any.
func (s *Store) Source(h uint64) (Source, bool, error) {
	var src Source
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(sourceKey(h))
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &src) })
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, fmt.Errorf("read checkpoint: %w", err)
	}
	return src, true, nil
}

// NewSource registers a new input and gives it the next source id.
func (s *Store) NewSource(src Source) (Source, error) {
	err := s.db.Update(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Reverse, opt.PrefetchValues = true, false
		it := txn.NewIterator(opt)
		it.Seek([]byte{pSourceID, 0xff, 0xff, 0xff, 0xff})
		src.ID = 1
		if it.ValidForPrefix([]byte{pSourceID}) {
			src.ID = be32(it.Item().Key()[1:]) + 1
		}
		it.Close()
		v, err := json.Marshal(src)
		if err != nil {
			return err
		}
		if err := txn.Set(sourceIDKey(src.ID), sourceKey(src.Hash)[1:]); err != nil {
			return err
		}
		return txn.Set(sourceKey(src.Hash), v)
	})
	if err != nil {
		return src, fmt.Errorf("register source %s: %w", src.Path, err)
	}
	return src, nil
}

func (s *Store) putSource(src *Source) error {
	v, err := json.Marshal(src)
	if err != nil {
		return err
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(sourceKey(src.Hash), v) }); err != nil {
		return fmt.Errorf("write checkpoint of %s: %w", src.Path, err)
	}
	return nil
}

// FinishSource marks src complete.
func (s *Store) FinishSource(src *Source) error {
	src.Done = true
	return s.putSource(src)
}

// Sources lists every registered input in id order.
func (s *Store) Sources() ([]Source, error) {
	var out []Source
	err := s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pSource}
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var src Source
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &src) }); err != nil {
				return fmt.Errorf("checkpoint: %w", err)
			}
			out = append(out, src)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Source) int { return int(a.ID) - int(b.ID) })
	return out, err
}
