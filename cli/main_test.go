package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMain lets a test re-run this binary as ringlink itself: with
// RINGLINK_AS_CLI set, the process is the command line, so tests can kill
// a real ingest process without building a separate binary.
func TestMain(m *testing.M) {
	if os.Getenv("RINGLINK_AS_CLI") == "1" {
		os.Exit(Main(append([]string{"ringlink"}, strings.Fields(os.Getenv("RINGLINK_ARGS"))...), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// result is one in-process run of the command line.
type result struct {
	code        int
	out, errOut string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(append([]string{"ringlink"}, args...), strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}
