package linkage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/require"
)

// buildScenario generates a fixture scenario into dir, ingests it into a
// new database there and returns the open store and the truth.
func buildScenario(t testing.TB, dir string, cfg fixtures.Config) (*store.Store, fixtures.Truth) {
	t.Helper()
	var recs, truth bytes.Buffer
	_, err := fixtures.Generate(cfg, &recs, &truth)
	require.NoError(t, err)
	path := filepath.Join(dir, "records.jsonl")
	require.NoError(t, os.WriteFile(path, recs.Bytes(), 0o644))
	tr, err := fixtures.ReadTruth(&truth)
	require.NoError(t, err)
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{Create: true})
	require.NoError(t, err)
	_, err = ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}})
	require.NoError(t, err)
	return st, tr
}

// evaluate scores the latest run of st against tr.
func evaluate(t testing.TB, st *store.Store, tr fixtures.Truth) fixtures.Report {
	t.Helper()
	rep, _, err := Evaluate(st, tr, nil)
	require.NoError(t, err)
	return rep
}
