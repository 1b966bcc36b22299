package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/ringlink/ringlink/linkage"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// linkInput is a small population: 300 ordinary accounts and a ring of 30
// that shares cards in fours, its own templates and a signup burst.
func linkInput(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	const start = 1740960000
	for i := range 300 {
		for range 1 + rng.IntN(6) {
			fmt.Fprintf(&b, `{"ts":%d,"account":"user-%d","ip":"81.2.%d.%d","payment":"card-u%d","device":"dev-u%d","template":"pop-%d","tokens":%d}`+"\n",
				start+rng.IntN(7*86400), i, i/250, 1+i%250, i, i, rng.IntN(3), 50+rng.IntN(400))
		}
	}
	for i := range 30 {
		su := start + 3600 + i*5
		fmt.Fprintf(&b, `{"ts":%d,"account":"ring-%d","type":"signup","ip":"100.64.0.1","payment":"rcard-%d","email":"ring%d@mail.test"}`+"\n", su, i, i/4, i)
		for k := range 40 {
			fmt.Fprintf(&b, `{"ts":%d,"account":"ring-%d","ip":"45.1.%d.%d","payment":"rcard-%d","template":"ext-%d","tokens":%d}`+"\n",
				su+60+rng.IntN(6*86400), i, rng.IntN(250), 1+rng.IntN(250), i/4, k%4, 900+rng.IntN(900))
		}
	}
	return b.String()
}

func TestCLILinkCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	in := writeFile(t, "in.jsonl", linkInput(1))
	r := runCLI(t, "", "--db", db, "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)

	r = runCLI(t, "", "--db", db, "clusters")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.errOut, "no linkage run yet")

	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "run R-000001")
	assert.Regexp(t, `set apart +\d+ identity components peeled off their community, \d+ freed from loose groups\n`, r.out)
	assert.Regexp(t, `after community detection +\d+ clusters split by evidence, \d+ lone accounts pooled, \d+ attached, \d+ joined from pieces, \d+ merged into families, \d+ merged on template variants, \d+ gathered around a template, \d+ cut from loose groups, \d+ residents left out\n`, r.out)

	r = runCLI(t, "", "--db", db, "link", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var run struct {
		ID      string `json:"id"`
		Flagged int    `json:"flagged_clusters"`
		Kept    int    `json:"kept_ids"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &run))
	assert.Equal(t, "R-000002", run.ID)
	for _, k := range []string{"peeled_components", "dissolved_components", "evidence_splits", "pooled_accounts", "attached_accounts", "joined_accounts", "family_merges", "variant_merges", "gathered_accounts", "loose_cut_accounts", "residents_left_out"} {
		assert.Contains(t, r.out, `"`+k+`": `)
	}
	assert.Equal(t, 1, run.Flagged)
	assert.Positive(t, run.Kept)

	r = runCLI(t, "", "--db", db, "clusters", "--format", "json", "--members")
	require.Equal(t, 0, r.code, r.errOut)
	var cs []struct {
		ID       string   `json:"id"`
		Size     int      `json:"size"`
		Score    float64  `json:"score"`
		Flagged  bool     `json:"flagged"`
		Accounts []string `json:"accounts"`
		Reasons  []string `json:"reasons"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &cs))
	require.NotEmpty(t, cs)
	top := cs[0]
	assert.True(t, top.Flagged)
	assert.Equal(t, 30, top.Size)
	assert.Len(t, top.Accounts, 30)
	assert.Contains(t, top.Accounts, "ring-0")
	assert.NotEmpty(t, top.Reasons)
	for i := 1; i < len(cs); i++ {
		assert.GreaterOrEqual(t, cs[i-1].Score, cs[i].Score, "sorted by score")
		assert.False(t, cs[i].Flagged)
	}

	// Shared values are listed as evidence ranks them, and the shortened
	// list keeps the strongest.
	var full, short struct {
		Shared []linkage.SharedAttr `json:"shared_attributes"`
	}
	for _, x := range []struct {
		limit string
		into  any
	}{{"0", &full}, {"3", &short}} {
		r = runCLI(t, "", "--db", db, "cluster", "show", top.ID, "--format", "json", "--limit", x.limit)
		require.Equal(t, 0, r.code, r.errOut)
		require.NoError(t, json.Unmarshal([]byte(r.out), x.into))
	}
	require.Greater(t, len(full.Shared), 3)
	assert.Zero(t, full.Shared[0].Outside, "a value only the ring holds comes first")
	assert.True(t, slices.IsSortedFunc(full.Shared, linkage.ByEvidence))
	assert.Equal(t, full.Shared[:3], short.Shared)
	// attr show follows a value's holders to their clusters.
	r = runCLI(t, "", "--db", db, "attr", "show", "ip", "100.64.0.1")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "ip 100.64.0.1: used by 30 accounts in 1 cluster of run R-000002 (1 flagged)")
	assert.Regexp(t, `(?m)^ring-\d+ .* `+top.ID+` \(flagged\)$`, r.out)
	r = runCLI(t, "", "--db", db, "why", "ring-0", "ring-1")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "ring-0 (cluster "+top.ID+", flagged) and ring-1 (cluster "+top.ID+", flagged) are linked")
	r = runCLI(t, "", "--db", db, "why", "ring-0", "ring-1", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, `"from_cluster": "`+top.ID+`",`)
	assert.Contains(t, r.out, `"from_cluster_flagged": true`)

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"table", []string{"clusters", "--limit", "3"}, 0, "showing 1 of 1 clusters"},
		{"csv", []string{"clusters", "--format", "csv", "--flagged"}, 0, "id,size,score,flagged,reasons"},
		{"threshold", []string{"clusters", "--threshold", "0.99", "--format", "csv", "--limit", "1"}, 0, ",false,"},
		{"min score", []string{"clusters", "--min-score", "0.99", "--format", "json"}, 0, "[]"},
		{"show", []string{"cluster", "show", top.ID}, 0, "shared attributes"},
		{"show json", []string{"cluster", "show", top.ID, "--format", "json"}, 0, `"timeline"`},
		{"show unknown", []string{"cluster", "show", "C-424242"}, 1, "unknown cluster"},
		{"show bad format", []string{"cluster", "show", top.ID, "--format", "csv"}, 2, "--format"},
		{"account", []string{"account", "show", "ring-5"}, 0, "strongest links"},
		{"why", []string{"why", "ring-0", "ring-1"}, 0, "payment rcard-0"},
		{"why json", []string{"why", "ring-0", "ring-9", "--format", "json"}, 0, `"steps"`},
		{"why unknown", []string{"why", "ring-0", "nobody"}, 1, `no account "nobody"`},
		{"why usage", []string{"why", "ring-0"}, 2, "two ACCOUNTs"},
		{"link bad flag", []string{"link", "--threshold", "2"}, 2, "--threshold"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"--db", db}, tc.args...)...)
			assert.Equal(t, tc.code, r.code, r.errOut)
			assert.Contains(t, r.out+r.errOut, tc.want)
			if tc.code != 0 {
				assert.Equal(t, 1, strings.Count(r.errOut, "\n"), "one-line error: %q", r.errOut)
			}
		})
	}

	r = runCLI(t, "", "--db", db, "account", "show", "ring-5", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var acct struct {
		Account string  `json:"account"`
		Cluster *string `json:"cluster"`
		Links   []struct {
			Account string `json:"account"`
		} `json:"links"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &acct))
	require.NotNil(t, acct.Cluster)
	assert.Equal(t, top.ID, *acct.Cluster)
	require.NotEmpty(t, acct.Links)

	r = runCLI(t, "", "--db", db, "account", "show", "user-7", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	require.NoError(t, json.Unmarshal([]byte(r.out), &acct))
	assert.Nil(t, acct.Cluster, "a lone ordinary account is in no cluster")
	assert.Contains(t, r.out, `"cluster": null`)

	// CSV with members: one row per member, the same pairs as JSON.
	rows, err := csv.NewReader(strings.NewReader(runCLI(t, "", "--db", db, "clusters", "--format", "csv", "--members").out)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"id", "size", "score", "flagged", "reasons", "account"}, rows[0])
	var listed []struct {
		ID       string   `json:"id"`
		Reasons  []string `json:"reasons"`
		Accounts []string `json:"accounts"`
	}
	require.NoError(t, json.Unmarshal([]byte(runCLI(t, "", "--db", db, "clusters", "--format", "json", "--members").out), &listed))
	var want, got []string
	for _, c := range listed {
		for _, a := range c.Accounts {
			want = append(want, c.ID+" "+a)
		}
	}
	reasons := map[string][]string{}
	for _, c := range listed {
		reasons[c.ID] = c.Reasons
	}
	for _, row := range rows[1:] {
		got = append(got, row[0]+" "+row[5])
		// The reasons field splits back into the reasons JSON lists.
		assert.Equal(t, reasons[row[0]], strings.Split(row[4], reasonSep), row[0])
	}
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
}

// TestCLICIScenario builds the ci scenario (ingested with the template
// miner), links it through the command line and checks the quality bars
// on the command line's JSON.
func TestCLICIScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	dir := t.TempDir()
	var recs, truth bytes.Buffer
	_, err := fixtures.Generate(fixtures.Config{Scenario: "ci", Seed: 1}, &recs, &truth)
	require.NoError(t, err)
	path := writeFile(t, "ci.jsonl", recs.String())
	tr, err := fixtures.ReadTruth(&truth)
	require.NoError(t, err)
	db := filepath.Join(dir, "db")
	st, err := store.Open(db, store.Options{Create: true})
	require.NoError(t, err)
	_, err = ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}})
	require.NoError(t, err)
	var universe []string
	require.NoError(t, st.ScanNodes(func(_ store.NodeID, k store.Kind, v []byte) error {
		if k == store.KindAccount {
			universe = append(universe, string(v))
		}
		return nil
	}))
	require.NoError(t, st.Close())

	r := runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "clusters", "--format", "json", "--members")
	require.Equal(t, 0, r.code, r.errOut)
	var cs []struct {
		ID       string   `json:"id"`
		Flagged  bool     `json:"flagged"`
		Accounts []string `json:"accounts"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &cs))
	var fc []fixtures.Cluster
	for _, c := range cs {
		fc = append(fc, fixtures.Cluster{ID: c.ID, Accounts: c.Accounts, Flagged: c.Flagged})
	}
	rep := fixtures.Evaluate(tr, fc, universe)
	t.Logf("precision %.4f recall %.4f ARI %.3f NMI %.3f", rep.Precision, rep.Recall, rep.ARI, rep.NMI)
	assert.GreaterOrEqual(t, rep.Precision, 0.99)
	for _, rg := range rep.Rings {
		if rg.Size >= 50 {
			assert.GreaterOrEqual(t, rg.FlaggedFraction, 0.99, rg.ID)
		}
	}
	assert.LessOrEqual(t, rep.Rings[0].ClustersFor95, 3)
	for _, d := range rep.Decoys {
		assert.LessOrEqual(t, d.FlaggedFraction, 0.01, d.ID)
	}

	// The largest unflagged cluster (a NAT, a household) says what keeps it
	// down; a flagged one does not.
	var flagged, innocent string
	most := 0
	for _, c := range cs {
		if c.Flagged && flagged == "" {
			flagged = c.ID
		}
		if !c.Flagged && len(c.Accounts) > most {
			innocent, most = c.ID, len(c.Accounts)
		}
	}
	require.NotEmpty(t, innocent)
	r = runCLI(t, "", "--db", db, "cluster", "show", innocent)
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "\nnot flagged: weak or absent here:\n  - ")
	r = runCLI(t, "", "--db", db, "cluster", "show", flagged)
	require.Equal(t, 0, r.code, r.errOut)
	assert.NotContains(t, r.out, "not flagged:")
}

// TestHintsNameTheDatabase: the hint link prints calls ringlink on the
// database the command line named, quoted for the shell; with the
// database from RINGLINK_DB the next command finds it without --db.
func TestHintsNameTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "it's a db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "t.jsonl", sample))
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "see the flagged clusters with: ringlink --db '"+strings.ReplaceAll(db, "'", `'\''`)+"' clusters --min-score")

	t.Setenv("RINGLINK_DB", db)
	r = runCLI(t, "", "link")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "see the flagged clusters with: ringlink clusters --min-score")

	for in, want := range map[string]string{
		"/var/lib/ringlink": "/var/lib/ringlink",
		"a b":               "'a b'",
		"it's":              `'it'\''s'`,
		"$HOME/db":          "'$HOME/db'",
		"":                  "''",
	} {
		assert.Equal(t, want, shellQuote(in), in)
	}
}
