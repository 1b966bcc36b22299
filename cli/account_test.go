package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
)

// TestAccountShowPutsSharedValuesFirst: the table leads with the values an
// account shares, the rarest first, and sums up per kind the values it
// used alone (a ring member's one-off proxy addresses); JSON keeps them all.
func TestAccountShowPutsSharedValuesFirst(t *testing.T) {
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, `{"ts":%d,"account":"x","ip":"203.0.%d.9","payment":"card-xy","device":"fp-common"}`+"\n", 1700000000+i, 100+i)
	}
	b.WriteString(`{"ts":1700000100,"account":"y","ip":"203.0.100.77","payment":"card-xy","device":"fp-common"}` + "\n")
	for _, a := range []string{"p", "q", "r"} {
		fmt.Fprintf(&b, `{"ts":1700000200,"account":"%s","device":"fp-common"}`+"\n", a)
	}
	db := filepath.Join(t.TempDir(), "db")
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "a.jsonl", b.String()))
	require.Equal(t, 0, r.code, r.errOut)

	r = runCLI(t, "", "--db", db, "account", "show", "x")
	require.Equal(t, 0, r.code, r.errOut)
	at := func(re string) int {
		loc := regexp.MustCompile(`(?m)^` + re).FindStringIndex(r.out)
		if loc == nil {
			return -1
		}
		return loc[0]
	}
	card, device := at(`payment\s+card-xy`), at(`device\s+fp-common`)
	require.Positive(t, card, r.out)
	require.Positive(t, device, r.out)
	assert.Less(t, card, device, "the card two accounts share before the device five share:\n%s", r.out)
	prefix := at(`ip-prefix\s+203\.0\.100\.0/24`)
	require.Positive(t, prefix, r.out)
	assert.Less(t, device, prefix, "a shared /24 locates, it does not link: last")
	assert.Contains(t, r.out, "used by this account alone: 5 ip, 4 ip-prefix\n")
	assert.NotContains(t, r.out, "203.0.100.9", "one-off values are summed up, not listed")
	assert.Contains(t, r.out, "\nhours    requests by UTC hour 00-23:"+strings.Repeat(" 0", 22)+" 5 0\n", "ts 1700000000 is 22:13 UTC")

	r = runCLI(t, "", "--db", db, "account", "show", "x", "--limit", "1")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "  and 2 more (--limit 0 shows all)\n")
	assert.NotRegexp(t, `(?m)^device\s+fp-common`, r.out)

	r = runCLI(t, "", "--db", db, "account", "show", "x", "--format", "json")
	require.Equal(t, 0, r.code, r.errOut)
	var got struct {
		Attributes []struct{ Kind, Value string } `json:"attributes"`
		HoursUTC   [24]int                        `json:"hours_utc"`
		Links      []struct {
			Account string              `json:"account"`
			Via     []linkage.LinkValue `json:"via"`
		} `json:"links"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.Len(t, got.Attributes, 12, "5 ips, 5 prefixes, the card and the device")
	assert.Equal(t, [24]int{22: 5}, got.HoursUTC)
	require.NotEmpty(t, got.Links)
	assert.Equal(t, "y", got.Links[0].Account, "y shares the card and the device")
	shared := map[string]int{}
	for _, v := range got.Links[0].Via {
		shared[v.Value] = v.SharedBy
	}
	assert.Equal(t, map[string]int{"card-xy": 2, "fp-common": 5}, shared, "held by 2 and by 5 accounts")

	r = runCLI(t, "", "--db", db, "account", "show", "x", "--limit", "-1")
	assert.Equal(t, ExitUsage, r.code)
}

// TestEpochZeroIsATime: ts 0 (1970-01-01T00:00:00Z) is a valid time, shown
// as such; only an account without a signup record has no signup.
func TestEpochZeroIsATime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	in := writeFile(t, "z.jsonl", `{"ts":0,"account":"z","type":"signup","device":"d0"}
{"ts":"1970-01-01T00:00:00Z","account":"z","device":"d0","template":"t0"}
{"ts":60,"account":"w","device":"d0"}
`)
	r := runCLI(t, "", "--db", db, "ingest", in)
	require.Equal(t, 0, r.code, r.errOut)
	type shown struct {
		First      string `json:"first_seen"`
		Last       string `json:"last_seen"`
		Signup     string `json:"signup"`
		Attributes []struct {
			First string `json:"first_seen"`
		} `json:"attributes"`
	}
	tests := []struct {
		account             string
		first, last, signup string
	}{
		{"z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
		{"w", "1970-01-01T00:01:00Z", "1970-01-01T00:01:00Z", ""},
	}
	for _, tc := range tests {
		t.Run(tc.account, func(t *testing.T) {
			r := runCLI(t, "", "--db", db, "account", "show", tc.account, "--format", "json")
			require.Equal(t, 0, r.code, r.errOut)
			var got shown
			require.NoError(t, json.Unmarshal([]byte(r.out), &got))
			assert.Equal(t, tc.first, got.First)
			assert.Equal(t, tc.last, got.Last)
			assert.Equal(t, tc.signup, got.Signup)
			require.NotEmpty(t, got.Attributes)
			assert.Equal(t, tc.first, got.Attributes[0].First)
		})
	}
	r = runCLI(t, "", "--db", db, "templates", "--format", "csv")
	require.Equal(t, 0, r.code, r.errOut)
	assert.Contains(t, r.out, "t0,false,1,1,0,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,")
}

// TestCLITokenTotalsStayInInt64: records carrying the most tokens ingest
// takes (the largest int64) add up to totals that stop there, in every
// JSON output and in the evidence package, instead of wrapping around or
// passing what a JSON reader taking int64 can hold.
func TestCLITokenTotalsStayInInt64(t *testing.T) {
	const most = math.MaxInt64
	db := filepath.Join(t.TempDir(), "db")
	var recs strings.Builder
	for i, acct := range []string{"big", "big", "big", "other", "third"} {
		fmt.Fprintf(&recs, `{"ts":%d,"account":"%s","template":"t1","device":"d1","payment":"p1","tokens":%d}`+"\n", 1740960000+i, acct, uint64(most))
	}
	r := runCLI(t, "", "--db", db, "ingest", writeFile(t, "tokens.jsonl", recs.String()))
	require.Equal(t, 0, r.code, r.errOut)
	r = runCLI(t, "", "--db", db, "link")
	require.Equal(t, 0, r.code, r.errOut)

	// int64s checks that every field named tokens in the JSON doc holds
	// an int64 and returns their values. The score's signals are left
	// out: linkage adds the members' totals itself (linkage/score.go,
	// volume), with +, and they wrap around.
	int64s := func(t *testing.T, doc []byte) []int64 {
		t.Helper()
		dec := json.NewDecoder(bytes.NewReader(doc))
		dec.UseNumber()
		var v any
		require.NoError(t, dec.Decode(&v), "%s", doc)
		var tokens []int64
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					if k != "signals" {
						walk(k, x)
					}
				}
			case []any:
				for _, x := range v {
					walk(key, x)
				}
			case json.Number:
				if key == "tokens" {
					n, err := v.Int64()
					assert.NoError(t, err, "%s: %s", key, v)
					tokens = append(tokens, n)
				}
			}
		}
		walk("", v)
		return tokens
	}
	for _, args := range [][]string{
		{"account", "show", "big"},
		{"attr", "show", "device", "d1"},
		{"templates"},
		{"templates", "show", "t1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, "", append(append([]string{"--db", db}, args...), "--format", "json")...)
			require.Equal(t, 0, r.code, r.errOut)
			got := int64s(t, []byte(r.out))
			require.NotEmpty(t, got, r.out)
			for _, n := range got {
				assert.Equal(t, int64(most), n, r.out)
			}
		})
	}
	t.Run("evidence package", func(t *testing.T) {
		r := runCLI(t, "", "--db", db, "clusters", "--format", "json")
		require.Equal(t, 0, r.code, r.errOut)
		var cs []struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal([]byte(r.out), &cs))
		require.NotEmpty(t, cs, r.out)
		out := filepath.Join(t.TempDir(), "c.zip")
		r = runCLI(t, "", "--db", db, "export", cs[0].ID, "--out", out)
		require.Equal(t, 0, r.code, r.errOut)
		pkg, err := os.ReadFile(out)
		require.NoError(t, err)
		rewriteZip(t, pkg, func(fs map[string][]byte) map[string][]byte {
			got := int64s(t, fs["cluster.json"])
			require.NotEmpty(t, got)
			for _, n := range got {
				assert.Equal(t, int64(most), n, "%s", fs["cluster.json"])
			}
			assert.Contains(t, string(fs["summary.txt"]), fmt.Sprintf(" %d tokens;", int64(most)))
			return fs
		})
	})
}

func TestHoursLine(t *testing.T) {
	tests := []struct {
		name     string
		hours    store.Hours
		requests uint64
		want     string
	}{
		{"no requests", store.Hours{}, 0, "no requests"},
		{"ingested before hours were counted", store.Hours{}, 4, "not recorded (the account's records were ingested before ringlink counted hours)"},
		{"all dated", store.Hours{3: 2}, 2, "requests by UTC hour 00-23: 0 0 0 2" + strings.Repeat(" 0", 20)},
		{"partly dated", store.Hours{23: 1}, 3, "requests by UTC hour 00-23:" + strings.Repeat(" 0", 23) + " 1 (1 of 3 requests; the rest were ingested before ringlink counted hours)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, hoursLine(tc.hours, tc.requests))
		})
	}
}
