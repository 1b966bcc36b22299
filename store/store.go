package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/y"
)

// Options tune how a database is opened.
type Options struct {
	// Create makes the database when the directory is missing or empty.
	// Read-only commands leave it false so that a typo in --db is reported
	// instead of silently creating an empty database.
	Create bool
	// Command names the running command in the lock file, so a second
	// process can say what holds the database.
	Command string
	// Logger receives Badger's warnings and errors; nil discards them.
	Logger *slog.Logger
}

// Store is an open ringlink database. A Store is used by one process at a
// time (an exclusive lock file enforces it); its methods may be called from
// one goroutine at a time unless documented otherwise.
type Store struct {
	db     *badger.DB
	dir    string
	lock   *os.File
	nodes  *nodeCache // ingest-side dictionary cache, loaded by the first batch
	nextID NodeID
	// openNextID is nextID when the store was opened: older nodes may hold
	// records from earlier processes.
	openNextID NodeID
	// shown bounds the nodes readers see: ids below it belong to
	// committed batches (see shownKey). Only the writing goroutine moves
	// it, after a checkpoint.
	shown    atomic.Uint32
	shownSet bool    // shownKey is written (this process's first Commit does it)
	deltas   []uint8 // per node: see touched
	// commitFailed: a batch may have records without its checkpoint. The
	// next run replays it, so Fold must leave its records alone.
	commitFailed bool
	// foldAll: the database was opened with unfoldedKey set, so Fold
	// covers every node; marked: this process has set it.
	foldAll, marked bool
	// formatSet: this process has raised the format to FormatVersion
	// (its first Commit with records does).
	formatSet bool
	// comm caches committedBatches; checkpoints are written from ingest's
	// committer goroutine, hence the lock.
	commMu   sync.Mutex
	comm     committed
	log      *slog.Logger
	trim     *trimmer      // nil where the platform cannot trim; see mapped.go
	stopTrim chan struct{} // closed by Close
	trimDone chan struct{}
}

const lockName = "ringlink.lock"

// testHookLocked, when set (by tests), runs once Open holds the lock of
// dir and before Badger writes anything in it.
var testHookLocked func(dir string)

// Open opens (and with Options.Create, creates) the database in dir.
func Open(dir string, opt Options) (*Store, error) {
	lock, err := lockDir(dir, opt)
	if err != nil {
		return nil, err
	}
	if testHookLocked != nil {
		testHookLocked(dir)
	}
	bopt := badger.DefaultOptions(dir).
		WithLogger(badgerLogger{l: opt.Logger, errs: new(atomic.Int64)}).
		// A small memory profile: ingest aggregates its batches itself, so
		// big memtables buy little and cost RSS (see BENCHMARKS.md).
		WithMemTableSize(memtableSizeFor(dir)).
		WithNumMemtables(2).
		WithBlockCacheSize(32 << 20).
		WithIndexCacheSize(16 << 20).
		// Ingest writes faster than two cores compact: with Badger's default
		// L0 limits, writes stalled for more than half of a 1.5M-record
		// ingest (51 s against 22 s with these). Snappy is off because the
		// values are varints already and the CPU is needed elsewhere.
		WithBaseTableSize(8 << 20).
		WithNumLevelZeroTables(8).
		WithNumLevelZeroTablesStall(24).
		WithCompression(options.None).
		WithValueThreshold(1 << 10).
		WithDetectConflicts(false).
		WithNumVersionsToKeep(1).
		WithNumCompactors(2)
	// Compaction builds each output table in memory, several at once, and
	// Badger's default doubles table size per level (64 MB at L6): on a
	// 12M-record load those builders held 256 MB. Tables of one size at
	// every level bound them (about 16 MB each).
	bopt.TableSizeMultiplier = 1
	if err := removeEmptyMemtables(dir); err != nil {
		releaseLock(lock)
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	if err := checkTables(dir, bopt); err != nil {
		releaseLock(lock)
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	db, err := badger.Open(bopt)
	if err != nil {
		releaseLock(lock)
		// Badger checks each table's index at open, and its error keeps
		// only the text of ErrChecksumMismatch (and spells the path
		// three times).
		if errors.Is(err, y.ErrChecksumMismatch) || strings.Contains(err.Error(), y.ErrChecksumMismatch.Error()) {
			what := err.Error()
			if m := tableName.FindString(what); m != "" {
				what = "table " + m + " has a damaged index"
			}
			err = fmt.Errorf("%w: %s; restore the database from a backup, or ingest the traffic again into a new one", ErrDamaged, what)
		}
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	s := &Store{db: db, dir: dir, lock: lock, log: opt.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if err := s.checkFormat(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.readNextID(); err != nil {
		s.Close()
		return nil, err
	}
	s.openNextID = s.nextID
	if err := s.readShown(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.view(func(txn *badger.Txn) error {
		_, err := txn.Get(unfoldedKey)
		s.foldAll = err == nil
		s.marked = s.foldAll
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	}); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	s.stopTrim, s.trimDone = make(chan struct{}), make(chan struct{})
	s.trim = newTrimmer(dir, s.log)
	startTrimmer(s.trim, s.stopTrim, s.trimDone)
	return s, nil
}

// lockDir takes the lock of the database in dir, creating the directory
// when it is missing and opt.Create is set, and judges what the directory
// holds only under the lock. A database is being created while its lock is
// held and before Badger has written its manifest: judged from outside
// the lock, another process would take it for an unrelated directory.
func lockDir(dir string, opt Options) (*os.File, error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if !opt.Create {
			return nil, fmt.Errorf("%w at %s (run ringlink ingest first, or set --db)", ErrNoDatabase, dir)
		}
		lock, cerr := createLocked(dir, opt.Command)
		if !errors.Is(cerr, os.ErrExist) {
			return lock, cerr
		}
		// Another process created it first: judge it as it is now.
		fi, err = os.Stat(dir)
	}
	switch {
	case err == nil && !fi.IsDir():
		return nil, fmt.Errorf("%s: %w: it is a file, not a directory", dir, ErrNotDatabase)
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", dir, err)
	}
	if !hasEntry(entries, lockName) {
		// Never opened by ringlink: judge it before putting a lock file
		// among someone's files (an analyst who passes --db ~/Downloads
		// should get an error, not a Badger store in it).
		if err := checkLooksLikeDB(dir, entries, opt.Create); err != nil {
			return nil, err
		}
	}
	lock, err := acquireLock(dir, opt.Command)
	if err != nil {
		return nil, err
	}
	// The holder that went before may have created the database since.
	if entries, err = os.ReadDir(dir); err != nil {
		err = fmt.Errorf("open database %s: %w", dir, err)
	} else {
		err = checkLooksLikeDB(dir, entries, opt.Create)
	}
	if err != nil {
		releaseLock(lock)
		return nil, err
	}
	return lock, nil
}

// createSeq tells apart the directories one process creates at once.
var createSeq atomic.Uint64

// createLocked creates the database directory dir holding its lock file,
// already locked: it is made under a temporary name next to dir and
// renamed into place, so that no other process sees dir empty or without
// its lock. It fails with an error satisfying os.ErrExist when dir was
// created meanwhile.
func createLocked(dir, command string) (*os.File, error) {
	clean := filepath.Clean(dir)
	if _, err := os.Lstat(clean); err == nil { // a dangling symlink, say
		return nil, fmt.Errorf("create database %s: %w", dir, os.ErrExist)
	}
	parent := filepath.Dir(clean)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create database %s: %w", dir, err)
	}
	var tmp string
	for {
		tmp = filepath.Join(parent, fmt.Sprintf(".%s.new-%d-%d", filepath.Base(clean), os.Getpid(), createSeq.Add(1)))
		err := os.Mkdir(tmp, 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) { // else left by a killed process whose pid was ours
			return nil, fmt.Errorf("create database %s: %w", dir, err)
		}
	}
	lock, err := acquireLock(tmp, command)
	if err == nil {
		// Replaces dir only when it is an empty directory made meanwhile.
		if err = os.Rename(tmp, clean); err == nil {
			return lock, nil
		}
		releaseLock(lock)
	}
	os.RemoveAll(tmp)
	if _, serr := os.Lstat(clean); serr == nil {
		return nil, fmt.Errorf("create database %s: %w", dir, os.ErrExist)
	}
	return nil, fmt.Errorf("create database %s: %w", dir, err)
}

// checkLooksLikeDB judges the entries of the existing directory dir: a
// database, or (with create) an empty directory to make one in. The lock
// file, with the pid file Badger writes first, is what a process that
// died while creating the database leaves: no database yet.
func checkLooksLikeDB(dir string, entries []os.DirEntry, create bool) error {
	others := 0
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "MANIFEST":
			return nil
		case name == lockName, name == "LOCK" && hasEntry(entries, lockName):
		default:
			others++
		}
	}
	switch {
	case others > 0:
		return fmt.Errorf("%s: %w (the directory holds other files)", dir, ErrNotDatabase)
	case create:
		return nil
	case len(entries) == 0:
		return fmt.Errorf("%w at %s (the directory is empty; run ringlink ingest first)", ErrNoDatabase, dir)
	default:
		return fmt.Errorf("%w at %s (its creation was cut short; run ringlink ingest)", ErrNoDatabase, dir)
	}
}

func hasEntry(entries []os.DirEntry, name string) bool {
	for _, e := range entries {
		if e.Name() == name {
			return true
		}
	}
	return false
}

// acquireLock takes an exclusive, non-blocking flock on dir/ringlink.lock
// and writes our pid into it. The kernel drops the lock when the process
// dies, so a killed ingest never leaves a stale lock behind.
func acquireLock(dir, command string) (*os.File, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock database %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := "another process"
		if b, rerr := os.ReadFile(path); rerr == nil {
			if fields := strings.Fields(string(b)); len(fields) > 0 {
				if _, perr := strconv.Atoi(fields[0]); perr == nil {
					holder = "ringlink pid " + fields[0]
					if len(fields) > 1 {
						holder += " (" + strings.Join(fields[1:], " ") + ")"
					}
				}
			}
		}
		f.Close()
		return nil, fmt.Errorf("%w: %s holds %s; wait for it to finish", ErrLocked, holder, dir)
	}
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "%d %s\n", os.Getpid(), command)
	}
	return f, nil
}

func releaseLock(f *os.File) {
	f.Truncate(0)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// checkFormat writes the format version into a new database and refuses one
// written by a newer format.
func (s *Store) checkFormat() error {
	return s.update(func(txn *badger.Txn) error {
		item, err := txn.Get(formatKey)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, FormatVersion))
		}
		if err != nil {
			return fmt.Errorf("read format version of %s: %w", s.dir, err)
		}
		v, err := item.ValueCopy(nil)
		if err != nil || len(v) != 4 {
			return fmt.Errorf("format version of %s: %w", s.dir, ErrCorrupt)
		}
		if got := binary.BigEndian.Uint32(v); got > FormatVersion {
			return fmt.Errorf("%w: %s has format %d, this build reads up to %d; upgrade ringlink", ErrNewerFormat, s.dir, got, FormatVersion)
		}
		return nil
	})
}

// Close flushes and closes the database and releases the lock.
func (s *Store) Close() error {
	// Closing waits for running compactions, which go on reading tables:
	// the trimmer keeps their pages in check until the tables are unmapped
	// (stopped first, closing ingests peaked at over 1 GB of them).
	err := s.db.Close()
	if s.stopTrim != nil {
		close(s.stopTrim)
		<-s.trimDone
		s.stopTrim = nil
	}
	releaseLock(s.lock)
	if err != nil {
		return fmt.Errorf("close database %s: %w", s.dir, err)
	}
	return nil
}

// memtableBytes is the size of Badger's memtables. A memtable also sets
// the size of the level-0 table it is flushed to, and Badger keeps up to
// eight table builders pooled, each with the memory of the largest table
// it built: 12 MB memtables flush to tables that fit a builder's first
// buffer (twice the 8 MB base table size); 16 MB ones overflowed it and
// grew every pooled builder to 48 MB.
const memtableBytes = 12 << 20

// memtableSizeFor is the memtable size to open dir with: memtableBytes,
// unless the database holds memtable logs written with larger memtables
// (by a process that died before flushing them, under an older ringlink).
// Badger replays a log into a memtable of the size it is opened with and
// exits the process when it does not fit; the logs are gone once flushed,
// and the next open takes memtableBytes again. Badger creates each log at
// twice its memtable size.
func memtableSizeFor(dir string) int64 {
	size := int64(memtableBytes)
	logs, _ := filepath.Glob(filepath.Join(dir, "*.mem"))
	for _, p := range logs {
		if fi, err := os.Stat(p); err == nil && fi.Size()/2 > size {
			size = fi.Size() / 2
		}
	}
	return size
}

// Dir is the database directory.
func (s *Store) Dir() string { return s.dir }

// badgerLogger routes Badger's own log lines to slog. Info and debug lines
// are dropped: they describe compactions, not anything a user acts on.
// Errors are logged up to maxBadgerErrors per process: a damaged value
// log makes Badger log one per entry it cannot read, hundreds of lines
// before the one-line error that says what happened.
type badgerLogger struct {
	l    *slog.Logger
	errs *atomic.Int64
}

const maxBadgerErrors = 5

func (b badgerLogger) Errorf(f string, a ...any) {
	if b.l == nil {
		return
	}
	switch n := b.errs.Add(1); {
	case n <= maxBadgerErrors:
		b.l.Error("badger: " + strings.Join(strings.Fields(fmt.Sprintf(f, a...)), " "))
	case n == maxBadgerErrors+1:
		b.l.Error("badger: further errors from the storage library are not logged")
	}
}

// Warningf logs at info level: Badger's warnings are about its cache
// sizing and compaction, which a user cannot act on, and some span many
// lines (histograms), which are folded into one.
func (b badgerLogger) Warningf(f string, a ...any) {
	if b.l != nil {
		b.l.Info("badger: " + strings.Join(strings.Fields(fmt.Sprintf(f, a...)), " "))
	}
}
func (badgerLogger) Infof(string, ...any)  {}
func (badgerLogger) Debugf(string, ...any) {}
