package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cespare/xxhash/v2"
	badger "github.com/dgraph-io/badger/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openTestDB opens a fresh database in a temporary directory that is
// closed when the test ends.
func openTestDB(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true, Command: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func TestKeysRoundTrip(t *testing.T) {
	k := adjKey(nil, pAcctAdj, 1<<31+3, 9, 1<<20, 7)
	node, src, batch, part, err := decodeAdjKey(k)
	require.NoError(t, err)
	assert.Equal(t, []any{NodeID(1<<31 + 3), uint32(9), uint32(1 << 20), uint16(7)}, []any{node, src, batch, part})
	_, _, _, _, err = decodeAdjKey(k[:10])
	assert.ErrorIs(t, err, ErrCorrupt)
	block, err := decodeNodeBlockKey(nodeBlockKey(258))
	require.NoError(t, err)
	assert.Equal(t, uint32(258), block)
	var walked []string
	v := appendNodeEntry(appendNodeEntry(binary.AppendUvarint(nil, 70), []byte{byte(KindIP), '1'}), []byte{byte(KindEmail)})
	require.NoError(t, walkNodeBlock(v, func(id NodeID, k Kind, value []byte) error {
		walked = append(walked, fmt.Sprintf("%d %s %q", id, k, value))
		return nil
	}))
	assert.Equal(t, []string{`70 ip "1"`, `71 email ""`}, walked)
	assert.ErrorIs(t, walkNodeBlock(v[:3], func(NodeID, Kind, []byte) error { return nil }), ErrCorrupt)
	// Big-endian: numeric order is byte order, and folded records (src 0)
	// sort before deltas.
	assert.Less(t, string(adjKey(nil, pAcctAdj, 255, 9, 9, 0)), string(adjKey(nil, pAcctAdj, 256, 0, 0, 0)))
	assert.Less(t, string(adjKey(nil, pAcctAdj, 5, 0, 0, 1)), string(adjKey(nil, pAcctAdj, 5, 1, 0, 0)))

	uses := []Use{{Attr: 3, EdgeStats: EdgeStats{Count: 2, Tokens: 9, First: 100, Last: 150}}, {Attr: 1 << 30, EdgeStats: EdgeStats{Count: 1, First: 7, Last: 7}}}
	st := AccountStats{Requests: 3, Signups: 1, Tokens: 9, First: 7, Last: 150, Signup: 7}
	var noHours Hours
	gotSt, gotUses, err := decodeAccount(encodeAccount(nil, st, &noHours, uses), &noHours, nil)
	require.NoError(t, err)
	assert.Equal(t, st, gotSt)
	assert.Equal(t, uses, gotUses)
	assert.Zero(t, noHours.Total(), "a value without requests' hours adds none")
	hours := Hours{0: 1, 13: 1 << 20, 23: math.MaxUint32}
	busy := st
	busy.Requests = 1 << 40
	av := encodeAccount(nil, busy, &hours, uses)
	got := Hours{13: 1}
	_, gotUses, err = decodeAccount(av, &got, nil)
	require.NoError(t, err)
	assert.Equal(t, uses, gotUses)
	assert.Equal(t, Hours{0: 1, 13: 1<<20 + 1, 23: math.MaxUint32}, got, "decoding adds to what the account's earlier records gave")
	got.Add(&hours)
	assert.Equal(t, uint32(math.MaxUint32), got[23], "counts saturate")
	for _, bad := range [][]byte{
		append(av[:len(av):len(av)], 0),                                       // bytes after the hours
		binary.AppendUvarint(encodeAccount(nil, st, nil, uses), 1<<24),        // an hour past 23
		append(binary.AppendUvarint(encodeAccount(nil, st, nil, uses), 1), 0), // a zero count stored
		append(encodeAccount(nil, st, nil, uses), 0),                          // an empty hours section
		encodeAccount(nil, st, &Hours{5: 4}, uses),                            // more dated requests than requests
		encodeAccount(nil, AccountStats{}, &Hours{5: 1}, uses),                // hours in a later part
	} {
		_, _, err = decodeAccount(bad, &got, nil)
		assert.ErrorIs(t, err, ErrCorrupt)
	}
	ids := []NodeID{1, 5, 1 << 31}
	gotIDs, err := decodeAccounts(encodeAccounts(nil, ids), nil)
	require.NoError(t, err)
	assert.Equal(t, ids, gotIDs)
	_, err = decodeAccounts([]byte{5, 1}, nil)
	assert.ErrorIs(t, err, ErrCorrupt)

	// A value cut short is corrupt, not a short account.
	_, _, err = decodeAccount(encodeAccount(nil, st, nil, uses)[:3], &noHours, nil)
	assert.ErrorIs(t, err, ErrCorrupt)

	for _, tc := range []struct{ value, shown string }{
		{"m:12", "12"},
		{"u:tpl-7", "tpl-7"},
		{"u:12", "u:12"}, // a supplied number must not pass for mined template 12
		{"u:m:3", "u:m:3"},
		{"u:u:x", "u:u:x"},
	} {
		assert.Equal(t, tc.shown, TemplateDisplay(tc.value), tc.value)
		assert.Equal(t, tc.value, ParseTemplate(tc.shown), tc.shown)
	}

	for _, k := range Kinds {
		back, err := ParseKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, back)
	}
}

// writeBatch commits one batch with the given edges under (src, batch).
func writeBatch(t *testing.T, s *Store, src *Source, batch uint32, edges [][2]string) {
	t.Helper()
	src.Batches = batch + 1 // Commit's contract: src holds the progress after the batch
	require.NoError(t, fillBatch(t, s, edges).Commit(src, batch))
}

// failCommit writes batch of src, records and all, but fails its
// checkpoint.
func failCommit(t *testing.T, s *Store, src *Source, batch uint32, edges [][2]string) {
	t.Helper()
	failCheckpointForTest = errors.New("disk full")
	defer func() { failCheckpointForTest = nil }()
	src.Batches = batch + 1
	require.Error(t, fillBatch(t, s, edges).Commit(src, batch))
}

// fillBatch returns a new batch holding one use of each edge.
func fillBatch(t *testing.T, s *Store, edges [][2]string) *Batch {
	t.Helper()
	return fillBatchAt(t, s, edges, func(i int) int64 { return int64(1000 + i) })
}

// fillBatchAt is fillBatch with edge i's use dated at(i) (unix ms).
func fillBatchAt(t *testing.T, s *Store, edges [][2]string, at func(i int) int64) *Batch {
	t.Helper()
	b, err := s.NewBatch()
	require.NoError(t, err)
	for i, e := range edges {
		a, err := b.Node(KindAccount, []byte(e[0]))
		require.NoError(t, err)
		x, err := b.Node(KindIP, []byte(e[1]))
		require.NoError(t, err)
		b.Account(a, at(i), 10, false)
		b.Edge(a, x, at(i), 10)
	}
	return b
}

func TestBatchCommitAndRead(t *testing.T) {
	s, _ := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 42, Path: "f"})
	require.NoError(t, err)
	assert.Equal(t, uint32(1), src.ID)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}, {"a", "1.1.1.1"}})
	writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"c", "2.2.2.2"}})

	a, err := s.Lookup(KindAccount, "a")
	require.NoError(t, err)
	ip, err := s.Lookup(KindIP, "1.1.1.1")
	require.NoError(t, err)
	st, err := s.Edge(a, ip)
	require.NoError(t, err)
	assert.Equal(t, EdgeStats{Count: 3, Tokens: 30, First: 1000, Last: 1002}, st, "deltas of two batches merge")
	accts, err := s.AttrAccounts(ip)
	require.NoError(t, err)
	assert.Len(t, accts, 2)
	as, err := s.Account(a)
	require.NoError(t, err)
	assert.Equal(t, uint64(3), as.Requests)

	// Replaying batch 1 (as after a crash) must not double count.
	writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"c", "2.2.2.2"}})
	st, err = s.Edge(a, ip)
	require.NoError(t, err)
	assert.Equal(t, uint64(3), st.Count)

	stats, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(3), stats.Nodes[KindAccount])
	assert.Equal(t, int64(3), stats.Edges)
	assert.Equal(t, int64(4), stats.Keys, "a and c have a record per batch, b one")

	require.NoError(t, s.Fold(context.Background()))
	stats, err = s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(3), stats.Edges)
	assert.Equal(t, int64(3), stats.Keys, "fold leaves one record per account")
	st, err = s.Edge(a, ip)
	require.NoError(t, err)
	assert.Equal(t, EdgeStats{Count: 3, Tokens: 30, First: 1000, Last: 1002}, st, "fold keeps the merged value")
	as, err = s.Account(a)
	require.NoError(t, err)
	assert.Equal(t, uint64(3), as.Requests)
}

func TestNodeIDsSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true})
	require.NoError(t, err)
	src, err := s.NewSource(Source{Hash: 1})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "x"}, {"b", "y"}})
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{})
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, NodeID(4), s.MaxNodeID())
	writeBatch(t, s, &src, 1, [][2]string{{"a", "z"}})
	id, err := s.Lookup(KindAccount, "a")
	require.NoError(t, err)
	assert.Equal(t, NodeID(1), id, "existing node keeps its id")
	z, err := s.Lookup(KindIP, "z")
	require.NoError(t, err)
	assert.Equal(t, NodeID(5), z, "new node gets the next id")
}

func TestNodeCacheOverflowKeepsIDs(t *testing.T) {
	s, _ := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 1})
	require.NoError(t, err)
	b, err := s.NewBatch()
	require.NoError(t, err)
	s.nodes.max = 3 // force a drop at TrimCache
	ids := map[string]NodeID{}
	for _, v := range []string{"a", "b", "c", "d", "e", "a", "c", "e"} {
		id, err := b.Node(KindDevice, []byte(v))
		require.NoError(t, err)
		if prev, ok := ids[v]; ok {
			assert.Equal(t, prev, id, "value %s", v)
		}
		ids[v] = id
	}
	b.TrimCache()
	assert.LessOrEqual(t, s.nodes.len(), 5, "only this batch's own nodes stay")
	assert.False(t, s.nodes.complete)
	src.Batches = 1 // Commit's contract: src holds the progress after the batch
	require.NoError(t, b.Commit(&src, 0))
	b.Reset()
	s.nodes.drop() // every lookup now reads Badger
	for v, want := range ids {
		id, err := b.Node(KindDevice, []byte(v))
		require.NoError(t, err)
		assert.Equal(t, want, id, "value %s after commit", v)
	}
	assert.Len(t, b.newNodes, 0, "no node re-created")
}

func TestOpenErrors(t *testing.T) {
	t.Run("missing without create", func(t *testing.T) {
		_, err := Open(t.TempDir()+"/nope", Options{})
		assert.ErrorIs(t, err, ErrNoDatabase)
	})
	t.Run("unrelated directory", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, writeFile(dir+"/notes.txt"))
		_, err := Open(dir, Options{Create: true})
		assert.ErrorIs(t, err, ErrNotDatabase)
	})
	t.Run("held by another process", func(t *testing.T) {
		s, dir := openTestDB(t)
		_ = s
		_, err := Open(dir, Options{})
		require.ErrorIs(t, err, ErrLocked)
		assert.Contains(t, err.Error(), "pid")
		assert.Contains(t, err.Error(), "test")
	})
	t.Run("newer format", func(t *testing.T) {
		dir := t.TempDir()
		s, err := Open(dir, Options{Create: true})
		require.NoError(t, err)
		require.NoError(t, s.update(func(txn *badger.Txn) error {
			return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, FormatVersion+1))
		}))
		require.NoError(t, s.Close())
		_, err = Open(dir, Options{})
		require.ErrorIs(t, err, ErrNewerFormat)
		assert.True(t, errors.Is(err, ErrNewerFormat))
	})
}

// TestOpenDamagedTables: a table file cut short or missing ends in an
// error naming it, where Badger would panic on a goroutine of its own.
func TestOpenDamagedTables(t *testing.T) {
	tests := []struct {
		name   string
		damage func(path string) error
		want   string
	}{
		{"cut in half", func(p string) error { return resize(p, func(n int64) int64 { return n / 2 }) }, "is cut short or damaged"},
		{"a few bytes lost", func(p string) error { return resize(p, func(n int64) int64 { return n - 3 }) }, "is cut short or damaged"},
		{"padded with zeros", func(p string) error { return resize(p, func(n int64) int64 { return n + 1000 }) }, "is cut short or damaged"},
		{"missing", os.Remove, "is missing"},
		{"index damaged", flipInIndex, "has a damaged index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, Options{Create: true})
			require.NoError(t, err)
			require.NoError(t, s.update(func(txn *badger.Txn) error {
				return txn.Set([]byte("\xffk"), bytes.Repeat([]byte("v"), 100))
			}))
			require.NoError(t, s.db.Flatten(1)) // at least one table on disk
			require.NoError(t, s.Close())
			tables, err := filepath.Glob(filepath.Join(dir, "*.sst"))
			require.NoError(t, err)
			require.NotEmpty(t, tables)
			require.NoError(t, tc.damage(tables[0]))
			_, err = Open(dir, Options{})
			require.ErrorIs(t, err, ErrDamaged)
			assert.Contains(t, err.Error(), filepath.Base(tables[0])+" "+tc.want)
		})
	}
}

// TestOpenAfterKillBetweenMemtableTruncateAndRemove: the empty memtable
// log a kill leaves behind does not stop the next open, and what was
// written stays.
func TestOpenAfterKillBetweenMemtableTruncateAndRemove(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, s.update(func(txn *badger.Txn) error { return txn.Set([]byte("\xffk"), []byte("v")) }))
	require.NoError(t, s.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "00007.mem"), nil, 0o644))
	s, err = Open(dir, Options{})
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get([]byte("\xffk"))
		return err
	}))
}

// flipInIndex flips one byte in the middle of the index of the table
// at p (see checkTable for the footer's layout).
func flipInIndex(p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	chk := int(binary.BigEndian.Uint32(b[len(b)-4:]))
	idxEnd := len(b) - 8 - chk
	idx := int(binary.BigEndian.Uint32(b[idxEnd : idxEnd+4]))
	b[idxEnd-idx/2] ^= 0x5a
	return os.WriteFile(p, b, 0o644)
}

// resize truncates or extends the file at p to to(its size).
func resize(p string, to func(int64) int64) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	return os.Truncate(p, to(fi.Size()))
}

func writeFile(path string) error {
	return os.WriteFile(path, []byte("x"), 0o644)
}

func TestBloomHasNoFalseNegatives(t *testing.T) {
	b := newBloom()
	const n = 200000
	for i := uint64(0); i < n; i++ {
		b.add(xxhash.Sum64String(fmt.Sprint("in-", i)))
	}
	fp := 0
	for i := uint64(0); i < n; i++ {
		require.True(t, b.mayHave(xxhash.Sum64String(fmt.Sprint("in-", i))))
		if b.mayHave(xxhash.Sum64String(fmt.Sprint("out-", i))) {
			fp++
		}
	}
	assert.Less(t, fp, n/1000, "false positives at 200k entries")
}

func TestLoadNodesBeyondCacheUsesFilter(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true})
	require.NoError(t, err)
	src, err := s.NewSource(Source{Hash: 1})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "x"}, {"b", "y"}, {"c", "z"}})
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{})
	require.NoError(t, err)
	defer s.Close()
	defer func(old int) { cacheEntriesForTest = old }(cacheEntriesForTest)
	cacheEntriesForTest = 4 // loads 2, the other 4 nodes only into the filter
	b, err := s.NewBatch()
	require.NoError(t, err)
	assert.False(t, s.nodes.complete)
	for _, v := range []string{"a", "b", "c"} {
		id, err := b.Node(KindAccount, []byte(v))
		require.NoError(t, err)
		want, err := s.Lookup(KindAccount, v)
		require.NoError(t, err)
		assert.Equal(t, want, id, v)
	}
	assert.Empty(t, b.newNodes, "existing nodes are found, not re-created")
	id, err := b.Node(KindAccount, []byte("d"))
	require.NoError(t, err)
	assert.Equal(t, NodeID(7), id)
}

// TestFoldAcrossRuns checks that Fold leaves one record per node written in
// several batches of a run, and folds a node that runs keep touching once
// when it reaches foldOlderAt records, whichever way Fold reads them.
func TestFoldAcrossRuns(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode foldMode
	}{{"seek", foldBySeek}, {"scan", foldByScan}, {"auto", foldAuto}} {
		t.Run(tc.name, func(t *testing.T) {
			s, dir := openTestDB(t)
			src, err := s.NewSource(Source{Hash: 1, Path: "run1"})
			require.NoError(t, err)
			writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}})
			writeBatch(t, s, &src, 2, [][2]string{{"a", "2.2.2.2"}})
			require.NoError(t, s.fold(context.Background(), tc.mode))
			assert.Equal(t, [2]int{2, 2}, adjRecords(t, s), "a and b, 1.1.1.1 and 2.2.2.2: one record each")

			// Later runs touch a and 1.1.1.1 once each and add a new account.
			a, err := s.Lookup(KindAccount, "a")
			require.NoError(t, err)
			ip, err := s.Lookup(KindIP, "1.1.1.1")
			require.NoError(t, err)
			for run, want := range []int{2, 3, 1, 2} {
				require.NoError(t, s.Close())
				s, err = Open(dir, Options{Command: "test"})
				require.NoError(t, err)
				src, err = s.NewSource(Source{Hash: uint64(run + 2), Path: fmt.Sprint("run", run+2)})
				require.NoError(t, err)
				writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {fmt.Sprint("new", run), "3.3.3.3"}})
				require.NoError(t, s.fold(context.Background(), tc.mode))
				assert.Equal(t, want, nodeRecords(t, s, pAcctAdj, a), "run %d: records of a", run+2)
				assert.Equal(t, want, nodeRecords(t, s, pAttrAdj, ip), "run %d: records of 1.1.1.1", run+2)
			}
			defer s.Close()
			st, err := s.Edge(a, ip)
			require.NoError(t, err)
			assert.Equal(t, uint64(5), st.Count, "a's uses of 1.1.1.1 over five runs, folded or not")
			accts, err := s.AttrAccounts(ip)
			require.NoError(t, err)
			assert.Len(t, accts, 2, "a and b")
			stats, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, int64(3+4), stats.Edges, "a: two ips, b: one, new0..new3: one each")
		})
	}
}

// adjRecords counts the stored account and attribute adjacency records.
func adjRecords(t *testing.T, s *Store) [2]int {
	t.Helper()
	var n [2]int
	for i, prefix := range []byte{pAcctAdj, pAttrAdj} {
		require.NoError(t, s.db.View(func(txn *badger.Txn) error {
			opt := badger.DefaultIteratorOptions
			opt.Prefix = []byte{prefix}
			it := txn.NewIterator(opt)
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				n[i]++
			}
			return nil
		}))
	}
	return n
}

// nodeRecords counts the stored adjacency records of one node.
func nodeRecords(t *testing.T, s *Store, prefix byte, id NodeID) int {
	t.Helper()
	n := 0
	require.NoError(t, s.db.View(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = adjNodePrefix(nil, prefix, id)
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	}))
	return n
}

// seen is what readers see of account a's use of address 1.1.1.1, the
// pair the fold tests write.
type seen struct {
	uses, requests uint64
	holders        int // accounts that used 1.1.1.1
}

func readSeen(t *testing.T, s *Store) seen {
	t.Helper()
	a, err := s.Lookup(KindAccount, "a")
	require.NoError(t, err)
	ip, err := s.Lookup(KindIP, "1.1.1.1")
	require.NoError(t, err)
	st, err := s.Edge(a, ip)
	require.NoError(t, err)
	accts, err := s.AttrAccounts(ip)
	require.NoError(t, err)
	acct, err := s.Account(a)
	require.NoError(t, err)
	return seen{uses: st.Count, requests: acct.Requests, holders: len(accts)}
}

// TestFoldStopsWhenCancelled checks that a stop request cuts Fold short
// without losing or double counting anything: the unfolded records stay
// readable.
func TestFoldStopsWhenCancelled(t *testing.T) {
	s, _ := openTestDB(t)
	defer s.Close()
	src, err := s.NewSource(Source{Hash: 1, Path: "run1"})
	require.NoError(t, err)
	writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}})
	writeBatch(t, s, &src, 2, [][2]string{{"a", "1.1.1.1"}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = s.Fold(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "fold stopped after 0 of 1 nodes")
	a, err := s.Lookup(KindAccount, "a")
	require.NoError(t, err)
	ip, err := s.Lookup(KindIP, "1.1.1.1")
	require.NoError(t, err)
	assert.Equal(t, 2, nodeRecords(t, s, pAcctAdj, a), "a keeps its two records")
	st, err := s.Edge(a, ip)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), st.Count, "a's two uses, read across its records")
}

// TestNoFoldAfterFailedCommit: a batch whose records were written but
// whose checkpoint was not is replayed by the next run, so Fold must not
// merge its records first: the replay would count them twice.
func TestNoFoldAfterFailedCommit(t *testing.T) {
	s, dir := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 1, Path: "f"})
	require.NoError(t, err)
	edges := [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}}
	writeBatch(t, s, &src, 1, edges)
	failCommit(t, s, &src, 2, edges)
	require.NoError(t, s.Fold(context.Background()))
	require.NoError(t, s.Close())

	// The next run replays batch 2 from the checkpoint after batch 1.
	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	defer s.Close()
	writeBatch(t, s, &src, 2, edges)
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, seen{uses: 2, requests: 2, holders: 2}, readSeen(t, s), "one use in each of two batches")
}

// TestFoldAfterInterruptedRun: a run that dies before its fold leaves its
// nodes in several records; the next run folds the whole database, not
// only what it touched itself, and then clears the mark.
func TestFoldAfterInterruptedRun(t *testing.T) {
	s, dir := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 1, Path: "run1"})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}})
	writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"b", "2.2.2.2"}})
	require.NoError(t, s.Close()) // no Fold: the run stopped before it
	assert.Equal(t, [2]int{4, 3}, func() [2]int {
		s, err := Open(dir, Options{Command: "test"})
		require.NoError(t, err)
		defer s.Close()
		return adjRecords(t, s)
	}(), "a and b in two records each; 1.1.1.1 in two, 2.2.2.2 in one")

	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	assert.True(t, s.foldAll, "the unfinished run is seen at open")
	src2, err := s.NewSource(Source{Hash: 2, Path: "run2"})
	require.NoError(t, err)
	writeBatch(t, s, &src2, 0, [][2]string{{"z", "9.9.9.9"}})
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, [2]int{3, 3}, adjRecords(t, s), "a, b, z and their three addresses: one record each")
	assert.Equal(t, seen{uses: 2, requests: 2, holders: 2}, readSeen(t, s), "a's two uses survive the fold")
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	defer s.Close()
	assert.False(t, s.foldAll, "a completed fold clears the mark")
}

// TestFoldLeavesUncommittedBatches: a batch written without its
// checkpoint is replayed key for key by a later run on its source, so
// readers leave it out until then, and a fold in between (here, the
// whole-database fold of another source's run) must leave its records
// alone, or the replay would count them twice.
func TestFoldLeavesUncommittedBatches(t *testing.T) {
	s, dir := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 1, Path: "f"})
	require.NoError(t, err)
	edges := [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}}
	writeBatch(t, s, &src, 0, edges)
	failCommit(t, s, &src, 1, edges)
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	assert.Equal(t, seen{uses: 1, requests: 1, holders: 2}, readSeen(t, s), "readers see the committed batch only")
	a, err := s.Lookup(KindAccount, "a")
	require.NoError(t, err)
	other, err := s.NewSource(Source{Hash: 2, Path: "g"})
	require.NoError(t, err)
	writeBatch(t, s, &other, 0, [][2]string{{"a", "1.1.1.1"}})
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, 2, nodeRecords(t, s, pAcctAdj, a), "a: the folded record and the uncommitted batch's")

	// f's run resumes from its checkpoint and replays batch 1.
	writeBatch(t, s, &src, 1, edges)
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, seen{uses: 3, requests: 3, holders: 2}, readSeen(t, s), "two batches of f and one of g")
	require.NoError(t, s.Close())
}

// TestScanAccountUsesAcrossChunks: the scan hands accounts over in chunks
// from a reading goroutine; fn must still see every account once, in id
// order, merged across batches, and an error from fn must end the scan.
func TestScanAccountUsesAcrossChunks(t *testing.T) {
	s, _ := openTestDB(t)
	defer s.Close()
	src, err := s.NewSource(Source{Hash: 1, Path: "f"})
	require.NoError(t, err)
	// Each account's requests are dated in an hour of its own, so hours
	// handed to the wrong account show.
	const hourMS = 3_600_000
	var edges [][2]string
	for a := range 4000 {
		for k := range 10 {
			edges = append(edges, [2]string{fmt.Sprint("acct-", a), fmt.Sprintf("10.0.%d.%d", a%200, k)})
		}
	}
	for batch := range uint32(2) {
		src.Batches = batch + 1
		b := fillBatchAt(t, s, edges, func(i int) int64 { return int64(i/10%24)*hourMS + int64(i) })
		require.NoError(t, b.Commit(&src, batch))
	}
	wantHours := map[NodeID]Hours{}
	for a := range 4000 {
		id, err := s.Lookup(KindAccount, fmt.Sprint("acct-", a))
		require.NoError(t, err)
		var h Hours
		h[a%24] = 20
		wantHours[id] = h
	}
	require.Greater(t, len(edges), 2*chunkUses, "the accounts span several chunks")

	var prev NodeID
	n := 0
	require.NoError(t, s.ScanAccountUses(func(acct NodeID, st AccountStats, h *Hours, uses []Use) error {
		assert.Greater(t, acct, prev, "ascending ids")
		assert.Equal(t, wantHours[acct], *h)
		prev = acct
		n++
		if assert.Len(t, uses, 10) {
			assert.Equal(t, uint64(2), uses[0].Count, "one use in each batch")
		}
		assert.Equal(t, uint64(20), st.Requests)
		return nil
	}))
	assert.Equal(t, 4000, n)

	stopAt := errors.New("enough")
	n = 0
	err = s.ScanAccountUses(func(NodeID, AccountStats, *Hours, []Use) error {
		if n++; n == 2500 {
			return stopAt
		}
		return nil
	})
	require.ErrorIs(t, err, stopAt)
	assert.Equal(t, 2500, n, "no account after the error")
}

// TestResumeAbandonsHalfWrittenBatch: the batch a killed run left
// half-written is given up at resume, so a replay that ends sooner (another
// --batch-lines, or --max-rejects stopping inside it) cannot leave its
// records counted; and the database is raised to the format that says so.
func TestResumeAbandonsHalfWrittenBatch(t *testing.T) {
	s, dir := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 1, Path: "f"})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}})
	failCommit(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"c", "3.3.3.3"}})
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	defer s.Close()
	src, found, err := s.Source(1)
	require.NoError(t, err)
	require.True(t, found)
	require.NoError(t, s.ResumeSource(&src))
	assert.Equal(t, []uint32{1}, src.Abandoned)
	// The replay ends before c's line and runs under batch 2.
	writeBatch(t, s, &src, src.Batches, [][2]string{{"a", "1.1.1.1"}})
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, seen{uses: 2, requests: 2, holders: 2}, readSeen(t, s), "a: batch 0 and the replay")
	_, err = s.Lookup(KindAccount, "c")
	require.ErrorIs(t, err, ErrNotFound, "c was only in the abandoned batch: no record shows it")
	assert.Equal(t, FormatVersion, formatOf(t, s), "raised by the records of batch 0; resuming does not lower it")
}

// TestUncommittedNodesAreNotShown: a process killed between a batch's
// nodes and its checkpoint leaves nodes that no committed record uses.
// Readers, in that process and the next, do not show them; a re-run that
// replays the batch shows them again, under the same ids.
func TestUncommittedNodesAreNotShown(t *testing.T) {
	s, dir := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 42, Path: "f"})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "1.1.1.1"}, {"b", "1.1.1.1"}})
	before, err := s.Stats()
	require.NoError(t, err)
	// As a database written before the bound was kept: the next process
	// to write must set it before its first nodes.
	require.NoError(t, s.update(func(txn *badger.Txn) error { return txn.Delete(shownKey) }))
	require.NoError(t, s.Close())
	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	lost := [][2]string{{"c", "2.2.2.2"}, {"d", "3.3.3.3"}}
	failCommit(t, s, &src, 1, lost)
	src.Batches = 1 // what the checkpoint still says

	check := func(s *Store) {
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, before.Nodes, st.Nodes, "nodes by kind")
		_, err = s.Lookup(KindAccount, "c")
		assert.ErrorIs(t, err, ErrNotFound)
		n := 0
		require.NoError(t, s.ScanNodes(func(NodeID, Kind, []byte) error { n++; return nil }))
		assert.Equal(t, 3, n, "a, b and 1.1.1.1")
		assert.Equal(t, NodeID(3), s.MaxNodeID())
		_, _, err = s.Node(4)
		assert.ErrorIs(t, err, ErrNotFound)
	}
	check(s)
	require.NoError(t, s.Close())
	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	defer s.Close()
	check(s)

	// The re-run replays the lost lines under the next batch number.
	require.NoError(t, s.ResumeSource(&src))
	writeBatch(t, s, &src, src.Batches, lost)
	c, err := s.Lookup(KindAccount, "c")
	require.NoError(t, err)
	assert.Equal(t, NodeID(4), c, "the id the lost batch gave it")
	assert.Equal(t, NodeID(7), s.MaxNodeID())
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(4), st.Nodes[KindAccount])
	assert.Equal(t, int64(3), st.Nodes[KindIP])
}

// TestBadgerErrorsAreBounded: Badger's error lines reach the log up to a
// bound, then one line says the rest are not logged.
func TestBadgerErrorsAreBounded(t *testing.T) {
	var buf bytes.Buffer
	bl := badgerLogger{l: slog.New(slog.NewTextHandler(&buf, nil)), errs: new(atomic.Int64)}
	for i := range 20 {
		bl.Errorf("Unable to read: entry %d", i)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, maxBadgerErrors+1)
	assert.Contains(t, lines[0], "badger: Unable to read: entry 0")
	assert.Contains(t, lines[maxBadgerErrors], "further errors from the storage library are not logged")
}

// TestScanOfADamagedBlock: a table damaged inside (a bad copy, a bit
// flip) ends a scan in ErrDamaged naming the table where Badger's block
// iterator panics, and never crashes: 40 spots of one table are damaged
// in turn, each then read whole.
func TestScanOfADamagedBlock(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true})
	require.NoError(t, err)
	wb := s.db.NewWriteBatch()
	for i := range 20000 {
		require.NoError(t, wb.Set(fmt.Appendf(nil, "\xffk%08d", i), bytes.Repeat([]byte{byte(i)}, 100)))
	}
	require.NoError(t, wb.Flush())
	require.NoError(t, s.db.Flatten(1))
	require.NoError(t, s.Close())
	tables, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	require.NoError(t, err)
	require.NotEmpty(t, tables)
	orig, err := os.ReadFile(tables[0])
	require.NoError(t, err)
	damaged, named := 0, 0
	for spot := range 40 {
		bad := bytes.Clone(orig)
		off := len(bad) * (spot + 1) / 50 // within the data blocks, before the index
		for i := off; i < off+64; i++ {
			bad[i] ^= 0xa5
		}
		require.NoError(t, os.WriteFile(tables[0], bad, 0o644))
		s, err := Open(dir, Options{})
		if err == nil {
			err = s.view(func(txn *badger.Txn) error {
				it := txn.NewIterator(badger.DefaultIteratorOptions)
				defer it.Close()
				for it.Rewind(); it.Valid(); it.Next() {
				}
				return nil
			})
			require.NoError(t, s.Close())
		}
		if err != nil {
			require.ErrorIs(t, err, ErrDamaged, "spot %d", spot)
			if strings.Contains(err.Error(), "damaged block") {
				// The block iterator's own check names the table.
				assert.Contains(t, err.Error(), filepath.Base(tables[0]), "spot %d", spot)
				named++
			}
			damaged++
		}
	}
	assert.Positive(t, damaged, "some damage is found")
	assert.Positive(t, named, "the block iterator's check names the table")
	t.Logf("%d of 40 damaged spots found, %d of them naming the table", damaged, named)
}

// TestOwnPanicInViewGoesOn: a panic raised by the function a read runs,
// not by Badger, is a bug and is not passed off as a damaged database.
func TestOwnPanicInViewGoesOn(t *testing.T) {
	s, _ := openTestDB(t)
	var idx []int
	assert.PanicsWithError(t, "runtime error: index out of range [3] with length 0", func() {
		_ = s.view(func(*badger.Txn) error {
			_ = idx[3]
			return nil
		})
	})
}

// TestOpenReplaysLargerMemtables: a database whose process died with
// memtable logs written by larger memtables (an older ringlink used 16
// MB) opens, and keeps what the logs hold, instead of Badger exiting
// because a log does not fit a smaller memtable.
func TestOpenReplaysLargerMemtables(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{Create: true})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	// 64 MB memtables holding about 30 MB, far from a flush and twice what
	// a 12 MB memtable takes, and the directory copied while they are
	// unflushed: the state a SIGKILL leaves.
	const old = 64 << 20
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil).WithMemTableSize(old).WithValueThreshold(1 << 10))
	require.NoError(t, err)
	wb := db.NewWriteBatch()
	const n = 120_000
	val := bytes.Repeat([]byte{'v'}, 200)
	for i := range n {
		require.NoError(t, wb.Set(fmt.Appendf(nil, "\xffcrash%08d", i), val))
	}
	require.NoError(t, wb.Flush())
	crashed := t.TempDir()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(crashed, e.Name()), b, 0o644))
	}
	require.NoError(t, db.Close())
	require.Equal(t, int64(old), memtableSizeFor(crashed))

	s, err = Open(crashed, Options{})
	require.NoError(t, err)
	got := 0
	require.NoError(t, s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("\xffcrash")})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			got++
		}
		return nil
	}))
	assert.Equal(t, n, got)
	require.NoError(t, s.Close())
	// Once flushed, the logs are gone and the default size comes back.
	assert.Equal(t, int64(memtableBytes), memtableSizeFor(crashed))
}

// TestOpenWhileAnotherCreates: a database being created by another
// process is reported as in use (so --wait waits for it), whatever that
// process has written so far, never as an unrelated directory.
func TestOpenWhileAnotherCreates(t *testing.T) {
	holder := func(dir string) string {
		return fmt.Sprintf("ringlink pid %d (ingest) holds %s", os.Getpid(), dir)
	}
	for _, opt := range []Options{{Create: true, Command: "ingest"}, {Command: "stats"}} {
		name := map[bool]string{true: "writer", false: "reader"}[opt.Create]
		t.Run(name+" racing a real open", func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			var errs []error
			testHookLocked = func(string) {
				_, err := Open(dir, opt)
				errs = append(errs, err)
			}
			t.Cleanup(func() { testHookLocked = nil })
			s, err := Open(dir, Options{Create: true, Command: "ingest"})
			testHookLocked = nil
			require.NoError(t, err)
			require.NoError(t, s.Close())
			require.Len(t, errs, 1)
			require.ErrorIs(t, errs[0], ErrLocked)
			assert.Contains(t, errs[0].Error(), holder(dir))
		})
		for _, state := range []struct {
			name  string
			files []string
		}{
			{"lock taken, nothing else written", nil},
			{"Badger has started", []string{"LOCK", "KEYREGISTRY"}},
		} {
			t.Run(name+", "+state.name, func(t *testing.T) {
				dir := t.TempDir()
				lock, err := acquireLock(dir, "ingest")
				require.NoError(t, err)
				defer releaseLock(lock)
				for _, f := range state.files {
					require.NoError(t, writeFile(filepath.Join(dir, f)))
				}
				_, err = Open(dir, opt)
				require.ErrorIs(t, err, ErrLocked)
				assert.Contains(t, err.Error(), holder(dir))
			})
		}
	}
}

// TestOpenAfterCreatorDied: a process killed after taking the lock of a
// new database, before Badger wrote its manifest, leaves a directory that
// is no database yet: a writer creates it there, a reader says there is
// none.
func TestOpenAfterCreatorDied(t *testing.T) {
	dir := t.TempDir()
	lock, err := acquireLock(dir, "ingest")
	require.NoError(t, err)
	releaseLock(lock)
	require.NoError(t, writeFile(filepath.Join(dir, "LOCK")))
	_, err = Open(dir, Options{Command: "stats"})
	require.ErrorIs(t, err, ErrNoDatabase)
	s, err := Open(dir, Options{Create: true, Command: "ingest"})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = Open(dir, Options{Command: "stats"})
	require.NoError(t, err)
	require.NoError(t, s.Close())
}

// TestCreateLeavesNoTrace: a new database's directory appears with its
// lock in it, and the temporary directory it was made under is gone,
// also when another process created the directory first.
func TestCreateLeavesNoTrace(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "db")
	s, err := Open(dir, Options{Create: true, Command: "ingest"})
	require.NoError(t, err)
	lock, err := createLocked(dir, "ingest")
	assert.Nil(t, lock)
	require.ErrorIs(t, err, os.ErrExist)
	require.NoError(t, s.Close())
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "db", entries[0].Name())
	assert.FileExists(t, filepath.Join(dir, lockName))
}

func TestAddTokens(t *testing.T) {
	const maxU = ^uint64(0)
	for _, tc := range []struct{ a, b, want uint64 }{
		{0, 0, 0},
		{30, 12, 42},
		{MaxTokens - 1, 1, MaxTokens},
		{MaxTokens, 1, MaxTokens},
		{MaxTokens, MaxTokens, MaxTokens},
		{maxU, maxU, MaxTokens}, // a value an older build wrote past int64
		{maxU, 0, MaxTokens},
	} {
		assert.Equal(t, tc.want, AddTokens(tc.a, tc.b), "%d + %d", tc.a, tc.b)
		assert.Equal(t, tc.want, AddTokens(tc.b, tc.a), "%d + %d", tc.b, tc.a)
	}
	assert.Equal(t, uint64(math.MaxInt64), uint64(MaxTokens), "JSON readers take int64")
}

// TestTokenTotalsSaturate: token totals of an account and of its edges,
// within a batch, across batches and after a fold, stop at MaxTokens
// instead of wrapping around or passing int64.
func TestTokenTotalsSaturate(t *testing.T) {
	s, _ := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 7, Path: "f"})
	require.NoError(t, err)
	var a, x NodeID
	for batch := range uint32(2) {
		b, err := s.NewBatch()
		require.NoError(t, err)
		a, err = b.Node(KindAccount, []byte("big"))
		require.NoError(t, err)
		x, err = b.Node(KindIP, []byte("1.1.1.1"))
		require.NoError(t, err)
		for i := range 3 { // three records of the most a record may carry
			ts := int64(1000 + 10*int(batch) + i)
			b.Account(a, ts, math.MaxInt64, false)
			b.Edge(a, x, ts, math.MaxInt64)
		}
		src.Batches = batch + 1
		require.NoError(t, b.Commit(&src, batch))
		check := func(when string) {
			as, err := s.Account(a)
			require.NoError(t, err)
			assert.Equal(t, uint64(MaxTokens), as.Tokens, "account, %s", when)
			assert.Equal(t, uint64(3*(batch+1)), as.Requests, when)
			e, err := s.Edge(a, x)
			require.NoError(t, err)
			assert.Equal(t, uint64(MaxTokens), e.Tokens, "edge, %s", when)
			require.NoError(t, s.ScanAccountUses(func(_ NodeID, st AccountStats, _ *Hours, uses []Use) error {
				assert.Equal(t, uint64(MaxTokens), st.Tokens, "scanned account, %s", when)
				for _, u := range uses {
					assert.Equal(t, uint64(MaxTokens), u.Tokens, "scanned use, %s", when)
				}
				return nil
			}))
		}
		check(fmt.Sprintf("after batch %d", batch))
	}
	require.NoError(t, s.Fold(context.Background()))
	as, err := s.Account(a)
	require.NoError(t, err)
	assert.Equal(t, uint64(MaxTokens), as.Tokens, "after the fold")
}

func TestHourOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		ts   int64
		want int
	}{
		{"epoch", 0, 0},
		{"last millisecond of the first hour", 3_599_999, 0},
		{"13:00", 13 * 3_600_000, 13},
		{"next day 00:30", 24*3_600_000 + 1_800_000, 0},
		{"a millisecond before the epoch", -1, 23},
		{"an hour before the epoch", -3_600_000, 23},
		{"an hour and a millisecond before", -3_600_001, 22},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, HourOf(tc.ts))
		})
	}
}

// TestHoursThroughBatchesAndFold: requests are counted by their UTC hour,
// signups are not, and the counts add up across batches and runs, before
// and after a fold; a database written by format 3 is raised when a
// process writes to it.
func TestHoursThroughBatchesAndFold(t *testing.T) {
	s, dir := openTestDB(t)
	require.NoError(t, s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, 3))
	}))
	const h = 3_600_000
	write := func(src *Source, batch uint32, at ...int64) {
		t.Helper()
		b, err := s.NewBatch()
		require.NoError(t, err)
		a, err := b.Node(KindAccount, []byte("a"))
		require.NoError(t, err)
		b.Account(a, 5*h, 0, true)
		for _, ts := range at {
			b.Account(a, ts, 1, false)
		}
		src.Batches = batch + 1
		require.NoError(t, b.Commit(src, batch))
	}
	hoursOf := func() Hours {
		t.Helper()
		var got Hours
		require.NoError(t, s.ScanAccountUses(func(_ NodeID, _ AccountStats, hs *Hours, _ []Use) error {
			got = *hs
			return nil
		}))
		return got
	}
	src, err := s.NewSource(Source{Hash: 1, Path: "run1"})
	require.NoError(t, err)
	empty, err := s.NewBatch()
	require.NoError(t, err)
	src.Batches = 1
	require.NoError(t, empty.Commit(&src, 0), "a batch of rejected lines only")
	assert.Equal(t, uint32(3), formatOf(t, s), "no record written: older builds may still read it")
	write(&src, 1, 0, 1, 23*h+5, 47*h)
	write(&src, 2, 9*h, -1)
	want := Hours{0: 2, 9: 1, 23: 3}
	assert.Equal(t, want, hoursOf())
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, FormatVersion, st.Format)
	assert.Equal(t, uint64(6), st.Requests)
	assert.Equal(t, uint64(6), st.Dated)
	require.NoError(t, s.Fold(context.Background()))
	assert.Equal(t, want, hoursOf(), "folded")
	require.NoError(t, s.Close())

	s, err = Open(dir, Options{Command: "test"})
	require.NoError(t, err)
	defer s.Close()
	src, err = s.NewSource(Source{Hash: 2, Path: "run2"})
	require.NoError(t, err)
	write(&src, 0, 9*h+1)
	require.NoError(t, s.Fold(context.Background()))
	want[9]++
	assert.Equal(t, want, hoursOf(), "a second run, folded into the first")
	assert.Equal(t, FormatVersion, formatOf(t, s), "older builds must refuse values with hours")
}

// TestStatsCountsUndatedRequests: records written before format 4 carry
// no hours; their requests still count, and Stats tells how many are
// dated.
func TestStatsCountsUndatedRequests(t *testing.T) {
	s, _ := openTestDB(t)
	defer s.Close()
	src, err := s.NewSource(Source{Hash: 1, Path: "old"})
	require.NoError(t, err)
	writeBatch(t, s, &src, 0, [][2]string{{"a", "1.1.1.1"}, {"a", "1.1.1.2"}, {"a", "1.1.1.3"}})
	// Rewrite the batch's account record as format 3 wrote it.
	require.NoError(t, s.db.Update(func(txn *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Prefix = []byte{pAcctAdj}
		it := txn.NewIterator(opt)
		var keys, vals [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			var h Hours
			st, uses, err := decodeAccount(v, &h, nil)
			if err != nil {
				return err
			}
			require.Equal(t, uint64(3), h.Total())
			keys = append(keys, it.Item().KeyCopy(nil))
			vals = append(vals, encodeAccount(nil, st, nil, uses))
		}
		it.Close()
		for i := range keys {
			if err := txn.Set(keys[i], vals[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	writeBatch(t, s, &src, 1, [][2]string{{"a", "1.1.1.1"}, {"a", "1.1.1.4"}})
	for _, fold := range []bool{false, true} {
		if fold {
			require.NoError(t, s.Fold(context.Background()))
		}
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, uint64(5), st.Requests, "fold %v", fold)
		assert.Equal(t, uint64(2), st.Dated, "fold %v: the old batch's requests have no hour", fold)
	}
}

// TestResumeRaisesToAbandonedFormatOnly: resuming an input marks the
// database as one with abandoned batches (format 3), not as one with
// hours, which only records bring.
func TestResumeRaisesToAbandonedFormatOnly(t *testing.T) {
	s, _ := openTestDB(t)
	defer s.Close()
	require.NoError(t, s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(formatKey, binary.BigEndian.AppendUint32(nil, 2))
	}))
	src, err := s.NewSource(Source{Hash: 1, Path: "f"})
	require.NoError(t, err)
	require.NoError(t, s.ResumeSource(&src))
	assert.Equal(t, uint32(formatAbandoned), formatOf(t, s))
}

// formatOf returns the format version the database records.
func formatOf(t *testing.T, s *Store) uint32 {
	t.Helper()
	st, err := s.Stats()
	require.NoError(t, err)
	return st.Format
}
