package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemo runs the demo on the ci scenario into a named database and
// checks that it found the planted rings, that it refuses to write into a
// database that holds a graph, and that RINGLINK_DB (an analyst's real
// database) is never written by it.
func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	r := runCLI(t, "", "demo", "--scenario", "ci", "--db", db, "--top", "3")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "precision 1.000")
	assert.Contains(t, r.out, "recall 1.000")
	assert.Contains(t, r.out, "Explore with: ringlink --db "+db)

	records := func(db string) int {
		t.Helper()
		r := runCLI(t, "", "stats", "--db", db, "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var s struct {
			Records int `json:"records"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.out), &s))
		return s.Records
	}
	n := records(db)
	assert.Greater(t, n, 10000, "the ci scenario's records are in the named database")

	t.Run("refuses a database with a graph", func(t *testing.T) {
		r := runCLI(t, "", "demo", "--scenario", "ci", "--db", db)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.errOut, "already holds a graph")
		assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
		assert.Equal(t, n, records(db), "nothing was added")
	})
	t.Run("ignores RINGLINK_DB", func(t *testing.T) {
		t.Setenv("RINGLINK_DB", db)
		r := runCLI(t, "", "demo", "--scenario", "ci", "--top", "1")
		require.Equal(t, 0, r.code, r.errOut)
		assert.Contains(t, r.out, "The database was temporary")
		assert.Equal(t, n, records(db), "the analyst's database is untouched")
	})
	t.Run("bad top", func(t *testing.T) {
		r := runCLI(t, "", "demo", "--top", "0")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.errOut, "--top 0")
	})
}
