package store

import (
	"encoding/binary"
	"fmt"
	"slices"

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
	ScanAccountUses(fn func(acct NodeID, st AccountStats, uses []Use) error) error
}

var _ Reader = (*Store)(nil)

// scanAccountAdj iterates the packed account records under prefix and
// calls fn once per account with its deltas merged. uses is sorted by
// attribute and valid only during the call.
func (s *Store) scanAccountAdj(prefix []byte, fn func(acct NodeID, st AccountStats, uses []Use) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		opt.PrefetchSize = 256
		it := txn.NewIterator(opt)
		defer it.Close()
		var cur AccountStats
		var curID NodeID
		var uses []Use
		flush := func() error {
			if curID == 0 {
				return nil
			}
			return fn(curID, cur, mergeUses(uses))
		}
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			acct, _, _, _, err := decodeAdjKey(item.Key())
			if err != nil {
				return err
			}
			if acct != curID {
				if err := flush(); err != nil {
					return err
				}
				cur, curID, uses = AccountStats{}, acct, uses[:0]
			}
			if err := item.Value(func(v []byte) error {
				st, u, err := decodeAccount(v, uses)
				uses = u
				cur.Merge(st)
				return err
			}); err != nil {
				return fmt.Errorf("account %d: %w", acct, err)
			}
		}
		return flush()
	})
}

// ScanAccountUses calls fn for every account, in id order, with its
// statistics and the attributes it used (sorted by id, valid only during
// the call). Cost: one sequential pass over the account records.
func (s *Store) ScanAccountUses(fn func(acct NodeID, st AccountStats, uses []Use) error) error {
	return s.scanAccountAdj([]byte{pAcctAdj}, fn)
}

// ScanEdges calls fn for every edge, ordered by account then attribute.
func (s *Store) ScanEdges(fn func(e Edge) error) error {
	return s.ScanAccountUses(func(acct NodeID, _ AccountStats, uses []Use) error {
		for _, u := range uses {
			if err := fn(Edge{Account: acct, Attr: u.Attr, EdgeStats: u.EdgeStats}); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScanAccounts calls fn for every account with its merged statistics, in
// id order.
func (s *Store) ScanAccounts(fn func(acct NodeID, st AccountStats) error) error {
	return s.ScanAccountUses(func(acct NodeID, st AccountStats, _ []Use) error { return fn(acct, st) })
}

func (s *Store) account(acct NodeID) (AccountStats, []Use, error) {
	var st AccountStats
	var out []Use
	found := false
	err := s.scanAccountAdj(binary.BigEndian.AppendUint32([]byte{pAcctAdj}, uint32(acct)), func(_ NodeID, a AccountStats, uses []Use) error {
		st, out, found = a, append([]Use(nil), uses...), true
		return nil
	})
	if err == nil && !found {
		err = fmt.Errorf("account %d: %w", acct, ErrNotFound)
	}
	return st, out, err
}

// Account returns one account's merged statistics.
func (s *Store) Account(acct NodeID) (AccountStats, error) {
	st, _, err := s.account(acct)
	return st, err
}

// AccountEdges returns the attributes an account used, in attribute id
// order: one prefix scan.
func (s *Store) AccountEdges(acct NodeID) ([]Edge, error) {
	_, uses, err := s.account(acct)
	if err != nil {
		return nil, err
	}
	out := make([]Edge, len(uses))
	for i, u := range uses {
		out[i] = Edge{Account: acct, Attr: u.Attr, EdgeStats: u.EdgeStats}
	}
	return out, nil
}

// Edge returns the merged statistics of one account's use of one attribute.
func (s *Store) Edge(acct, attr NodeID) (EdgeStats, error) {
	_, uses, err := s.account(acct)
	if err != nil {
		return EdgeStats{}, err
	}
	for _, u := range uses {
		if u.Attr == attr {
			return u.EdgeStats, nil
		}
	}
	return EdgeStats{}, fmt.Errorf("edge %d-%d: %w", acct, attr, ErrNotFound)
}

// AttrAccounts returns the accounts that used attr, in id order: one
// prefix scan over the attribute's packed lists.
func (s *Store) AttrAccounts(attr NodeID) ([]NodeID, error) {
	var out []NodeID
	err := s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = binary.BigEndian.AppendUint32([]byte{pAttrAdj}, uint32(attr))
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if err := it.Item().Value(func(v []byte) error {
				var err error
				out, err = decodeAccounts(v, out)
				return err
			}); err != nil {
				return fmt.Errorf("attribute %d: %w", attr, err)
			}
		}
		return nil
	})
	return mergeIDs(out), err
}

// Stats summarises the database.
type Stats struct {
	Nodes    map[Kind]int64
	Edges    int64
	Keys     int64 // stored account records; above the account count until folded
	Records  int64
	Rejected int64
	Sources  []Source
}

// Stats counts nodes by kind and edges with one pass over the keys.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Nodes: map[Kind]int64{}}
	err := s.ScanNodes(func(_ NodeID, k Kind, _ []byte) error { st.Nodes[k]++; return nil })
	if err != nil {
		return st, err
	}
	err = s.ScanAccountUses(func(_ NodeID, _ AccountStats, uses []Use) error {
		st.Edges += int64(len(uses))
		return nil
	})
	if err != nil {
		return st, err
	}
	err = s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pAcctAdj}
		opt.PrefetchValues = false
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			st.Keys++
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

// Fold rewrites the deltas of every node that this process wrote more
// than once into one record (in parts of maxPart entries). Each node is
// folded inside one transaction, the merged record and the deleted deltas
// together, so a crash at any point leaves every node either folded or
// not, never counted twice. Folding is an optimisation: readers merge
// deltas anyway. Cost: one sequential pass over the adjacency keys, which
// beats a seek per node because most nodes of an ingest need folding.
func (s *Store) Fold() error {
	deltas := s.deltas
	s.deltas = nil
	w := &unitWriter{db: s.db, skipBig: true}
	defer w.discard()
	needs := func(id NodeID) bool { return int(id) < len(deltas) && deltas[id] >= 2 }
	for _, prefix := range []byte{pAcctAdj, pAttrAdj} {
		if err := s.foldPrefix(prefix, needs, w); err != nil {
			return err
		}
	}
	return w.commit()
}

func (s *Store) foldPrefix(prefix byte, needs func(NodeID) bool, w *unitWriter) error {
	return s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{prefix}
		opt.PrefetchValues = false
		it := txn.NewIterator(opt)
		defer it.Close()
		var keys [][]byte
		var vals [][]byte
		cur := NodeID(0)
		flush := func() error {
			if len(keys) > 1 {
				if err := w.unit(foldOps(prefix, cur, keys, vals)); err != nil {
					return fmt.Errorf("fold node %d: %w", cur, err)
				}
			}
			keys, vals = keys[:0], vals[:0]
			return nil
		}
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			id, _, _, _, err := decodeAdjKey(item.Key())
			if err != nil {
				return err
			}
			if id != cur {
				if err := flush(); err != nil {
					return err
				}
				cur = id
			}
			if !needs(id) {
				continue
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			keys = append(keys, item.KeyCopy(nil))
			vals = append(vals, v)
		}
		return flush()
	})
}

// foldOps merges one node's records into folded parts and deletes the
// deltas that the folded parts do not overwrite.
func foldOps(prefix byte, id NodeID, keys, vals [][]byte) []op {
	var ops []op
	var folded [][]byte
	if prefix == pAcctAdj {
		var st AccountStats
		var uses []Use
		for _, v := range vals {
			a, u, err := decodeAccount(v, uses)
			if err != nil {
				return nil // leave a record we cannot read to the readers' error path
			}
			uses = u
			st.Merge(a)
		}
		uses = mergeUses(uses)
		for part := 0; part == 0 || part*maxPart < len(uses); part++ {
			a := AccountStats{}
			if part == 0 {
				a = st
			}
			k := adjKey(nil, pAcctAdj, id, 0, 0, uint16(part))
			folded = append(folded, k)
			ops = append(ops, op{key: k, val: encodeAccount(nil, a, uses[part*maxPart:min(len(uses), (part+1)*maxPart)])})
		}
	} else {
		var ids []NodeID
		for _, v := range vals {
			var err error
			if ids, err = decodeAccounts(v, ids); err != nil {
				return nil
			}
		}
		ids = mergeIDs(ids)
		for part := 0; part*maxPart < len(ids); part++ {
			k := adjKey(nil, pAttrAdj, id, 0, 0, uint16(part))
			folded = append(folded, k)
			ops = append(ops, op{key: k, val: encodeAccounts(nil, ids[part*maxPart:min(len(ids), (part+1)*maxPart)])})
		}
	}
	return appendDeletes(ops, keys, folded)
}

// Fold transactions stay well inside Badger's per-transaction limits (15%
// of a 16 MB memtable), so that a node's unit never has to be split; a
// node whose fold would not fit (a hub used by millions) keeps its deltas.
const (
	maxTxnEntries = 4096
	maxTxnBytes   = 1 << 20
)

// unitWriter groups whole units into transactions.
type unitWriter struct {
	// skipBig drops a unit too big for one transaction instead of failing:
	// right for Fold, whose units are optional.
	skipBig bool
	db      *badger.DB
	txn     *badger.Txn
	n       int
	bytes   int
}

// op is one write of a unit: a set, or a delete when del is true.
type op struct {
	key, val []byte
	del      bool
}

func (w *unitWriter) unit(ops []op) error {
	size := 0
	for _, o := range ops {
		size += len(o.key) + len(o.val) + 16
	}
	if len(ops) > maxTxnEntries || size > maxTxnBytes {
		if w.skipBig {
			return nil // too big to fold atomically; the deltas stay, still correct
		}
		return fmt.Errorf("%d writes of %d bytes: %w", len(ops), size, badger.ErrTxnTooBig)
	}
	if w.txn != nil && (w.n+len(ops) > maxTxnEntries || w.bytes+size > maxTxnBytes) {
		if err := w.commit(); err != nil {
			return err
		}
	}
	if w.txn == nil {
		w.txn, w.n, w.bytes = w.db.NewTransaction(true), 0, 0
	}
	for _, o := range ops {
		var err error
		if o.del {
			err = w.txn.Delete(o.key)
		} else {
			err = w.txn.Set(o.key, o.val)
		}
		if err != nil {
			return err
		}
	}
	w.n += len(ops)
	w.bytes += size
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
