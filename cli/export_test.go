package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ciFile writes the ci scenario of seed and returns its path.
func ciFile(t *testing.T, seed int64) string {
	t.Helper()
	var recs bytes.Buffer
	_, err := fixtures.Generate(fixtures.Config{Scenario: "ci", Seed: seed}, &recs, io.Discard)
	require.NoError(t, err)
	return writeFile(t, "ci.jsonl", recs.String())
}

// linkedCIDB ingests the ci scenario with ingest.Run, links it through the
// command line and returns the database and the flagged clusters.
func linkedCIDB(t *testing.T) (db string, flagged []string) {
	t.Helper()
	path := ciFile(t, 1)
	db = filepath.Join(t.TempDir(), "db")
	st, err := store.Open(db, store.Options{Create: true})
	require.NoError(t, err)
	_, err = ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}})
	require.NoError(t, err)
	require.NoError(t, st.Close())
	r := runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "clusters", "--flagged", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var cs []struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &cs))
	require.NotEmpty(t, cs)
	for _, c := range cs {
		flagged = append(flagged, c.ID)
	}
	return db, flagged
}

func TestExportAndVerifyCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	db, flagged := linkedCIDB(t)
	id := flagged[len(flagged)-1] // the smallest score: a small ring, a fast test
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")

	r := runCLI(t, "", "--db", db, "export", id, "--out", a)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "wrote "+a)
	assert.Contains(t, r.out, "manifest sha256 ")
	r = runCLI(t, "", "--db", db, "export", "--out", b, "--run", "R-000001", id, "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var info struct {
		Path           string `json:"path"`
		Cluster        string `json:"cluster"`
		ManifestSHA256 string `json:"manifest_sha256"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &info))
	assert.Equal(t, id, info.Cluster)
	pa, err := os.ReadFile(a)
	require.NoError(t, err)
	pb, err := os.ReadFile(b)
	require.NoError(t, err)
	require.True(t, bytes.Equal(pa, pb), "exporting twice gives byte-identical packages")
	left, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary files left behind")

	// verify needs no database: point --db at nothing.
	nodb := []string{"--db", filepath.Join(t.TempDir(), "missing")}
	tampered := func(name string, edit func(map[string][]byte) map[string][]byte) string {
		p := filepath.Join(t.TempDir(), name)
		require.NoError(t, os.WriteFile(p, rewriteZip(t, pa, edit), 0o644))
		return p
	}
	// A forger who rewrites the manifest and its hash file consistently
	// passes the self-check; only the hash kept from the export catches it.
	var forgedSum string
	forged := tampered("f.zip", func(fs map[string][]byte) map[string][]byte {
		fs["manifest.json"] = bytes.Replace(fs["manifest.json"], []byte(`"tool": "ringlink"`), []byte(`"tool": "ringlonk"`), 1)
		sum := sha256.Sum256(fs["manifest.json"])
		forgedSum = hex.EncodeToString(sum[:])
		fs["manifest.sha256"] = []byte(forgedSum + "  manifest.json\n")
		return fs
	})
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"intact", []string{"verify", a}, 0, "OK " + a, ""},
		{"intact json", []string{"verify", a, "--format", "json"}, 0, `"ok": true`, ""},
		{"modified", []string{"verify", tampered("m.zip", func(fs map[string][]byte) map[string][]byte {
			fs["timeline.csv"] = append(fs["timeline.csv"], "2030-01-01,1,1,1,1\n"...)
			return fs
		})}, 1, "FAIL timeline.csv: size", "timeline.csv: size"},
		{"removed", []string{"verify", tampered("r.zip", func(fs map[string][]byte) map[string][]byte {
			delete(fs, "members.csv")
			return fs
		})}, 1, "FAIL members.csv: missing", "members.csv: missing"},
		{"added", []string{"verify", tampered("a.zip", func(fs map[string][]byte) map[string][]byte {
			fs["extra.txt"] = []byte("x")
			return fs
		})}, 1, "FAIL extra.txt: not listed", "extra.txt: not listed"},
		{"manifest edited", []string{"verify", tampered("e.zip", func(fs map[string][]byte) map[string][]byte {
			fs["manifest.json"] = bytes.Replace(fs["manifest.json"], []byte(`"tool": "ringlink"`), []byte(`"tool": "ringlonk"`), 1)
			return fs
		})}, 1, "FAIL manifest.json: SHA-256", "manifest.json: SHA-256"},
		{"json problems", []string{"verify", "--format", "json", tampered("j.zip", func(fs map[string][]byte) map[string][]byte {
			fs["summary.txt"] = []byte("nothing to see")
			return fs
		})}, 1, `"file": "summary.txt"`, "summary.txt"},
		{"consistent forgery", []string{"verify", forged}, 0, "manifest sha256 " + forgedSum + ": compare it with the hash kept", ""},
		{"forgery against the kept hash", []string{"verify", forged, "--manifest-sha256", info.ManifestSHA256}, 1,
			"FAIL manifest.json: SHA-256 " + forgedSum + ", not the expected " + info.ManifestSHA256, "not the package that was exported"},
		{"intact against the kept hash", []string{"verify", a, "--manifest-sha256", strings.ToUpper(info.ManifestSHA256)}, 0,
			"manifest sha256 " + info.ManifestSHA256 + ", as expected", ""},
		{"kept hash in json", []string{"verify", a, "--format", "json", "--manifest-sha256", info.ManifestSHA256}, 0,
			`"expected_manifest_sha256": "` + info.ManifestSHA256 + `"`, ""},
		{"bad kept hash", []string{"verify", a, "--manifest-sha256", "abc"}, 2, "", "--manifest-sha256"},
		{"not a zip", []string{"verify", writeFile(t, "x.zip", "hello")}, 1, "", "not a readable zip"},
		{"not a zip, json", []string{"verify", "--format", "json", writeFile(t, "y.zip", "hello")}, 1, `"ok": false`, "not a readable zip"},
		{"no such file", []string{"verify", filepath.Join(dir, "none.zip")}, 1, "", "none.zip"},
		{"verify usage", []string{"verify"}, 2, "", "exactly one FILE.zip"},
		{"verify two", []string{"verify", a, b}, 2, "", "exactly one FILE.zip"},
	}
	t.Run("standard input", func(t *testing.T) {
		r := runCLI(t, string(pa), append(nodb, "verify", "-")...)
		assert.Equal(t, 0, r.code, r.errOut)
		assert.Contains(t, r.out, "OK -")
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append(nodb, tc.args...)...)
			assert.Equal(t, tc.code, r.code, r.errOut)
			assert.Contains(t, r.out, tc.out)
			assert.Contains(t, r.errOut, tc.err)
			if tc.code != 0 {
				assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
			}
		})
	}

	errs := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown cluster", []string{"export", "C-999999", "--out", filepath.Join(dir, "u.zip")}, 1, `unknown cluster "C-999999"`},
		{"unknown run", []string{"export", id, "--run", "R-000042", "--out", filepath.Join(dir, "u.zip")}, 1, "unknown run R-000042"},
		{"no out", []string{"export", id}, 2, "--out"},
		{"out is a directory", []string{"export", id, "--out", dir}, 2, "is a directory: name the zip file"},
		{"no id", []string{"export", "--out", filepath.Join(dir, "u.zip")}, 2, "exactly one cluster ID"},
		{"bad dir", []string{"export", id, "--out", filepath.Join(dir, "no", "such", "u.zip")}, 1, "export"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"--db", db}, tc.args...)...)
			assert.Equal(t, tc.code, r.code, r.errOut)
			assert.Contains(t, r.errOut, tc.want)
			assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
			_, err := os.Stat(filepath.Join(dir, "u.zip"))
			assert.ErrorIs(t, err, os.ErrNotExist, "a failed export writes nothing")
		})
	}
}

// rewriteZip rewrites a zip after edit changes its files (by name).
func rewriteZip(t *testing.T, b []byte, edit func(map[string][]byte) map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	files := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		files[f.Name], err = io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		order = append(order, f.Name)
	}
	files = edit(files)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	write := func(name string) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(files[name])
		require.NoError(t, err)
		delete(files, name)
	}
	for _, n := range order {
		if _, ok := files[n]; ok {
			write(n)
		}
	}
	for n := range files { // added files; at most one per test
		write(n)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// TestRunsCommand: runs lists the recorded runs newest first, marks the
// latest, and records nothing itself.
func TestRunsCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	db, _ := linkedCIDB(t)
	r := runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)

	r = runCLI(t, "", "--db", db, "runs", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var runs []struct {
		ID       string `json:"id"`
		Previous string `json:"previous"`
		Clusters int    `json:"clusters"`
		Flagged  int    `json:"flagged_clusters"`
		KeptIDs  int    `json:"kept_ids"`
		TotalMS  int64  `json:"total_ms"`
		LoadMS   int64  `json:"load_ms"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &runs))
	require.Len(t, runs, 2)
	assert.Equal(t, []string{"R-000002", "R-000001"}, []string{runs[0].ID, runs[1].ID})
	assert.Equal(t, "R-000001", runs[0].Previous)
	assert.Equal(t, runs[0].Clusters, runs[0].KeptIDs, "the same database keeps every id")
	assert.Positive(t, runs[0].Flagged)
	assert.GreaterOrEqual(t, runs[0].TotalMS, runs[0].LoadMS, "the stored total counts the load and more")
	assert.Positive(t, runs[0].TotalMS)

	r = runCLI(t, "", "--db", db, "runs")
	require.Equal(t, 0, r.code, r.errOut)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^R-000002 +\S+ \S+ +link .* latest$`, lines[1], "made by link")
	assert.NotContains(t, lines[2], "latest")

	r = runCLI(t, "", "--db", db, "runs", "--limit", "1", "--format", "csv")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Regexp(t, `^id,time,previous,accounts,clusters,flagged_clusters,flagged_accounts,threshold,kept_ids,new_ids,took_ms,command\nR-000002,.*,link\n`, r.out)
	assert.Equal(t, 2, strings.Count(r.out, "\n"))
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatInt(runs[0].TotalMS, 10), rows[1][10], "one duration for the run in every format")

	// An older run's clusters stay readable while it is recorded.
	r = runCLI(t, "", "--db", db, "clusters", "--run", "R-000001", "--format", "json", "--flagged")
	require.Equal(t, 0, r.code, r.errOut)
	var old []struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &old))
	require.NotEmpty(t, old)
	r = runCLI(t, "", "--db", db, "cluster", "show", old[0].ID, "--run", "R-000001", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"run": "R-000001"`)
	r = runCLI(t, "", "--db", db, "clusters", "--run", "R-000009")
	assert.Equal(t, ExitError, r.code)
	assert.Contains(t, r.errOut, "run R-000009 is not recorded")
	r = runCLI(t, "", "--db", db, "clusters", "--run", "bogus")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.errOut, "want a run id such as R-000001")

	r = runCLI(t, "", "--db", db, "runs", "--limit", "-1")
	assert.Equal(t, ExitUsage, r.code)
	r = runCLI(t, "", "--db", db, "runs", "--format", "json")
	require.Equal(t, 0, r.code)
	require.NoError(t, json.Unmarshal([]byte(r.out), &runs))
	assert.Len(t, runs, 2, "listing records no run")

	empty := filepath.Join(t.TempDir(), "db")
	r = runCLI(t, "", "--db", empty, "ingest", writeFile(t, "one.jsonl", `{"ts":1740960000,"account":"a"}`+"\n"))
	require.Equal(t, 0, r.code, r.errOut)
	// No run yet is an empty list, not a failure.
	r = runCLI(t, "", "--db", empty, "runs")
	assert.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "no linkage run yet")
	r = runCLI(t, "", "--db", empty, "runs", "--format", "json")
	assert.Equal(t, 0, r.code, r.errOut)
	assert.Equal(t, "[]\n", r.out)
	r = runCLI(t, "", "--db", empty, "runs", "--format", "csv")
	assert.Equal(t, 0, r.code, r.errOut)
	assert.Equal(t, 1, strings.Count(r.out, "\n"), "the header alone: %q", r.out)
}

// TestRecordsSinceRun: what cluster show and an evidence package read
// from the database as it is now says how many records came after the
// run whose members, score and reasons they show.
func TestRecordsSinceRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "run", writeFile(t, "ring.jsonl", ringRecords(0, 30, 3600)))
	require.Equal(t, 0, r.code, r.errOut)
	show := func() linkage.Detail {
		r := runCLI(t, "", "--db", db, "cluster", "show", "C-000001", "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var d linkage.Detail
		require.NoError(t, json.Unmarshal([]byte(r.out), &d))
		return d
	}
	assert.Zero(t, show().RecordsSinceRun)
	r = runCLI(t, "", "--db", db, "ingest", writeFile(t, "more.jsonl", ringRecords(30, 35, 3600)))
	require.Equal(t, 0, r.code, r.errOut)
	assert.Equal(t, int64(5*41), show().RecordsSinceRun, "5 accounts, a signup and 40 requests each")
	r = runCLI(t, "", "--db", db, "cluster", "show", "C-000001")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "note: 205 records were ingested after run R-000001")

	zipPath := filepath.Join(t.TempDir(), "c.zip")
	r = runCLI(t, "", "--db", db, "export", "C-000001", "--out", zipPath)
	require.Equal(t, 0, r.code, r.errOut)
	zr, err := zip.OpenReader(zipPath)
	require.NoError(t, err)
	defer zr.Close()
	f, err := zr.Open("summary.txt")
	require.NoError(t, err)
	summary, err := io.ReadAll(f)
	require.NoError(t, err)
	assert.Contains(t, string(summary), "Note: 205 records were ingested after that run.")
}

// TestExportCSVEscapesControls: the package's CSVs write a value from
// the traffic as the CSV listings do, so a control character or a
// bidirectional override in an account, card or device cannot steer the
// terminal of an analyst who prints members.csv; the package still
// verifies.
func TestExportCSVEscapesControls(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	var recs strings.Builder
	for i, acct := range []string{`esc\u001b[31mRED`, `a\u202eb`, "plain", `=cmd\u001b`} {
		fmt.Fprintf(&recs, `{"ts":%d,"account":"%s","payment":"pm\u0007bell","device":"d\u202eevil"}`+"\n", 1740960000+i, acct)
	}
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "hostile.jsonl", recs.String()))
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "clusters", "--members", "--format", "csv")
	require.Equal(t, 0, r.code, r.errOut)
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5, r.out)
	var listed []string
	for _, row := range rows[1:] {
		listed = append(listed, row[len(row)-1])
	}
	assert.ElementsMatch(t, []string{`esc\u001b[31mRED`, `a\u202eb`, "plain", `'=cmd\u001b`}, listed)

	zipPath := filepath.Join(t.TempDir(), "c.zip")
	r = runCLI(t, "", "--db", db, "export", rows[1][0], "--out", zipPath)
	require.Equal(t, 0, r.code, r.errOut)
	pkg, err := os.ReadFile(zipPath)
	require.NoError(t, err)
	files := map[string][]byte{}
	rewriteZip(t, pkg, func(fs map[string][]byte) map[string][]byte { files = maps.Clone(fs); return fs })
	for _, name := range []string{"members.csv", "edges.csv"} {
		t.Run(name, func(t *testing.T) {
			for _, raw := range []string{"\x1b", "\a", "\u202e"} {
				assert.NotContains(t, string(files[name]), raw)
			}
			rows, err := csv.NewReader(bytes.NewReader(files[name])).ReadAll()
			require.NoError(t, err)
			var accounts []string
			for _, row := range rows[1:] {
				accounts = append(accounts, row[0])
				assert.True(t, slices.Contains(row, `pm\u0007bell`) || slices.Contains(row, `d\u202eevil`), "%q", row)
			}
			assert.Subset(t, accounts, listed, "the same cells as the listing")
			assert.Subset(t, listed, accounts)
		})
	}
	r = runCLI(t, "", "verify", zipPath)
	assert.Equal(t, 0, r.code, r.out+r.errOut)
}

// TestExportToStandardOutput: with --out -, standard output carries the
// zip alone and the summary, manifest hash included, goes to standard
// error, as text or, with --format json, as the JSON summary.
func TestExportToStandardOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	var recs strings.Builder
	for i := range 4 {
		fmt.Fprintf(&recs, `{"ts":%d,"account":"a%d","payment":"p1","device":"d1"}`+"\n", 1740960000+i, i)
	}
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "small.jsonl", recs.String()))
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	manifestHash := func(t *testing.T, pkg []byte) string {
		t.Helper()
		var sum [32]byte
		rewriteZip(t, pkg, func(fs map[string][]byte) map[string][]byte {
			sum = sha256.Sum256(fs["manifest.json"])
			return fs
		})
		return hex.EncodeToString(sum[:])
	}

	t.Run("text", func(t *testing.T) {
		r := runCLI(t, "", "--db", db, "export", "C-000001", "--out", "-")
		require.Equal(t, 0, r.code, r.errOut)
		hash := manifestHash(t, []byte(r.out))
		assert.Contains(t, r.errOut, "wrote the package to standard output: cluster C-000001 of run R-000001, 9 files, "+fmt.Sprint(len(r.out))+" bytes\n")
		assert.Contains(t, r.errOut, "manifest sha256 "+hash+" (keep it with the case; check with: ringlink verify FILE.zip --manifest-sha256 "+hash+")\n")
	})
	t.Run("json", func(t *testing.T) {
		r := runCLI(t, "", "--db", db, "export", "C-000001", "--out", "-", "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var info struct {
			Path           string `json:"path"`
			Cluster        string `json:"cluster"`
			ManifestSHA256 string `json:"manifest_sha256"`
			Bytes          int    `json:"bytes"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.errOut), &info), r.errOut)
		assert.Equal(t, "-", info.Path)
		assert.Equal(t, "C-000001", info.Cluster)
		assert.Equal(t, manifestHash(t, []byte(r.out)), info.ManifestSHA256)
		assert.Equal(t, len(r.out), info.Bytes)
	})
}

// TestWriteAtomicTargets checks where an export lands: a new file whole, a
// file behind a symbolic link replaced with the link kept, a named pipe
// written to and kept (a rename replaced it with a file and its reader got
// nothing), and no file at all when the writing fails.
func TestWriteAtomicTargets(t *testing.T) {
	dir := t.TempDir()
	hello := func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }

	plain := filepath.Join(dir, "plain.zip")
	require.NoError(t, writeAtomic(plain, hello))
	b, err := os.ReadFile(plain)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(b))

	target, link := filepath.Join(dir, "target.zip"), filepath.Join(dir, "link.zip")
	require.NoError(t, os.WriteFile(target, []byte("old contents"), 0o644))
	require.NoError(t, os.Symlink(target, link))
	require.NoError(t, writeAtomic(link, hello))
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&fs.ModeSymlink, "the link stays a link")
	b, err = os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(b))

	dangling := filepath.Join(dir, "dangling.zip")
	require.NoError(t, os.Symlink(filepath.Join(dir, "missing", "x.zip"), dangling))
	assert.ErrorContains(t, writeAtomic(dangling, hello), "symbolic link to nothing that can be written")

	fifo := filepath.Join(dir, "pipe.zip")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	// The reader is there first, without waiting for a writer; what is
	// written fits in the pipe's buffer, so no goroutine is needed.
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	require.NoError(t, err)
	defer r.Close()
	require.NoError(t, writeAtomic(fifo, hello))
	b, err = io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(b))
	fi, err = os.Lstat(fifo)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&fs.ModeNamedPipe, "the pipe stays a pipe")

	lonely := filepath.Join(dir, "lonely.zip")
	require.NoError(t, syscall.Mkfifo(lonely, 0o644))
	assert.ErrorContains(t, writeAtomic(lonely, hello), "a named pipe with no reader", "no wait for a reader that may never come")

	failed := filepath.Join(dir, "failed.zip")
	require.Error(t, writeAtomic(failed, func(w io.Writer) error { return errors.New("disk on fire") }))
	_, err = os.Lstat(failed)
	assert.ErrorIs(t, err, fs.ErrNotExist)
	left, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range left {
		assert.NotContains(t, e.Name(), ".tmp", "no temporary file is left")
	}
}
