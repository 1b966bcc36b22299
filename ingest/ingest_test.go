package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTestDB(t *testing.T) (*store.Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := store.Open(dir, store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// genRecords writes n seeded records: accounts sharing IPs, cards and
// devices, and one bad record every badEvery lines.
func genRecords(seed uint64, n, badEvery int) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		if badEvery > 0 && i%badEvery == badEvery-1 {
			fmt.Fprintf(&b, `{"ts":%d,"account":"acct-%d","ip":"999.1.1.1"}`+"\n", 1700000000+i, r.IntN(500))
			continue
		}
		fmt.Fprintf(&b, `{"ts":%d,"account":"acct-%d","ip":"10.%d.%d.%d","payment":"card-%d","device":"dev-%d","tokens":%d}`+"\n",
			1700000000+i, r.IntN(500), r.IntN(4), r.IntN(8), r.IntN(50), r.IntN(300), r.IntN(40), r.IntN(1000))
	}
	return b.Bytes()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// dump renders every edge and account of a store, to compare databases.
func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	// Every id an edge or account names must resolve: a dangling one is
	// a node that was interned but never written.
	require.NoError(t, s.ScanEdges(func(e store.Edge) error {
		_, a, err := s.Node(e.Account)
		if err != nil {
			return fmt.Errorf("edge account %d: %w", e.Account, err)
		}
		_, x, err := s.Node(e.Attr)
		if err != nil {
			return fmt.Errorf("edge attribute %d of %s: %w", e.Attr, a, err)
		}
		fmt.Fprintf(&b, "%s %s %+v\n", a, x, e.EdgeStats)
		return nil
	}))
	require.NoError(t, s.ScanAccounts(func(id store.NodeID, st store.AccountStats) error {
		_, a, err := s.Node(id)
		if err != nil {
			return fmt.Errorf("account %d: %w", id, err)
		}
		fmt.Fprintf(&b, "%s %+v\n", a, st)
		return nil
	}))
	return b.String()
}

func TestIngestFormatsAgree(t *testing.T) {
	data := genRecords(1, 3000, 100)
	ref, _ := openTestDB(t)
	res, err := Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "a.jsonl", data)}, BatchLines: 500})
	require.NoError(t, err)
	assert.Equal(t, int64(2970), res.Records)
	assert.Equal(t, int64(30), res.Rejected)
	want := dump(t, ref)

	t.Run("gzip", func(t *testing.T) {
		s, _ := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "a.jsonl.gz", gz(data))}, BatchLines: 700})
		require.NoError(t, err)
		assert.Equal(t, want, dump(t, s))
	})
	t.Run("stdin", func(t *testing.T) {
		s, _ := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{"-"}, Stdin: bytes.NewReader(data)})
		require.NoError(t, err)
		assert.Equal(t, want, dump(t, s))
	})
	t.Run("byte order mark and CRLF", func(t *testing.T) {
		crlf := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		s, _ := openTestDB(t)
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "bom.jsonl", crlf)}})
		require.NoError(t, err)
		assert.Equal(t, int64(30), res.Rejected, "the first record is not rejected for its BOM")
		assert.Equal(t, want, dump(t, s))
	})
	t.Run("csv", func(t *testing.T) {
		var csv bytes.Buffer
		csv.WriteString("ts,account,ip,payment,device,tokens,extra\n")
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var ts, acct, ip, pay, dev, tok string
			fmt.Sscanf(strings.NewReplacer(`"`, " ", ",", " ", ":", " ", "{", " ", "}", " ").Replace(line),
				" ts %s account %s ip %s payment %s device %s tokens %s", &ts, &acct, &ip, &pay, &dev, &tok)
			fmt.Fprintf(&csv, "%s,%s,%s,%s,%s,%s,\"x,y\"\n", ts, acct, ip, pay, dev, tok)
		}
		s, _ := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "a.csv", csv.Bytes())}, BatchLines: 300})
		require.NoError(t, err)
		assert.Equal(t, want, dump(t, s))
	})
}

func TestReingestIsNoop(t *testing.T) {
	s, _ := openTestDB(t)
	p := writeTemp(t, "a.jsonl", genRecords(2, 1000, 0))
	_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
	require.NoError(t, err)
	before := dump(t, s)
	// Same content under another name is the same traffic.
	res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p, writeTemp(t, "copy.jsonl", genRecords(2, 1000, 0))}})
	require.NoError(t, err)
	assert.True(t, res.Sources[0].Skipped)
	assert.True(t, res.Sources[1].Skipped)
	assert.Equal(t, before, dump(t, s))
}

func TestIngestErrors(t *testing.T) {
	data := genRecords(3, 2000, 0)
	trunc := gz(data)
	trunc = trunc[:len(trunc)/2]
	tests := []struct {
		name string
		path func(t *testing.T) string
		want string
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope.jsonl") }, "no such file"},
		{"directory", func(t *testing.T) string { return t.TempDir() }, "is a directory"},
		{"truncated gzip", func(t *testing.T) string { return writeTemp(t, "t.jsonl.gz", trunc) }, "truncated"},
		{"gz name but plain", func(t *testing.T) string { return writeTemp(t, "p.jsonl.gz", data) }, "not gzip-compressed"},
		{"csv without required columns", func(t *testing.T) string { return writeTemp(t, "x.csv", []byte("a,b\n1,2\n")) }, "lacks the required columns"},
		{"csv header with a stray quote", func(t *testing.T) string { return writeTemp(t, "q.csv", []byte("ts,\"account,ip\n1,a,1.1.1.1\n")) }, "header row: CSV: the quoted field opened on this line is not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{tt.path(t)}})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInput)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "\n")
			assert.NotContains(t, err.Error(), "rejected alone", "a header fails the file")
		})
	}
}

func TestCSVBadQuotingIsLocatedReject(t *testing.T) {
	s, _ := openTestDB(t)
	csv := "ts,account,ip\n1,a,1.1.1.1\n2,\"b\"x,1.1.1.2\n3,c,1.1.1.3\n"
	var rej bytes.Buffer
	res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "q.csv", []byte(csv))}, Rejects: &rej})
	require.NoError(t, err)
	assert.Equal(t, int64(2), res.Records)
	assert.Equal(t, int64(1), res.Rejected)
	assert.Contains(t, rej.String(), `"line":3`)
	assert.Contains(t, rej.String(), "CSV")

	// A record that starts on line 3 and breaks on line 4 is located at 3,
	// with the break in the reason, and rejected as line 3 alone: line 4
	// is read again (and rejected for its own quote). A record with a field
	// too many keeps its text in the rejects.
	csv = "ts,account,ip\n1,a,1.1.1.1\n2,\"b\nx\"y,1.1.1.2\n3,c,1.1.1.3,extra\n4,d,1.1.1.4\n"
	rej.Reset()
	s, _ = openTestDB(t)
	res, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "m.csv", []byte(csv))}, Rejects: &rej})
	require.NoError(t, err)
	assert.Equal(t, int64(2), res.Records)
	lines := strings.Split(strings.TrimSpace(rej.String()), "\n")
	require.Len(t, lines, 3, rej.String())
	assert.Contains(t, lines[0], `"line":3`)
	assert.Contains(t, lines[0], `(line 4, column 2)`)
	assert.Contains(t, lines[1], `"line":4`)
	assert.Contains(t, lines[1], `bare \"`)
	assert.Contains(t, lines[2], `"line":5`)
	assert.Contains(t, lines[2], `"text":"3,c,1.1.1.3,extra"`)
	assert.Contains(t, lines[2], "wrong number of fields: 4, the header has 3")
}

// TestCSVStrayQuoteCostsOneLine: a quote that opens a field and never
// closes, or closes lines later in a record that does not parse, costs
// the line it is on; every valid record after it is kept, and a quoted
// field that really spans lines is still one record.
func TestCSVStrayQuoteCostsOneLine(t *testing.T) {
	valid := func(from, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%d,acct-%d,10.0.%d.%d\n", 1700000000+from+i, from+i, (from+i)/250, 1+(from+i)%250)
		}
		return b.String()
	}
	tests := []struct {
		name             string
		csv              string
		records, rejects int64
		rejectLine       string
	}{
		{"never closed", "ts,account,ip\n" + valid(0, 3) + "1700000100,\"open,10.1.1.1\n" + valid(3, 1000), 1003, 1, `"line":5`},
		{"closed lines later, record broken", "ts,account,ip\n" + valid(0, 1) + "1700000100,\"open,10.1.1.1\n" + valid(1, 5) + "1700000200,x\",10.1.1.2,extra\n" + valid(6, 2), 8, 2, `"line":3`},
		{"a real multi-line field", "ts,account,ip,prompt\n1700000000,a,10.0.0.1,\"two\nlines\"\n1700000001,b,10.0.0.2,one\n", 2, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			var rej bytes.Buffer
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "q.csv", []byte(tt.csv))}, Rejects: &rej})
			require.NoError(t, err)
			assert.Equal(t, tt.records, res.Records, rej.String())
			assert.Equal(t, tt.rejects, res.Rejected, rej.String())
			if tt.rejectLine != "" {
				assert.Contains(t, strings.SplitN(rej.String(), "\n", 2)[0], tt.rejectLine)
				assert.Contains(t, rej.String(), "rejected alone")
			}
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, tt.records, st.Records)
		})
	}
}

func TestMaxRejectsStopsAndKeeps(t *testing.T) {
	s, _ := openTestDB(t)
	p := writeTemp(t, "a.jsonl", genRecords(4, 2000, 10)) // a bad record every 10 lines
	res, err := Run(context.Background(), s, Options{Paths: []string{p}, MaxRejects: 5, BatchLines: 1000})
	require.ErrorIs(t, err, ErrTooManyRejects)
	assert.Contains(t, err.Error(), "line 60")
	assert.Equal(t, int64(54), res.Records, "records before the limit are kept")
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(54), st.Records)

	// A re-run with the same limit reads no further: an hourly job must
	// not take the file a few rejects at a time. The input is held, and
	// the other inputs are read.
	other := writeTemp(t, "b.jsonl", genRecords(5, 100, 0))
	for range 3 {
		res, err = Run(context.Background(), s, Options{Paths: []string{p, other}, MaxRejects: 5, BatchLines: 1000})
		require.ErrorIs(t, err, ErrInput)
		assert.Contains(t, err.Error(), "raise --max-rejects")
		assert.True(t, res.Sources[0].Held)
		assert.False(t, res.Sources[0].Resumable)
	}
	st, err = s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(54+100), st.Records, "nothing more of the held input, all of the other")

	// A higher limit reads on from the stop, counting the rejects before.
	res, err = Run(context.Background(), s, Options{Paths: []string{p}, MaxRejects: 10, BatchLines: 1000})
	require.ErrorIs(t, err, ErrTooManyRejects)
	assert.Contains(t, err.Error(), "line 110", "the 11th reject of the file, the 5th of this run")
	st, err = s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(99+100), st.Records)
	res, err = Run(context.Background(), s, Options{Paths: []string{p}, MaxRejects: -1, BatchLines: 1000})
	require.NoError(t, err)
	assert.True(t, res.Sources[0].Resumed)
	st, err = s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(1800+100), st.Records, "every good record once")
}

// TestMaxRejectsHoldsAGrowingFile: a log whose read stopped at the limit
// and that grew since is continued from that read, so it is held too: the
// limit does not wear away as the file grows each hour.
func TestMaxRejectsHoldsAGrowingFile(t *testing.T) {
	s, _ := openTestDB(t)
	all := genRecords(4, 2000, 10)
	p := writeTemp(t, "live.jsonl", all[:len(all)/2])
	_, err := Run(context.Background(), s, Options{Paths: []string{p}, MaxRejects: 5, BatchLines: 1000})
	require.ErrorIs(t, err, ErrTooManyRejects)
	require.NoError(t, os.WriteFile(p, all, 0o644))
	res, err := Run(context.Background(), s, Options{Paths: []string{p}, MaxRejects: 5, BatchLines: 1000})
	require.ErrorIs(t, err, ErrInput)
	assert.True(t, res.Sources[0].Held)
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(54), st.Records)
}

// TestGrownFileReadsWhatWasAppended: a JSON Lines file ingested, then
// grown under the same path (a log still being written), gives the
// database one ingest of the whole file gives: appended lines only are
// read, a line the first read caught half-written is read again whole, a
// line cut right after its record is not counted twice; content that does
// not extend the earlier one is read whole, as new traffic.
func TestGrownFileReadsWhatWasAppended(t *testing.T) {
	all := genRecords(9, 3000, 0)
	mid := bytes.IndexByte(all[len(all)/2:], '\n') + len(all)/2 // end of a line, before its newline
	tests := []struct {
		name    string
		first   []byte
		records int64 // in the database after both reads
	}{
		{"whole lines appended", all[:mid+1], 3000},
		{"caught mid-line", all[:mid-7], 3000},
		{"cut right after a record", all[:mid], 3000},
		{"rewritten, not grown", genRecords(10, 1000, 0), 4000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			p := writeTemp(t, "live.jsonl", tt.first)
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(p, all, 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, tt.records, st.Records)
			assert.Equal(t, tt.records < 4000, res.Sources[0].Appended)

			whole, _ := openTestDB(t)
			_, err = Run(context.Background(), whole, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "whole.jsonl", all)}})
			require.NoError(t, err)
			want, err := whole.Stats()
			require.NoError(t, err)
			if tt.records == 3000 {
				assert.Equal(t, want.Nodes, st.Nodes, "the same graph as one read of the whole file")
				assert.Equal(t, want.Edges, st.Edges)
			}
		})
	}
}

// TestGrownAfterStopOrRotation: a read stopped part way (here by
// --max-rejects) of a file that then grows goes on from its checkpoint,
// and a log rotated by copy and truncate, then grown, is continued from
// its new content, not compared with the old.
func TestGrownAfterStopOrRotation(t *testing.T) {
	lines := strings.SplitAfter(string(genRecords(11, 40, 0)), "\n")
	join := func(ls ...string) []byte { return []byte(strings.Join(ls, "")) }
	bad := `{"ts":1}` + "\n"

	t.Run("stopped, then grown", func(t *testing.T) {
		s, _ := openTestDB(t)
		first := append(append(append([]string{}, lines[:5]...), bad, bad), lines[5:10]...)
		p := writeTemp(t, "a.jsonl", join(first...))
		_, err := Run(context.Background(), s, Options{MaxRejects: 1, Paths: []string{p}})
		require.ErrorIs(t, err, ErrTooManyRejects)
		require.NoError(t, os.WriteFile(p, join(append(first, lines[10:13]...)...), 0o644))
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
		require.NoError(t, err)
		assert.True(t, res.Sources[0].Appended)
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, int64(13), st.Records, "5 before the stop, 8 after it")
		assert.Equal(t, int64(2), st.Rejected)
		for _, src := range st.Sources {
			assert.True(t, src.Done, "nothing left to resume: %+v", src)
		}
	})
	t.Run("killed before its first batch, then grown", func(t *testing.T) {
		s, _ := openTestDB(t)
		first := join(lines[:5]...)
		p := writeTemp(t, "c.jsonl", first)
		abs, err := filepath.Abs(p)
		require.NoError(t, err)
		// What a process killed before its first commit leaves: the input
		// registered at offset 0.
		_, err = s.NewSource(store.Source{Hash: xxhash.Sum64(first), Path: abs, Size: int64(len(first)), Format: "jsonl"})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, join(lines[:8]...), 0o644))
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
		require.NoError(t, err)
		assert.True(t, res.Sources[0].Appended)
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, int64(8), st.Records, "read once, from the start")
	})
	t.Run("grown, then read through a symlink", func(t *testing.T) {
		s, _ := openTestDB(t)
		p := writeTemp(t, "d.jsonl", join(lines[:10]...))
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(p, join(lines[:15]...), 0o644))
		link := filepath.Join(t.TempDir(), "current.jsonl")
		require.NoError(t, os.Symlink(p, link))
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{link}})
		require.NoError(t, err)
		assert.True(t, res.Sources[0].Appended)
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, int64(15), st.Records)
	})
	t.Run("rotated, then grown", func(t *testing.T) {
		s, _ := openTestDB(t)
		p := writeTemp(t, "b.jsonl", join(lines[:30]...))
		run := func() {
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
		}
		run()
		require.NoError(t, os.WriteFile(p, join(lines[30:35]...), 0o644)) // truncated, new lines
		run()
		require.NoError(t, os.WriteFile(p, join(lines[30:40]...), 0o644)) // grown past nothing of the old
		run()
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, int64(40), st.Records, "every line once")
	})
}

// TestRereadInAnotherFormat: content whose every record was rejected in
// one format (CSV read as JSON Lines) is read again in the other, once;
// content with records accepted is never read twice, whatever the format.
func TestRereadInAnotherFormat(t *testing.T) {
	s, _ := openTestDB(t)
	p := writeTemp(t, "data.txt", []byte("ts,account,ip\n1700000000,a,10.0.0.1\n1700000001,b,10.0.0.2\n"))
	run := func(format string) SourceResult {
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, Format: format})
		require.NoError(t, err)
		return res.Sources[0]
	}
	first := run("jsonl")
	assert.Equal(t, int64(3), first.Rejected)
	again := run("csv")
	assert.False(t, again.Skipped)
	assert.Equal(t, int64(2), again.Records)
	assert.True(t, run("csv").Skipped, "read in csv once")
	assert.True(t, run("jsonl").Skipped, "and in jsonl once")
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(2), st.Records)

	// JSON Lines read as CSV fails on its header, for good in that
	// format; it is still read as JSON Lines.
	j := writeTemp(t, "j.txt", []byte(`{"ts":1700000000,"account":"d"}`+"\n"))
	_, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{j}, Format: "csv"})
	require.ErrorIs(t, err, ErrInput)
	res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{j}, Format: "jsonl"})
	require.NoError(t, err)
	assert.Equal(t, int64(1), res.Sources[0].Records)

	// Asked in CSV again, the content read as JSON Lines since stands.
	res, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{j}, Format: "csv"})
	require.NoError(t, err)
	assert.True(t, res.Sources[0].Skipped)

	q := writeTemp(t, "ok.txt", []byte(`{"ts":1700000000,"account":"c"}`+"\n"))
	res, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{q}, Format: "jsonl"})
	require.NoError(t, err)
	require.Equal(t, int64(1), res.Sources[0].Records)
	res, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{q}, Format: "csv"})
	require.NoError(t, err)
	assert.True(t, res.Sources[0].Skipped, "records were accepted: never read twice")
}

// csvOf turns genRecords' JSON Lines into CSV with a header.
func csvOf(t *testing.T, jsonl []byte) []byte {
	t.Helper()
	cols := []string{"ts", "account", "ip", "payment", "device", "tokens"}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	require.NoError(t, w.Write(cols))
	for _, line := range bytes.Split(bytes.TrimSpace(jsonl), []byte("\n")) {
		var m map[string]any
		d := json.NewDecoder(bytes.NewReader(line))
		d.UseNumber()
		require.NoError(t, d.Decode(&m))
		row := make([]string, len(cols))
		for i, c := range cols {
			if v, ok := m[c]; ok {
				row[i] = fmt.Sprint(v)
			}
		}
		require.NoError(t, w.Write(row))
	}
	w.Flush()
	return b.Bytes()
}

// TestGrownGzipAndCSV: gzip and CSV inputs are continued as JSON Lines
// are: an upload cut short (whose batches before the cut are kept) and
// then completed, a gzip file grown by another member, and a CSV file
// grown by whole lines each give the graph one read of the whole content
// gives. A CSV line the first read caught half-written is read again
// whole: at most that one record counts twice.
func TestGrownGzipAndCSV(t *testing.T) {
	part1, part2 := genRecords(12, 1800, 0), genRecords(13, 1200, 0)
	all := append(append([]byte{}, part1...), part2...)
	full := gz(all)
	tests := []struct {
		name           string
		file           string
		first, then    []byte
		firstFails     bool
		appended       bool
		records, whole int64
	}{
		{"gzip cut short, then completed", "up.jsonl.gz", full[:len(full)*3/5], full, true, true, 3000, 3000},
		{"gzip grown by a member", "log.jsonl.gz", gz(part1), append(gz(part1), gz(part2)...), false, true, 3000, 3000},
		{"gzip member that ended mid-line", "log.jsonl.gz", gz(all[:len(part1)-7]), append(gz(all[:len(part1)-7]), gz(all[len(part1)-7:])...), false, true, 3000, 3000},
		{"CSV grown by whole lines", "live.csv", csvOf(t, part1), csvOf(t, all), false, true, 3000, 3000},
		{"CSV caught mid-line", "live.csv", csvOf(t, all)[:len(csvOf(t, part1))-3], csvOf(t, all), false, true, 3001, 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			p := writeTemp(t, tt.file, tt.first)
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 500, Paths: []string{p}})
			if tt.firstFails {
				require.ErrorIs(t, err, ErrInput)
				msg := err.Error()
				assert.Contains(t, msg, "complete the file", "the advice that does not count the kept records twice")
				kept, err := s.Stats()
				require.NoError(t, err)
				require.Positive(t, kept.Records, "batches before the cut are kept")
				assert.Contains(t, msg, fmt.Sprintf("the %d records kept from this one then count twice", kept.Records))
			} else {
				require.NoError(t, err)
			}
			require.NoError(t, os.WriteFile(p, tt.then, 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 500, Paths: []string{p}})
			require.NoError(t, err)
			assert.Equal(t, tt.appended, res.Sources[0].Appended)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, tt.records, st.Records)
			for _, src := range st.Sources {
				assert.True(t, src.Done, "nothing left to resume or listed as failed: %+v", src)
			}

			whole, _ := openTestDB(t)
			_, err = Run(context.Background(), whole, Options{MaxRejects: -1, Paths: []string{writeTemp(t, tt.file, tt.then)}})
			require.NoError(t, err)
			want, err := whole.Stats()
			require.NoError(t, err)
			assert.Equal(t, tt.whole, want.Records)
			if tt.records == tt.whole {
				assert.Equal(t, want.Nodes, st.Nodes, "the same graph as one read of the whole content")
				assert.Equal(t, want.Edges, st.Edges)
			}
		})
	}
}

// TestResumeListsEachRejectOnce: the rejects an interrupted read wrote
// past its checkpoint are not written again when it resumes, so the
// rejects file lists each reject once; every line already there stays,
// another ingest's included.
func TestResumeListsEachRejectOnce(t *testing.T) {
	data := genRecords(14, 100, 10) // a bad record every 10 lines: 10, 20, ...
	const other = `{"source":"/data/other.jsonl","input":"0000000000000009","line":3,"reason":"bad ts","text":"{}"}` + "\n"
	tests := []struct {
		name      string
		after     string // written after the interrupted read's rejects
		wantLines int
	}{
		{"its own rejects last", "", 1 + 2 + 8},
		{"another input's rejects after them", other, 1 + 2 + 1 + 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			p := writeTemp(t, "r.jsonl", data)
			abs, err := filepath.Abs(p)
			require.NoError(t, err)
			rejPath := filepath.Join(t.TempDir(), "rejects.jsonl")
			require.NoError(t, os.WriteFile(rejPath, []byte(other), 0o644))
			// What a process killed after writing the rejects of lines 10
			// and 20, before committing their batch, leaves.
			src, err := s.NewSource(store.Source{Hash: xxhash.Sum64(data), Path: abs, Size: int64(len(data)), Format: "jsonl"})
			require.NoError(t, err)
			killed := fmt.Sprintf(`{"source":%q,"input":"%016x","line":10,"reason":"x","text":"y"}`+"\n"+`{"source":%q,"input":"%016x","line":20,"reason":"x","text":"y"}`+"\n", abs, src.Hash, abs, src.Hash)
			f, err := os.OpenFile(rejPath, os.O_RDWR|os.O_APPEND, 0)
			require.NoError(t, err)
			defer f.Close()
			_, err = f.WriteString(killed + tt.after)
			require.NoError(t, err)

			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, Rejects: f})
			require.NoError(t, err)
			require.True(t, res.Sources[0].Resumed)
			assert.Equal(t, int64(10), res.Rejected, "counted as before")
			got, err := os.ReadFile(rejPath)
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
			assert.Len(t, lines, tt.wantLines)
			assert.Equal(t, strings.TrimSuffix(other, "\n"), lines[0], "what was there before stays")
			if tt.after != "" {
				assert.Equal(t, strings.TrimSuffix(tt.after, "\n"), lines[3], "what came after stays, in its place")
			}
			perLine := map[string]int{}
			for _, l := range lines {
				var r reject
				require.NoError(t, json.Unmarshal([]byte(l), &r))
				if r.Source == abs {
					perLine[fmt.Sprint(r.Line)]++
				}
			}
			assert.Len(t, perLine, 10, "lines 10 to 100")
			for line, n := range perLine {
				assert.Equal(t, 1, n, "line %s listed once", line)
			}
		})
	}
}

// TestLongRejectLineIsReadBack: a reject whose every byte is escaped in
// JSON, under a long path with escaped bytes, is still written as a line
// listedRejects reads back, so a read going on from this one does not
// list it again.
func TestLongRejectLineIsReadBack(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		reason string
		text   []byte
	}{
		{"short", "/data/a.jsonl", "bad ts", []byte("{}")},
		{"text of NULs", "/data/a.jsonl", "bad ts", make([]byte, 2*maxRejectText)},
		{"and a long escaped path", "/" + strings.Repeat("\x01\"\\", 1300), "bad ts", make([]byte, maxRejectText)},
		{"and a long reason", "/" + strings.Repeat("\x01", 4000), strings.Repeat("\x02", 10*maxRejectText), make([]byte, maxRejectText)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.OpenFile(filepath.Join(t.TempDir(), "rejects.jsonl"), os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
			require.NoError(t, err)
			defer f.Close()
			in := &ingester{opt: Options{Rejects: f}}
			require.NoError(t, in.writeReject(7, tt.path, 42, errors.New(tt.reason), tt.text))
			fi, err := f.Stat()
			require.NoError(t, err)
			assert.Less(t, fi.Size(), int64(maxRejectLine))
			listed, err := in.listedRejects(store.Source{Hash: 7, Path: tt.path})
			require.NoError(t, err)
			assert.Equal(t, map[int64]bool{42: true}, listed)
		})
	}
}

// TestGrownCSVCutInsideAQuotedField: a CSV file whose earlier read ended
// inside a quoted field that spans lines (a prompt with newlines, still
// being written) loses no record when it grows: the cut record and the
// units its lines were read as are read again.
func TestGrownCSVCutInsideAQuotedField(t *testing.T) {
	const full = "ts,account,prompt,ip\n" +
		"1740960000,a1,hello,10.0.0.1\n" +
		"1740960001,a2,\"first line\nsecond line\nthird line\",10.0.0.2\n" +
		"1740960002,a3,bye,10.0.0.3\n"
	at := func(s string) int { return strings.Index(full, s) }
	tests := []struct {
		name string
		cut  int
	}{
		{"at a newline inside the quotes", at("second line")},
		{"inside the record's second line", at("second line") + 3},
		{"inside its last line", at("third line") + 2},
		{"right after the record", at("1740960002")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			p := writeTemp(t, "live.csv", []byte(full[:tt.cut]))
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(p, []byte(full), 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			assert.True(t, res.Sources[0].Appended)
			for _, a := range []string{"a1", "a2", "a3"} {
				id, err := s.Lookup(store.KindAccount, a)
				require.NoError(t, err, a)
				st, err := s.Account(id)
				require.NoError(t, err)
				assert.Equal(t, uint64(1), st.Requests, "%s is read once", a)
			}
		})
	}
}

// TestGrownGzipListsEachRejectOnce: a gzip upload cut short, whose read
// wrote rejects past its last committed batch, then completed: the
// continuation takes those back, and the rejects file lists each reject
// of the whole file once.
func TestGrownGzipListsEachRejectOnce(t *testing.T) {
	all := gz(genRecords(15, 3000, 10))
	s, _ := openTestDB(t)
	p := writeTemp(t, "up.jsonl.gz", all[:len(all)*3/5])
	rejPath := filepath.Join(t.TempDir(), "rejects.jsonl")
	f, err := os.OpenFile(rejPath, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	require.NoError(t, err)
	defer f.Close()
	_, err = Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 500, Paths: []string{p}, Rejects: f})
	require.ErrorIs(t, err, ErrInput)
	require.NoError(t, os.WriteFile(p, all, 0o644))
	_, err = Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 500, Paths: []string{p}, Rejects: f})
	require.NoError(t, err)
	got, err := os.ReadFile(rejPath)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	assert.Len(t, lines, 300)
	seen := map[string]bool{}
	for _, l := range lines {
		assert.False(t, seen[l], "listed twice: %s", l)
		seen[l] = true
	}
	st, err := s.Stats()
	require.NoError(t, err)
	assert.Equal(t, int64(300), st.Rejected)
}

// TestTwoResumesListEachRejectOnce: two inputs interrupted in turn, their
// rejects interleaved in one file, resume in either order: every reject
// of each is listed once.
func TestTwoResumesListEachRejectOnce(t *testing.T) {
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s, _ := openTestDB(t)
			rejPath := filepath.Join(t.TempDir(), "rejects.jsonl")
			f, err := os.OpenFile(rejPath, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
			require.NoError(t, err)
			defer f.Close()
			var paths []string
			for i := range 2 {
				data := genRecords(uint64(20+i), 100, 10)
				p := writeTemp(t, fmt.Sprintf("in%d.jsonl", i), data)
				abs, err := filepath.Abs(p)
				require.NoError(t, err)
				src, err := s.NewSource(store.Source{Hash: xxhash.Sum64(data), Path: abs, Size: int64(len(data)), Format: "jsonl"})
				require.NoError(t, err)
				_, err = fmt.Fprintf(f, `{"source":%q,"input":"%016x","line":10,"reason":"x","text":"y"}`+"\n", abs, src.Hash)
				require.NoError(t, err)
				paths = append(paths, p)
			}
			for _, i := range order {
				_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{paths[i]}, Rejects: f})
				require.NoError(t, err)
			}
			got, err := os.ReadFile(rejPath)
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
			assert.Len(t, lines, 20, "10 rejects of each input")
			seen := map[string]bool{}
			for _, l := range lines {
				var r reject
				require.NoError(t, json.Unmarshal([]byte(l), &r))
				k := fmt.Sprint(r.Source, r.Line)
				assert.False(t, seen[k], "listed twice: %s", k)
				seen[k] = true
			}
		})
	}
}

// TestRejectsAcrossAChainOfReads: a read that went on from an interrupted
// read (the file grew), itself interrupted and resumed, lists neither
// read's rejects twice; a line of the same path and number listed by
// other content (an old database's read) is not taken for its own; a
// last line left without a newline gets one before anything is appended.
func TestRejectsAcrossAChainOfReads(t *testing.T) {
	for _, renamed := range []bool{false, true} {
		t.Run(fmt.Sprintf("first read under another name %v", renamed), func(t *testing.T) {
			s, _ := openTestDB(t)
			first, all := genRecords(16, 60, 10), genRecords(16, 100, 10)
			require.True(t, bytes.HasPrefix(all, first))
			p := writeTemp(t, "live.jsonl", all)
			abs, err := filepath.Abs(p)
			require.NoError(t, err)
			firstPath := abs
			if renamed {
				firstPath = filepath.Join(filepath.Dir(abs), "live.jsonl.tmp")
			}
			a, err := s.NewSource(store.Source{Hash: xxhash.Sum64(first), Path: firstPath, Size: int64(len(first)), Format: "jsonl"})
			require.NoError(t, err)
			require.NoError(t, s.FinishSource(&a)) // what going on from it does
			_, err = s.NewSource(store.Source{Hash: xxhash.Sum64(all), Path: abs, Size: int64(len(all)), Format: "jsonl", Follows: a.Hash})
			require.NoError(t, err)
			rejPath := filepath.Join(t.TempDir(), "rejects.jsonl")
			line := func(path string, hash uint64, n int) string {
				return fmt.Sprintf(`{"source":%q,"input":"%016x","line":%d,"reason":"x","text":"y"}`+"\n", path, hash, n)
			}
			// The first read listed lines 10 and 20 before it was killed; an old
			// database's read of other content at this path listed line 30;
			// this read listed line 40 before a kill; a kill cut the last
			// line short.
			before := line(firstPath, a.Hash, 10) + line(firstPath, a.Hash, 20) + line(abs, 12345, 30) + line(abs, xxhash.Sum64(all), 40) + `{"source":"cut sh`
			require.NoError(t, os.WriteFile(rejPath, []byte(before), 0o644))
			f, err := os.OpenFile(rejPath, os.O_RDWR|os.O_APPEND, 0)
			require.NoError(t, err)
			defer f.Close()

			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, Rejects: f})
			require.NoError(t, err)
			require.True(t, res.Sources[0].Resumed)
			got, err := os.ReadFile(rejPath)
			require.NoError(t, err)
			lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
			assert.Equal(t, `{"source":"cut sh`, lines[4], "the cut line stays, on a line of its own")
			perLine := map[int64]int{}
			for i, l := range lines {
				var r reject
				if i == 4 {
					continue
				}
				require.NoError(t, json.Unmarshal([]byte(l), &r), l)
				if i > 4 {
					assert.Equal(t, fmt.Sprintf("%016x", xxhash.Sum64(all)), r.Input)
				}
				if r.Input == fmt.Sprintf("%016x", xxhash.Sum64(all)) {
					perLine[r.Line]++
				}
			}
			for n := int64(30); n <= 100; n += 10 {
				assert.Equal(t, 1, perLine[n], "line %d listed by this read", n)
			}
			assert.Zero(t, perLine[10]+perLine[20], "listed by the read it went on from")
		})
	}
}

// TestGrownFileUnderAPathThatIsNotUTF8: a path with bytes that are not
// UTF-8 (a Latin-1, GBK or Shift-JIS directory name) is still known when
// its file grows, however many such bytes stand in a row.
func TestGrownFileUnderAPathThatIsNotUTF8(t *testing.T) {
	for _, tc := range []struct{ name, dir string }{
		{"one byte", "caf\xe9"},
		{"two in a row", "Gr\xf6\xdfe"},
		{"runs and valid text", "\xc4\xe3\xba\xc3-\xe9t\xe9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			dir := filepath.Join(t.TempDir(), tc.dir)
			require.NoError(t, os.Mkdir(dir, 0o755))
			p := filepath.Join(dir, "a.jsonl")
			all := genRecords(17, 200, 0)
			require.NoError(t, os.WriteFile(p, all[:bytes.IndexByte(all[len(all)/2:], '\n')+len(all)/2+1], 0o644))
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(p, all, 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			assert.True(t, res.Sources[0].Appended)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, int64(200), st.Records)
		})
	}
}

// TestGrownFileUnderAnotherName: content that extends an input read
// before under another name (a log rotated by renaming after it grew, a
// hard link, a copy) is read on from that input's checkpoint, and the
// records read before are not counted twice.
func TestGrownFileUnderAnotherName(t *testing.T) {
	all := genRecords(21, 300, 0)
	cut := func(n int) []byte { // the first n records
		return all[:bytes.IndexByte(all[len(all)*n/300:], '\n')+len(all)*n/300+1]
	}
	gzAll := gz(all)
	tests := []struct {
		name        string
		reads       [][]byte // contents read before, each under a name of its own
		final       []byte
		wantRecords int64
		appended    bool
	}{
		{"renamed after it grew", [][]byte{cut(100)}, all, 300, true},
		{"a chain of reads: goes on from the longest", [][]byte{cut(50), cut(150)}, all, 300, true},
		{"a gzip upload cut short, completed under another name", [][]byte{gzAll[:len(gzAll)/2]}, gzAll, 300, true},
		{"other content", [][]byte{genRecords(22, 100, 0)}, all, 400, false},
		{"read plain, then gzipped after it grew", [][]byte{cut(100)}, gzAll, 300, true},
		{"read gzipped, then plain after it grew", [][]byte{gz(cut(100))}, all, 300, true},
		{"a chain across compressions", [][]byte{cut(50), gz(cut(150))}, all, 300, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			ext := func(c []byte) string {
				if c[0] == 0x1f {
					return ".jsonl.gz"
				}
				return ".jsonl"
			}
			for i, c := range tc.reads {
				// A cut gzip fails at its cut, keeping its whole batches.
				_, _ = Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 40, Paths: []string{writeTemp(t, fmt.Sprintf("traffic%d%s", i, ext(c)), c)}})
			}
			p := filepath.Join(t.TempDir(), "traffic.1"+ext(tc.final))
			require.NoError(t, os.WriteFile(p, tc.final, 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			assert.Equal(t, tc.appended, res.Sources[0].Appended)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, tc.wantRecords, st.Records)
		})
	}
}

// TestJoinedFromFilesReadBefore: a file joined from files read before (a
// day's file from its hourly parts) is read only past them: joined whole it
// is skipped, and what follows them is read as new traffic, plain or
// gzipped, the parts in any order. (Only parts that follow the first one
// directly are found: one after new traffic is read again.)
func TestJoinedFromFilesReadBefore(t *testing.T) {
	all := genRecords(31, 400, 0)
	lines := bytes.SplitAfter(all, []byte("\n"))
	part := func(i int) []byte { return bytes.Join(lines[i*100:(i+1)*100], nil) }
	join := func(ps ...int) []byte {
		var b []byte
		for _, i := range ps {
			b = append(b, part(i)...)
		}
		return b
	}
	tests := []struct {
		name        string
		final       []byte
		wantRecords int64
		skipped     bool
		extends     []string
	}{
		{"joined whole", join(0, 1, 2), 300, true, []string{"part0", "part1", "part2"}},
		{"joined, then new traffic", join(0, 1, 2, 3), 400, false, []string{"part0", "part1", "part2"}},
		{"joined and gzipped, then new traffic", gz(join(0, 1, 2, 3)), 400, false, []string{"part0", "part1", "part2"}},
		{"joined out of order", join(2, 0, 1), 300, true, []string{"part2", "part0", "part1"}},
		{"one part, then new traffic", join(1, 3), 400, false, []string{"part1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			dir := t.TempDir()
			for i := range 3 {
				p := filepath.Join(dir, fmt.Sprintf("part%d.jsonl", i))
				require.NoError(t, os.WriteFile(p, part(i), 0o644))
				_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
				require.NoError(t, err)
			}
			name := "day.jsonl"
			if tc.final[0] == 0x1f {
				name += ".gz"
			}
			p := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(p, tc.final, 0o644))
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}})
			require.NoError(t, err)
			sr := res.Sources[0]
			assert.Equal(t, tc.skipped, sr.Skipped)
			var got []string
			for _, e := range sr.Extends {
				got = append(got, strings.TrimSuffix(filepath.Base(e), ".jsonl"))
			}
			assert.Equal(t, tc.extends, got)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, tc.wantRecords, st.Records)
		})
	}
}

// TestSameContentCompressedOtherwise: a log read plain and then its
// gzipped copy (logrotate's compress), or the reverse, or two compression
// levels, is the same traffic: read once. An earlier read of that content
// that stopped is finished from its checkpoint.
func TestSameContentCompressedOtherwise(t *testing.T) {
	all := genRecords(24, 300, 0)
	csvAll := []byte("ts,account,ip\n")
	for i := range 300 {
		csvAll = fmt.Appendf(csvAll, "%d,acct-%d,10.0.%d.%d\n", 1700000000+i, i%40, i%7, i%200)
	}
	gzLevel := func(b []byte, level int) []byte {
		var out bytes.Buffer
		w, err := gzip.NewWriterLevel(&out, level)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
		require.NoError(t, w.Close())
		return out.Bytes()
	}
	tests := []struct {
		name          string
		first, second []byte
		ext           string // of the plain form
	}{
		{"plain, then gzipped", all, gz(all), ".jsonl"},
		{"gzipped, then plain", gz(all), all, ".jsonl"},
		{"two compression levels", gzLevel(all, 1), gzLevel(all, 9), ".jsonl"},
		{"csv, plain then gzipped", csvAll, gz(csvAll), ".csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			name := func(c []byte) string {
				if c[0] == 0x1f {
					return "t" + tc.ext + ".gz"
				}
				return "t" + tc.ext
			}
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, name(tc.first), tc.first)}})
			require.NoError(t, err)
			before, err := s.Stats()
			require.NoError(t, err)
			require.Equal(t, int64(300), before.Records)
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, name(tc.second), tc.second)}})
			require.NoError(t, err)
			assert.True(t, res.Sources[0].Skipped)
			after, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, before.Records, after.Records)
		})
	}

	// Content read in one format with records is not read again in the
	// other, whatever the compression (a gzip without .csv in its name is
	// read as JSON Lines; --format csv on a JSON Lines gzip would fail).
	for _, tc := range []struct {
		name, plainName, gzName, asked string
		content                        []byte
	}{
		{"csv, then its gzip taken for JSON Lines", "t.csv", "t.gz", "", csvAll},
		{"JSON Lines, then its gzip asked for as CSV", "t.jsonl", "t.jsonl.gz", "csv", all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, tc.plainName, tc.content)}})
			require.NoError(t, err)
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Format: tc.asked, Paths: []string{writeTemp(t, tc.gzName, gz(tc.content))}})
			require.NoError(t, err)
			assert.True(t, res.Sources[0].Skipped)
			st, err := s.Stats()
			require.NoError(t, err)
			assert.Equal(t, int64(300), st.Records)
			assert.Zero(t, st.Rejected)
		})
	}

	t.Run("an interrupted plain read finished by the gzipped copy", func(t *testing.T) {
		s, _ := openTestDB(t)
		_, err := s.NewSource(store.Source{Hash: xxhash.Sum64(all), Path: "/data/t.jsonl", Size: int64(len(all)), Format: "jsonl"})
		require.NoError(t, err)
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "t.jsonl.gz", gz(all))}})
		require.NoError(t, err)
		assert.True(t, res.Sources[0].Appended)
		st, err := s.Stats()
		require.NoError(t, err)
		assert.Equal(t, int64(300), st.Records)
		prior, found, err := s.Source(xxhash.Sum64(all))
		require.NoError(t, err)
		require.True(t, found)
		assert.True(t, prior.Done, "the stopped read is finished by the one that went on from it")
	})
}

// TestPrefixHasher: the prefix sums are those of the prefixes, wherever
// the writes cut the content.
func TestPrefixHasher(t *testing.T) {
	content := genRecords(23, 50, 0)
	earlier := []store.Source{
		{ID: 1, Size: 1, Format: "jsonl"},
		{ID: 2, Size: 700, Format: "jsonl"},
		{ID: 3, Size: 700, Format: "jsonl"},
		{ID: 4, Size: int64(len(content)), Format: "jsonl"},
		{ID: 5, Size: 333, Format: "csv"},
		{ID: 6, Size: 10},
	}
	for _, chunk := range []int{1, 7, 700, 1 << 20} {
		p := newPrefixHasher(prefixLengths(earlier, "jsonl", true, false))
		for b := content; len(b) > 0; b = b[min(chunk, len(b)):] {
			_, err := p.Write(b[:min(chunk, len(b))])
			require.NoError(t, err)
		}
		assert.Equal(t, []int64{1, 10, 700, int64(len(content))}, p.at, "csv left out")
		assert.Equal(t, []uint64{xxhash.Sum64(content[:1]), xxhash.Sum64(content[:10]), xxhash.Sum64(content[:700]), xxhash.Sum64(content)}, p.sums, "chunk %d", chunk)
		assert.Equal(t, xxhash.Sum64(content), p.h.Sum64())
	}
}

// TestDamagedGzipAdvice: a gzip file damaged inside, whose read kept
// batches before the damage, is not told to complete the file: no longer
// file can extend it, and a replacement counts the kept records twice.
func TestDamagedGzipAdvice(t *testing.T) {
	s, _ := openTestDB(t)
	data := gz(genRecords(18, 3000, 0))
	for i := len(data) * 7 / 10; i < len(data)*7/10+8; i++ {
		data[i] ^= 0xa5
	}
	_, err := Run(context.Background(), s, Options{MaxRejects: -1, BatchLines: 500, Paths: []string{writeTemp(t, "d.jsonl.gz", data)}})
	require.ErrorIs(t, err, ErrInput)
	st, serr := s.Stats()
	require.NoError(t, serr)
	require.Positive(t, st.Records)
	assert.NotContains(t, err.Error(), "complete the file")
	assert.Contains(t, err.Error(), fmt.Sprintf("the %d records kept from this content stay counted", st.Records))
}

// TestOverlongLineRejectKeepsItsHead: a line over maxLine is rejected
// with its first 64 KiB as its text, as any other rejected line, and the
// lines after it keep their numbers, in JSON Lines and CSV, from a file
// or standard input.
func TestOverlongLineRejectKeepsItsHead(t *testing.T) {
	// A pattern that does not repeat every 64 KiB, to see which bytes are
	// kept.
	var fill strings.Builder
	for i := 0; fill.Len() < maxLine+1<<20; i++ {
		fmt.Fprintf(&fill, "w%d ", i)
	}
	long := fill.String()
	tests := []struct {
		name, file string
		stdin      bool
		data       string
		longLine   int64
		longText   string // the long line's start
		badLine    int64  // a short rejected line after it; 0 for none
	}{
		{"jsonl", "l.jsonl", false, `{"ts":1,"account":"a"}` + "\n" + `{"ts":2,"account":"` + long + `"}` + "\n" + "bad\n" + `{"ts":3,"account":"b"}` + "\n",
			2, `{"ts":2,"account":"` + long, 3},
		{"jsonl, the last line, without a newline", "e.jsonl", false, `{"ts":1,"account":"a"}` + "\n\n" + `{"ts":2,"account":"` + long,
			3, `{"ts":2,"account":"` + long, 0},
		{"jsonl on stdin", "", true, `{"ts":1,"account":"a"}` + "\r\n" + `{"ts":2,"account":"` + long + `"}` + "\r\n" + "bad\r\n" + `{"ts":3,"account":"b"}` + "\r\n",
			2, `{"ts":2,"account":"` + long, 3},
		{"csv", "c.csv", false, "ts,account,prompt\n1,a,x\n2,b," + long + "\n3,c\n4,d,y\n",
			3, "2,b," + long, 4},
		{"csv, the last line, without a newline", "e.csv", false, "ts,account,prompt\n1,a,x\n2,b," + long,
			3, "2,b," + long, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			var rej bytes.Buffer
			opt := Options{MaxRejects: -1, Rejects: &rej, BatchLines: 2}
			if tt.stdin {
				opt.Paths, opt.Stdin = []string{"-"}, strings.NewReader(tt.data)
			} else {
				opt.Paths = []string{writeTemp(t, tt.file, []byte(tt.data))}
			}
			res, err := Run(context.Background(), s, opt)
			require.NoError(t, err)
			var rejects []reject
			for _, l := range strings.Split(strings.TrimSpace(rej.String()), "\n") {
				var r reject
				require.NoError(t, json.Unmarshal([]byte(l), &r))
				rejects = append(rejects, r)
			}
			require.NotEmpty(t, rejects)
			assert.Equal(t, tt.longLine, rejects[0].Line)
			assert.Equal(t, "line longer than 16 MiB", rejects[0].Reason)
			got := rejects[0].Text
			assert.True(t, got == tt.longText[:maxRejectText]+"…", "text of %d bytes, starting %q: want the line's first %d bytes", len(got), clip([]byte(got)), maxRejectText)
			if tt.badLine == 0 {
				assert.Len(t, rejects, 1)
				assert.Equal(t, int64(1), res.Records)
				return
			}
			require.Len(t, rejects, 2)
			assert.Equal(t, tt.badLine, rejects[1].Line, "the lines after the long one keep their numbers")
			assert.Equal(t, int64(2), res.Records)
			assert.Equal(t, int64(2), res.Rejected)
		})
	}
}
