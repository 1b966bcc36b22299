package store

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	badger "github.com/dgraph-io/badger/v4"
)

// Edge is one account's use of one attribute, with its deltas merged.
type Edge struct {
	Account, Attr NodeID
	EdgeStats
}

// Reader is the narrow read interface that graph and linkage see.
type Reader interface {
	Node(id NodeID) (Kind, string, error)
	Lookup(k Kind, value string) (NodeID, error)
	MaxNodeID() NodeID
	ScanNodes(fn func(id NodeID, k Kind, value []byte) error) error
	ScanEdges(fn func(e Edge) error) error
	AccountEdges(acct NodeID) ([]Edge, error)
	AttrAccounts(attr NodeID) ([]NodeID, error)
	Account(acct NodeID) (AccountStats, error)
	ScanAccounts(fn func(acct NodeID, st AccountStats) error) error
}

var _ Reader = (*Store)(nil)

// scanEdges iterates the edge deltas under prefix and calls fn once per
// (account, attribute) with the deltas merged. Deltas of one edge are
// adjacent because the key orders acct, attr before src, batch.
func (s *Store) scanEdges(prefix []byte, fn func(e Edge) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		opt.PrefetchSize = 1000
		it := txn.NewIterator(opt)
		defer it.Close()
		var cur Edge
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			k := item.Key()
			if len(k) != 17 {
				return fmt.Errorf("edge key of %d bytes: %w", len(k), ErrCorrupt)
			}
			acct, attr, _, _ := decodeEdgeKey(k)
			if cur.Count > 0 && (acct != cur.Account || attr != cur.Attr) {
				if err := fn(cur); err != nil {
					return err
				}
				cur = Edge{}
			}
			cur.Account, cur.Attr = acct, attr
			if err := item.Value(func(v []byte) error {
				st, err := decodeEdgeStats(v)
				cur.Merge(st)
				return err
			}); err != nil {
				return err
			}
		}
		if cur.Count > 0 {
			return fn(cur)
		}
		return nil
	})
}

// ScanEdges calls fn for every edge, ordered by account then attribute.
// Cost: one sequential pass over the edge keys.
func (s *Store) ScanEdges(fn func(e Edge) error) error { return s.scanEdges([]byte{pEdge}, fn) }

// AccountEdges returns the attributes an account used, in attribute id order.
func (s *Store) AccountEdges(acct NodeID) ([]Edge, error) {
	var out []Edge
	err := s.scanEdges(binary.BigEndian.AppendUint32([]byte{pEdge}, uint32(acct)), func(e Edge) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// AttrAccounts returns the accounts that used attr, in id order: one
// prefix scan over the reverse adjacency.
func (s *Store) AttrAccounts(attr NodeID) ([]NodeID, error) {
	var out []NodeID
	err := s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = binary.BigEndian.AppendUint32([]byte{pRev}, uint32(attr))
		opt.PrefetchValues = false
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			_, acct := decodeRevKey(it.Item().Key())
			out = append(out, acct)
		}
		return nil
	})
	return out, err
}

// Edge returns the merged statistics of one account's use of one attribute.
func (s *Store) Edge(acct, attr NodeID) (EdgeStats, error) {
	var st EdgeStats
	prefix := edgeKey(nil, acct, attr, 0, 0)[:9]
	err := s.scanEdges(prefix, func(e Edge) error { st = e.EdgeStats; return nil })
	if err == nil && st.Count == 0 {
		err = ErrNotFound
	}
	return st, err
}

func (s *Store) scanAccounts(prefix []byte, fn func(acct NodeID, st AccountStats) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		opt.PrefetchSize = 1000
		it := txn.NewIterator(opt)
		defer it.Close()
		var cur AccountStats
		var curID NodeID
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if len(item.Key()) != 13 {
				return fmt.Errorf("account key: %w", ErrCorrupt)
			}
			acct, _, _ := decodeAcctKey(item.Key())
			if curID != 0 && acct != curID {
				if err := fn(curID, cur); err != nil {
					return err
				}
				cur = AccountStats{}
			}
			curID = acct
			if err := item.Value(func(v []byte) error {
				st, err := decodeAccountStats(v)
				cur.Merge(st)
				return err
			}); err != nil {
				return err
			}
		}
		if curID != 0 {
			return fn(curID, cur)
		}
		return nil
	})
}

// ScanAccounts calls fn for every account with its merged statistics, in
// id order.
func (s *Store) ScanAccounts(fn func(acct NodeID, st AccountStats) error) error {
	return s.scanAccounts([]byte{pAcct}, fn)
}

// Account returns one account's merged statistics.
func (s *Store) Account(acct NodeID) (AccountStats, error) {
	var out AccountStats
	found := false
	err := s.scanAccounts(binary.BigEndian.AppendUint32([]byte{pAcct}, uint32(acct)), func(_ NodeID, st AccountStats) error {
		out, found = st, true
		return nil
	})
	if err == nil && !found {
		err = fmt.Errorf("account %d: %w", acct, ErrNotFound)
	}
	return out, err
}

// Stats summarises the database.
type Stats struct {
	Nodes      map[Kind]int64
	Edges      int64
	EdgeDeltas int64 // stored edge keys; above Edges until folded
	Records    int64
	Rejected   int64
	Sources    []Source
}

// Stats counts nodes by kind and edges with one pass over the keys.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Nodes: map[Kind]int64{}}
	err := s.ScanNodes(func(_ NodeID, k Kind, _ []byte) error { st.Nodes[k]++; return nil })
	if err != nil {
		return st, err
	}
	err = s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pEdge}
		opt.PrefetchValues = false
		it := txn.NewIterator(opt)
		defer it.Close()
		var lastA, lastB NodeID
		for it.Rewind(); it.Valid(); it.Next() {
			a, b, _, _ := decodeEdgeKey(it.Item().Key())
			st.EdgeDeltas++
			if a != lastA || b != lastB {
				st.Edges++
				lastA, lastB = a, b
			}
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	st.Sources, err = s.Sources()
	for _, src := range st.Sources {
		st.Records += src.Records
		st.Rejected += src.Rejected
	}
	return st, err
}

// Fold rewrites the deltas of every account written since the last Fold
// into one key per edge and one per account. Each unit (an edge, or an
// account's stats) is folded inside one transaction, the merged key and the
// deleted deltas together, so a crash at any point leaves every unit either
// folded or not, never counted twice. Cost: one prefix scan per account.
func (s *Store) Fold() error {
	folds := s.folds
	s.folds = nil
	w := &unitWriter{db: s.db}
	defer w.discard()
	for i, word := range folds {
		for word != 0 {
			bit := bits.TrailingZeros64(word)
			word &^= 1 << bit
			acct := NodeID(i<<6 | bit)
			if err := s.foldAccount(acct, w); err != nil {
				return fmt.Errorf("fold account %d: %w", acct, err)
			}
		}
	}
	return w.commit()
}

// maxTxnEntries keeps fold transactions well inside Badger's per-txn limit
// (15% of a 16 MB memtable) so that a unit never has to be split.
const maxTxnEntries = 4096

// unitWriter groups whole units into transactions.
type unitWriter struct {
	db  *badger.DB
	txn *badger.Txn
	n   int
}

// op is one write of a unit: a set, or a delete when del is true.
type op struct {
	key, val []byte
	del      bool
}

func (w *unitWriter) unit(es []op) error {
	if w.txn != nil && w.n+len(es) > maxTxnEntries {
		if err := w.commit(); err != nil {
			return err
		}
	}
	if w.txn == nil {
		w.txn, w.n = w.db.NewTransaction(true), 0
	}
	for _, e := range es {
		var err error
		if e.del {
			err = w.txn.Delete(e.key)
		} else {
			err = w.txn.Set(e.key, e.val)
		}
		if err != nil {
			return err
		}
	}
	w.n += len(es)
	return nil
}

func (w *unitWriter) commit() error {
	if w.txn == nil {
		return nil
	}
	err := w.txn.Commit()
	w.txn = nil
	return err
}

func (w *unitWriter) discard() {
	if w.txn != nil {
		w.txn.Discard()
	}
}

type delta struct {
	key []byte
	val []byte
}

func (s *Store) foldAccount(acct NodeID, w *unitWriter) error {
	var edges, accts []delta
	err := s.db.View(func(txn *badger.Txn) error {
		for _, p := range []struct {
			prefix byte
			out    *[]delta
		}{{pEdge, &edges}, {pAcct, &accts}} {
			opt := badger.DefaultIteratorOptions
			opt.Prefix = binary.BigEndian.AppendUint32([]byte{p.prefix}, uint32(acct))
			it := txn.NewIterator(opt)
			for it.Rewind(); it.Valid(); it.Next() {
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					it.Close()
					return err
				}
				*p.out = append(*p.out, delta{it.Item().KeyCopy(nil), v})
			}
			it.Close()
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Edges: group by attribute (key bytes 5..9).
	for i := 0; i < len(edges); {
		j := i + 1
		for j < len(edges) && string(edges[j].key[:9]) == string(edges[i].key[:9]) {
			j++
		}
		var st EdgeStats
		for _, d := range edges[i:j] {
			v, err := decodeEdgeStats(d.val)
			if err != nil {
				return err
			}
			st.Merge(v)
		}
		a, attr, _, _ := decodeEdgeKey(edges[i].key)
		if err := w.unit(foldUnit(edges[i:j], edgeKey(nil, a, attr, 0, 0), st.append(nil))); err != nil {
			return err
		}
		i = j
	}
	var st AccountStats
	for _, d := range accts {
		v, err := decodeAccountStats(d.val)
		if err != nil {
			return err
		}
		st.Merge(v)
	}
	return w.unit(foldUnit(accts, acctKey(nil, acct, 0, 0), st.append(nil)))
}

// foldUnit returns the entries that replace deltas by one folded key, or
// nothing when the deltas are that key already.
func foldUnit(deltas []delta, folded, val []byte) []op {
	if len(deltas) == 0 || (len(deltas) == 1 && string(deltas[0].key) == string(folded)) {
		return nil
	}
	ops := []op{{key: folded, val: val}}
	for _, d := range deltas {
		if string(d.key) != string(folded) {
			ops = append(ops, op{key: d.key, del: true})
		}
	}
	return ops
}
