package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// checkTables reads the footer of every table the database's manifest
// lists and refuses a table that is missing or whose footer points
// outside it (a file truncated by a full disk, a bad copy, or a tool that
// wrote over it). Badger opens tables on goroutines of its own and reads
// such a footer past the start of the file, a panic no caller can
// recover: the command would die with a stack trace and exit 2, the code
// for a usage error. Checksums are Badger's to verify; this is only the
// bounds of the reads that open a table.
//
// Cost: the manifest, and 8 bytes plus one small read per table.
func checkTables(dir string, opt badger.Options) error {
	mf, err := os.Open(filepath.Join(dir, badger.ManifestFilename))
	if errors.Is(err, os.ErrNotExist) {
		return nil // a new database
	}
	if err != nil {
		return err
	}
	defer mf.Close()
	m, _, err := badger.ReplayManifestFile(mf, opt.ExternalMagicVersion, opt)
	if err != nil {
		return nil // Badger reports a bad manifest itself, without a panic
	}
	for id := range m.Tables {
		name := fmt.Sprintf("%06d.sst", id)
		if err := checkTable(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("%w: table %s %v; restore the database from a backup, or ingest the traffic again into a new one", ErrDamaged, name, err)
		}
	}
	return nil
}

// tableName finds a table's file name in Badger's errors.
var tableName = regexp.MustCompile(`[0-9]{6,}\.sst`)

// removeEmptyMemtables deletes the empty memtable logs a kill can leave:
// Badger drops a flushed memtable's log by truncating it, then removing
// it, and a process killed in between leaves a 0-byte *.mem file, which
// the next open takes for a file to create and fails on, once. A live
// log is never empty (it is created at its full size), so an empty one
// holds nothing to lose.
func removeEmptyMemtables(dir string) error {
	logs, err := filepath.Glob(filepath.Join(dir, "*.mem"))
	if err != nil {
		return err
	}
	for _, p := range logs {
		if fi, err := os.Stat(p); err == nil && fi.Size() == 0 {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkTable checks the footer of one table file: from its end, a 4-byte
// checksum length, the checksum, a 4-byte index length and the index.
// Neither the checksum nor the index is ever empty: zeros there are a
// file extended by a copy or a truncate, not a table.
func checkTable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("is missing")
		}
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	u32At := func(off int64) (int64, bool) {
		var b [4]byte
		if off < 0 || off+4 > size {
			return 0, false
		}
		if _, err := f.ReadAt(b[:], off); err != nil {
			return 0, false
		}
		return int64(binary.BigEndian.Uint32(b[:])), true
	}
	chk, ok := u32At(size - 4)
	if !ok || chk == 0 || chk > size-8 {
		return fmt.Errorf("is cut short or damaged (%d bytes)", size)
	}
	idx, ok := u32At(size - 8 - chk)
	if !ok || idx < 4 || idx > size-8-chk {
		return fmt.Errorf("is cut short or damaged (%d bytes)", size)
	}
	return nil
}

// view runs fn in a read transaction, as badger.DB.View does, and turns
// the panic Badger's block iterator raises on a damaged table block into
// ErrDamaged naming the table and block: a damaged database is an
// operational error, not a crash. Any other panic goes on.
//
// Badger's own goroutines (compaction) can meet the same damage; that
// panic no caller can recover, and the process dies with it.
func (s *Store) view(fn func(txn *badger.Txn) error) (err error) {
	defer damagedBlock(&err)
	return s.db.View(fn)
}

// update is view for a read-write transaction (badger.DB.Update).
func (s *Store) update(fn func(txn *badger.Txn) error) (err error) {
	defer damagedBlock(&err)
	return s.db.Update(fn)
}

// damagedBlock, deferred, turns Badger's damaged-block panic into
// ErrDamaged in *err and lets any other panic go on.
func damagedBlock(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if msg, ok := r.(string); ok && strings.HasPrefix(msg, badgerBlockPanic) {
		var table, block int
		fmt.Sscanf(strings.TrimPrefix(msg, badgerBlockPanic), "\nTable ID: %d\nBlock ID: %d", &table, &block)
		*err = fmt.Errorf("%w: table %06d.sst has a damaged block (%d); %s", ErrDamaged, table, block, damagedAdvice)
		return
	}
	// Damage the block iterator does not check (a value's header, say)
	// makes Badger's decoders index out of range instead. Such a panic is
	// damage only when Badger's own code raised it: one raised in the
	// caller's function, which Badger calls, is a bug and goes on.
	if re, ok := r.(runtime.Error); ok && raisedInBadger() {
		*err = fmt.Errorf("%w: a table has a damaged entry (%v); %s", ErrDamaged, re, damagedAdvice)
		return
	}
	panic(r)
}

const damagedAdvice = "restore the database from a backup, or ingest the traffic again into a new one"

// raisedInBadger reports whether the panic being recovered was raised in
// Badger's code. Called from a deferred function, the stack still holds
// the frames that panicked, just past the runtime's panic functions.
func raisedInBadger() bool {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic" || strings.HasPrefix(f.Function, "runtime.panic") || strings.HasPrefix(f.Function, "runtime.goPanic"):
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return strings.HasPrefix(f.Function, "github.com/dgraph-io/badger/")
		}
		if !more {
			return false
		}
	}
}

// badgerBlockPanic starts the message of the panic Badger's table block
// iterator raises when an entry lies outside its block (badger/v4
// table/iterator.go).
const badgerBlockPanic = "==== Recovered===="
