package evidence

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testDB is the ci scenario, ingested and linked once for the package's
// tests (a database is used by one holder at a time, so it is shared).
var testDB struct {
	st   *store.Store
	run  linkage.Run
	ring linkage.Cluster // the top cluster: flagged
	calm linkage.Cluster // an unflagged cluster
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "evidence-test-")
	if err != nil {
		panic(err)
	}
	code := func() int {
		if err := buildDB(dir); err != nil {
			panic(err)
		}
		defer testDB.st.Close()
		return m.Run()
	}()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildDB(dir string) error {
	var recs bytes.Buffer
	if _, err := fixtures.Generate(fixtures.Config{Scenario: "ci", Seed: 1}, &recs, io.Discard); err != nil {
		return err
	}
	path := filepath.Join(dir, "ci.jsonl")
	if err := os.WriteFile(path, recs.Bytes(), 0o644); err != nil {
		return err
	}
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{Create: true})
	if err != nil {
		return err
	}
	testDB.st = st
	if _, err := ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}}); err != nil {
		return err
	}
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	if testDB.run, err = linkage.Link(context.Background(), st, linkage.Options{Now: func() time.Time { return now }}); err != nil {
		return err
	}
	return linkage.Clusters(st, testDB.run.ID, func(c linkage.Cluster) bool {
		if c.Flagged && testDB.ring.ID == "" && c.Size <= 100 {
			testDB.ring = c
		}
		if !c.Flagged && testDB.calm.ID == "" {
			testDB.calm = c
		}
		return testDB.ring.ID == "" || testDB.calm.ID == ""
	})
}

func export(t *testing.T, opt Options) ([]byte, Info) {
	t.Helper()
	var b bytes.Buffer
	info, err := Write(&b, testDB.st, opt)
	require.NoError(t, err)
	assert.Equal(t, int64(b.Len()), info.Bytes)
	return b.Bytes(), info
}

func TestExportDeterministic(t *testing.T) {
	opt := Options{Cluster: testDB.ring.ID, ToolVersion: "test"}
	a, info := export(t, opt)
	b, _ := export(t, opt)
	require.True(t, bytes.Equal(a, b), "same database, same run: same bytes")
	c, _ := export(t, Options{Cluster: testDB.ring.ID, Run: testDB.run.ID, ToolVersion: "test"})
	require.True(t, bytes.Equal(a, c), "--run of the latest run is the latest run")
	for _, share := range []int64{0, 1 << 40} { // never, always scan the nodes for attribute names
		t.Run(fmt.Sprintf("scan share %d", share), func(t *testing.T) {
			defer func(s int64) { scanShare = s }(scanShare)
			scanShare = share
			d, _ := export(t, opt)
			require.True(t, bytes.Equal(a, d), "attribute names read either way give the same package")
		})
	}

	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		assert.Equal(t, testDB.run.Time, f.Modified.UTC(), f.Name)
		assert.Equal(t, os.FileMode(0o644), f.Mode(), f.Name)
	}
	assert.Equal(t, []string{FileSummary, FileCluster, FileMembers, FileEdges, FileTimeline, FileHours, FileSums, FileManifest, FileManifestHash}, names)
	assert.Len(t, info.Files, len(names))
	assert.Equal(t, testDB.ring.ID, info.Cluster)

	files := unzip(t, a)
	var man Manifest
	require.NoError(t, json.Unmarshal(files[FileManifest], &man))
	assert.Equal(t, Format, man.Format)
	assert.Equal(t, FormatVersion, man.FormatVersion)
	assert.Equal(t, "test", man.ToolVersion)
	assert.Len(t, man.Files, 7)
	assert.Equal(t, info.ManifestSHA256+"  manifest.json\n", string(files[FileManifestHash]))

	var doc struct {
		Cluster struct {
			ID      string   `json:"id"`
			Size    int      `json:"size"`
			Flagged bool     `json:"flagged"`
			Reasons []string `json:"reasons"`
		} `json:"cluster"`
		Run struct {
			ID        string  `json:"id"`
			Threshold float64 `json:"threshold"`
		} `json:"run"`
		Members []struct {
			Account string `json:"account"`
		} `json:"members"`
		Shared    []linkage.SharedAttr `json:"shared_attributes"`
		Templates []struct {
			Skeleton string `json:"skeleton"`
		} `json:"top_templates"`
	}
	require.NoError(t, json.Unmarshal(files[FileCluster], &doc))
	assert.Equal(t, testDB.ring.ID, doc.Cluster.ID)
	assert.True(t, doc.Cluster.Flagged)
	assert.NotEmpty(t, doc.Cluster.Reasons)
	assert.Equal(t, testDB.run.ID, doc.Run.ID)
	assert.Len(t, doc.Members, testDB.ring.Size)
	assert.NotEmpty(t, doc.Shared)
	require.NotEmpty(t, doc.Templates)
	assert.NotEmpty(t, doc.Templates[0].Skeleton, "mined templates carry their skeleton")

	members := strings.Split(strings.TrimSpace(string(files[FileMembers])), "\n")
	assert.Len(t, members, testDB.ring.Size+1, "header and one row per member")
	assert.Equal(t, "account,first_seen,last_seen,signup,requests,signups,tokens,attributes,shared_attributes,shared_payments,shared_emails,shared_devices,shared_ips,shared_templates", members[0])
	// Each member's ties as edges.csv lists them: the values of each
	// identity kind that another member holds too, and the counts.
	type ties struct {
		payments, emails, devices []string
		ips, templates            int
	}
	want := map[string]*ties{}
	sharing := map[[2]string]int{}
	rows, err := csv.NewReader(bytes.NewReader(files[FileEdges])).ReadAll()
	require.NoError(t, err)
	for _, r := range rows[1:] {
		sharing[[2]string{r[1], r[2]}]++
	}
	for _, r := range rows[1:] {
		if want[r[0]] == nil {
			want[r[0]] = &ties{}
		}
		if sharing[[2]string{r[1], r[2]}] < 2 {
			continue
		}
		w := want[r[0]]
		switch r[1] {
		case "payment":
			w.payments = append(w.payments, r[2])
		case "email":
			w.emails = append(w.emails, r[2])
		case "device":
			w.devices = append(w.devices, r[2])
		case "ip":
			w.ips++
		case "template":
			w.templates++
		}
	}
	mrows, err := csv.NewReader(bytes.NewReader(files[FileMembers])).ReadAll()
	require.NoError(t, err)
	var reqs, dated uint64
	for _, r := range mrows[1:] {
		n, err := strconv.ParseUint(r[4], 10, 64)
		require.NoError(t, err)
		reqs += n
	}
	hrows, err := csv.NewReader(bytes.NewReader(files[FileHours])).ReadAll()
	require.NoError(t, err)
	require.Len(t, hrows, 25, "header and one row per hour")
	assert.Equal(t, []string{"hour_utc", "requests"}, hrows[0])
	for h, r := range hrows[1:] {
		assert.Equal(t, fmt.Sprintf("%02d", h), r[0])
		n, err := strconv.ParseUint(r[1], 10, 64)
		require.NoError(t, err)
		dated += n
	}
	assert.Positive(t, reqs)
	assert.Equal(t, reqs, dated, "hours.csv counts each of the members' requests in its hour")
	assert.Regexp(t, `Hours of the day: +hours\.csv counts every request by its UTC hour\n`, string(files[FileSummary]))
	assert.Contains(t, string(files[FileSummary]), "ringlink verify FILE.zip --manifest-sha256 HASH",
		"the reader is told to check against a hash received apart: a package only agrees with itself")
	identity := 0
	for _, r := range mrows[1:] {
		w := want[r[0]]
		require.NotNil(t, w, r[0])
		assert.Equal(t, strings.Join(w.payments, "; "), r[9], "%s payments", r[0])
		assert.Equal(t, strings.Join(w.emails, "; "), r[10], "%s emails", r[0])
		assert.Equal(t, strings.Join(w.devices, "; "), r[11], "%s devices", r[0])
		assert.Equal(t, strconv.Itoa(w.ips), r[12], "%s ips", r[0])
		assert.Equal(t, strconv.Itoa(w.templates), r[13], "%s templates", r[0])
		if r[9]+r[10]+r[11] != "" {
			identity++
		}
		assert.NotEqual(t, "0", r[8], "%s is tied to the others", r[0])
	}
	assert.Positive(t, identity, "the ring's members share a card, an email or a device")
	edges := strings.Split(strings.TrimSpace(string(files[FileEdges])), "\n")
	assert.Equal(t, "account,kind,value,count,tokens,first_seen,last_seen,members_sharing", edges[0])
	assert.Greater(t, len(edges), testDB.ring.Size)
	sum := string(files[FileSummary])
	for _, want := range []string{testDB.ring.ID, testDB.run.ID, "FLAGGED", doc.Cluster.Reasons[0], "Strongest shared attributes", "OUTSIDE", "Emails are shown as matched", "Top prompt templates", "sha256sum -c"} {
		assert.Contains(t, sum, want)
	}
	// SHA256SUMS and manifest.sha256 are what sha256sum -c reads.
	sums := strings.Split(strings.TrimSuffix(string(files[FileSums]), "\n"), "\n")
	require.Len(t, sums, 6)
	for i, line := range sums {
		name := man.Files[i].Name
		assert.Equal(t, sha256Hex(files[name])+"  "+name, line)
		assert.Equal(t, man.Files[i].SHA256, sha256Hex(files[name]))
		assert.Equal(t, man.Files[i].Size, int64(len(files[name])))
	}
	assert.Equal(t, sha256Hex(files[FileManifest]), info.ManifestSHA256)

	rep, err := Verify(bytes.NewReader(a), int64(len(a)))
	require.NoError(t, err)
	assert.True(t, rep.OK(), rep.Problems)
	assert.Equal(t, 7, rep.Checked)
}

func TestExportUnflagged(t *testing.T) {
	a, _ := export(t, Options{Cluster: testDB.calm.ID})
	files := unzip(t, a)
	assert.Contains(t, string(files[FileSummary]), "not flagged")
	var man Manifest
	require.NoError(t, json.Unmarshal(files[FileManifest], &man))
	assert.Equal(t, "unknown", man.ToolVersion)
}

func TestExportErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		want error
		msg  string
	}{
		{"unknown cluster", Options{Cluster: "C-999999"}, linkage.ErrUnknownCluster, `"C-999999"`},
		{"unknown run", Options{Cluster: testDB.ring.ID, Run: "R-999999"}, ErrUnknownRun, "R-999999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			_, err := Write(&b, testDB.st, tc.opt)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Zero(t, b.Len(), "nothing written for a failed export")
		})
	}
}

func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		out[f.Name], err = io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
	}
	return out
}

type entry struct {
	name string
	data []byte
}

// rezip rewrites a package after edit changes its entries.
func rezip(t *testing.T, b []byte, edit func([]entry) []entry) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var es []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		es = append(es, entry{f.Name, data})
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range edit(es) {
		w, err := zw.Create(e.name)
		require.NoError(t, err)
		_, err = w.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

func modify(name string, fn func([]byte) []byte) func([]entry) []entry {
	return func(es []entry) []entry {
		for i := range es {
			if es[i].name == name {
				es[i].data = fn(bytes.Clone(es[i].data))
			}
		}
		return es
	}
}

func TestVerify(t *testing.T) {
	pkg, _ := export(t, Options{Cluster: testDB.ring.ID})
	files := unzip(t, pkg)
	var man Manifest
	require.NoError(t, json.Unmarshal(files[FileManifest], &man))
	summaryHash := man.Files[0].SHA256

	tests := []struct {
		name string
		edit func([]entry) []entry
		want []Problem // file and a part of the problem
	}{
		{"intact after rezip", func(es []entry) []entry { return es }, nil},
		{"file modified", modify(FileSummary, func(b []byte) []byte { return bytes.Replace(b, []byte("FLAGGED"), []byte("flagged"), 1) }),
			[]Problem{{FileSummary, "SHA-256"}}},
		{"file grown", modify(FileMembers, func(b []byte) []byte { return append(b, "acct_extra,,,,0,0,0,0,0\n"...) }),
			[]Problem{{FileMembers, "size"}}},
		{"file truncated", modify(FileEdges, func(b []byte) []byte { return b[:len(b)/2] }),
			[]Problem{{FileEdges, "size"}}},
		{"file removed", func(es []entry) []entry {
			return deleteEntry(es, FileEdges)
		}, []Problem{{FileEdges, "missing"}}},
		{"file added", func(es []entry) []entry { return append(es, entry{"notes.txt", []byte("hi")}) },
			[]Problem{{"notes.txt", "not listed"}}},
		{"file duplicated", func(es []entry) []entry { return append(es, entry{FileMembers, files[FileMembers]}) },
			[]Problem{{FileMembers, "2 times"}}},
		{"manifest edited", modify(FileManifest, func(b []byte) []byte {
			return bytes.Replace(b, []byte(summaryHash), []byte(strings.Repeat("0", 64)), 1)
		}), []Problem{{FileManifest, "manifest.sha256"}, {FileSummary, "SHA-256"}}},
		{"manifest and its hash edited together", func(es []entry) []entry {
			var nm []byte
			es = modify(FileManifest, func(b []byte) []byte {
				nm = bytes.Replace(b, []byte(summaryHash), []byte(strings.Repeat("0", 64)), 1)
				return nm
			})(es)
			return modify(FileManifestHash, func([]byte) []byte { return []byte(sha256Hex(nm) + "  manifest.json\n") })(es)
		}, []Problem{{FileSummary, "SHA-256"}}},
		{"manifest removed", func(es []entry) []entry { return deleteEntry(es, FileManifest) },
			[]Problem{{FileManifest, "missing"}}},
		{"manifest hash removed", func(es []entry) []entry { return deleteEntry(es, FileManifestHash) },
			[]Problem{{FileManifestHash, "missing"}}},
		{"manifest hash garbled", modify(FileManifestHash, func([]byte) []byte { return []byte("nonsense\n") }),
			[]Problem{{FileManifestHash, "want one line"}}},
		{"manifest not json", func(es []entry) []entry {
			es = modify(FileManifest, func([]byte) []byte { return []byte("{") })(es)
			return modify(FileManifestHash, func([]byte) []byte { return []byte(sha256Hex([]byte("{")) + "  manifest.json\n") })(es)
		}, []Problem{{FileManifest, "not valid JSON"}}},
		{"newer format", formatVersion(9), []Problem{{FileManifest, "format version 9"}}},
		{"first format still read", formatVersion(1), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := rezip(t, pkg, tc.edit)
			rep, err := Verify(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			require.Len(t, rep.Problems, len(tc.want), "%v", rep.Problems)
			for i, w := range tc.want {
				assert.Equal(t, w.File, rep.Problems[i].File)
				assert.Contains(t, rep.Problems[i].Problem, w.Problem)
			}
			assert.Equal(t, len(tc.want) == 0, rep.OK())
		})
	}

	// Every entry intact, but the file is not the package that was
	// exported: something was glued before or after the archive.
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"bytes prepended", append([]byte("#!/bin/sh\necho hi\nexit\n"), pkg...), "before the archive"},
		{"bytes appended", append(append([]byte(nil), pkg...), "trailing payload"...), "after the archive"},
		{"another package in front", append(append([]byte(nil), pkg...), pkg...), "before the archive"},
		{"another package in front, offsets shifted (zip -A)", shifted(pkg, pkg), "before the archive"},
		{"bytes in front, offsets shifted (zip -A)", shifted([]byte("#!/bin/sh\nexit\n"), pkg), "before the archive"},
		{"comment changed", withComment(pkg, "ringlink evidence package: cluster C-000099 of run R-000001"), "its comment was changed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Verify(bytes.NewReader(tc.b), int64(len(tc.b)))
			require.NoError(t, err)
			require.Len(t, rep.Problems, 1, "%v", rep.Problems)
			assert.Equal(t, "(archive)", rep.Problems[0].File)
			assert.Contains(t, rep.Problems[0].Problem, tc.want)
			assert.False(t, rep.OK())
		})
	}

	t.Run("not a zip", func(t *testing.T) {
		_, err := Verify(bytes.NewReader([]byte("hello")), 5)
		assert.ErrorContains(t, err, "not a readable zip")
	})
	t.Run("truncated archive", func(t *testing.T) {
		_, err := Verify(bytes.NewReader(pkg[:len(pkg)/2]), int64(len(pkg)/2))
		assert.Error(t, err)
	})
	t.Run("file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "p.zip")
		require.NoError(t, os.WriteFile(p, pkg, 0o644))
		rep, err := VerifyFile(p)
		require.NoError(t, err)
		assert.True(t, rep.OK())
		_, err = VerifyFile(filepath.Join(t.TempDir(), "none.zip"))
		assert.ErrorIs(t, err, os.ErrNotExist)
	})
}

// shifted returns prefix followed by pkg, with pkg's directory offsets
// moved by len(prefix) as zip -A does, so that the archive is whole and
// consistent behind the prefix.
func shifted(prefix, pkg []byte) []byte {
	d := uint32(len(prefix))
	out := append(append([]byte(nil), prefix...), pkg...)
	end := len(prefix) + bytes.LastIndex(pkg, []byte("PK\x05\x06"))
	count := int(binary.LittleEndian.Uint16(out[end+10:]))
	dir := int(binary.LittleEndian.Uint32(out[end+16:])) + len(prefix)
	binary.LittleEndian.PutUint32(out[end+16:], uint32(dir))
	for range count {
		binary.LittleEndian.PutUint32(out[dir+42:], binary.LittleEndian.Uint32(out[dir+42:])+d)
		n, m, k := binary.LittleEndian.Uint16(out[dir+28:]), binary.LittleEndian.Uint16(out[dir+30:]), binary.LittleEndian.Uint16(out[dir+32:])
		dir += 46 + int(n) + int(m) + int(k)
	}
	return out
}

// withComment returns pkg with its zip comment replaced, the end record
// kept consistent (as an archive tool would write it).
func withComment(pkg []byte, comment string) []byte {
	i := bytes.LastIndex(pkg, []byte("PK\x05\x06"))
	out := append([]byte(nil), pkg[:i+20]...)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(comment)))
	return append(out, comment...)
}

func deleteEntry(es []entry, name string) []entry {
	out := es[:0]
	for _, e := range es {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

// formatVersion rewrites a package's manifest to claim format version v,
// with a manifest hash to match.
func formatVersion(v int) func([]entry) []entry {
	return func(es []entry) []entry {
		var nm []byte
		es = modify(FileManifest, func(b []byte) []byte {
			nm = bytes.Replace(b, fmt.Appendf(nil, `"format_version": %d`, FormatVersion), fmt.Appendf(nil, `"format_version": %d`, v), 1)
			return nm
		})(es)
		return modify(FileManifestHash, func([]byte) []byte { return []byte(sha256Hex(nm) + "  manifest.json\n") })(es)
	}
}

func TestCellAndText(t *testing.T) {
	tests := []struct{ in, cell, text string }{
		{"acct_1", "acct_1", "acct_1"},
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"},
		{"+1", "'+1", "+1"},
		{"@a", "'@a", "@a"},
		{"-1", "'-1", "-1"},
		{"\tx", "'\tx", `"\tx"`},
		{"\rx", `'\u000dx`, `"\rx"`},
		{"a=b", "a=b", "a=b"},
		{"0.5", "0.5", "0.5"},
		{"a\x1b[31mred", `a\u001b[31mred`, `"a\x1b[31mred"`},
		{"bell\a", `bell\u0007`, `"bell\a"`},
		{"bidi\u202eevil", `bidi\u202eevil`, `"bidi\u202eevil"`},
		{"C1 \u0085, DEL \x7f", `C1 \u0085, DEL \u007f`, `"C1 \u0085, DEL \x7f"`},
		{"new\nline\ttab é", "new\nline\ttab é", `"new\nline\ttab é"`},
		{"bad \xff utf-8\x1b", "bad \xff utf-8\\u001b", `"bad \xff utf-8\x1b"`},
		{"", "", ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.cell, Cell(tc.in), tc.in)
		assert.Equal(t, tc.text, text(tc.in, 80), tc.in)
	}
	assert.Equal(t, "abcd…", text("abcdefgh", 5))
	assert.Equal(t, `"ab\ncd…"`, text("ab\ncdefgh", 6), "a quoted value cut short keeps its closing quote")
	// A joined cell defuses each value, not only the first.
	assert.Equal(t, "pm_1; '=cmd|x; '+2", cells([]string{"pm_1", "=cmd|x", "+2"}))
	assert.Equal(t, "", cells(nil))
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
