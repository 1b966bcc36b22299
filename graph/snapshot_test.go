package graph

import (
	"path/filepath"
	"testing"

	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildStore writes three accounts: a and b share ip X and a prefix, c
// alone uses ip Y, a alone uses template T.
func buildStore(t *testing.T) (*store.Store, map[string]store.NodeID) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "db"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	src, err := s.NewSource(store.Source{Hash: 1})
	require.NoError(t, err)
	b, err := s.NewBatch()
	require.NoError(t, err)
	ids := map[string]store.NodeID{}
	node := func(k store.Kind, v string) store.NodeID {
		id, err := b.Node(k, []byte(v))
		require.NoError(t, err)
		ids[v] = id
		return id
	}
	for _, e := range []struct {
		acct string
		k    store.Kind
		v    string
	}{
		{"a", store.KindIP, "X"}, {"a", store.KindIP, "X"}, {"b", store.KindIP, "X"}, {"c", store.KindIP, "Y"},
		{"a", store.KindIPPrefix, "P"}, {"b", store.KindIPPrefix, "P"}, {"a", store.KindTemplate, "T"},
	} {
		a := node(store.KindAccount, e.acct)
		b.Account(a, 1000, 5, false)
		b.Edge(a, node(e.k, e.v), 1000, 5)
	}
	require.NoError(t, b.Commit(&src, 0))
	return s, ids
}

func TestLoad(t *testing.T) {
	s, ids := buildStore(t)
	names := func(snap *Snapshot, v string) []string {
		adj, _ := snap.Neighbors(ids[v])
		var out []string
		for _, a := range adj {
			out = append(out, snap.Values[a])
		}
		return out
	}
	t.Run("everything", func(t *testing.T) {
		snap, err := Load(s, LoadOptions{Values: true})
		require.NoError(t, err)
		assert.Equal(t, 6, snap.Edges())
		assert.Equal(t, []string{"X", "P", "T"}, names(snap, "a"))
		assert.Equal(t, []string{"a", "b"}, names(snap, "X"))
		_, cnt := snap.Neighbors(ids["X"])
		assert.Equal(t, []uint32{2, 1}, cnt, "a used X twice")
		assert.Equal(t, uint64(4), snap.Accounts[ids["a"]].Requests)
	})
	t.Run("pruned", func(t *testing.T) {
		snap, err := Load(s, LoadOptions{Values: true, Prune: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"X", "T"}, names(snap, "a"), "prefix dropped, single-account template kept")
		assert.Empty(t, names(snap, "c"), "ip used by one account dropped")
		assert.Empty(t, names(snap, "Y"))
		assert.Equal(t, 3, snap.Edges())
		assert.Equal(t, store.KindIP, snap.Kind[ids["Y"]], "the node itself is still known")
	})
}
