package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const whySample = `{"ts":1700000000,"account":"a","payment":"card-ab","template":"popular"}
{"ts":1700000001,"account":"b","payment":"card-ab","template":"popular"}
{"ts":1700000002,"account":"c","payment":"card-c","template":"popular"}
{"ts":1700000003,"account":"d","payment":"card-d","template":"popular"}
{"ts":1700000004,"account":"e","ip":"198.51.100.1"}
{"ts":1700000005,"account":"f","ip":"198.51.100.2"}
`

type whyJSON struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Found *bool    `json:"found"`
	Cost  *float64 `json:"cost"`
	Steps []struct {
		Kind     string `json:"kind"`
		Value    string `json:"value"`
		SharedBy int    `json:"shared_by"`
	} `json:"steps"`
	Direct []struct {
		Kind     string `json:"kind"`
		Value    string `json:"value"`
		SharedBy int    `json:"shared_by"`
	} `json:"shared_directly"`
	FromCluster *string `json:"from_cluster"`
}

func TestWhyCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "why.jsonl", whySample))
	require.Equal(t, 0, r.code, r.errOut)

	why := func(t *testing.T, args ...string) (result, whyJSON) {
		t.Helper()
		r := runCLI(t, "", append([]string{"--db", db, "why", "--format", "json"}, args...)...)
		var got whyJSON
		require.Equal(t, 0, r.code, r.errOut)
		require.NoError(t, json.Unmarshal([]byte(r.out), &got), r.out)
		return r, got
	}

	t.Run("no chain is an answer in JSON, exit 0", func(t *testing.T) {
		for _, pair := range [][2]string{{"e", "f"}, {"a", "e"}} {
			r, got := why(t, pair[0], pair[1])
			assert.Empty(t, r.errOut)
			assert.Equal(t, pair[0], got.From)
			assert.Equal(t, pair[1], got.To)
			require.NotNil(t, got.Found, r.out)
			assert.False(t, *got.Found)
			require.NotNil(t, got.Cost, r.out)
			assert.Zero(t, *got.Cost)
			assert.NotNil(t, got.Steps, `"steps" is [] not null`)
			assert.Empty(t, got.Steps)
		}
	})

	t.Run("no chain in a table is one line, exit 0", func(t *testing.T) {
		r := runCLI(t, "", "--db", db, "why", "e", "f")
		require.Equal(t, 0, r.code, r.errOut)
		assert.Empty(t, r.errOut)
		assert.True(t, strings.HasPrefix(r.out, "no chain of shared attributes links e and f within 2 intermediate accounts"), r.out)
		assert.Equal(t, 1, strings.Count(r.out, "\n"), r.out)
	})

	t.Run("the shared card, not the popular template, in both orders", func(t *testing.T) {
		_, ab := why(t, "a", "b")
		_, ba := why(t, "b", "a")
		require.True(t, *ab.Found)
		require.True(t, *ba.Found)
		assert.Equal(t, *ab.Cost, *ba.Cost)
		require.Len(t, ab.Steps, 3)
		require.Len(t, ba.Steps, 3)
		for _, s := range []string{ab.Steps[1].Value, ba.Steps[1].Value} {
			assert.Equal(t, "card-ab", s)
		}
		assert.Equal(t, "payment", ab.Steps[1].Kind)
		assert.Equal(t, 2, ab.Steps[1].SharedBy)
		assert.Equal(t, "a", ab.Steps[0].Value)
		assert.Equal(t, "b", ab.Steps[2].Value)
		assert.Equal(t, "b", ba.Steps[0].Value)

		// Everything they hold in common, strongest first: the card two
		// accounts hold, then the template all four do.
		require.Len(t, ab.Direct, 2)
		assert.Equal(t, []string{"card-ab", "popular"}, []string{ab.Direct[0].Value, ab.Direct[1].Value})
		assert.Equal(t, 4, ab.Direct[1].SharedBy)
		assert.Nil(t, ab.FromCluster, "no run yet")
		_, cd := why(t, "c", "d")
		require.Len(t, cd.Direct, 1)
		assert.Equal(t, "popular", cd.Direct[0].Value)

		r := runCLI(t, "", "--db", db, "why", "a", "b")
		require.Equal(t, 0, r.code, r.errOut)
		assert.Contains(t, r.out, "a (no cluster) and b (no cluster) are linked")
		assert.Contains(t, r.out, "shares payment card-ab (held by 2 accounts")
		assert.Contains(t, r.out, "they hold 2 linking values in common themselves, strongest first:\n  payment card-ab")
	})
}
