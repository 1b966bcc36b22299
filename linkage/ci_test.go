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
	run, err := Latest(st)
	require.NoError(t, err)
	var cs []fixtures.Cluster
	err = Clusters(st, run.ID, func(c Cluster) bool {
		ms, err := Members(st, run.ID, c.Rank)
		require.NoError(t, err)
		fc := fixtures.Cluster{ID: c.ID, Flagged: c.Flagged}
		for _, m := range ms {
			_, name, err := st.Node(store.NodeID(m))
			require.NoError(t, err)
			fc.Accounts = append(fc.Accounts, name)
		}
		cs = append(cs, fc)
		return true
	})
	require.NoError(t, err)
	var universe []string
	require.NoError(t, st.ScanNodes(func(_ store.NodeID, k store.Kind, v []byte) error {
		if k == store.KindAccount {
			universe = append(universe, string(v))
		}
		return nil
	}))
	return fixtures.Evaluate(tr, cs, universe)
}
