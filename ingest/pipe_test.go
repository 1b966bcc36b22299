package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fifo makes a named pipe called name and writes data into it from a
// goroutine, which then closes it, or with keepOpen keeps it open (a
// writer gone quiet) until the test ends.
func fifo(t *testing.T, name string, data []byte, keepOpen bool) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, syscall.Mkfifo(p, 0o600))
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		f, err := os.OpenFile(p, os.O_WRONLY, 0) // blocks until the ingest opens it
		if err != nil {
			return
		}
		defer f.Close()
		f.Write(data)
		if keepOpen {
			<-done
		}
	}()
	return p
}

// TestPipeIsReadLikeStdin: a named pipe, and a process substitution
// (bash's <(zcat x.gz), a /dev/fd path to a pipe), cannot seek: each is
// read once from the start as standard input is, in the format its name
// tells, gzip found by its bytes. It gives the database a file of the
// same bytes gives, its rejects are listed under its name, and, as for
// standard input, a second read of it is new traffic and a stopped read
// is not offered for resuming.
func TestPipeIsReadLikeStdin(t *testing.T) {
	data := genRecords(31, 1500, 100)
	ref, _ := openTestDB(t)
	_, err := Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "a.jsonl", data)}})
	require.NoError(t, err)
	want := dump(t, ref)
	procSub := func(t *testing.T, data []byte) string {
		r, w, err := os.Pipe()
		require.NoError(t, err)
		t.Cleanup(func() { r.Close() })
		go func() {
			w.Write(data)
			w.Close()
		}()
		return fmt.Sprintf("/dev/fd/%d", r.Fd())
	}

	tests := []struct {
		name        string
		path        func(t *testing.T) string
		firstReject int64
	}{
		{"named pipe", func(t *testing.T) string { return fifo(t, "in", data, false) }, 100},
		{"named pipe of gzip", func(t *testing.T) string { return fifo(t, "in.jsonl.gz", gz(data), false) }, 100},
		{"named pipe of CSV, by its name", func(t *testing.T) string { return fifo(t, "in.csv", csvOf(t, data), false) }, 101},
		{"process substitution", func(t *testing.T) string { return procSub(t, data) }, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			var rej bytes.Buffer
			p := tt.path(t)
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, Rejects: &rej, BatchLines: 400})
			require.NoError(t, err)
			require.Len(t, res.Sources, 1)
			assert.Equal(t, p, res.Sources[0].Path)
			assert.Equal(t, int64(1485), res.Records)
			assert.Equal(t, int64(15), res.Rejected)
			assert.Equal(t, want, dump(t, s))
			var r reject
			require.NoError(t, json.Unmarshal(bytes.SplitN(rej.Bytes(), []byte("\n"), 2)[0], &r))
			assert.Equal(t, p, r.Source)
			assert.Equal(t, tt.firstReject, r.Line)

			srcs, err := s.Sources()
			require.NoError(t, err)
			require.Len(t, srcs, 1)
			assert.True(t, srcs[0].Stdin(), "kept as an input that cannot be read again")
			assert.True(t, srcs[0].Done)
		})
	}

	t.Run("read again, as new traffic", func(t *testing.T) {
		s, _ := openTestDB(t)
		for range 2 {
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{fifo(t, "in.jsonl", data, false)}})
			require.NoError(t, err)
			assert.False(t, res.Sources[0].Skipped)
			assert.Equal(t, int64(1485), res.Records)
		}
	})

	t.Run("named .gz but plain", func(t *testing.T) {
		s, _ := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{fifo(t, "in.jsonl.gz", data, false)}})
		require.ErrorIs(t, err, ErrInput)
		assert.Contains(t, err.Error(), "named .gz but not gzip-compressed")
	})

	t.Run("interrupted while idle", func(t *testing.T) {
		s, _ := openTestDB(t)
		p := fifo(t, "in.jsonl", data, true)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		var res Result
		go func() {
			var err error
			res, err = Run(ctx, s, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: 500, Progress: func(pr Progress) {
				if pr.Lines == 1500 { // every line sent is read; the writer is idle
					cancel()
				}
			}})
			done <- err
		}()
		select {
		case err := <-done:
			require.Error(t, err)
			assert.NotErrorIs(t, err, context.Canceled, "a re-run cannot resume it")
			assert.Contains(t, err.Error(), p+": interrupted after line 1500 (1485 records committed)")
			assert.Contains(t, err.Error(), "cannot be resumed")
			assert.False(t, res.Sources[0].Resumable)
		case <-time.After(20 * time.Second):
			t.Fatal("ingest of an idle pipe did not stop on cancel")
		}
		srcs, err := s.Sources()
		require.NoError(t, err)
		require.Len(t, srcs, 1)
		assert.False(t, srcs[0].Resumable())
		assert.Equal(t, int64(1485), srcs[0].Records)
	})

	t.Run("interrupted before a writer opens it", func(t *testing.T) {
		s, _ := openTestDB(t)
		p := filepath.Join(t.TempDir(), "in.jsonl")
		require.NoError(t, syscall.Mkfifo(p, 0o600))
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := Run(ctx, s, Options{MaxRejects: -1, Paths: []string{p}})
			done <- err
		}()
		time.Sleep(50 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			require.ErrorIs(t, err, context.Canceled)
			assert.Contains(t, err.Error(), p)
		case <-time.After(20 * time.Second):
			t.Fatal("ingest waiting for a pipe's writer did not stop on cancel")
		}
		// Let the opener go, as the end of the process would.
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
		srcs, err := s.Sources()
		require.NoError(t, err)
		assert.Empty(t, srcs, "nothing was read")
	})
}
