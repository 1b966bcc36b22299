package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ringRecords is a hand-made ring inside the ci scenario's week: accounts
// xring-from..to-1 sign up in a burst from one address, share payment
// cards in fours and send their own templates.
func ringRecords(from, to int, signupAt int) string {
	rng := rand.New(rand.NewPCG(uint64(from), 7))
	var b strings.Builder
	const start = 1740960000 // 2025-03-03, the ci scenario's first day
	for i := from; i < to; i++ {
		su := start + signupAt + i*5
		fmt.Fprintf(&b, `{"ts":%d,"account":"xring-%d","type":"signup","ip":"100.64.7.1","payment":"xcard-%d","email":"xring%d@mail.test"}`+"\n", su, i, i/4, i)
		for k := range 40 {
			fmt.Fprintf(&b, `{"ts":%d,"account":"xring-%d","ip":"45.9.%d.%d","payment":"xcard-%d","template":"xring-ext-%d","tokens":%d}`+"\n",
				su+60+rng.IntN(5*86400), i, rng.IntN(250), 1+rng.IntN(250), i/4, k%4, 900+rng.IntN(900))
		}
	}
	return b.String()
}

type runJSON struct {
	Run      string  `json:"run"`
	Previous *string `json:"previous"`
	Ingested struct {
		Records int64 `json:"records"`
		Skipped int   `json:"skipped_files"`
		Sources []struct {
			Path    string `json:"path"`
			Skipped bool   `json:"skipped"`
		} `json:"sources"`
	} `json:"ingested"`
	Flagged         int             `json:"flagged_clusters"`
	NewlyFlagged    []clusterChange `json:"newly_flagged"`
	Grown           []clusterChange `json:"grown"`
	Shrunk          []clusterChange `json:"shrunk"`
	NoLongerFlagged []clusterChange `json:"no_longer_flagged"`
	Alert           bool            `json:"alert"`
}

func TestRunCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	db := filepath.Join(t.TempDir(), "db")
	ci := ciFile(t, 1)
	run := func(t *testing.T, wantCode int, args ...string) runJSON {
		t.Helper()
		r := runCLI(t, "", append([]string{"--db", db, "run", "--format", "json"}, args...)...)
		require.Equal(t, wantCode, r.code, r.errOut)
		var out runJSON
		require.NoError(t, json.Unmarshal([]byte(r.out), &out), r.out)
		if wantCode == ExitAlert {
			assert.Regexp(t, `^ringlink: alert: \d+ newly flagged, \d+ flagged grew \(run R-\d+, previous \S+\)\n$`, r.errOut)
		}
		return out
	}

	// The first run flags the planted rings: all new.
	first := run(t, ExitAlert, ci, "--alert")
	assert.Equal(t, "R-000001", first.Run)
	assert.Nil(t, first.Previous)
	assert.Positive(t, first.Ingested.Records)
	require.NotEmpty(t, first.NewlyFlagged)
	assert.Len(t, first.NewlyFlagged, first.Flagged)
	for _, c := range first.NewlyFlagged {
		assert.Equal(t, statusNew, c.Status)
		assert.Equal(t, c.Size, c.Added)
	}
	assert.True(t, first.Alert)

	// The same file again: nothing ingested, nothing changed, no alert.
	second := run(t, ExitOK, ci, "--alert")
	assert.Equal(t, "R-000002", second.Run)
	require.NotNil(t, second.Previous)
	assert.Equal(t, "R-000001", *second.Previous)
	assert.Zero(t, second.Ingested.Records)
	assert.Equal(t, 1, second.Ingested.Skipped)
	require.Len(t, second.Ingested.Sources, 1)
	assert.True(t, second.Ingested.Sources[0].Skipped)
	assert.Empty(t, second.NewlyFlagged)
	assert.Empty(t, second.Grown)
	assert.Empty(t, second.Shrunk)
	assert.Empty(t, second.NoLongerFlagged)
	assert.False(t, second.Alert)
	assert.Equal(t, first.Flagged, second.Flagged)

	// A new ring lands: exit 3 with the ring newly flagged.
	ring := writeFile(t, "ring.jsonl", ringRecords(0, 30, 3600))
	third := run(t, ExitAlert, ci, ring, "--alert")
	assert.Equal(t, 1, third.Ingested.Skipped)
	require.Len(t, third.NewlyFlagged, 1, "%+v", third.NewlyFlagged)
	nf := third.NewlyFlagged[0]
	assert.Equal(t, statusNew, nf.Status)
	assert.Equal(t, 30, nf.Size)
	assert.Empty(t, third.Grown)
	assert.Empty(t, third.NoLongerFlagged)
	r := runCLI(t, "", "--db", db, "cluster", "show", nf.ID, "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"xring-0"`)

	// Ten more accounts join that ring: it grew, and without --alert the
	// exit code stays 0 while the summary says so.
	more := writeFile(t, "more.jsonl", ringRecords(30, 40, 3600))
	fourth := run(t, ExitOK, more)
	require.Len(t, fourth.Grown, 1, "%+v", fourth)
	g := fourth.Grown[0]
	assert.Equal(t, nf.ID, g.ID, "the ring keeps its id")
	assert.Equal(t, statusGrew, g.Status)
	assert.Equal(t, 30, g.PreviousSize)
	assert.Equal(t, 40, g.Size)
	assert.Equal(t, 10, g.Added)
	assert.Zero(t, g.Removed)
	var joined []string
	for i := 30; i < 40; i++ {
		joined = append(joined, fmt.Sprintf("xring-%d", i))
	}
	assert.Equal(t, joined, g.AddedAccounts, "the accounts to act on, by name")
	assert.Empty(t, g.RemovedAccounts)
	assert.Empty(t, nf.AddedAccounts, "a new cluster's accounts are its members")
	assert.True(t, fourth.Alert)
	assert.Empty(t, fourth.NewlyFlagged)

	// The table for people.
	r = runCLI(t, "", "--db", db, "run", ci, more)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "run R-000005")
	assert.Contains(t, r.out, "nothing new to ingest; 2 inputs already ingested, skipped")
	assert.Contains(t, r.out, "no changes in flagged clusters since R-000004")

	// A lower threshold flags more, but the rings did not change: a
	// previous cluster counts as flagged by the current threshold, so none
	// rose. (The passes that work on scores cut and attach by the
	// threshold, so a cluster that did not exist before may be new.)
	r = runCLI(t, "", "--db", db, "run", ci, "--threshold", "0.05", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var low runJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &low))
	assert.Greater(t, low.Flagged, fourth.Flagged, "0.05 flags more than 0.5")
	for _, c := range low.NewlyFlagged {
		assert.Equal(t, statusNew, c.Status, "%+v", c)
		assert.NotEqual(t, nf.ID, c.ID, "the ring is not newly flagged")
	}
	r = runCLI(t, "", "--db", db, "run", ci, "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var back runJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &back))
	assert.Equal(t, fourth.Flagged, back.Flagged)
	assert.Empty(t, back.NoLongerFlagged)

	// An analyst's link in between, with another threshold, is not the
	// job's baseline: the next run compares with the job's last run and
	// finds nothing new, though the link flagged less.
	r = runCLI(t, "", "--db", db, "link", "--threshold", "0.9")
	require.Equal(t, 0, r.code, r.errOut)
	job := run(t, ExitOK, ci, "--alert")
	require.NotNil(t, job.Previous)
	assert.Equal(t, back.Run, *job.Previous, "compared with the previous run of run, not the link")
	assert.Empty(t, job.NewlyFlagged)
	assert.False(t, job.Alert)
}

func TestRunCommandErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	bad := writeFile(t, "bad.jsonl", `{"ts":"yesterday","account":"a"}`+"\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no path", []string{"run"}, ExitUsage, "at least one PATH"},
		{"bad input format", []string{"run", bad, "--input-format", "xml"}, ExitUsage, "--input-format"},
		{"bad output format", []string{"run", bad, "--format", "csv"}, ExitUsage, "--format"},
		{"bad threshold", []string{"run", bad, "--threshold", "2"}, ExitUsage, "--threshold"},
		{"too many rejects", []string{"run", bad, "--max-rejects", "0"}, ExitError, "reject"},
		{"missing file", []string{"run", filepath.Join(t.TempDir(), "none.jsonl")}, ExitError, "none.jsonl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"--db", db}, tc.args...)...)
			assert.Equal(t, tc.code, r.code, r.errOut)
			assert.Contains(t, r.errOut, tc.want)
			assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
		})
	}
	r := runCLI(t, "", "--db", db, "clusters")
	assert.Equal(t, ExitError, r.code)
	assert.Contains(t, r.errOut, "no linkage run yet", "a failed ingest does not link")
}

// TestRunGoesPastAnUnreadableInput: one input that cannot be read (a
// truncated gzip in the drop folder) does not block the job: the others
// are ingested and linked, the alert still fires, and the exit code and
// message say what could not be read.
func TestRunGoesPastAnUnreadableInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	db := filepath.Join(t.TempDir(), "db")
	ci := ciFile(t, 1)
	broken := writeFile(t, "broken.jsonl.gz", "\x1f\x8b\x08\x00not really gzip")
	r := runCLI(t, "", "--db", db, "run", "--format", "json", "--alert", broken, ci)
	require.Equal(t, ExitAlert, r.code, r.errOut)
	assert.Contains(t, r.errOut, "ringlink: alert: ")
	assert.Contains(t, r.errOut, "1 of 2 inputs could not be read, the others are ingested (now or before): "+broken)
	var out struct {
		runJSON
		Ingested struct {
			Records int64 `json:"records"`
			Sources []struct {
				Path   string `json:"path"`
				Failed bool   `json:"failed"`
				Error  string `json:"error"`
			} `json:"sources"`
		} `json:"ingested"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &out), r.out)
	require.Len(t, out.Ingested.Sources, 2)
	assert.True(t, out.Ingested.Sources[0].Failed)
	assert.Contains(t, out.Ingested.Sources[0].Error, broken)
	assert.False(t, out.Ingested.Sources[1].Failed)
	assert.Positive(t, out.Ingested.Records)
	assert.Positive(t, out.Flagged, "the readable input was linked")

	// Without anything new to alert on, the unreadable input is the error.
	more := writeFile(t, "quiet.jsonl", `{"ts":1740960000,"account":"quiet-1"}`+"\n")
	r = runCLI(t, "", "--db", db, "run", "--alert", more, filepath.Join(t.TempDir(), "none.jsonl"))
	require.Equal(t, ExitError, r.code, r.errOut)
	assert.Contains(t, r.out, "run R-000002")
	assert.Contains(t, r.out, "ingested 1 records (0 rejected) from 1 new input; 1 could not be read\nlinked")
	assert.Contains(t, r.errOut, "run R-000002 linked what was read, but unreadable input: 1 of 2 inputs could not be read")
	assert.Contains(t, r.errOut, "none.jsonl: no such file")

	// The summary says when older runs were deleted.
	r = runCLI(t, "", "--db", db, "run", "--keep-runs", "2", more)
	require.Equal(t, ExitOK, r.code, r.errOut)
	assert.Contains(t, r.out, "1 input already ingested, skipped\ndeleted 1 older run (--keep-runs)\nlinked")
	r = runCLI(t, "", "--db", db, "run", "--keep-runs", "2", "--format", "json", more)
	require.Equal(t, ExitOK, r.code, r.errOut)
	assert.Contains(t, r.out, `"pruned_runs": 1`)

	// ingest alike: the readable file is ingested and reported.
	r = runCLI(t, "", "--db", db, "ingest", filepath.Join(t.TempDir(), "gone.jsonl"), writeFile(t, "late.jsonl", `{"ts":1740960000,"account":"late-1"}`+"\n"))
	require.Equal(t, ExitError, r.code, r.errOut)
	assert.Contains(t, r.out, "late.jsonl: 1 records, 0 rejected")
	assert.Contains(t, r.out, "ingested 1 records")
	assert.Equal(t, 1, strings.Count(r.errOut, "\n"), r.errOut)
	assert.Contains(t, r.errOut, "gone.jsonl: no such file")
	r = runCLI(t, "", "--db", db, "account", "show", "late-1", "--format", "json")
	assert.Equal(t, 0, r.code, r.errOut)
}

// TestRunJSONWhenItStops: run --format json prints one object even when
// it stops before recording a run, so a scheduler that always parses the
// summary learns why, and what was ingested before it stopped.
func TestRunJSONWhenItStops(t *testing.T) {
	dir := t.TempDir()
	var bad strings.Builder
	for i := range 5 {
		fmt.Fprintf(&bad, `{"ts":1740960000,"account":"a%d","ip":"10.0.0.%d"}`+"\n", i, 300+i)
	}
	tests := []struct {
		name, want string
		args       []string
		rejected   int64
	}{
		{"no readable input", "no such file", []string{filepath.Join(dir, "missing.jsonl")}, 0},
		{"too many rejects", "rejected records", []string{writeFile(t, "bad.jsonl", bad.String()), "--max-rejects", "2"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--db", filepath.Join(t.TempDir(), "db"), "run", "--format", "json"}, tt.args...)
			r := runCLI(t, "", args...)
			assert.Equal(t, ExitError, r.code, r.errOut)
			var got struct {
				Run      *string `json:"run"`
				Error    string  `json:"error"`
				Alert    bool    `json:"alert"`
				Ingested struct {
					Rejected int64 `json:"rejected"`
				} `json:"ingested"`
			}
			require.NoError(t, json.Unmarshal([]byte(r.out), &got), r.out)
			assert.Nil(t, got.Run)
			assert.Contains(t, got.Error, tt.want)
			assert.False(t, got.Alert)
			assert.Equal(t, tt.rejected, got.Ingested.Rejected)
			assert.Contains(t, r.errOut, got.Error, "the same line as stderr")
		})
	}
}

// TestRunJSONWhenInterrupted: a stop (SIGTERM, Ctrl-C) during ingest gives
// the scheduler the line stderr has, and the input's own error says a
// re-run resumes it.
func TestRunJSONWhenInterrupted(t *testing.T) {
	in := writeFile(t, "traffic.jsonl", sample)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	code := mainContext(ctx, []string{"ringlink", "--db", filepath.Join(t.TempDir(), "db"), "run", "--format", "json", "--batch-lines", "2", in}, strings.NewReader(""), &out, &errOut)
	assert.Equal(t, ExitError, code, errOut.String())
	var got struct {
		Run      *string `json:"run"`
		Error    string  `json:"error"`
		Ingested struct {
			Sources []struct {
				Error     string `json:"error"`
				Resumable bool   `json:"resumable"`
			} `json:"sources"`
		} `json:"ingested"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	assert.Nil(t, got.Run)
	assert.Equal(t, "interrupted; committed work is kept and a re-run resumes", got.Error)
	assert.True(t, strings.HasSuffix("\n"+errOut.String(), "\nringlink: "+got.Error+"\n"), "the same line as stderr: %q", errOut.String())
	require.Len(t, got.Ingested.Sources, 1)
	assert.True(t, got.Ingested.Sources[0].Resumable)
	assert.Equal(t, "interrupted; a re-run resumes from the checkpoint", got.Ingested.Sources[0].Error)
}

// TestRunsFirstRunAfterALink: the first run of a database an analyst has
// linked has no previous run of its own, and alerts on every flagged
// cluster, as the first run of any database does.
func TestRunsFirstRunAfterALink(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", ciFile(t, 1))
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "run", "--alert", "--format", "json", writeFile(t, "ring.jsonl", ringRecords(0, 30, 3600)))
	require.Equal(t, ExitAlert, r.code, r.errOut)
	var got runJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.Nil(t, got.Previous)
	require.NotEmpty(t, got.NewlyFlagged)
	assert.Len(t, got.NewlyFlagged, got.Flagged)
	for _, c := range got.NewlyFlagged {
		assert.Equal(t, statusNew, c.Status)
	}
}

// TestRunSummaryNamesChangedAccounts: the table names the accounts that
// joined or left a flagged cluster, the first few and a count of the rest.
func TestRunSummaryNamesChangedAccounts(t *testing.T) {
	var accts []string
	for i := range 12 {
		accts = append(accts, fmt.Sprintf("a%02d", i))
	}
	var b bytes.Buffer
	require.NoError(t, renderRunSummary(&b, runSummary{Run: "R-000002", Time: "2025-03-04T00:00:00Z",
		Grown: []clusterChange{{ID: "C-000001", Status: statusGrew, Size: 14, PreviousSize: 3, Added: 12, Removed: 1,
			AddedAccounts: accts, RemovedAccounts: []string{"gone-1"}}}}, "ringlink"))
	assert.Contains(t, b.String(), "  C-000001 joined: a00, a01, a02, a03, a04, a05, a06, a07, a08, a09 and 2 more (--format json lists them all)\n")
	assert.Contains(t, b.String(), "  C-000001 left: gone-1\n")
}
