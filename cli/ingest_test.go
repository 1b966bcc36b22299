package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `{"ts":1700000000,"account":"acct-1","ip":"203.0.113.5","payment":"card-1","device":"dev-A","email":"John.Doe+x@GoogleMail.com","type":"signup"}
{"ts":"2023-11-14T22:13:20Z","account":"acct-2","ip":"203.0.113.5","payment":"card-1","tokens":120}
{"ts":1700000001,"account":"acct-1","ip":"2001:db8::1","tokens":30}
{"ts":1700000002,"account":"acct-3","ip":"1.2.3.999"}
`

func TestCLIIngestAndInspect(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	in := writeFile(t, "a.jsonl", sample)
	rej := filepath.Join(t.TempDir(), "rej.jsonl")

	r := runCLI(t, "", "--db", db, "ingest", in, "--rejects", rej)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "3 records, 1 rejected")
	rejects, err := os.ReadFile(rej)
	require.NoError(t, err)
	assert.Contains(t, string(rejects), `"line":4`)
	assert.Contains(t, string(rejects), `1.2.3.999`)

	r = runCLI(t, "", "--db", db, "ingest", in)
	assert.Contains(t, r.out, "already ingested, skipped")

	t.Run("flags after the positional argument", func(t *testing.T) {
		r := runCLI(t, "", "account", "show", "acct-1", "--format", "json", "--db", db)
		require.Equal(t, 0, r.code, r.errOut)
		var got struct {
			Account    string  `json:"account"`
			Cluster    *string `json:"cluster"`
			Requests   int     `json:"requests"`
			Attributes []struct {
				Kind, Value string
				SharedBy    int `json:"shared_by"`
			} `json:"attributes"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.out), &got))
		assert.Equal(t, "acct-1", got.Account)
		assert.Nil(t, got.Cluster)
		assert.Equal(t, 1, got.Requests)
		shared := map[string]int{}
		for _, a := range got.Attributes {
			shared[a.Kind+" "+a.Value] = a.SharedBy
		}
		assert.Equal(t, 2, shared["payment card-1"])
		assert.Equal(t, 1, shared["email johndoe@gmail.com"])
		assert.Equal(t, 2, shared["ip-prefix 203.0.113.0/24"])
	})
	t.Run("attr show canonicalises what is typed", func(t *testing.T) {
		r := runCLI(t, "", "--db", db, "attr", "show", "email", "J.O.H.N.DOE+other@gmail.com", "--format", "csv")
		require.Equal(t, 0, r.code, r.errOut)
		assert.Equal(t, "account,count,tokens,first_seen,last_seen,cluster,cluster_flagged\nacct-1,1,0,2023-11-14T22:13:20Z,2023-11-14T22:13:20Z,,false\n", r.out, "no run yet: no cluster")
	})
	t.Run("stats", func(t *testing.T) {
		r := runCLI(t, "", "stats", "--db", db, "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var got statsJSON
		require.NoError(t, json.Unmarshal([]byte(r.out), &got))
		assert.Equal(t, int64(2), got.Nodes["account"])
		assert.Equal(t, int64(2), got.Nodes["ip"])
		assert.Equal(t, int64(3), got.Records)
		assert.Equal(t, int64(1), got.Rejected)
		assert.Equal(t, 1, got.Files)
		// Two requests on 2023-11-14 (the signup and the reject do not count).
		require.NotNil(t, got.Traffic)
		assert.Equal(t, trafficJSON{First: "2023-11-14", Last: "2023-11-14", Days: 1, Requests: 2}, *got.Traffic)
	})
	t.Run("env var names the database", func(t *testing.T) {
		t.Setenv("RINGLINK_DB", db)
		r := runCLI(t, "", "stats")
		require.Equal(t, 0, r.code, r.errOut)
		assert.Contains(t, r.out, "records")
		assert.Contains(t, r.out, "requests by day  2023-11-14 to 2023-11-14, 1 day with requests")
	})
}

// TestCLIProfiles checks that --cpuprofile and --memprofile write
// profiles of the command (gzipped protobuf, as go tool pprof reads it).
func TestCLIProfiles(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, "in.jsonl", `{"ts":1700000000,"account":"a","type":"request","ip":"1.2.3.4"}`+"\n")
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	r := runCLI(t, "", "--db", filepath.Join(dir, "db"), "--cpuprofile", cpu, "--memprofile", mem, "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)
	for _, prof := range []string{cpu, mem} {
		b, err := os.ReadFile(prof)
		require.NoError(t, err)
		require.Greater(t, len(b), 2, prof)
		assert.Equal(t, []byte{0x1f, 0x8b}, b[:2], "gzip magic in %s", prof)
	}
}

func TestCLIExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad format", []string{"--db", db, "stats", "--format", "xml"}, 2, "--format"},
		{"ingest without paths", []string{"--db", db, "ingest"}, 2, "at least one PATH"},
		{"no database", []string{"--db", db, "stats"}, 1, "no database"},
		{"missing file", []string{"--db", db, "ingest", "/nonexistent/x.jsonl"}, 1, "no such file"},
		{"unknown flag", []string{"--db", db, "stats", "--bogus"}, 2, "bogus"},
		{"cluster show, negative limit", []string{"--db", db, "cluster", "show", "C-000001", "--limit", "-1"}, 2, "--limit -1: want 0 or more"},
		{"cluster show, negative members", []string{"--db", db, "cluster", "show", "C-000001", "--show-members", "-5"}, 2, "--show-members -5: want -1 or more"},
		{"why, one account twice", []string{"--db", db, "why", "a", "a"}, 2, "two different ACCOUNTs"},
		{"fixtures into a .csv name", []string{"fixtures", "gen", "--scenario", "ci", "--out", "x.csv"}, 2, "writes JSON Lines"},
		{"only input unreadable", []string{"--db", db, "ingest", "/nonexistent/only.jsonl"}, 1, "ringlink: unreadable input: /nonexistent/only.jsonl: no such file"},
		{"unwritable profile", []string{"--db", db, "--cpuprofile", "/nonexistent/cpu.prof", "stats"}, 1, "--cpuprofile"},
		{"unwritable heap profile", []string{"--db", db, "--memprofile", "/nonexistent/mem.prof", "stats"}, 1, "ringlink: --memprofile: open /nonexistent/mem.prof"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, r.errOut)
			assert.Contains(t, r.errOut, tt.msg)
			assert.NotContains(t, r.errOut, "goroutine")
		})
	}
}

func TestCLISecondProcessIsTold(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	s, err := store.Open(db, store.Options{Create: true, Command: "ingest"})
	require.NoError(t, err)
	defer s.Close()
	r := runCLI(t, "", "--db", db, "stats")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.errOut, fmt.Sprintf("ringlink pid %d (ingest)", os.Getpid()))

	// --wait gives up after its time, saying how long it waited...
	start := time.Now()
	r = runCLI(t, "", "--db", db, "--wait", "300ms", "stats")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.errOut, "after waiting 300ms: database is in use")
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond)
	// ...and goes on once the holder is done.
	go func() {
		time.Sleep(200 * time.Millisecond)
		s.Close()
	}()
	r = runCLI(t, "", "--db", db, "--wait", "1m", "stats")
	assert.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "--wait", "-1s", "stats")
	assert.Equal(t, 2, r.code, r.errOut)
}

// bigInput writes n seeded records over a few thousand accounts.
func bigInput(t *testing.T, n int) string {
	r := rand.New(rand.NewPCG(7, 7))
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"ts":%d,"account":"acct-%d","ip":"10.%d.%d.%d","payment":"card-%d","device":"dev-%d","email":"u%d@example.com","tokens":%d}`+"\n",
			1700000000+i, r.IntN(3000), r.IntN(4), r.IntN(30), r.IntN(250), r.IntN(2000), r.IntN(500), r.IntN(3000), r.IntN(900))
		if i%997 == 0 {
			b.WriteString("{broken\n")
		}
	}
	return writeFile(t, "big.jsonl", b.String())
}

// dumpDB renders every edge and account of a database by value, then its
// statistics.
func dumpDB(t *testing.T, dir string) string {
	t.Helper()
	s, err := store.Open(dir, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	st, err := s.Stats()
	require.NoError(t, err)
	return dumpGraph(t, s) + fmt.Sprintf("nodes %v edges %d records %d rejected %d\n", st.Nodes, st.Edges, st.Records, st.Rejected)
}

// dumpGraph renders every edge and account of s by value, and the
// requests its inputs counted by day.
func dumpGraph(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, s.ScanEdges(func(e store.Edge) error {
		_, a, _ := s.Node(e.Account)
		k, x, _ := s.Node(e.Attr)
		fmt.Fprintf(&b, "%s %s:%s %+v\n", a, k, x, e.EdgeStats)
		return nil
	}))
	require.NoError(t, s.ScanAccounts(func(id store.NodeID, st store.AccountStats) error {
		_, a, _ := s.Node(id)
		fmt.Fprintf(&b, "%s %+v\n", a, st)
		return nil
	}))
	srcs, err := s.Sources()
	require.NoError(t, err)
	days, ok := store.RequestDays(srcs)
	fmt.Fprintf(&b, "request days %v known %v\n", days, ok)
	return b.String()
}

// checkCommittedPrefix checks that a database an ingest of in was killed
// on reads exactly as an uninterrupted ingest of the lines its checkpoint
// says were committed: a batch caught half-written stays invisible.
func checkCommittedPrefix(t *testing.T, db, in string) {
	t.Helper()
	s, err := store.Open(db, store.Options{})
	require.NoError(t, err)
	srcs, err := s.Sources()
	require.NoError(t, err)
	got := dumpGraph(t, s)
	require.NoError(t, s.Close())
	if len(srcs) == 0 {
		assert.Empty(t, got, "killed before the input was registered")
		return
	}

	data, err := os.ReadFile(in)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	prefix := writeFile(t, "prefix.jsonl", strings.Join(lines[:srcs[0].Lines], ""))
	ref := filepath.Join(t.TempDir(), "prefix")
	r := runCLI(t, "", "--db", ref, "ingest", prefix, "--batch-lines", "4000")
	require.Equal(t, 0, r.code, r.errOut)
	rs, err := store.Open(ref, store.Options{})
	require.NoError(t, err)
	defer rs.Close()
	want := dumpGraph(t, rs)
	assert.Equal(t, want, got, "killed after %d committed lines", srcs[0].Lines)
}

// TestKillAndResume kills real ingest processes with SIGKILL at several
// moments and checks that the database then reads exactly as the lines
// committed so far, and that re-running ingest yields exactly the
// database of an uninterrupted ingest.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	in := bigInput(t, 150000)
	ref := filepath.Join(t.TempDir(), "ref")
	r := runCLI(t, "", "--db", ref, "ingest", in, "--batch-lines", "4000")
	require.Equal(t, 0, r.code, r.errOut)
	want := dumpDB(t, ref)

	db := filepath.Join(t.TempDir(), "db")
	child := func(ctx context.Context) *exec.Cmd {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "RINGLINK_AS_CLI=1", "RINGLINK_ARGS=--db "+db+" ingest "+in+" --batch-lines 4000")
		return cmd
	}
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for attempt := 0; attempt < 6 && killed < 3; attempt++ {
		cmd := child(context.Background())
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(100+rng.IntN(600)) * time.Millisecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && !ee.Exited() {
			killed++
			checkCommittedPrefix(t, db, in)
		}
	}
	require.Positive(t, killed, "no ingest was killed mid-run; the input is too small for this machine")
	out, err := child(context.Background()).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, want, dumpDB(t, db), "after %d kills", killed)
}

// TestCLIRejectsLoggedWithoutFile: without --rejects, the first rejects
// are logged with file, line and reason (a re-run skips the content, so
// this run is the only one that can say why), and then no more.
func TestCLIRejectsLoggedWithoutFile(t *testing.T) {
	var b strings.Builder
	for i := range 9 {
		fmt.Fprintf(&b, `{"ts":1700000000,"account":"a%d","ip":"10.0.0.%d"}`+"\n", i, 300+i)
	}
	b.WriteString(`{"ts":1700000000,"account":"ok"}` + "\n")
	in := writeFile(t, "bad.jsonl", b.String())
	r := runCLI(t, "", "--db", filepath.Join(t.TempDir(), "db"), "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "1 records, 9 rejected")
	assert.Equal(t, 5, strings.Count(r.errOut, "msg=rejected"), r.errOut)
	assert.Contains(t, r.errOut, "line=1 ")
	assert.Contains(t, r.errOut, "10.0.0.300")
	assert.NotContains(t, r.errOut, "line=6 ", "only the first five")
	assert.Contains(t, r.errOut, "further rejects are not logged")
}

// TestCLIRejectsFileIsNotAnInput refuses a rejects file that is one of the
// inputs, under its own name or another (a hard link), for ingest and run,
// and leaves the input whole.
func TestCLIRejectsFileIsNotAnInput(t *testing.T) {
	in := writeFile(t, "traffic.jsonl", sample)
	link := filepath.Join(t.TempDir(), "other-name.jsonl")
	require.NoError(t, os.Link(in, link))
	for _, tc := range []struct{ name, cmd, rejects string }{
		{"ingest, same name", "ingest", in},
		{"ingest, hard link", "ingest", link},
		{"run, same name", "run", in},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", "--db", filepath.Join(t.TempDir(), "db"), tc.cmd, in, "--rejects", tc.rejects)
			assert.Equal(t, 2, r.code, r.errOut)
			assert.Contains(t, r.errOut, "would erase the traffic")
			got, err := os.ReadFile(in)
			require.NoError(t, err)
			assert.Equal(t, sample, string(got))
		})
	}
	for _, rej := range []string{"-", "/dev/null"} {
		t.Run("not a file: "+rej, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir) // where a file named - would land
			r := runCLI(t, "", "--db", filepath.Join(dir, "db"), "ingest", in, "--rejects", rej)
			assert.Equal(t, 2, r.code, r.errOut)
			assert.Contains(t, r.errOut, "read back by a re-run")
			assert.NoFileExists(t, filepath.Join(dir, "-"))
		})
	}
	t.Run("standard input", func(t *testing.T) {
		f, err := os.Open(in)
		require.NoError(t, err)
		defer f.Close()
		var out, errOut bytes.Buffer
		code := Main([]string{"ringlink", "--db", filepath.Join(t.TempDir(), "db"), "ingest", "-", "--rejects", link}, f, &out, &errOut)
		assert.Equal(t, 2, code, errOut.String())
		assert.Contains(t, errOut.String(), "is the input -")
	})
	t.Run("inside the database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		r := runCLI(t, "", "--db", db, "ingest", in)
		require.Equal(t, 0, r.code, r.errOut)
		dir := t.TempDir()
		require.NoError(t, os.Symlink(db, filepath.Join(dir, "dblink")))
		require.NoError(t, os.Symlink(filepath.Join(db, "MANIFEST"), filepath.Join(dir, "mlink")))
		require.NoError(t, os.Link(filepath.Join(db, "MANIFEST"), filepath.Join(dir, "mhard")))
		for _, rej := range []string{
			filepath.Join(db, "MANIFEST"),
			filepath.Join(dir, "dblink", "MANIFEST"),
			filepath.Join(dir, "dblink", "new-rejects.jsonl"),
			filepath.Join(dir, "mlink"),
			filepath.Join(dir, "mhard"),
		} {
			r = runCLI(t, "", "--db", db, "ingest", in, "--rejects", rej)
			assert.Equal(t, 2, r.code, "%s: %s", rej, r.errOut)
			assert.Contains(t, r.errOut, "the database", rej)
		}
		r = runCLI(t, "", "--db", db, "stats")
		assert.Equal(t, 0, r.code, "the database is whole: %s", r.errOut)
	})
}

// TestCLIOutputsStayOutOfTheDatabase: no file a command writes may land
// on a database file, whichever flag names it and through whatever link;
// the database stays whole, and a path outside it is still written.
func TestCLIOutputsStayOutOfTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "traffic.jsonl", sample))
	require.Equal(t, 0, r.code, r.errOut)
	dir := t.TempDir()
	require.NoError(t, os.Symlink(db, filepath.Join(dir, "dblink")))
	require.NoError(t, os.Link(filepath.Join(db, "MANIFEST"), filepath.Join(dir, "mhard")))
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"export into the database", []string{"export", "C-000001", "--out", filepath.Join(db, "MANIFEST")}},
		{"export through a linked directory", []string{"export", "C-000001", "--out", filepath.Join(dir, "dblink", "case.zip")}},
		{"export onto a hard link", []string{"export", "C-000001", "--out", filepath.Join(dir, "mhard")}},
		{"graph export", []string{"link", "--export-graph", filepath.Join(db, "MANIFEST")}},
		{"CPU profile", []string{"--cpuprofile", filepath.Join(db, "MANIFEST"), "stats"}},
		{"heap profile", []string{"--memprofile", filepath.Join(db, "KEYREGISTRY"), "stats"}},
		{"generated traffic", []string{"fixtures", "gen", "--out", filepath.Join(db, "000001.vlog")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"--db", db}, tc.args...)...)
			assert.Equal(t, ExitUsage, r.code, r.errOut)
			assert.Contains(t, r.errOut, "writing it would break the database")
			r = runCLI(t, "", "--db", db, "stats")
			require.Equal(t, 0, r.code, "the database is whole: %s", r.errOut)
		})
	}
	prof := filepath.Join(dir, "heap.prof")
	r = runCLI(t, "", "--db", db, "--memprofile", prof, "stats")
	require.Equal(t, 0, r.code, r.errOut)
	assert.FileExists(t, prof)
}

// TestCLIRejectsFileIsALog: --rejects appends, so a scheduled job's one
// file keeps every reject, and a re-run that reads nothing new empties
// nothing.
func TestCLIRejectsFileIsALog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	rej := filepath.Join(t.TempDir(), "rejects.jsonl")
	first := writeFile(t, "first.jsonl", sample) // one bad ip
	second := writeFile(t, "second.jsonl", `{"ts":"bad","account":"z"}`+"\n"+`{"ts":1700000009,"account":"y"}`+"\n")
	lines := func() []string {
		b, err := os.ReadFile(rej)
		require.NoError(t, err)
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	for _, step := range []struct {
		args []string
		want int
	}{
		{[]string{"ingest", first}, 1},
		{[]string{"ingest", first}, 1},
		{[]string{"run", first, second}, 2},
	} {
		r := runCLI(t, "", append([]string{"--db", db}, append(step.args, "--rejects", rej)...)...)
		require.Equal(t, 0, r.code, r.errOut)
		assert.Len(t, lines(), step.want, "%v", step.args)
	}
	assert.Contains(t, lines()[0], "1.2.3.999")
	assert.Contains(t, lines()[1], `"line":1`)
}

// TestTrafficSpan: the span stats reports over the inputs' day counts,
// and none when an input read before days were counted holds records.
func TestTrafficSpan(t *testing.T) {
	kept := func(records int64, days ...store.DayCount) store.Source {
		return store.Source{DaysKept: true, Records: records, Days: days}
	}
	tests := []struct {
		name string
		srcs []store.Source
		want *trafficJSON
	}{
		{"no input", nil, &trafficJSON{}},
		{"signups only", []store.Source{kept(3)}, &trafficJSON{}},
		{"two inputs", []store.Source{kept(5, store.DayCount{Day: 19_675, Requests: 5}), kept(2, store.DayCount{Day: 19_680, Requests: 2})},
			&trafficJSON{First: "2023-11-14", Last: "2023-11-19", Days: 2, Requests: 7}},
		{"an input read before days were counted", []store.Source{kept(5, store.DayCount{Day: 19_675, Requests: 5}), {Records: 9}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, newTraffic(tc.srcs))
		})
	}
}

// TestProgressLine checks that the progress line on a terminal is
// rewritten and cleared with carriage returns and spaces, which pass
// through standard error's escaping as they are (an erase sequence came
// out as the text \u001b[K).
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	pl := &progressLine{w: &safeWriter{w: &b, progress: true}}
	pl.show(ingest.Progress{Source: "a.jsonl", Lines: 1200, Records: 1100, Rejected: 3})
	pl.show(ingest.Progress{Source: "b.jsonl", Lines: 5, Records: 5})
	pl.clear()
	long := "a.jsonl: 1200 lines, 1100 records, 3 rejected"
	short := "b.jsonl: 5 lines, 5 records, 0 rejected"
	want := "\r" + long + "\r" + short + strings.Repeat(" ", len(long)-len(short)) + "\r" + strings.Repeat(" ", len(long)) + "\r"
	assert.Equal(t, want, b.String())

	b.Reset()
	(&progressLine{w: &b}).clear()
	assert.Empty(t, b.String(), "nothing shown, nothing to clear")
}
