package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cleanLines returns n valid records, one per line, none rejected.
func cleanLines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"ts":%d,"account":"acct-%d","ip":"10.0.%d.%d","payment":"card-%d","device":"dev-%d","tokens":%d}`+"\n",
			1700000000+i, i%97, i%7, i%200, i%31, i%13, i%50)
	}
	return b.String()
}

// truncatedGzip gzips data and keeps only the first frac of the stream.
func truncatedGzip(t *testing.T, data string, frac float64) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.NoCompression)
	require.NoError(t, err)
	_, err = zw.Write([]byte(data))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()[:int(float64(b.Len())*frac)]
}

func statsOf(t *testing.T, db string) (statsJSON, string) {
	t.Helper()
	r := runCLI(t, "", "--db", db, "stats", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var got statsJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	txt := runCLI(t, "", "--db", db, "stats")
	require.Equal(t, 0, txt.code, txt.errOut)
	return got, txt.out
}

var committedRe = regexp.MustCompile(`: failed: (\d+) records, (\d+) rejected committed before the error\n`)

// TestIngestTruncatedGzipReportsCommitted: a truncated gzip reports only
// what was committed, fails with one line and exit 1, is recorded as
// failed (not resumable) and a re-run says so instead of "resumed".
func TestIngestTruncatedGzipReportsCommitted(t *testing.T) {
	data := cleanLines(3000)
	t.Run("nothing committed", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		p := filepath.Join(t.TempDir(), "trunc.jsonl.gz")
		require.NoError(t, os.WriteFile(p, truncatedGzip(t, data, 0.5), 0o644))

		r := runCLI(t, "", "--db", db, "ingest", p)
		assert.Equal(t, ExitError, r.code)
		assert.Equal(t, p+": failed: 0 records, 0 rejected committed before the error\n", r.out)
		assert.Regexp(t, `^ringlink: unreadable input: .*trunc\.jsonl\.gz: after line \d+: input ends unexpectedly \(truncated gzip or file\?\); re-running cannot help: fix or replace the file\n$`, r.errOut)

		got, txt := statsOf(t, db)
		assert.Equal(t, int64(0), got.Records)
		assert.Equal(t, int64(0), got.Nodes["account"])
		assert.Equal(t, 0, got.Files)
		require.Len(t, got.Sources, 1)
		assert.False(t, got.Sources[0].Resumable)
		assert.Contains(t, got.Sources[0].Failed, "truncated")
		assert.Contains(t, txt, "failed")
		assert.Contains(t, txt, "cannot be resumed")
		assert.NotContains(t, txt, "re-run ingest to resume")

		r = runCLI(t, "", "--db", db, "ingest", p)
		assert.Equal(t, ExitError, r.code)
		assert.NotContains(t, r.out, "resumed")
		assert.Equal(t, p+": failed: 0 records, 0 rejected committed before the error\n", r.out)
		assert.Contains(t, r.errOut, "this content failed before and re-running cannot help")
		assert.Equal(t, 1, strings.Count(r.errOut, "\n"))
	})
	t.Run("some batches committed", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		p := filepath.Join(t.TempDir(), "trunc.jsonl.gz")
		require.NoError(t, os.WriteFile(p, truncatedGzip(t, data, 0.6), 0o644))

		r := runCLI(t, "", "--db", db, "ingest", p, "--batch-lines", "250")
		assert.Equal(t, ExitError, r.code)
		m := committedRe.FindStringSubmatch(r.out)
		require.NotNil(t, m, r.out)
		n, _ := strconv.Atoi(m[1])
		assert.Positive(t, n)
		assert.Zero(t, n%250, "only whole batches are committed")
		assert.Less(t, n, 3000)
		assert.Equal(t, "0", m[2])
		assert.Contains(t, r.errOut, "truncated")

		got, _ := statsOf(t, db)
		assert.Equal(t, int64(n), got.Records)
		require.Len(t, got.Sources, 1)
		assert.False(t, got.Sources[0].Resumable)

		// The database holds exactly the committed prefix.
		ref := filepath.Join(t.TempDir(), "ref")
		prefix := strings.Join(strings.SplitAfter(data, "\n")[:n], "")
		rr := runCLI(t, "", "--db", ref, "ingest", writeFile(t, "prefix.jsonl", prefix), "--batch-lines", "250")
		require.Equal(t, 0, rr.code, rr.errOut)
		assert.Equal(t, dumpDB(t, ref), dumpDB(t, db))
	})
}

func TestIngestBadCSVHeaderIsPermanent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	p := writeFile(t, "x.csv", "a,b\n1,2\n")
	r := runCLI(t, "", "--db", db, "ingest", p)
	assert.Equal(t, ExitError, r.code)
	assert.Equal(t, p+": failed: 0 records, 0 rejected committed before the error\n", r.out)
	assert.Regexp(t, `^ringlink: unreadable input: .*x\.csv: header row lacks the required columns ts and account; re-running cannot help: fix or replace the file\n$`, r.errOut)
	got, txt := statsOf(t, db)
	require.Len(t, got.Sources, 1)
	assert.False(t, got.Sources[0].Resumable)
	assert.Contains(t, got.Sources[0].Failed, "header row")
	assert.NotContains(t, txt, "resume)")
	assert.NotContains(t, txt, "unfinished")
}

func TestIngestEmptyCSVIsDone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	p := writeFile(t, "empty.csv", "")
	r := runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	got, txt := statsOf(t, db)
	assert.Equal(t, 1, got.Files)
	assert.NotContains(t, txt, "unfinished")
	r = runCLI(t, "", "--db", db, "ingest", p)
	assert.Contains(t, r.out, "already ingested, skipped")
}

func TestIngestStdinIsNeverResumable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	data := cleanLines(2000)
	r := runCLI(t, string(truncatedGzip(t, data, 0.7)), "--db", db, "ingest", "-", "--batch-lines", "500")
	assert.Equal(t, ExitError, r.code)
	m := regexp.MustCompile(`^stdin: failed: (\d+) records, 0 rejected committed before the error; standard input cannot be resumed\n$`).FindStringSubmatch(r.out)
	require.NotNil(t, m, r.out)
	n, _ := strconv.Atoi(m[1])
	assert.Equal(t, 1000, n) // 0.7 of the stream holds two whole batches
	assert.Contains(t, r.errOut, "truncated")
	assert.NotContains(t, r.errOut, "resume")
	assert.NotContains(t, r.errOut, "fix or replace the file")

	got, txt := statsOf(t, db)
	assert.Equal(t, int64(n), got.Records)
	require.Len(t, got.Sources, 1)
	assert.Equal(t, "-", got.Sources[0].Path)
	assert.False(t, got.Sources[0].Resumable)
	assert.NotEmpty(t, got.Sources[0].Failed)
	assert.NotContains(t, txt, "re-run ingest to resume")
	assert.Contains(t, txt, "failed")
	assert.Contains(t, txt, "stdin at ")

	// A stdin ingest killed mid-way has no failure recorded; it is still
	// not offered for resuming.
	s, err := store.Open(db, store.Options{})
	require.NoError(t, err)
	_, err = s.NewSource(store.Source{Hash: 42, Path: "-", Lines: 7, Records: 7})
	require.NoError(t, err)
	_, err = s.NewSource(store.Source{Hash: 43, Path: "/data/x.jsonl", Lines: 9, Records: 9})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	got, txt = statsOf(t, db)
	require.Len(t, got.Sources, 3)
	assert.False(t, got.Sources[1].Resumable)
	assert.True(t, got.Sources[2].Resumable)
	assert.Contains(t, txt, "(7 records kept; standard input cannot be resumed)")
	assert.Contains(t, txt, "/data/x.jsonl (line 9, 9 records kept; re-run ingest to resume)")
	assert.Equal(t, 1, strings.Count(txt, "re-run ingest to resume"))
}

// TestIngestTooManyRejectsIsResumable: a stop on --max-rejects keeps what
// was committed and a re-run without the limit continues from there.
func TestIngestTooManyRejectsIsResumable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	p := writeFile(t, "a.jsonl", cleanLines(100)+"{bad\n"+cleanLines(10))
	r := runCLI(t, "", "--db", db, "ingest", p, "--max-rejects", "0")
	assert.Equal(t, ExitError, r.code)
	assert.Equal(t, p+": stopped at --max-rejects: 100 records, 1 rejected committed; fix the file or raise --max-rejects to read on\n", r.out)
	assert.Contains(t, r.errOut, "--max-rejects 0")
	got, txt := statsOf(t, db)
	assert.Equal(t, int64(100), got.Records)
	assert.Equal(t, int64(1), got.Rejected)
	require.Len(t, got.Sources, 1)
	assert.True(t, got.Sources[0].Resumable)
	assert.Contains(t, txt, "re-run ingest to resume")

	r = runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Equal(t, p+": 10 records, 0 rejected (resumed from checkpoint)\n", strings.SplitAfter(r.out, "\n")[0])
	got, _ = statsOf(t, db)
	assert.Equal(t, int64(110), got.Records)
	assert.Equal(t, 1, got.Files)
}

// TestStatsSourcesReadInJSONTools: a source's content hash is a hex string
// and its times RFC 3339, so that tools reading JSON numbers as doubles
// (jq, JavaScript) keep them exact.
func TestStatsSourcesReadInJSONTools(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	p := writeFile(t, "a.jsonl", cleanLines(10))
	r := runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	got, _ := statsOf(t, db)
	require.Len(t, got.Sources, 1)
	src := got.Sources[0]
	assert.Regexp(t, `^[0-9a-f]{16}$`, src.Hash)
	started, err := time.Parse(time.RFC3339, src.Started)
	require.NoError(t, err)
	finished, err := time.Parse(time.RFC3339, src.Finished)
	require.NoError(t, err)
	assert.False(t, finished.Before(started))
	assert.WithinDuration(t, time.Now(), finished, time.Minute)
	r = runCLI(t, "", "--db", db, "stats", "--format", "json")
	assert.NotRegexp(t, `"hash": \d`, r.out)

	// A read that goes on from another names it by the same hex hash.
	require.NoError(t, os.WriteFile(p, []byte(cleanLines(20)), 0o644))
	r = runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	got, _ = statsOf(t, db)
	require.Len(t, got.Sources, 2)
	assert.Equal(t, src.Hash, got.Sources[1].Follows)
	r = runCLI(t, "", "--db", db, "stats", "--format", "json")
	assert.NotRegexp(t, `"follows": \d`, r.out)
}

// TestIngestWarnsWhenEverythingIsRejected: CSV content read as JSON Lines
// (no .csv name) is all rejected; ingest says so and points at --format.
func TestIngestWarnsWhenEverythingIsRejected(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	p := writeFile(t, "noext", "ts,account\n1740960000,a\n1740960001,b\n")
	r := runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, p+": 0 records, 3 rejected")
	assert.Contains(t, r.errOut, "warning: every record of "+p+" was rejected")
	assert.Contains(t, r.errOut, "--format")
	ok := writeFile(t, "ok.jsonl", cleanLines(3))
	r = runCLI(t, "", "--db", db, "ingest", ok)
	require.Equal(t, 0, r.code, r.errOut)
	assert.NotContains(t, r.errOut, "warning")
}

// TestStatsForgetsAFailureOnceThePathIsRead: a path whose read failed
// and that was then read in full (the file was replaced) has nothing left
// to act on, and stats no longer lists it as failed.
func TestStatsForgetsAFailureOnceThePathIsRead(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	gzOf := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	p := filepath.Join(t.TempDir(), "up.jsonl.gz")
	require.NoError(t, os.WriteFile(p, gzOf(`{"ts":1700000000,"account":"a"}` + "\n")[:20], 0o644))
	r := runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, ExitError, r.code, r.errOut)
	_, txt := statsOf(t, db)
	assert.Contains(t, txt, "failed")

	require.NoError(t, os.WriteFile(p, gzOf(`{"account":"b","ts":1700000005}`+"\n"), 0o644))
	r = runCLI(t, "", "--db", db, "ingest", p)
	require.Equal(t, 0, r.code, r.errOut)
	got, txt := statsOf(t, db)
	assert.Equal(t, int64(1), got.Records)
	assert.NotContains(t, txt, "failed")
}
