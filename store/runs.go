package store

import (
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Run records (linkage runs, their clusters and account assignments) live
// under prefix 0x09. Their encoding belongs to package linkage; the store
// only guarantees that each PutRecords call is atomic, so a run is either
// recorded whole or not at all.

// RunRecord is one key/value under the run prefix (the prefix excluded).
type RunRecord struct {
	Key, Value []byte
}

// PutRecords writes recs in one transaction when they fit, or fails
// without writing anything.
func (s *Store) PutRecords(recs []RunRecord) error {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	for _, r := range recs {
		if err := txn.Set(runKey(r.Key), r.Value); err != nil {
			if errors.Is(err, badger.ErrTxnTooBig) {
				return fmt.Errorf("write run records: %d records do not fit one transaction: %w", len(recs), err)
			}
			return fmt.Errorf("write run records: %w", err)
		}
	}
	if err := txn.Commit(); err != nil {
		return fmt.Errorf("write run records: %w", err)
	}
	return nil
}

// GetRecord reads one run record; ErrNotFound when absent.
func (s *Store) GetRecord(key []byte) ([]byte, error) {
	out, found, err := s.getCopy(runKey(key))
	if err == nil && !found {
		err = ErrNotFound
	}
	return out, err
}

// getCopy reads the value under key, copied out of Badger's buffers;
// found is false when the key is absent.
func (s *Store) getCopy(key []byte) (out []byte, found bool, err error) {
	err = s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		out, err = item.ValueCopy(nil)
		return err
	})
	return out, found, err
}

// ScanRecords calls fn for every run record whose key starts with prefix,
// in key order. Slices are valid only during the call.
func (s *Store) ScanRecords(prefix []byte, fn func(key, value []byte) error) error {
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = runKey(prefix)
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if err := item.Value(func(v []byte) error { return fn(item.Key()[1:], v) }); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteRecords writes run records in as many
// transactions as needed, for bulk data (such as per-account cluster
// assignments) whose atomicity is provided by a final PutRecords that
// marks the run complete.
func (s *Store) WriteRecords(recs []RunRecord) error {
	return s.writeBatch("write run records", func(wb *badger.WriteBatch) error {
		for _, r := range recs {
			if err := wb.Set(runKey(r.Key), r.Value); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeBatch runs fill on a new WriteBatch and flushes it, in as many
// transactions as Badger needs; errors are prefixed with what.
func (s *Store) writeBatch(what string, fill func(wb *badger.WriteBatch) error) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	if err := fill(wb); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// DeleteRecords deletes the run records with the given keys (the prefix
// excluded) in as many transactions as needed. It is not atomic: callers
// delete what no committed record points to any more, so that a delete
// cut short is simply done again.
func (s *Store) DeleteRecords(keys [][]byte) error {
	return s.writeBatch("delete run records", func(wb *badger.WriteBatch) error {
		for _, k := range keys {
			if err := wb.Delete(runKey(k)); err != nil {
				return err
			}
		}
		return nil
	})
}

// ReclaimSpace rewrites value-log files that are mostly deleted records
// (such as pruned runs' cluster records, the only values large enough
// to live there), at most maxFiles of them, and returns how many it
// rewrote. Deleted keys alone leave their values on disk until then.
func (s *Store) ReclaimSpace(maxFiles int) (int, error) {
	n := 0
	for ; n < maxFiles; n++ {
		err := s.db.RunValueLogGC(0.5)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			break
		}
		if err != nil {
			return n, fmt.Errorf("reclaim value log: %w", err)
		}
	}
	return n, nil
}

// MinerState returns the template miner's state as of the last committed
// batch (see Batch.PutMinerState), or nil when none was stored.
func (s *Store) MinerState() ([]byte, error) {
	out, _, err := s.getCopy(minerStateKey)
	if err != nil {
		return nil, fmt.Errorf("read template miner state: %w", err)
	}
	return out, nil
}

// RepairTemplates rewrites the template records put (ids[i] gets data[i])
// and deletes those of drop: how package templates takes records written
// for a batch that never committed back to the committed state. Each
// record is rewritten whole, so a repair interrupted half way is simply
// done again.
func (s *Store) RepairTemplates(ids []uint32, data [][]byte, drop []uint32) error {
	return s.writeBatch("repair templates", func(wb *badger.WriteBatch) error {
		for i, id := range ids {
			if err := wb.Set(templateKey(id), data[i]); err != nil {
				return err
			}
		}
		for _, id := range drop {
			if err := wb.Delete(templateKey(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// TemplateState returns the stored state of template id: one lookup.
func (s *Store) TemplateState(id uint32) (data []byte, found bool, err error) {
	err = s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(templateKey(id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		data, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("template %d: %w", id, err)
	}
	return data, found, nil
}

// ScanTemplates calls fn for every stored template state in id order.
func (s *Store) ScanTemplates(fn func(id uint32, data []byte) error) error {
	return s.view(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pTemplate}
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			if len(item.Key()) != 5 {
				return fmt.Errorf("template key: %w", ErrCorrupt)
			}
			id := be32(item.Key()[1:])
			if err := item.Value(func(v []byte) error { return fn(id, v) }); err != nil {
				return fmt.Errorf("template %d: %w", id, err)
			}
		}
		return nil
	})
}
