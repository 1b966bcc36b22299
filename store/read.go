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
	AccountRecord(acct NodeID) (AccountStats, Hours, []Use, error)
	ScanAccounts(fn func(acct NodeID, st AccountStats) error) error
	ScanAccountUses(fn func(acct NodeID, st AccountStats, h *Hours, uses []Use) error) error
}

var _ Reader = (*Store)(nil)

// scanAccountAdj iterates the packed account records under prefix and
// calls fn once per account with its deltas merged. h and uses (sorted by
// attribute) are valid only during the call.
//
// With ahead, reading and merging the records runs on its own goroutine, a
// chunk of accounts ahead of fn: on a large database the store's side
// (iteration, decoding, merging an account's records) and a caller
// building a snapshot cost about the same, so the two overlap on two
// cores. Accounts still reach fn one at a time, in id order. Reads of one
// account go without it.
func (s *Store) scanAccountAdj(prefix []byte, ahead bool, fn func(acct NodeID, st AccountStats, h *Hours, uses []Use) error) error {
	committed, err := s.committedBatches()
	if err != nil {
		return err
	}
	var ferr error
	each := func(c *acctChunk) {
		for i, id := range c.ids {
			if ferr == nil {
				a, b := c.ends[i], c.ends[i+1]
				ferr = fn(id, c.stats[i], &c.hours[i], c.uses[a:b:b])
			}
		}
	}
	if !ahead {
		c := &acctChunk{}
		err := s.readAccountAdj(prefix, committed, func() *acctChunk { return c.reset() }, func(c *acctChunk) bool {
			each(c)
			return ferr == nil
		})
		if ferr != nil {
			return ferr
		}
		return err
	}
	const chunks = 3 // one being filled, one being read, one spare
	free := make(chan *acctChunk, chunks)
	for range chunks {
		free <- &acctChunk{}
	}
	full := make(chan *acctChunk, chunks)
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		defer close(full)
		errc <- s.readAccountAdj(prefix, committed, func() *acctChunk {
			select {
			case c := <-free:
				return c.reset()
			case <-stop:
				return nil
			}
		}, func(c *acctChunk) bool {
			select {
			case full <- c:
				return true
			case <-stop:
				return false
			}
		})
	}()
	stopped := false
	defer func() {
		// Also when fn panics: the reader must not stay blocked, holding
		// its read transaction.
		if !stopped {
			close(stop)
		}
	}()
	for c := range full {
		each(c)
		if ferr != nil && !stopped {
			close(stop)
			stopped = true
		}
		free <- c
	}
	if err := <-errc; ferr == nil {
		ferr = err
	}
	return ferr
}

// acctChunk holds consecutive accounts with their merged uses: account i
// used uses[ends[i]:ends[i+1]].
type acctChunk struct {
	ids   []NodeID
	stats []AccountStats
	hours []Hours
	ends  []int
	uses  []Use
}

func (c *acctChunk) reset() *acctChunk {
	c.ids, c.stats, c.hours, c.ends, c.uses = c.ids[:0], c.stats[:0], c.hours[:0], append(c.ends[:0], 0), c.uses[:0]
	return c
}

// A chunk is handed over once it holds chunkUses uses or chunkAccounts
// accounts (accounts without attributes add no uses).
const (
	chunkUses     = 1 << 14
	chunkAccounts = 1 << 12
)

// readAccountAdj is scanAccountAdj's reading side: it fills chunks from
// take and hands each full one to give, until the records end or take
// returns nil or give false.
func (s *Store) readAccountAdj(prefix []byte, committed committed, take func() *acctChunk, give func(*acctChunk) bool) error {
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = prefix
		opt.PrefetchSize = 256
		it := txn.NewIterator(opt)
		defer it.Close()
		c := take()
		if c == nil {
			return nil
		}
		var cur AccountStats
		var curH Hours
		var curID NodeID
		var uses []Use
		flush := func() bool {
			if curID == 0 {
				return true
			}
			c.ids = append(c.ids, curID)
			c.stats = append(c.stats, cur)
			c.hours = append(c.hours, curH)
			c.uses = append(c.uses, mergeUses(uses)...)
			c.ends = append(c.ends, len(c.uses))
			if len(c.uses) < chunkUses && len(c.ids) < chunkAccounts {
				return true
			}
			if !give(c) {
				return false
			}
			c = take()
			return c != nil
		}
		p := s.pacer()
		for it.Rewind(); it.Valid(); it.Next() {
			p.step()
			item := it.Item()
			acct, src, batch, _, err := decodeAdjKey(item.Key())
			if err != nil {
				return err
			}
			if !committed.has(src, batch) {
				continue
			}
			if acct != curID {
				if !flush() {
					return nil
				}
				cur, curH, curID, uses = AccountStats{}, Hours{}, acct, uses[:0]
			}
			if err := item.Value(func(v []byte) error {
				st, u, err := decodeAccount(v, &curH, uses)
				uses = u
				cur.Merge(st)
				return err
			}); err != nil {
				return fmt.Errorf("account %d: %w", acct, err)
			}
		}
		if !flush() {
			return nil
		}
		if len(c.ids) > 0 {
			give(c)
		}
		return nil
	})
}

// ScanAccountUses calls fn for every account, in id order, with its
// statistics, its requests' hours of the day and the attributes it used
// (sorted by id); h and uses are valid only during the call. Cost: one
// sequential pass over the account records.
func (s *Store) ScanAccountUses(fn func(acct NodeID, st AccountStats, h *Hours, uses []Use) error) error {
	return s.scanAccountAdj([]byte{pAcctAdj}, true, fn)
}

// ScanEdges calls fn for every edge, ordered by account then attribute.
func (s *Store) ScanEdges(fn func(e Edge) error) error {
	return s.ScanAccountUses(func(acct NodeID, _ AccountStats, _ *Hours, uses []Use) error {
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
	return s.ScanAccountUses(func(acct NodeID, st AccountStats, _ *Hours, _ []Use) error { return fn(acct, st) })
}

// AccountRecord returns one account's merged statistics, its requests'
// hours of the day and the attributes it used, in attribute id order:
// one prefix scan.
func (s *Store) AccountRecord(acct NodeID) (AccountStats, Hours, []Use, error) {
	var st AccountStats
	var h Hours
	var out []Use
	found := false
	err := s.scanAccountAdj(binary.BigEndian.AppendUint32([]byte{pAcctAdj}, uint32(acct)), false, func(_ NodeID, a AccountStats, hs *Hours, uses []Use) error {
		st, h, out, found = a, *hs, append([]Use(nil), uses...), true
		return nil
	})
	if err == nil && !found {
		err = fmt.Errorf("account %d: %w", acct, ErrNotFound)
	}
	return st, h, out, err
}

// Account returns one account's merged statistics.
func (s *Store) Account(acct NodeID) (AccountStats, error) {
	st, _, _, err := s.AccountRecord(acct)
	return st, err
}

// AccountEdges returns the attributes an account used, in attribute id
// order: one prefix scan.
func (s *Store) AccountEdges(acct NodeID) ([]Edge, error) {
	_, _, uses, err := s.AccountRecord(acct)
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
	_, _, uses, err := s.AccountRecord(acct)
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
	err = s.view(func(txn *badger.Txn) error {
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
	// Format is the database's format version (see FormatVersion).
	Format uint32
	// Requests counts the accounts' requests; Dated those counted in
	// Hours, which leaves out the requests a database took in before
	// format 4.
	Requests, Dated uint64
}

// Stats counts nodes by kind and edges with one pass over the keys.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Nodes: map[Kind]int64{}}
	err := s.ScanNodes(func(_ NodeID, k Kind, _ []byte) error { st.Nodes[k]++; return nil })
	if err != nil {
		return st, err
	}
	err = s.ScanAccountUses(func(_ NodeID, a AccountStats, h *Hours, uses []Use) error {
		st.Edges += int64(len(uses))
		st.Requests += a.Requests
		st.Dated += h.Total()
		return nil
	})
	if err != nil {
		return st, err
	}
	err = s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(formatKey)
		if err != nil {
			return fmt.Errorf("read format version: %w", err)
		}
		if err := item.Value(func(v []byte) error {
			if len(v) != 4 {
				return fmt.Errorf("format version: %w", ErrCorrupt)
			}
			st.Format = binary.BigEndian.Uint32(v)
			return nil
		}); err != nil {
			return err
		}
		it := keysIterator(txn, []byte{pAcctAdj})
		defer it.Close()
		p := s.pacer()
		for it.Rewind(); it.Valid(); it.Next() {
			p.step()
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
