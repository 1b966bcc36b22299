package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// TestUsageErrors checks that out-of-range flags, a missing required flag
// and incomplete commands end in one line and exit 2 before any database
// is opened, and that help stays exit 0.
func TestUsageErrors(t *testing.T) {
	db := t.TempDir() + "/none.db"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"infinite resolution", []string{"link", "--resolution", "inf"}, 2, "--resolution +Inf"},
		{"NaN resolution", []string{"run", "--resolution", "NaN", "x.jsonl"}, 2, "--resolution NaN"},
		{"link keeps one run", []string{"link", "--keep-runs", "1"}, 2, "--keep-runs 1: want 0 (every run) or at least 2"},
		{"run keeps negative runs", []string{"run", "--keep-runs", "-1", "x.jsonl"}, 2, "--keep-runs -1"},
		{"link samples above a negative count", []string{"link", "--sample-above", "-3"}, 2, "--sample-above -3: want 0"},
		{"eval without truth", []string{"eval"}, 2, "eval needs --truth"},
		{"eval threshold", []string{"eval", "--truth", "t.json", "--threshold", "-1"}, 2, "--threshold -1"},
		{"clusters threshold", []string{"clusters", "--threshold", "5"}, 2, "--threshold 5: want a number in (0, 1]"},
		{"clusters zero threshold", []string{"clusters", "--threshold", "0"}, 2, "--threshold 0"},
		{"clusters min score", []string{"clusters", "--min-score", "2"}, 2, "--min-score 2: want a number in [0, 1]"},
		{"clusters min size", []string{"clusters", "--min-size", "-5"}, 2, "--min-size -5: want 1 or more"},
		{"templates limit", []string{"templates", "--limit", "-3"}, 2, "--limit -3: want 0 or more"},
		{"ingest max rejects", []string{"ingest", "--max-rejects", "-5", "x.jsonl"}, 2, "--max-rejects -5"},
		{"run max rejects", []string{"run", "--max-rejects", "-2", "x.jsonl"}, 2, "--max-rejects -2"},
		{"ingest batch lines", []string{"ingest", "--batch-lines", "-1", "x.jsonl"}, 2, "--batch-lines -1"},
		{"help unknown", []string{"help", "bogus"}, 2, `unknown command "bogus"`},
		{"group alone", []string{"cluster"}, 2, "cluster needs a subcommand: show"},
		{"group with flag", []string{"account", "--log-level", "debug"}, 2, "account needs a subcommand"},
		{"group help", []string{"cluster", "--help"}, 0, "show"},
		{"stray argument", []string{"clusters", "20"}, 2, `clusters takes no arguments (got "20")`},
		{"stray argument to link", []string{"link", "now"}, 2, "link takes no arguments"},
		{"stray argument to stats", []string{"stats", "x"}, 2, "stats takes no arguments"},
		{"stray argument to templates match", []string{"templates", "match", "x"}, 2, "templates match takes no arguments"},
		{"help command", []string{"help", "link"}, 0, "--resolution"},
		{"version", []string{"--version"}, 0, "ringlink version "},
		{"demo scenario", []string{"demo", "--scenario", "bogus"}, 2, `--scenario "bogus": want one of ci, demo, seed`},
		{"stdin twice", []string{"ingest", "-", "-"}, 2, "- (standard input) named 2 times"},
		{"stdin device", []string{"run", "/dev/stdin"}, 2, "/dev/stdin: name standard input as -"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append(tc.args, "--db", db)...)
			assert.Equal(t, tc.code, r.code, r.errOut)
			assert.Contains(t, r.out+r.errOut, tc.want)
			if tc.code != 0 {
				assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
				assert.Empty(t, r.out)
			}
		})
	}
	assert.NoDirExists(t, db, "no command created the database")
	r := runCLI(t, "", "--db", "", "stats")
	assert.Equal(t, ExitUsage, r.code, r.errOut)
	assert.Contains(t, r.errOut, `--db "": name the database directory`)
}

// TestUsageErrorsPointAtTheCommandsHelp: a usage error names the help of
// the command that was given, wherever its flags stand, so the reader
// lands on the flags that were wrong.
func TestUsageErrorsPointAtTheCommandsHelp(t *testing.T) {
	db := t.TempDir() + "/none.db"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"top level", []string{"bogus"}, "(see ringlink --help)"},
		{"command", []string{"clusters", "--format", "xml"}, "(see ringlink clusters --help)"},
		{"subcommand", []string{"cluster", "show"}, "(see ringlink cluster show --help)"},
		{"subcommand after global flags", []string{"--log-level", "debug", "cluster", "show", "--limit", "-1", "C-1"}, "(see ringlink cluster show --help)"},
		{"flag before the subcommand's argument", []string{"templates", "match", "--format", "x", "y"}, "(see ringlink templates match --help)"},
		{"group without its subcommand", []string{"account"}, "(see ringlink account --help)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append(tc.args, "--db", db)...)
			assert.Equal(t, ExitUsage, r.code, r.errOut)
			assert.True(t, strings.HasSuffix(r.errOut, tc.want+"\n"), "got %q", r.errOut)
		})
	}
}

// TestReportKeepsUnreadableInputsOnInterrupt: an interrupt after an input
// could not be read reports both, on one line.
func TestReportKeepsUnreadableInputsOnInterrupt(t *testing.T) {
	var b strings.Builder
	ie := ingest.InputErrors{Errs: []error{fmt.Errorf("%w: a.jsonl: no such file", ingest.ErrInput)}, Inputs: 3}
	code := report(&b, errors.Join(ie, context.Canceled), "ringlink ingest --help")
	assert.Equal(t, ExitError, code)
	assert.Equal(t, "ringlink: interrupted; committed work is kept and a re-run resumes; before that, unreadable input: 1 of 3 inputs could not be read, the others are ingested (now or before): a.jsonl: no such file\n", b.String())
}

// TestErrorLineForADamagedDatabase: a value the store cannot decode is
// reported with what to do about it.
func TestErrorLineForADamagedDatabase(t *testing.T) {
	line, code := errorLine(fmt.Errorf("database d: account 7: %w", store.ErrCorrupt), "ringlink stats --help")
	assert.Equal(t, ExitError, code)
	assert.Equal(t, "database d: account 7: corrupt value (a file of the database may be damaged: restore it from a backup, or ingest the traffic again into a new one)", line)
	// The miner's stored state is in the database too.
	line, _ = errorLine(fmt.Errorf("template 1: %w", templates.ErrCorruptState), "ringlink templates --help")
	assert.Equal(t, "template 1: templates: corrupt miner state (a file of the database may be damaged: restore it from a backup, or ingest the traffic again into a new one)", line)
}
