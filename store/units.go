package store

import (
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

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
