package store

import (
	"encoding/binary"
	"fmt"

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
	committed, err := s.committedBatches()
	if err != nil {
		return err
	}
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
			acct, src, batch, _, err := decodeAdjKey(item.Key())
			if err != nil {
				return err
			}
			if !committed.has(src, batch) {
				continue
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
	committed, err := s.committedBatches()
	if err != nil {
		return nil, err
	}
	err = s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = adjNodePrefix(nil, pAttrAdj, attr)
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			_, src, batch, _, err := decodeAdjKey(it.Item().Key())
			if err != nil {
				return err
			}
			if !committed.has(src, batch) {
				continue
			}
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
		it := keysIterator(txn, []byte{pAcctAdj})
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

// keysIterator iterates over the keys under prefix, reading values only on
// demand: the scans that call it skip most values.
func keysIterator(txn *badger.Txn, prefix []byte) *badger.Iterator {
	opt := badger.DefaultIteratorOptions
	opt.Prefix = prefix
	opt.PrefetchValues = false
	return txn.NewIterator(opt)
}
