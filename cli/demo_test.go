package cli

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// failingWriter fails every write, as standard output does once the
// reader of its pipe is gone.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// TestDemoStopsWhenOutputFails: a demo whose report cannot be written
// stops at the first failed write, before it ingests anything, with exit
// 1 and a line saying why, and removes its temporary directory.
func TestDemoStopsWhenOutputFails(t *testing.T) {
	for _, named := range []bool{false, true} {
		t.Run(map[bool]string{false: "temporary database", true: "--db"}[named], func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			args := []string{"ringlink", "demo", "--scenario", "ci"}
			db := filepath.Join(t.TempDir(), "demo.db")
			if named {
				args = append(args, "--db", db)
			}
			var errOut strings.Builder
			code := Main(args, strings.NewReader(""), failingWriter{}, &errOut)
			assert.Equal(t, 1, code, errOut.String())
			assert.Equal(t, "ringlink: demo: write /dev/stdout: broken pipe\n", errOut.String())
			assertEmptyDir(t, tmp)
			assert.NoDirExists(t, db, "stopped before the database")
		})
	}
}

// TestDemoIntoClosedPipe runs a real demo process whose standard output
// is a pipe nobody reads (ringlink demo | head -1, once head is gone): it
// ends with exit 1 instead of being killed by SIGPIPE, and leaves no
// temporary directory behind.
func TestDemoIntoClosedPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RINGLINK_AS_CLI=1", "RINGLINK_ARGS=demo --scenario ci", "TMPDIR="+tmp)
	r, w, err := os.Pipe()
	require.NoError(t, err)
	cmd.Stdout = w
	var errOut strings.Builder
	cmd.Stderr = &errOut
	require.NoError(t, r.Close()) // before the demo writes anything
	require.NoError(t, cmd.Start())
	require.NoError(t, w.Close())
	err = cmd.Wait()
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit: %v; stderr: %s", err, errOut.String())
	require.True(t, ee.Exited(), "ended by %v; stderr: %s", err, errOut.String())
	assert.Equal(t, 1, ee.ExitCode())
	assert.Contains(t, errOut.String(), "broken pipe")
	assertEmptyDir(t, tmp)
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Empty(t, names, "left in %s", dir)
}
