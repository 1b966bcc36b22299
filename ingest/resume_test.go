package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	ciOnce  sync.Once
	ciLines [][]byte
)

// ciInput returns the lines of the fixtures' ci scenario (records with
// prompts, about 70,000), generated in memory once.
func ciInput(t *testing.T) [][]byte {
	ciOnce.Do(func() {
		var b bytes.Buffer
		_, err := fixtures.Generate(fixtures.Config{Scenario: "ci", Seed: 1}, &b, nil)
		require.NoError(t, err)
		ciLines = bytes.SplitAfter(b.Bytes(), []byte("\n"))
		if len(ciLines[len(ciLines)-1]) == 0 {
			ciLines = ciLines[:len(ciLines)-1]
		}
	})
	require.Greater(t, len(ciLines), 10000)
	return ciLines
}

// fullDump is dump plus every template node and every stored template
// (skeleton, samples, count) as the committed state has it.
func fullDump(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(dump(t, s))
	require.NoError(t, s.ScanNodes(func(id store.NodeID, k store.Kind, v []byte) error {
		if k == store.KindTemplate {
			fmt.Fprintf(&b, "node %s\n", v)
		}
		return nil
	}))
	state, err := s.MinerState()
	require.NoError(t, err)
	require.NoError(t, s.ScanTemplates(func(id uint32, data []byte) error {
		var tp templates.Template
		require.NoError(t, tp.UnmarshalBinary(data))
		tp, ok, err := templates.Committed(tp, state)
		require.NoError(t, err)
		if ok {
			fmt.Fprintf(&b, "template %d %q %q %d\n", tp.ID, tp.Skeleton, tp.Samples, tp.Count)
		}
		return nil
	}))
	return b.String()
}

// reopen closes s and opens its database again, as a new process would.
func reopen(t *testing.T, s *store.Store, dir string) *store.Store {
	t.Helper()
	require.NoError(t, s.Close())
	s, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSplitAndResumedIngestMineTheSameTemplates: the ci scenario ingested
// in one run, in two halves by two runs, after an interruption, after a
// crash that left a batch's template records written without its
// checkpoint, and stopped by --max-rejects then re-run, yields the very same
// template nodes, edges and templates each time.
func TestSplitAndResumedIngestMineTheSameTemplates(t *testing.T) {
	lines := ciInput(t)
	const batch = 2000
	whole := writeTemp(t, "ci.jsonl", bytes.Join(lines, nil))
	ref, _ := openTestDB(t)
	_, err := Run(context.Background(), ref, Options{MaxRejects: -1, Paths: []string{whole}, BatchLines: batch})
	require.NoError(t, err)
	want := fullDump(t, ref)
	require.Contains(t, want, "node m:")

	t.Run("two halves", func(t *testing.T) {
		half := len(lines)/2 + 777 // not on a batch boundary
		a := writeTemp(t, "a.jsonl", bytes.Join(lines[:half], nil))
		b := writeTemp(t, "b.jsonl", bytes.Join(lines[half:], nil))
		s, dir := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{a}, BatchLines: batch})
		require.NoError(t, err)
		s = reopen(t, s, dir)
		_, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{b}, BatchLines: batch})
		require.NoError(t, err)
		assert.Equal(t, want, fullDump(t, s))
	})

	t.Run("interrupted and resumed", func(t *testing.T) {
		s, dir := openTestDB(t)
		ctx, cancel := context.WithCancel(context.Background())
		batches := 0
		_, err := Run(ctx, s, Options{MaxRejects: -1, Paths: []string{whole}, BatchLines: batch, Progress: func(Progress) {
			if batches++; batches == 13 {
				cancel()
			}
		}})
		cancel()
		require.ErrorIs(t, err, context.Canceled)
		s = reopen(t, s, dir)
		res, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{whole}, BatchLines: batch})
		require.NoError(t, err)
		require.True(t, res.Sources[0].Resumed)
		assert.Equal(t, want, fullDump(t, s))
	})

	t.Run("template records of a batch that never committed", func(t *testing.T) {
		// Commit the first half, then write what the next batch would
		// have written to the template records, as a process killed
		// between the batch's data and its checkpoint leaves it, mined
		// from other prompts so that the records differ from the replay's.
		half := 7 * batch
		a := writeTemp(t, "a.jsonl", bytes.Join(lines[:half], nil))
		s, dir := openTestDB(t)
		_, err := Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{a}, BatchLines: batch})
		require.NoError(t, err)
		m, err := LoadMiner(s, templates.Config{})
		require.NoError(t, err)
		for _, l := range lines[len(lines)-batch:] {
			var r struct {
				Prompt string `json:"prompt"`
			}
			if json.Unmarshal(l, &r) == nil && r.Prompt != "" {
				m.Mine(r.Prompt)
			}
		}
		changed, _ := m.Checkpoint()
		require.NotEmpty(t, changed)
		ids := make([]uint32, len(changed))
		data := make([][]byte, len(changed))
		for i, tp := range changed {
			ids[i] = tp.ID
			data[i], err = tp.MarshalBinary()
			require.NoError(t, err)
		}
		require.NoError(t, s.RepairTemplates(ids, data, nil))
		s = reopen(t, s, dir)
		_, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{writeTemp(t, "b.jsonl", bytes.Join(lines[half:], nil))}, BatchLines: batch})
		require.NoError(t, err)
		assert.Equal(t, want, fullDump(t, s))
	})

	t.Run("stopped by max-rejects and re-run", func(t *testing.T) {
		// Bad lines stop the first run in the middle of a batch; the
		// re-run resumes there. The reference has the same bad lines.
		var in [][]byte
		for i, l := range lines[:30000] {
			in = append(in, l)
			if i%4001 == 4000 {
				in = append(in, []byte("{broken\n"))
			}
		}
		p := writeTemp(t, "bad.jsonl", bytes.Join(in, nil))
		ref2, _ := openTestDB(t)
		_, err := Run(context.Background(), ref2, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: batch})
		require.NoError(t, err)
		want2 := fullDump(t, ref2)

		s, dir := openTestDB(t)
		_, err = Run(context.Background(), s, Options{MaxRejects: 5, Paths: []string{p}, BatchLines: batch})
		require.ErrorIs(t, err, ErrTooManyRejects)
		s = reopen(t, s, dir)
		_, err = Run(context.Background(), s, Options{MaxRejects: -1, Paths: []string{p}, BatchLines: batch})
		require.NoError(t, err)
		assert.Equal(t, want2, fullDump(t, s))
	})
}
