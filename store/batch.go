package store

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"

	"github.com/ringlink/ringlink/internal/radix"
)

// Batch aggregates the records of one ingest batch in memory, so that an
// attribute used a thousand times by one account in a batch costs one
// write, not a thousand. A Batch is reused across batches with Reset.
type Batch struct {
	s *Store
	// Uses are appended as they come and aggregated at Commit by a radix
	// sort: far cheaper than a hash map of millions of edges, whose every
	// update is a cache miss.
	edgeUses []edgeUse
	acctUses []acctUse
	edgeVals []batchEdge
	acctVals []batchAcct
	newNodes []pendingNode
	arena    []byte // kind||value of newNodes
	keyBuf   []byte
	tmpls    []tmplRecord
	miner    []byte // the template miner's state, see PutMinerState
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

// PutMinerState sets the template miner's state as of the end of the
// batch (encoded by package templates). It is written in the transaction
// of the batch's checkpoint, so it is durable exactly when the batch is.
func (b *Batch) PutMinerState(data []byte) { b.miner = data }

// ForgetUncommitted drops what interning remembers of batches that were
// never committed: a process that gives up a batch and goes on (an input
// that failed mid-batch, then the next input) would otherwise hand out the
// ids of nodes that were never written. The node cache is emptied and the
// next id read back from the dictionary. Call it only when no batch is
// being committed.
func (s *Store) ForgetUncommitted() error {
	if s.nodes != nil {
		s.nodes.drop()
	}
	return s.readNextID()
}

// TrimCache bounds the node cache's memory: when it holds more than its
// limit it is emptied, keeping only the nodes this batch created. Call it
// only when no other batch is being committed, right before committing
// this one: nodes not yet in Badger must stay findable in the cache, or a
// lookup would miss them and create a duplicate.
func (b *Batch) TrimCache() {
	c := b.s.nodes
	if c.len() <= c.max {
		return
	}
	c.drop()
	for _, n := range b.newNodes {
		k := b.arena[n.from:n.to]
		c.put(xxhash.Sum64(k), k, n.id)
	}
}

type edgeUse struct {
	key    uint64 // acct<<32 | attr
	ts     int64
	tokens uint64
}

type acctUse struct {
	key    uint64 // acct<<1 | signup
	ts     int64
	tokens uint64
}

type batchEdge struct {
	acct, attr NodeID
	st         EdgeStats
}

type batchAcct struct {
	acct  NodeID
	st    AccountStats
	hours Hours
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
	return &Batch{s: s}, nil
}

// Reset empties the batch for reuse.
func (b *Batch) Reset() {
	clear(b.tmpls) // their data is the ingester's, and large: let it go
	b.edgeUses, b.acctUses = b.edgeUses[:0], b.acctUses[:0]
	b.edgeVals, b.acctVals, b.newNodes, b.arena, b.tmpls = b.edgeVals[:0], b.acctVals[:0], b.newNodes[:0], b.arena[:0], b.tmpls[:0]
	b.miner = nil
}

// Len is the number of distinct edges and accounts in the batch.
func (b *Batch) Len() int { return len(b.edgeUses) + len(b.acctUses) }

// Node interns (k, value) and returns its id, allocating a new id for a
// node never seen before. value is not retained.
func (b *Batch) Node(k Kind, value []byte) (NodeID, error) {
	key := append(append(b.keyBuf[:0], byte(k)), value...)
	b.keyBuf = key
	h := xxhash.Sum64(key)
	c := b.s.nodes
	id, hit, taken := c.get(h, key)
	if hit {
		return id, nil
	}
	if taken || (!c.complete && c.filter.mayHave(h)) {
		id, err := b.s.lookupKey(key)
		if err == nil {
			c.put(h, key, id)
			return id, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return 0, err
		}
	}
	id = b.s.nextID
	if id == 0 {
		return 0, fmt.Errorf("node %s: %w: node id space exhausted", k, ErrCorrupt)
	}
	b.s.nextID++
	if c.filter != nil {
		c.filter.add(h)
	}
	from := uint32(len(b.arena))
	b.arena = append(b.arena, key...)
	b.newNodes = append(b.newNodes, pendingNode{id: id, from: from, to: uint32(len(b.arena))})
	c.put(h, key, id)
	return id, nil
}

// Edge records one use of attr by acct at ts (unix ms) with tokens (at
// most MaxTokens count).
func (b *Batch) Edge(acct, attr NodeID, ts int64, tokens uint64) {
	b.edgeUses = append(b.edgeUses, edgeUse{key: uint64(acct)<<32 | uint64(attr), ts: ts, tokens: min(tokens, MaxTokens)})
}

// Account records one record of acct (tokens as in Edge).
func (b *Batch) Account(acct NodeID, ts int64, tokens uint64, signup bool) {
	tokens = min(tokens, MaxTokens)
	k := uint64(acct) << 1
	if signup {
		k |= 1
	}
	b.acctUses = append(b.acctUses, acctUse{key: k, ts: ts, tokens: tokens})
}

// aggregate sorts the recorded uses and folds them into one value per
// edge (sorted by account, then attribute) and one per account.
func (b *Batch) aggregate() {
	radix.Sort(b.edgeUses, func(u edgeUse) uint64 { return u.key })
	b.edgeVals = b.edgeVals[:0]
	for _, u := range b.edgeUses {
		acct, attr := NodeID(u.key>>32), NodeID(u.key)
		d := EdgeStats{Count: 1, Tokens: u.tokens, First: u.ts, Last: u.ts}
		if n := len(b.edgeVals); n > 0 && b.edgeVals[n-1].acct == acct && b.edgeVals[n-1].attr == attr {
			b.edgeVals[n-1].st.Merge(d)
			continue
		}
		b.edgeVals = append(b.edgeVals, batchEdge{acct: acct, attr: attr, st: d})
	}
	radix.Sort(b.acctUses, func(u acctUse) uint64 { return u.key })
	b.acctVals = b.acctVals[:0]
	for _, u := range b.acctUses {
		acct := NodeID(u.key >> 1)
		d := AccountStats{Requests: 1, Tokens: u.tokens, First: u.ts, Last: u.ts}
		if u.key&1 == 1 {
			d = AccountStats{Signups: 1, Tokens: u.tokens, First: u.ts, Last: u.ts, Signup: u.ts}
		}
		if n := len(b.acctVals); n == 0 || b.acctVals[n-1].acct != acct {
			b.acctVals = append(b.acctVals, batchAcct{acct: acct, st: d})
		} else {
			b.acctVals[n-1].st.Merge(d)
		}
		if u.key&1 == 0 {
			h := &b.acctVals[len(b.acctVals)-1].hours[HourOf(u.ts)]
			*h = uint32(min(uint64(*h)+1, math.MaxUint32))
		}
	}
}

func (s *Store) lookupKey(key []byte) (NodeID, error) {
	id, err := s.getUint32(append([]byte{pDict}, key...))
	return NodeID(id), err
}

// failCheckpointForTest, when set, fails Commit after the batch's records
// and before its checkpoint.
var failCheckpointForTest error

// Commit writes the batch as batch number batch of src and then src's
// checkpoint, in the order that makes a replay after a crash exact (see
// the package doc). src must already hold the progress after this batch.
// Cost: O(E log E) for E distinct edges in the batch, and one Badger key
// per account and per attribute touched (per maxPart entries).
func (b *Batch) Commit(src *Source, batch uint32) (err error) {
	s := b.s
	if batch >= src.Batches {
		// Readers would never see the batch (see committed.has).
		return fmt.Errorf("commit batch %d of source %d whose checkpoint counts %d batches", batch, src.ID, src.Batches)
	}
	defer func() {
		if err != nil {
			s.commitFailed = true
		}
	}()
	if !s.marked || !s.shownSet {
		// Before any record of this process can land: if it dies before
		// its fold, the next one folds everything; and in a database that
		// has no bound of shown nodes yet, the nodes it writes stay hidden
		// until their batch commits.
		err := s.update(func(txn *badger.Txn) error {
			if !s.shownSet {
				if err := txn.Set(shownKey, binary.BigEndian.AppendUint32(nil, s.shown.Load())); err != nil {
					return err
				}
			}
			return txn.Set(unfoldedKey, nil)
		})
		if err != nil {
			return fmt.Errorf("mark the run: %w", err)
		}
		s.marked, s.shownSet = true, true
	}
	if !s.formatSet && len(b.acctUses) > 0 {
		// Before the first record: one with Hours is a value older builds
		// cannot read. A batch of rejected lines alone leaves the
		// database to them.
		if err := s.update(func(txn *badger.Txn) error {
			return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, FormatVersion))
		}); err != nil {
			return fmt.Errorf("raise the format: %w", err)
		}
		s.formatSet = true
	}
	if err := s.writeNodes(b); err != nil {
		return fmt.Errorf("write nodes: %w", err)
	}
	w := &unitWriter{db: s.db}
	defer w.discard()
	b.aggregate()
	edges, accts := b.edgeVals, b.acctVals
	var uses []Use
	var val []byte
	var mem byteArena
	put := func(prefix byte, node NodeID, part uint16, v []byte) error {
		key := mem.alloc(adjKeyLen)
		adjKey(key[:0], prefix, node, src.ID, batch, part)
		return w.unit([]op{{key: key, val: mem.clone(v)}})
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
			st, h := AccountStats{}, (*Hours)(nil)
			if part == 0 {
				st, h = a.st, &a.hours
			}
			val = encodeAccount(val[:0], st, h, uses[part*maxPart:min(len(uses), (part+1)*maxPart)])
			if err := put(pAcctAdj, a.acct, uint16(part), val); err != nil {
				return fmt.Errorf("write accounts: %w", err)
			}
		}
		s.touched(a.acct, true)
	}
	// Regroup by attribute: a stable sort on the attribute keeps accounts
	// ascending within each attribute.
	radix.Sort(edges, func(e batchEdge) uint64 { return uint64(e.attr) })
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
		s.touched(attr, false)
	}
	for _, t := range b.tmpls {
		if err := w.unit([]op{{key: templateKey(t.id), val: t.data}}); err != nil {
			return fmt.Errorf("write templates: %w", err)
		}
	}
	if err := w.commit(); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	if failCheckpointForTest != nil {
		return failCheckpointForTest
	}
	// Every node the batch wrote or uses is shown once it commits; a
	// replay after a crash uses the nodes the lost batch wrote, and so
	// shows them then.
	// accts is sorted by account and edges now by attribute: the last of
	// each is its highest.
	shown := NodeID(s.shown.Load())
	if n := len(b.newNodes); n > 0 {
		shown = max(shown, b.newNodes[n-1].id+1)
	}
	if n := len(accts); n > 0 {
		shown = max(shown, accts[n-1].acct+1)
	}
	if n := len(edges); n > 0 {
		shown = max(shown, edges[n-1].attr+1)
	}
	if err := s.putSourceWith(src, b.miner, uint32(shown)); err != nil {
		return err
	}
	s.shown.Store(uint32(shown))
	return nil
}

// writeNodes commits the batch's new nodes: their dictionary entries and
// the node blocks holding them. A block and the entries of its nodes are
// always in the same transaction, so the last block tells exactly which
// nodes exist (see readNextID). New ids are consecutive, so the nodes fill
// blocks in order, the first one possibly continuing a block of an earlier
// batch.
func (s *Store) writeNodes(b *Batch) error {
	if len(b.newNodes) == 0 {
		return nil
	}
	curBlock := uint32(b.newNodes[0].id) >> nodeBlockBits
	// Continue the block an earlier batch left partly filled.
	block, _, err := s.getCopy(nodeBlockKey(curBlock))
	if err != nil {
		return err
	}
	if block == nil {
		block = binary.AppendUvarint(nil, uint64(b.newNodes[0].id))
	}
	w := &unitWriter{db: s.db}
	defer w.discard()
	var mem byteArena
	var ops []op
	for i, n := range b.newNodes {
		key := b.arena[n.from:n.to]
		dk := mem.alloc(1 + len(key))
		dk[0] = pDict
		copy(dk[1:], key)
		id := mem.alloc(4)
		binary.BigEndian.PutUint32(id, uint32(n.id))
		ops = append(ops, op{key: dk, val: id})
		block = appendNodeEntry(block, key)
		last := i == len(b.newNodes)-1
		if last || uint32(b.newNodes[i+1].id)>>nodeBlockBits != curBlock {
			ops = append(ops, op{key: nodeBlockKey(curBlock), val: block})
			if err := w.unit(ops); err != nil {
				return fmt.Errorf("node block %d: %w", curBlock, err)
			}
			ops = ops[:0]
			if !last {
				curBlock = uint32(b.newNodes[i+1].id) >> nodeBlockBits
				block = binary.AppendUvarint(nil, uint64(b.newNodes[i+1].id))
			}
		}
	}
	return w.commit()
}

// byteArena carves the keys and values of a write from large chunks:
// Badger keeps them until the transaction is written, and one allocation
// per chunk is far cheaper than two per key.
type byteArena struct{ cur []byte }

const byteArenaChunk = 1 << 20

// alloc returns n bytes that stay valid until the arena is dropped.
func (a *byteArena) alloc(n int) []byte {
	if cap(a.cur)-len(a.cur) < n {
		a.cur = make([]byte, 0, max(byteArenaChunk, n))
	}
	start := len(a.cur)
	a.cur = a.cur[:start+n]
	return a.cur[start : start+n : start+n]
}

// clone returns a copy of b that stays valid until the arena is dropped.
func (a *byteArena) clone(b []byte) []byte {
	c := a.alloc(len(b))
	copy(c, b)
	return c
}

// touched counts (saturating) the deltas written for node by this
// process since the last Fold, and marks accounts, for Fold to pick the
// nodes with more than one record.
func (s *Store) touched(node NodeID, account bool) {
	if int(node) >= len(s.deltas) {
		s.deltas = slices.Grow(s.deltas, int(node)+1-len(s.deltas))[:int(node)+1]
	}
	d := s.deltas[node]
	if d&deltaCount < deltaCount {
		d++
	}
	if account {
		d |= deltaAccount
	}
	s.deltas[node] = d
}

// A node's deltas byte: the count in the low bits, the account mark on top.
const (
	deltaCount   = 0x7f
	deltaAccount = 0x80
)

// Source is the checkpoint of one ingested input: which content it is,
// how far ingest got, and what it found.
type Source struct {
	ID   uint32 `json:"id"`
	Hash uint64 `json:"hash"` // xxhash64 of the raw (possibly gzipped) bytes
	Path string `json:"path"`
	Size int64  `json:"size"`
	// Format is how the input was read (jsonl or csv; empty in
	// checkpoints written before it was kept).
	Format  string `json:"format,omitempty"`
	Lines   int64  `json:"lines"`   // input lines consumed by committed batches
	Offset  int64  `json:"offset"`  // bytes of the decoded stream consumed by committed batches
	Batches uint32 `json:"batches"` // batch numbers used: committed, or abandoned
	// Abandoned lists batch numbers a killed run may have left
	// half-written, given up when the input was resumed (see
	// ResumeSource): their records are never read.
	Abandoned []uint32 `json:"abandoned,omitempty"`
	Records   int64    `json:"records"` // accepted records
	// Days counts the accepted requests (not signups) of committed
	// batches by UTC day, ascending by day. Signup records are often
	// dated long before the traffic (an account database's export beside
	// a month of API logs); these counts tell the traffic's own span.
	// DaysKept is false in checkpoints written before days were counted.
	Days     []DayCount `json:"days,omitempty"`
	DaysKept bool       `json:"days_kept,omitempty"`
	Rejected int64      `json:"rejected"`
	Done     bool       `json:"done"`
	// Failed, when set, says why ingest of this input stopped for good:
	// its content cannot be read past the checkpoint (corrupt or truncated,
	// a bad header), or it was standard input, which cannot be re-read.
	// The batches committed before stay; a re-run does not resume it.
	Failed string `json:"failed,omitempty"`
	// Follows is the content hash of the read this one went on from (a
	// file that grew), 0 for none.
	Follows uint64 `json:"follows,omitempty"`
	// Decoded and DecodedSize are the hash and length of a gzipped
	// input's decoded content, when it decoded whole (0 for plain input,
	// whose bytes are its content): a compressed copy of a log read
	// plain, or the reverse, is the same traffic.
	Decoded     uint64 `json:"decoded,omitempty"`
	DecodedSize int64  `json:"decoded_size,omitempty"`
	Started     int64  `json:"started"` // unix ms
	Finished    int64  `json:"finished,omitempty"`
}

// DayCount is the number of requests dated on one UTC day, the day being
// unix ms / DayMS rounded down.
type DayCount struct {
	Day      int64  `json:"d"`
	Requests uint64 `json:"n"`
}

// DayMS is one day in unix milliseconds.
const DayMS = 24 * 60 * 60 * 1000

// CountRequest adds a request dated ts (unix ms) to src.Days. Traffic
// in time order costs one comparison per record.
func (src *Source) CountRequest(ts int64) {
	d := ts / DayMS
	if ts < 0 && ts%DayMS != 0 {
		d--
	}
	if n := len(src.Days); n > 0 && src.Days[n-1].Day == d {
		src.Days[n-1].Requests++
		return
	}
	i, found := slices.BinarySearchFunc(src.Days, d, func(c DayCount, d int64) int { return cmp.Compare(c.Day, d) })
	if found {
		src.Days[i].Requests++
		return
	}
	src.Days = slices.Insert(src.Days, i, DayCount{Day: d, Requests: 1})
}

// RequestDays merges the day counts of srcs. ok is false when an input
// holding records was checkpointed before days were counted: its days are
// unknown, and so is the traffic's span.
func RequestDays(srcs []Source) (days []DayCount, ok bool) {
	byDay := map[int64]uint64{}
	for _, src := range srcs {
		if !src.DaysKept && src.Records > 0 {
			return nil, false
		}
		for _, d := range src.Days {
			byDay[d.Day] += d.Requests
		}
	}
	for d, n := range byDay {
		days = append(days, DayCount{Day: d, Requests: n})
	}
	slices.SortFunc(days, func(a, b DayCount) int { return cmp.Compare(a.Day, b.Day) })
	return days, true
}

// Stdin reports whether the input was standard input.
func (src Source) Stdin() bool { return src.Path == "-" }

// Resumable reports whether re-running ingest on the same content
// continues this input from its checkpoint: it is unfinished, did not fail
// for good, and is not standard input (which cannot be re-read).
func (src Source) Resumable() bool { return !src.Done && src.Failed == "" && !src.Stdin() }

// Source returns the checkpoint for content hash h, if any.
func (s *Store) Source(h uint64) (Source, bool, error) {
	var src Source
	err := s.view(func(txn *badger.Txn) error {
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

// ResumeSource prepares an interrupted input for its resumed run: the
// batch after its checkpoint may have been half-written when its process
// died, and a replay under the same number overwrites it only where the
// replayed batch writes the same nodes (not when --batch-lines differs,
// or --max-rejects stops inside it). So that number is abandoned and the
// replay takes the next one; readers and Fold skip abandoned batches.
func (s *Store) ResumeSource(src *Source) error {
	// The format first: older builds refusing a database that has no
	// abandoned batch yet is harmless; one reading an abandoned batch is
	// not. Format 3 says so; a later one is left as it is (format 4 is
	// raised by the first record with hours).
	if err := s.update(func(txn *badger.Txn) error {
		v := uint32(formatAbandoned)
		if item, err := txn.Get(formatKey); err == nil {
			if err := item.Value(func(b []byte) error {
				if len(b) == 4 {
					v = max(v, binary.BigEndian.Uint32(b))
				}
				return nil
			}); err != nil {
				return err
			}
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, v))
	}); err != nil {
		return fmt.Errorf("resume %s: %w", src.Path, err)
	}
	src.Abandoned = append(src.Abandoned, src.Batches)
	src.Batches++
	// A checkpoint written before days were counted missed none when it
	// holds no record yet.
	src.DaysKept = src.DaysKept || src.Records == 0
	return s.putSource(src)
}

// NewSource registers a new input and gives it the next source id.
func (s *Store) NewSource(src Source) (Source, error) {
	err := s.update(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Reverse, opt.PrefetchValues = true, false
		it := txn.NewIterator(opt)
		it.Seek([]byte{pSourceID, 0xff, 0xff, 0xff, 0xff})
		src.ID = 1
		if it.ValidForPrefix([]byte{pSourceID}) {
			src.ID = be32(it.Item().Key()[1:]) + 1
		}
		it.Close()
		src.DaysKept = true
		v, err := json.Marshal(src)
		if err != nil {
			return err
		}
		if err := txn.Set(sourceIDKey(src.ID), sourceKey(src.Hash)[1:]); err != nil {
			return err
		}
		return txn.Set(sourceKey(src.Hash), v)
	})
	s.sourcesChanged()
	if err != nil {
		return src, fmt.Errorf("register source %s: %w", src.Path, err)
	}
	return src, nil
}

func (s *Store) putSource(src *Source) error { return s.putSourceWith(src, nil, 0) }

// putSourceWith writes src's checkpoint and, when miner is not nil, the
// template miner's state, and when shown is not 0 the bound of the nodes
// readers see (shownKey), in one transaction.
func (s *Store) putSourceWith(src *Source, miner []byte, shown uint32) error {
	v, err := json.Marshal(src)
	if err != nil {
		return err
	}
	err = s.update(func(txn *badger.Txn) error {
		if miner != nil {
			if err := txn.Set(minerStateKey, miner); err != nil {
				return err
			}
		}
		if shown != 0 {
			if err := txn.Set(shownKey, binary.BigEndian.AppendUint32(nil, shown)); err != nil {
				return err
			}
		}
		return txn.Set(sourceKey(src.Hash), v)
	})
	s.sourcesChanged()
	if err != nil {
		return fmt.Errorf("write checkpoint of %s: %w", src.Path, err)
	}
	return nil
}

// FinishSource marks src complete.
func (s *Store) FinishSource(src *Source) error {
	src.Done = true
	return s.putSource(src)
}

// FailSource records that src, as of its last committed checkpoint,
// stopped for good for reason (see Source.Failed).
func (s *Store) FailSource(src *Source, reason string) error {
	src.Failed = reason
	return s.putSource(src)
}

// SourcesAt picks from all (as Sources lists them) the inputs registered
// under path, in id order.
func SourcesAt(all []Source, path string) []Source {
	// Paths are kept in JSON, which spells each byte that is not UTF-8 (a
	// Latin-1 directory name) as one U+FFFD: compare them spelled so, by
	// the same encoder (strings.ToValidUTF8 would spell a run as one).
	if b, err := json.Marshal(path); err == nil {
		_ = json.Unmarshal(b, &path)
	}
	var out []Source
	for _, src := range all {
		if src.Path == path {
			out = append(out, src)
		}
	}
	return out
}

// Sources lists every registered input in id order.
func (s *Store) Sources() ([]Source, error) {
	var out []Source
	err := s.view(func(txn *badger.Txn) error {
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
