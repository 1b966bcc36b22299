package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// promptRecords writes n records filling one template with slots of
// different lengths, from accounts acct-<first>..
func promptRecords(first, n int) string {
	var b strings.Builder
	fills := []string{"x + 1 = 2", "the integral of a product of two functions over a closed interval", "a train leaves at 3pm"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"ts":%d,"account":"acct-%d","prompt":"You are an expert tutor. Solve step by step and show your work: %s"}`+"\n",
			1700000000+i, first+i%7, fills[i%len(fills)])
	}
	return b.String()
}

func TestCLITemplatesPersistAndMatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "a.jsonl", promptRecords(0, 30)))
	require.Equal(t, 0, r.code, r.errOut)

	list := func() []templateRow {
		r := runCLI(t, "", "--db", db, "templates", "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var rows []templateRow
		require.NoError(t, json.Unmarshal([]byte(r.out), &rows))
		assert.NotContains(t, r.out, `\u003c`, "slots are written as <*>, not HTML-escaped")
		return rows
	}
	rows := list()
	require.NotEmpty(t, rows)
	top := rows[0]
	assert.Equal(t, 7, top.Accounts, "one template used by all seven accounts")
	assert.Equal(t, uint64(30), top.Requests)
	assert.Contains(t, top.Skeleton, "<*>")

	// A second ingest (a new process would reload the miner from the
	// database) maps the same template to the same id.
	r = runCLI(t, "", "--db", db, "ingest", writeFile(t, "b.jsonl", promptRecords(100, 9)))
	require.Equal(t, 0, r.code, r.errOut)
	rows = list()
	assert.Equal(t, top.ID, rows[0].ID)
	assert.Equal(t, 14, rows[0].Accounts)
	assert.Equal(t, uint64(39), rows[0].Requests)

	// match reads stdin and changes nothing.
	r = runCLI(t, "You are an expert tutor. Solve step by step and show your work: what is 2+2\nsomething else entirely, unlike anything seen\n",
		"--db", db, "templates", "match")
	require.Equal(t, 0, r.code, r.errOut)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	require.Len(t, lines, 2)
	var m1, m2 struct {
		Line     int     `json:"line"`
		Template *string `json:"template"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &m1))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &m2))
	require.NotNil(t, m1.Template)
	assert.Equal(t, top.ID, *m1.Template)
	assert.Nil(t, m2.Template)
	assert.Contains(t, lines[0], "<*>", "slots as templates shows them, not \\u003c*\\u003e")
	assert.Equal(t, len(rows), len(list()), "match must not learn")

	// A byte order mark and CRLF line ends (a file from a Windows editor)
	// change nothing.
	r = runCLI(t, "\ufeffYou are an expert tutor. Solve step by step and show your work: what is 2+2\r\n",
		"--db", db, "templates", "match")
	require.Equal(t, 0, r.code, r.errOut)
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(r.out)), &m1))
	require.NotNil(t, m1.Template, r.out)
	assert.Equal(t, top.ID, *m1.Template)

	r = runCLI(t, "", "--db", db, "templates", "show", top.ID, "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"samples"`)
	r = runCLI(t, "", "--db", db, "templates", "show", "999999")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.errOut, "no template")
}

// TestCLITemplateIDsDoNotCollide: a record may supply template "1" while
// the miner also learns template 1. Both must stay reachable and distinct.
func TestCLITemplateIDsDoNotCollide(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	supplied := `{"ts":1700000100,"account":"sup-a","template":"1"}` + "\n" + `{"ts":1700000101,"account":"sup-b","template":"1"}` + "\n"
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "a.jsonl", promptRecords(0, 30)+supplied))
	require.Equal(t, 0, r.code, r.errOut)

	r = runCLI(t, "", "--db", db, "templates", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var rows []templateRow
	require.NoError(t, json.Unmarshal([]byte(r.out), &rows))
	byID := map[string]templateRow{}
	for _, row := range rows {
		byID[row.ID] = row
	}
	require.Contains(t, byID, "1", "the mined template")
	require.Contains(t, byID, "u:1", "the supplied one, marked so that it is not read as mined")
	assert.True(t, byID["1"].Mined)
	assert.False(t, byID["u:1"].Mined)
	assert.Equal(t, 7, byID["1"].Accounts)
	assert.Equal(t, 2, byID["u:1"].Accounts)

	r = runCLI(t, "", "--db", db, "attr", "show", "template", "u:1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "sup-a")
	assert.NotContains(t, r.out, "acct-0")
	assert.Contains(t, r.out, `"value": "u:1"`, "shown as templates shows it")
	r = runCLI(t, "", "--db", db, "attr", "show", "template", "1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "acct-0")
	assert.NotContains(t, r.out, "sup-a")
	assert.Contains(t, r.out, `"value": "1"`, "not the stored m:1")
	r = runCLI(t, "", "--db", db, "templates", "show", "u:1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"mined": false`)
	// Tables show a mined template with the start of its skeleton; a
	// supplied id has none to show.
	r = runCLI(t, "", "--db", db, "account", "show", "acct-0")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Regexp(t, `(?m)^template\s+1 "You are an expert tutor[^"]*"\s+\d`, r.out)
	r = runCLI(t, "", "--db", db, "account", "show", "sup-a")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Regexp(t, `(?m)^template\s+u:1\s+\d`, r.out)
	// The stored form is accepted too.
	r = runCLI(t, "", "--db", db, "templates", "show", "m:1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"mined": true`)
	r = runCLI(t, "", "--db", db, "attr", "show", "template", "1", "--limit", "-1")
	assert.Equal(t, ExitUsage, r.code, r.errOut)
}

// TestCLITemplatesMatchLeavesDatabaseFree: match left waiting on its
// input (an analyst's terminal) must not keep the hourly job out.
func TestCLITemplatesMatchLeavesDatabaseFree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "a.jsonl", promptRecords(0, 30)))
	require.Equal(t, 0, r.code, r.errOut)

	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"ringlink", "--db", db, "templates", "match"}, inR, outW, &errOut)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	prompt := "You are an expert tutor. Solve step by step and show your work: what is 2+2\n"
	_, err := io.WriteString(inW, prompt)
	require.NoError(t, err)
	require.True(t, lines.Scan(), "match answers each line as it comes")
	assert.Contains(t, lines.Text(), `"template":"`)

	// match now waits for its next line; an ingest gets in.
	r = runCLI(t, "", "--db", db, "ingest", writeFile(t, "b.jsonl", promptRecords(100, 9)))
	assert.Equal(t, 0, r.code, r.errOut)

	_, err = io.WriteString(inW, prompt)
	require.NoError(t, err)
	require.True(t, lines.Scan())
	assert.Contains(t, lines.Text(), `"line":2`)
	require.NoError(t, inW.Close())
	assert.Equal(t, 0, <-done, errOut.String())
}
