package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSafeWriter escapes what steers a terminal, whole or cut between
// writes, keeps everything else byte for byte, and leaves JSON meaning
// the same.
func TestSafeWriter(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain text and layout", []string{"a\tb\nc é … 漢\n"}, "a\tb\nc é … 漢\n"},
		{"escape sequence", []string{"x\x1b[2Jy"}, `x\u001b[2Jy`},
		{"bell, carriage return, DEL", []string{"\a\r\x7f"}, `\u0007\u000d\u007f`},
		{"C1 control cut between writes", []string{"a\xc2", "\x9bb"}, `a\u009bb`},
		{"bidi override cut twice", []string{"\xe2", "\x80", "\xaez"}, `\u202ez`},
		{"ellipsis cut between writes", []string{"\xe2\x80", "\xa6"}, "…"},
		{"invalid UTF-8 passes", []string{"\xff\xfe"}, "\xff\xfe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			w := &safeWriter{w: &b}
			for _, s := range tt.writes {
				n, err := w.Write([]byte(s))
				require.NoError(t, err)
				assert.Equal(t, len(s), n)
			}
			require.NoError(t, w.Flush())
			assert.Equal(t, tt.want, b.String())
		})
	}
	v := "C1 \u0085 DEL \x7f bidi \u202e"
	raw, err := json.Marshal(map[string]string{"v": v})
	require.NoError(t, err)
	var b bytes.Buffer
	w := &safeWriter{w: &b}
	_, err = w.Write(raw)
	require.NoError(t, err)
	assert.NotEqual(t, string(raw), b.String(), "the JSON was escaped")
	var got map[string]string
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	assert.Equal(t, v, got["v"], "and still means the same")
}

// TestCLIHostileValuesAreEscaped: account ids and values come from the
// people under investigation. In tables they cannot steer the terminal or
// add rows; JSON gives them back exactly.
func TestCLIHostileValuesAreEscaped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	const fake = "acct\nC-000001  999  1.000  yes  fake"
	in := writeFile(t, "esc.jsonl", `{"ts":1740960000,"account":"esc\u001b[31mRED","device":"d\u001b]0;pwned\u0007"}
{"ts":1740960001,"account":"acct\nC-000001  999  1.000  yes  fake","device":"d\u001b]0;pwned\u0007"}
`)
	r := runCLI(t, "", "--db", db, "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)
	for _, args := range [][]string{
		{"attr", "show", "device", "d\x1b]0;pwned\a"},
		{"account", "show", fake},
		{"why", fake, "esc\x1b[31mRED"},
	} {
		r := runCLI(t, "", append([]string{"--db", db}, args...)...)
		require.Equal(t, 0, r.code, r.errOut)
		assert.NotContains(t, r.out, "\x1b", args[0])
		assert.NotContains(t, r.out, "\a", args[0])
		for _, line := range strings.Split(r.out, "\n") {
			assert.False(t, strings.HasPrefix(line, "C-000001"), "%s: a value added a row: %q", args[0], r.out)
		}
	}
	r = runCLI(t, "", "--db", db, "attr", "show", "device", "d\x1b]0;pwned\a", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var got struct {
		Value    string `json:"value"`
		Accounts []struct {
			Account string `json:"account"`
		} `json:"accounts"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.Equal(t, "d\x1b]0;pwned\a", got.Value)
	require.Len(t, got.Accounts, 2)
	assert.ElementsMatch(t, []string{fake, "esc\x1b[31mRED"}, []string{got.Accounts[0].Account, got.Accounts[1].Account})
}

// TestTextCell: a value shows as is only when nothing in it can pass for
// something else.
func TestTextCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"acct_x", "acct_x"},
		{"Émile 漢字 🙂", "Émile 漢字 🙂"},
		{"acct_x ", `"acct_x "`},
		{" acct_x", `" acct_x"`},
		{"acct\u00a0x", `"acct\u00a0x"`},
		{"a\nb", `"a\nb"`},
		{"bidi\u202e", `"bidi\u202e"`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, textCell(tt.in), "%q", tt.in)
	}
}

// TestCLICSVDefusesFormulas: a spreadsheet must not evaluate a value from
// the traffic opened from a CSV listing; JSON keeps it exact.
func TestCLICSVDefusesFormulas(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	in := writeFile(t, "f.jsonl", `{"ts":1740960000,"account":"-a1","device":"d1","template":"+t1"}
{"ts":1740960001,"account":"@a2","device":"d1","template":"+t1"}
{"ts":1740960002,"account":"a3","device":"d1","template":"t2"}
`)
	r := runCLI(t, "", "--db", db, "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "attr", "show", "device", "d1", "--format", "csv")
	require.Equal(t, 0, r.code, r.errOut)
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	require.NoError(t, err)
	var accounts []string
	for _, row := range rows[1:] {
		accounts = append(accounts, row[0])
	}
	assert.ElementsMatch(t, []string{"'-a1", "'@a2", "a3"}, accounts)

	r = runCLI(t, "", "--db", db, "templates", "--format", "csv")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "\n'+t1,false,2,")
	assert.Contains(t, r.out, "\nt2,false,1,")

	r = runCLI(t, "", "--db", db, "attr", "show", "device", "d1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"-a1"`, "JSON keeps the value")
}

func TestRenderHours(t *testing.T) {
	var level, none [24]uint64
	for h := range level {
		level[h] = 10
	}
	level[21] = 40
	tests := []struct {
		name     string
		hours    [24]uint64
		requests uint64
		want     []string
	}{
		{"no requests", none, 0, []string{"hours of the day: the members made no requests\n"}},
		{"not recorded", none, 30, []string{"hours of the day: not recorded (the members' records were ingested before ringlink counted hours)\n"}},
		{"the peak fills the bar", level, 270, []string{"  21  " + strings.Repeat("#", 40) + " 40\n", "  00  " + strings.Repeat("#", 10) + strings.Repeat(" ", 30) + " 10\n", "(UTC; the members' requests in each hour):\n"}},
		{"some requests before hours were counted", level, 300, []string{"270 of their 300 requests"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			require.NoError(t, renderHours(&b, tc.hours, tc.requests))
			for _, w := range tc.want {
				assert.Contains(t, b.String(), w)
			}
		})
	}
}
