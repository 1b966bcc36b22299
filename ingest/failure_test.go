package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInputErrorIsPermanent: an input that cannot be read past some point
// reports only its committed records, records why it failed in its
// checkpoint, and a re-run fails at once instead of claiming to resume.
func TestInputErrorIsPermanent(t *testing.T) {
	data := genRecords(5, 3000, 0)
	z := gz(data)
	p := writeTemp(t, "t.jsonl.gz", z[:len(z)*2/3])
	s, _ := openTestDB(t)
	res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: 300})
	require.ErrorIs(t, err, ErrInput)
	assert.Contains(t, err.Error(), "re-running cannot help")
	require.Len(t, res.Sources, 1)
	sr := res.Sources[0]
	assert.True(t, sr.Failed)
	assert.False(t, sr.Resumable)
	assert.Positive(t, sr.Records)
	assert.Zero(t, sr.Records%300, "whole batches only")
	assert.Equal(t, sr.Records, res.Records)

	srcs, err := s.Sources()
	require.NoError(t, err)
	require.Len(t, srcs, 1)
	assert.Equal(t, sr.Records, srcs[0].Records)
	assert.Equal(t, sr.Records, srcs[0].Lines)
	assert.Contains(t, srcs[0].Failed, "truncated")
	assert.NotContains(t, srcs[0].Failed, ErrInput.Error())
	assert.False(t, srcs[0].Resumable())

	// Exactly the committed prefix is in the database.
	ref, _ := openTestDB(t)
	prefix := bytes.SplitAfter(data, []byte("\n"))[:sr.Records]
	_, err = Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "p.jsonl", bytes.Join(prefix, nil))}, BatchLines: 300})
	require.NoError(t, err)
	assert.Equal(t, dump(t, ref), dump(t, s))

	before := dump(t, s)
	res, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: 300})
	require.ErrorIs(t, err, ErrInput)
	assert.Contains(t, err.Error(), "failed before")
	assert.False(t, res.Sources[0].Resumed)
	assert.Zero(t, res.Sources[0].Records)
	assert.Equal(t, before, dump(t, s))
}

// TestInterruptIsResumable: a cancelled ingest of a file stays resumable;
// of standard input it is recorded as failed, with an error that does not
// promise a resume.
func TestInterruptIsResumable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := genRecords(6, 2000, 0)

	s, _ := openTestDB(t)
	res, err := Run(ctx, s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "a.jsonl", data)}, BatchLines: 300})
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, res.Sources[0].Failed)
	assert.True(t, res.Sources[0].Resumable)
	srcs, err := s.Sources()
	require.NoError(t, err)
	require.Len(t, srcs, 1)
	assert.True(t, srcs[0].Resumable())
	assert.Equal(t, res.Sources[0].Records, srcs[0].Records)

	s2, _ := openTestDB(t)
	res, err = Run(ctx, s2, Options{MaxRejects: -1, Paths: []string{"-"}, Stdin: bytes.NewReader(data), BatchLines: 300})
	require.Error(t, err)
	assert.NotErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "standard input cannot be resumed")
	assert.True(t, res.Sources[0].Failed)
	assert.False(t, res.Sources[0].Resumable)
	srcs, err = s2.Sources()
	require.NoError(t, err)
	require.Len(t, srcs, 1)
	assert.False(t, srcs[0].Resumable())
	assert.NotEmpty(t, srcs[0].Failed)
	assert.Equal(t, res.Sources[0].Records, srcs[0].Records)
}

// drainSignal passes r through and closes drained at the first Read after
// size bytes have gone through: everything sent is then in the ingest's
// hands, and that Read blocks.
type drainSignal struct {
	r       io.Reader
	size    int
	seen    int
	drained chan struct{}
}

func (d *drainSignal) Read(p []byte) (int, error) {
	if d.seen == d.size && d.drained != nil {
		close(d.drained)
		d.drained = nil
	}
	n, err := d.r.Read(p)
	d.seen += n
	return n, err
}

// TestStdinInterruptCommitsWhatWasRead: a signal while standard input
// is open but idle (a pipe whose writer has gone quiet) stops the ingest
// at once, not when the writer sends more, and commits every record read
// before it, templates included: the database is that of an ingest of
// exactly those lines.
func TestStdinInterruptCommitsWhatWasRead(t *testing.T) {
	data := bytes.Join(ciInput(t)[:700], nil)
	s, _ := openTestDB(t)
	res, err := interruptIdleStdin(t, s, data, Options{MaxRejects: -1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "interrupted after line 700 (700 records committed)")
	assert.Contains(t, err.Error(), "from line 701 on")
	require.Len(t, res.Sources, 1)
	assert.Equal(t, int64(700), res.Sources[0].Records)

	ref, _ := openTestDB(t)
	_, err = Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "p.jsonl", data)}})
	require.NoError(t, err)
	assert.Equal(t, fullDump(t, ref), fullDump(t, s))
}

// interruptIdleStdin ingests data from a pipe its writer keeps open, as a
// quiet producer would, and cancels the ingest once all of data has been
// read: Run must then return promptly.
func interruptIdleStdin(t *testing.T, s *store.Store, data []byte, opt Options) (Result, error) {
	t.Helper()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go pw.Write(data)
	in := &drainSignal{r: pr, size: len(data), drained: make(chan struct{})}
	drained := in.drained
	opt.Paths, opt.Stdin = []string{"-"}, in
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		res Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Run(ctx, s, opt)
		done <- result{res, err}
	}()
	<-drained
	cancel()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(20 * time.Second):
		t.Fatal("ingest of an idle standard input did not stop on cancel")
		return Result{}, nil
	}
}

// TestUnreadableInputsDoNotStopTheOthers: a missing file and a gzip
// truncated mid-batch among good files (with prompts, so the miner is in
// play) are reported one by one, and the rest is ingested as if each input
// had been a run of its own process: the truncated file's uncommitted
// batch leaves no node ids and no mined templates behind.
func TestUnreadableInputsDoNotStopTheOthers(t *testing.T) {
	lines := ciInput(t)
	good1, cut, good2 := bytes.Join(lines[:3000], nil), bytes.Join(lines[3000:9000], nil), bytes.Join(lines[9000:12000], nil)
	z := gz(cut)
	paths := []string{
		filepath.Join(t.TempDir(), "missing.jsonl"),
		writeTemp(t, "good1.jsonl", good1),
		writeTemp(t, "cut.jsonl.gz", z[:len(z)/2]),
		writeTemp(t, "good2.jsonl", good2),
	}
	s, _ := openTestDB(t)
	res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: paths, BatchLines: 700})
	var ie InputErrors
	require.ErrorAs(t, err, &ie)
	require.IsType(t, InputErrors{}, err, "nothing but unreadable inputs went wrong")
	assert.ErrorIs(t, err, ErrInput)
	assert.Len(t, ie.Errs, 2)
	assert.Equal(t, 4, ie.Inputs)
	assert.Contains(t, err.Error(), "2 of 4 inputs could not be read")
	require.Len(t, res.Sources, 4)
	assert.True(t, res.Sources[0].Failed)
	assert.Contains(t, res.Sources[0].Error, "missing.jsonl: no such file")
	assert.True(t, res.Sources[2].Failed)
	assert.Contains(t, res.Sources[2].Error, "cut.jsonl.gz")
	assert.Positive(t, res.Sources[2].Records, "some of the truncated file's batches committed")
	assert.NotZero(t, (6000-res.Sources[2].Records)%700, "and it stopped inside a batch")
	assert.Equal(t, []int64{3000, 3000}, []int64{res.Sources[1].Records, res.Sources[3].Records})

	// The reference: each readable input ingested by its own process.
	ref, dir := openTestDB(t)
	for _, p := range paths[1:] {
		_, err := Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: 700})
		if p == paths[2] {
			require.ErrorIs(t, err, ErrInput)
		} else {
			require.NoError(t, err)
		}
		ref = reopen(t, ref, dir)
	}
	assert.Equal(t, fullDump(t, ref), fullDump(t, s))
}

// TestStdinCSVInterruptCountsOnlyRecords: a signal while CSV arrives on
// standard input commits every record read and names the next one to go
// on from; the cut-short read is not counted as a record.
func TestStdinCSVInterruptCountsOnlyRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString("ts,account,ip\n")
	for i := range 700 {
		fmt.Fprintf(&b, "%d,acct-%d,10.0.%d.%d\n", 1740960000+i, i%50, i%7, i%200)
	}
	s, _ := openTestDB(t)
	res, err := interruptIdleStdin(t, s, []byte(b.String()), Options{MaxRejects: -1, Format: "csv"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "interrupted after CSV record 700 (700 records committed)")
	assert.Contains(t, err.Error(), "from CSV record 701 on")
	assert.Equal(t, int64(700), res.Records)
}

// TestMaxRejectsCountsOnlyCommittedAfterAnUnreadableInput: the rejects of
// a batch that an unreadable input never committed do not count against
// --max-rejects for the inputs after it.
func TestMaxRejectsCountsOnlyCommittedAfterAnUnreadableInput(t *testing.T) {
	clean := bytes.SplitAfter(genRecords(21, 1500, 0), []byte("\n"))
	bad := []byte(`{"ts":"yesterday","account":"x"}` + "\n")
	var first bytes.Buffer
	for i, l := range clean[:1400] {
		first.Write(l)
		if i == 699 { // right after the first batch
			for range 4 {
				first.Write(bad)
			}
		}
	}
	z := gz(first.Bytes())
	var second bytes.Buffer
	second.Write(bytes.Join(clean[1400:1500], nil))
	for range 3 {
		second.Write(bad)
	}
	s, _ := openTestDB(t)
	paths := []string{writeTemp(t, "cut.jsonl.gz", z[:len(z)*9/10]), writeTemp(t, "next.jsonl", second.Bytes())}
	res, err := Run(context.Background(), s, Options{MaxRejects: 5, Paths: paths, BatchLines: 700})
	require.IsType(t, InputErrors{}, err, "%v", err)
	assert.Equal(t, int64(700), res.Sources[0].Records, "the first batch, clean, committed")
	assert.Zero(t, res.Sources[0].Rejected, "its rejects were in the batch that never committed")
	assert.Equal(t, []int64{100, 3}, []int64{res.Sources[1].Records, res.Sources[1].Rejected})
}

// TestFailedResumeKeepsCommittedDays: an input resumed from a checkpoint
// that then fails for good (it was truncated) before its first batch
// commits keeps the checkpoint's request days, not those of the records
// it read and never committed.
func TestFailedResumeKeepsCommittedDays(t *testing.T) {
	data := genRecords(5, 3000, 0)
	z := gz(data)
	path := writeTemp(t, "t.jsonl.gz", z[:len(z)*2/3])
	s, _ := openTestDB(t)
	requests := func() (int64, uint64) {
		srcs, err := s.Sources()
		require.NoError(t, err)
		require.Len(t, srcs, 1)
		var n uint64
		for _, d := range srcs[0].Days {
			n += d.Requests
		}
		return srcs[0].Records, n
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Run(ctx, s, Options{MaxRejects: -1, Paths: []string{path}, BatchLines: 300, Progress: func(Progress) { cancel() }})
	require.ErrorIs(t, err, context.Canceled)
	records, days := requests()
	require.Positive(t, records)
	require.Equal(t, uint64(records), days, "every record is a request")

	_, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{path}, BatchLines: 100000})
	require.ErrorIs(t, err, ErrInput)
	records, days = requests()
	assert.Equal(t, uint64(records), days)
}
