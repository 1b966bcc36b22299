package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Fold rewrites into one record (in parts of maxPart entries) every node
// that this process touched and that now has more than one record: nodes
// it wrote in two or more batches, and older nodes it wrote at all (they
// may carry records from earlier runs). Nodes created by this process in a
// single batch have one record already and are not read. So after every
// ingest run each touched node holds one record, and an hourly job keeps
// the database folded without ever paying for the nodes it did not touch.
//
// Each node is folded inside one transaction, the merged record and the
// deleted deltas together, so a crash at any point leaves every node
// either folded or not, never counted twice. Folding is an optimisation:
// readers merge deltas anyway.
//
// Cost: when the candidates are few next to the database (an hourly run),
// one iterator seek per candidate; when they are a large share of it (a
// first bulk load), one sequential pass over the adjacency keys instead,
// which is cheaper than that many seeks.
//
// A cancelled ctx stops it between nodes, keeping what it folded: the
// nodes left have several records until a later run touches them again.
func (s *Store) Fold(ctx context.Context) error { return s.fold(ctx, foldAuto) }

// foldMode picks how Fold reads the candidates; tests force each mode.
type foldMode int

const (
	foldAuto foldMode = iota
	foldBySeek
	foldByScan
)

func (s *Store) fold(ctx context.Context, mode foldMode) error {
	deltas := s.deltas
	s.deltas = nil
	if s.commitFailed {
		// Merged now, the records of the batch that failed would be
		// counted again when a later run replays it.
		s.log.Info("fold skipped: a batch failed to commit; readers merge the records it leaves")
		return nil
	}
	// needs is the number of records from which node id gets folded, 0
	// when it cannot have more than one.
	needs := func(id NodeID) int {
		if s.foldAll {
			return 2
		}
		if int(id) >= len(deltas) {
			return 0
		}
		switch n := deltas[id] & deltaCount; {
		case n >= 2:
			return 2
		case n == 1 && id < s.openNextID:
			return foldOlderAt
		}
		return 0
	}
	var accts, attrs int
	for id := range deltas {
		if needs(NodeID(id)) > 0 {
			if deltas[id]&deltaAccount != 0 {
				accts++
			} else {
				attrs++
			}
		}
	}
	all := s.foldAll
	if all {
		// Every node, in one pass each: the counts only pick the mode.
		accts, attrs = int(s.nextID), int(s.nextID)
		mode = foldByScan
		// At warn, the default level: this run will take far longer than
		// its input explains, once.
		s.log.Warn("an earlier run stopped before folding its records; folding the whole database once (one pass, minutes on a large database)")
	}
	began, folded := time.Now(), 0
	committed, err := s.committedBatches()
	if err != nil {
		return fmt.Errorf("fold: %w", err)
	}
	w := &unitWriter{db: s.db, skipBig: true}
	defer w.discard()
	for _, p := range []struct {
		prefix  byte
		account bool
		n       int
	}{{pAcctAdj, true, accts}, {pAttrAdj, false, attrs}} {
		if p.n == 0 {
			continue
		}
		var err error
		start := time.Now()
		f := &folder{ctx: ctx, committed: committed}
		seek := p.n*seekCost < int(s.nextID)
		if mode != foldAuto {
			seek = mode == foldBySeek
		}
		if seek {
			var ids []NodeID
			for id := range deltas {
				if needs(NodeID(id)) > 0 && (deltas[id]&deltaAccount != 0) == p.account {
					ids = append(ids, NodeID(id))
				}
			}
			err = s.foldSeek(p.prefix, ids, needs, f, w)
		} else {
			err = s.foldScan(p.prefix, needs, f, w)
		}
		if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			if cerr := w.commit(); cerr != nil {
				return cerr
			}
			return fmt.Errorf("fold stopped after %d of %d nodes: %w", f.done, p.n, err)
		}
		if err != nil {
			return err
		}
		s.log.Debug("fold", "accounts", p.account, "candidates", p.n, "seek", seek, "folded", f.done, "took", time.Since(start))
		folded += f.done
	}
	if err := w.commit(); err != nil {
		return err
	}
	if s.marked {
		if err := s.update(func(txn *badger.Txn) error { return txn.Delete(unfoldedKey) }); err != nil {
			return fmt.Errorf("fold: clear the mark: %w", err)
		}
		s.marked, s.foldAll = false, false
	}
	if all {
		s.log.Info("folded the whole database", "nodes", folded, "took", time.Since(began).Round(time.Second))
	}
	return nil
}

// committed maps each source id to its batch numbers in use and those
// abandoned.
type committed map[uint32]sourceBatches

type sourceBatches struct {
	n         uint32
	abandoned []uint32
}

// has reports whether a record of batch of src is committed: batches are
// numbered from 0, so one at or past the source's count was written
// without its checkpoint (its process died, or its commit failed), and an
// abandoned one was given up at resume. Folded records of old databases
// (src 0) and unknown sources count as committed.
func (c committed) has(src, batch uint32) bool {
	b, ok := c[src]
	return !ok || batch < b.n && !slices.Contains(b.abandoned, batch)
}

// committedBatches returns the committed batches of every source, read
// once and kept until a checkpoint is written (every read of one account
// needs it, and a database ingested hourly holds thousands of sources).
func (s *Store) committedBatches() (committed, error) {
	s.commMu.Lock()
	defer s.commMu.Unlock()
	if s.comm != nil {
		return s.comm, nil
	}
	srcs, err := s.Sources()
	if err != nil {
		return nil, err
	}
	m := make(committed, len(srcs))
	for _, src := range srcs {
		m[src.ID] = sourceBatches{src.Batches, src.Abandoned}
	}
	s.comm = m
	return m, nil
}

// sourcesChanged drops the committed batches read by committedBatches.
func (s *Store) sourcesChanged() {
	s.commMu.Lock()
	s.comm = nil
	s.commMu.Unlock()
}

// foldOlderAt is the number of records from which a node that this process
// wrote once, on top of earlier runs, is folded. Folding costs a rewrite
// and readers merge a few records cheaply, so an hourly job folds such a
// node every few runs rather than every run; a node stays below
// foldOlderAt+1 records.
const foldOlderAt = 4

// seekCost is how many nodes a sequential scan reads in the time of one
// iterator seek. Measured after a 1.46M-record ingest (888k nodes, L0
// full): a seek took about 27µs, a scan about 0.5µs per key.
const seekCost = 48

// foldScan folds the nodes that need it in one pass over prefix.
func (s *Store) foldScan(prefix byte, needs func(NodeID) int, f *folder, w *unitWriter) error {
	return s.view(func(txn *badger.Txn) error {
		it := keysIterator(txn, []byte{prefix})
		defer it.Close()
		cur, at := NodeID(0), 0
		p := s.pacer()
		for it.Rewind(); it.Valid(); it.Next() {
			p.step()
			item := it.Item()
			id, _, _, _, err := decodeAdjKey(item.Key())
			if err != nil {
				return err
			}
			if id != cur {
				if err := f.flush(prefix, cur, at, w); err != nil {
					return err
				}
				cur, at = id, needs(id)
			}
			if at > 0 {
				if err := f.add(item); err != nil {
					return err
				}
			}
		}
		return f.flush(prefix, cur, at, w)
	})
}

// foldSeek folds the nodes ids (ascending) with a seek each.
func (s *Store) foldSeek(prefix byte, ids []NodeID, needs func(NodeID) int, f *folder, w *unitWriter) error {
	return s.view(func(txn *badger.Txn) error {
		it := keysIterator(txn, []byte{prefix})
		defer it.Close()
		var node []byte
		p := s.pacer()
		for _, id := range ids {
			node = adjNodePrefix(node[:0], prefix, id)
			for it.Seek(node); it.ValidForPrefix(node); it.Next() {
				p.step()
				if err := f.add(it.Item()); err != nil {
					return err
				}
			}
			if err := f.flush(prefix, id, needs(id), w); err != nil {
				return err
			}
		}
		return nil
	})
}

// folder collects the records of one node.
type folder struct {
	ctx context.Context
	// committed: a record beyond its source's committed batches, or of an
	// abandoned one, is never read.
	committed committed
	keys      [][]byte // in mem: deletes keep them until written
	vals      []byte   // the records' values, end to end; reused
	ends      []int    // the end of each value in vals
	mem       byteArena
	// Reused by foldOps.
	uses    []Use
	ids     []NodeID
	ops     []op
	folded  [][]byte
	val     []byte
	flushed int
	done    int
}

func (f *folder) add(item *badger.Item) error {
	_, src, batch, _, err := decodeAdjKey(item.Key())
	if err != nil {
		return err
	}
	if !f.committed.has(src, batch) {
		return nil
	}
	err = item.Value(func(v []byte) error {
		f.vals = append(f.vals, v...)
		f.ends = append(f.ends, len(f.vals))
		return nil
	})
	if err != nil {
		return err
	}
	f.keys = append(f.keys, f.mem.clone(item.Key()))
	return nil
}

// flush folds the collected records of node id when there are at least
// at (and more than one).
func (f *folder) flush(prefix byte, id NodeID, at int, w *unitWriter) error {
	defer func() { f.keys, f.vals, f.ends = f.keys[:0], f.vals[:0], f.ends[:0] }()
	if f.flushed%1024 == 0 && f.ctx.Err() != nil {
		return f.ctx.Err()
	}
	f.flushed++
	if len(f.keys) < max(at, 2) {
		return nil
	}
	if err := w.unit(f.foldOps(prefix, id)); err != nil {
		return fmt.Errorf("fold node %d: %w", id, err)
	}
	f.done++
	return nil
}

// value returns the i-th collected value.
func (f *folder) value(i int) []byte {
	start := 0
	if i > 0 {
		start = f.ends[i-1]
	}
	return f.vals[start:f.ends[i]]
}

// foldOps merges the collected records of node id into folded parts and
// deletes the records that the folded parts do not overwrite. The ops are
// valid until the next call.
func (f *folder) foldOps(prefix byte, id NodeID) []op {
	f.ops, f.folded = f.ops[:0], f.folded[:0]
	// The folded record takes the key of the node's newest record, which
	// it then overwrites instead of deleting: one write less per node. A
	// committed batch's keys are never written again by ingest (only a
	// batch without its checkpoint is replayed, and Fold does not run
	// after one), so nothing can overwrite the folded record with a delta.
	_, src, batch, _, _ := decodeAdjKey(f.keys[len(f.keys)-1])
	put := func(part int) {
		k := f.mem.alloc(adjKeyLen)
		adjKey(k[:0], prefix, id, src, batch, uint16(part))
		f.folded = append(f.folded, k)
		f.ops = append(f.ops, op{key: k, val: f.mem.clone(f.val)})
	}
	if prefix == pAcctAdj {
		var st AccountStats
		var hours Hours
		uses := f.uses[:0]
		for i := range f.ends {
			a, u, err := decodeAccount(f.value(i), &hours, uses)
			if err != nil {
				return nil // leave a record we cannot read to the readers' error path
			}
			uses = u
			st.Merge(a)
		}
		f.uses = uses
		uses = mergeUses(uses)
		for part := 0; part == 0 || part*maxPart < len(uses); part++ {
			a, h := AccountStats{}, (*Hours)(nil)
			if part == 0 {
				a, h = st, &hours
			}
			f.val = encodeAccount(f.val[:0], a, h, uses[part*maxPart:min(len(uses), (part+1)*maxPart)])
			put(part)
		}
	} else {
		ids := f.ids[:0]
		for i := range f.ends {
			var err error
			if ids, err = decodeAccounts(f.value(i), ids); err != nil {
				return nil
			}
		}
		f.ids = ids
		ids = mergeIDs(ids)
		for part := 0; part*maxPart < len(ids); part++ {
			f.val = encodeAccounts(f.val[:0], ids[part*maxPart:min(len(ids), (part+1)*maxPart)])
			put(part)
		}
	}
	f.ops = appendDeletes(f.ops, f.keys, f.folded)
	return f.ops
}

// appendDeletes deletes every old key that the folded record does not
// overwrite.
func appendDeletes(ops []op, old, folded [][]byte) []op {
	for _, k := range old {
		if !slices.ContainsFunc(folded, func(f []byte) bool { return string(f) == string(k) }) {
			ops = append(ops, op{key: k, del: true})
		}
	}
	return ops
}
