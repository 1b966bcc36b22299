package store

import (
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// Fold transactions stay well inside Badger's per-transaction limits (15%
// of a 12 MB memtable), so that a node's unit never has to be split; a
// node whose fold would not fit (a hub used by millions) keeps its deltas.
const (
	maxTxnEntries = 4096
	maxTxnBytes   = 1 << 20
)

// unitWriter groups whole units into transactions and writes them with
// one transaction in flight while it fills the next, so that building the
// writes (on the caller's goroutine) overlaps with Badger applying them
// (on its write goroutine). Transactions are committed in order and one is
// sent only once the one before it is known to be written, so what is
// durable after a failure is always a prefix of the units, as with
// synchronous commits.
type unitWriter struct {
	// skipBig drops a unit too big for one transaction instead of failing:
	// right for Fold, whose units are optional.
	skipBig  bool
	db       *badger.DB
	txn      *badger.Txn
	n        int
	bytes    int
	inflight chan error // the outcome of the transaction being written; nil when none
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
		if err := w.send(); err != nil {
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

// send commits the filled transaction without waiting for it to be
// written, and opens the next one.
func (w *unitWriter) send() error {
	// Badger opens a write transaction only once every transaction
	// committed before it is written: opened after this commit, the next
	// one would wait for it and nothing would overlap. Opened before, it
	// waits only for the one in flight, which had the filling of this one
	// to get written.
	next := w.db.NewTransaction(true)
	if err := w.wait(); err != nil {
		next.Discard()
		return err
	}
	done := make(chan error, 1)
	w.txn.CommitWith(func(err error) { done <- err })
	w.txn, w.n, w.bytes = next, 0, 0
	w.inflight = done
	return nil
}

// wait waits for the transaction in flight, if any, and returns its error.
func (w *unitWriter) wait() error {
	if w.inflight == nil {
		return nil
	}
	err := <-w.inflight
	w.inflight = nil
	return err
}

// commit writes everything added and waits until it is written.
func (w *unitWriter) commit() error {
	if err := w.wait(); err != nil {
		return err
	}
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
		w.txn = nil
	}
	w.wait()
}
