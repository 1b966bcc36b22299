package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFixturesGenOutputs(t *testing.T) {
	gen := func(args ...string) result {
		return runCLI(t, "", append([]string{"fixtures", "gen", "--legit", "50", "--days", "2"}, args...)...)
	}
	t.Run("truth to stdout needs a records file", func(t *testing.T) {
		t.Chdir(t.TempDir())
		r := gen("--out", "-", "--truth", "-")
		assert.Equal(t, ExitUsage, r.code)
		assert.Empty(t, r.out)
		assert.Equal(t, "ringlink: --truth - needs --out FILE: the records already go to standard output (see ringlink fixtures gen --help)\n", r.errOut)
		_, err := os.Stat("-")
		assert.ErrorIs(t, err, os.ErrNotExist, "no file named -")
		r = gen("--truth", "-") // --out defaults to standard output
		assert.Equal(t, ExitUsage, r.code)
	})
	t.Run("truth to stdout with a records file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "r.jsonl")
		r := gen("--out", out, "--truth", "-")
		require.Equal(t, ExitOK, r.code, r.errOut)
		var truth struct {
			Rings []struct {
				ID       string   `json:"id"`
				Accounts []string `json:"accounts"`
			} `json:"rings"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.out), &truth), r.out)
		assert.NotEmpty(t, truth.Rings)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"account"`)
	})
	t.Run("same file for both", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, "x.jsonl")
		for _, truth := range []string{f, filepath.Join(dir, ".", "sub", "..", "x.jsonl")} {
			r := gen("--out", f, "--truth", truth)
			assert.Equal(t, ExitUsage, r.code)
			assert.Contains(t, r.errOut, "--out and --truth name the same file")
			_, err := os.Stat(f)
			assert.ErrorIs(t, err, os.ErrNotExist, "nothing written")
		}
		// A link to the records file is the same file too.
		require.NoError(t, os.WriteFile(f, nil, 0o644))
		link := filepath.Join(dir, "link.json")
		require.NoError(t, os.Link(f, link))
		r := gen("--out", f, "--truth", link)
		assert.Equal(t, ExitUsage, r.code)
		assert.Contains(t, r.errOut, "same file")
	})
	t.Run("truth write error is reported", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		r := gen("--out", filepath.Join(t.TempDir(), "r.jsonl"), "--truth", "/dev/full")
		assert.Equal(t, ExitError, r.code)
		assert.Contains(t, r.errOut, "no space left")
	})
	t.Run("values out of range are usage errors and write nothing", func(t *testing.T) {
		for _, args := range [][]string{{"--days", "100000"}, {"--legit", "60000000"}} {
			out := filepath.Join(t.TempDir(), "r.jsonl")
			r := runCLI(t, "", append([]string{"fixtures", "gen", "--out", out}, args...)...)
			assert.Equal(t, ExitUsage, r.code, "%v: %s", args, r.errOut)
			assert.Equal(t, 1, strings.Count(r.errOut, "\n"), r.errOut)
			assert.NotContains(t, r.errOut, "fixtures:")
			_, err := os.Stat(out)
			assert.ErrorIs(t, err, os.ErrNotExist, "%v: no file created", args)
		}
	})
	t.Run("files", func(t *testing.T) {
		dir := t.TempDir()
		r := gen("--out", filepath.Join(dir, "r.jsonl.gz"), "--truth", filepath.Join(dir, "t.json"))
		require.Equal(t, ExitOK, r.code, r.errOut)
		b, err := os.ReadFile(filepath.Join(dir, "t.json"))
		require.NoError(t, err)
		assert.True(t, json.Valid(b))
	})
}
