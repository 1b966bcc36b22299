package linkage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// whyDB ingests one request per line of recs ("account key=value ...",
// keys being record fields) into a fresh store and returns it with its
// account count.
func whyDB(t *testing.T, recs []string) (*store.Store, int) {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i, r := range recs {
		f := strings.Fields(r)
		fmt.Fprintf(&b, `{"ts":%d,"account":%q`, 1700000000+i, f[0])
		for _, kv := range f[1:] {
			k, v, ok := strings.Cut(kv, "=")
			require.True(t, ok, kv)
			fmt.Fprintf(&b, `,%q:%q`, k, v)
		}
		b.WriteString("}\n")
	}
	path := filepath.Join(dir, "recs.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}})
	require.NoError(t, err)
	n := 0
	require.NoError(t, st.ScanAccounts(func(store.NodeID, store.AccountStats) error { n++; return nil }))
	return st, n
}

// whyRecords is a population of 57 accounts in which 43 use one popular
// template (an expensive link), with small groups wired by rare values.
func whyRecords() []string {
	var recs []string
	for i := range 36 {
		recs = append(recs, fmt.Sprintf("pop-%d template=popular", i))
	}
	recs = append(recs,
		// a1 and b1 share a card and the popular template.
		"a1 template=popular", "b1 template=popular",
		"a1 payment=card-ab", "b1 payment=card-ab",
		// a2 and b2 share only the popular template directly; a2 shares a
		// card with x2, which shares another with b2. x2 is reached from a2
		// through the template before the card.
		"a2 template=popular", "x2 template=popular", "b2 template=popular",
		"a2 payment=card-a2x", "x2 payment=card-a2x",
		"x2 payment=card-x2b", "b2 payment=card-x2b",
		// a7 shares the popular template and a card with x7, which shares
		// another card with b7: the answer must not depend on which of a7's
		// values reaches x7 first.
		"a7 template=popular", "x7 template=popular",
		"a7 payment=card-a7x", "x7 payment=card-a7x",
		"x7 payment=card-x7b", "b7 payment=card-x7b",
		// a3 - x3 - y3 - b3: two intermediate accounts, by cards only.
		"a3 payment=card-a3", "x3 payment=card-a3",
		"x3 device=dev-x3y", "y3 device=dev-x3y",
		"y3 payment=card-b3", "b3 payment=card-b3",
		// a4 - x4 - w4 - y4 - b4: three intermediate accounts.
		"a4 email=a4@x.test", "x4 email=a4@x.test",
		"x4 email=x4@x.test", "w4 email=x4@x.test",
		"w4 email=w4@x.test", "y4 email=w4@x.test",
		"y4 email=y4@x.test", "b4 email=y4@x.test",
		// a5 and b5 share only an IP prefix (kind weight 0): not linked.
		"a5 ip=198.51.100.1", "b5 ip=198.51.100.2",
		// a6 and b6 share two cards of equal weight: a tie.
		"a6 payment=tie-1", "b6 payment=tie-1",
		"a6 payment=tie-2", "b6 payment=tie-2",
	)
	return recs
}

// step renders a chain step for comparison.
func stepNames(ch Chain) []string {
	out := make([]string, len(ch.Steps))
	for i, s := range ch.Steps {
		out[i] = s.Kind + " " + s.Value
	}
	return out
}

func TestWhyCheapestChain(t *testing.T) {
	st, n := whyDB(t, whyRecords())
	require.Equal(t, 57, n)
	card := 1 / LinkWeight(store.KindPayment, 2, n) // entering or leaving a card held by two
	dev := 1 / LinkWeight(store.KindDevice, 2, n)
	popular := 1 / LinkWeight(store.KindTemplate, 43, n)
	require.Greater(t, 2*popular, 4*card, "the scenario needs the template to cost more than two cards")

	tests := []struct {
		name  string
		a, b  string
		found bool
		cost  float64
		steps []string
	}{
		{"a shared card beats the shared popular template", "a1", "b1", true, 2 * card,
			[]string{"account a1", "payment card-ab", "account b1"}},
		{"one intermediate account through two cards beats the direct template", "a2", "b2", true, 4 * card,
			[]string{"account a2", "payment card-a2x", "account x2", "payment card-x2b", "account b2"}},
		{"the same cheapest chain from either end", "a7", "b7", true, 4 * card,
			[]string{"account a7", "payment card-a7x", "account x7", "payment card-x7b", "account b7"}},
		{"two intermediate accounts", "a3", "b3", true, 4*card + 2*dev,
			[]string{"account a3", "payment card-a3", "account x3", "device dev-x3y", "account y3", "payment card-b3", "account b3"}},
		{"three intermediate accounts are beyond reach", "a4", "b4", false, 0, nil},
		{"an IP prefix does not link", "a5", "b5", false, 0, nil},
		{"unrelated accounts", "a1", "a5", false, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, order := range [][2]string{{tc.a, tc.b}, {tc.b, tc.a}} {
				ch, err := Why(st, accountID(t, st, order[0]), accountID(t, st, order[1]), n)
				require.NoError(t, err, "%s → %s", order[0], order[1])
				assert.Equal(t, order[0], ch.From)
				assert.Equal(t, order[1], ch.To)
				require.Equal(t, tc.found, ch.Found, "%s → %s: %v", order[0], order[1], stepNames(ch))
				assert.InDelta(t, round3(tc.cost), ch.Cost, 1e-9, "%s → %s: %v", order[0], order[1], stepNames(ch))
				want := slices.Clone(tc.steps)
				if order[0] != tc.a {
					slices.Reverse(want)
				}
				if !tc.found {
					want = []string{}
				}
				assert.Equal(t, want, stepNames(ch), "%s → %s", order[0], order[1])
				var sum float64
				for _, s := range ch.Steps {
					if s.Kind != "account" {
						assert.Equal(t, 2, s.SharedBy, s.Value)
						sum += s.Cost
					}
				}
				assert.InDelta(t, ch.Cost, sum, 0.01, "the steps' costs add up to the chain's")
			}
		})
	}
}

// TestWhyTiesAreStable: two chains of equal cost; the same one is reported
// every time and in both directions.
func TestWhyTiesAreStable(t *testing.T) {
	st, n := whyDB(t, whyRecords())
	a, b := accountID(t, st, "a6"), accountID(t, st, "b6")
	first, err := Why(st, a, b, n)
	require.NoError(t, err)
	require.True(t, first.Found)
	require.Len(t, first.Steps, 3)
	assert.Contains(t, []string{"tie-1", "tie-2"}, first.Steps[1].Value)
	for range 20 {
		ch, err := Why(st, a, b, n)
		require.NoError(t, err)
		assert.Equal(t, first, ch)
		back, err := Why(st, b, a, n)
		require.NoError(t, err)
		assert.Equal(t, first.Steps[1], back.Steps[1])
		assert.Equal(t, first.Cost, back.Cost)
	}
}

func accountID(t *testing.T, st *store.Store, name string) store.NodeID {
	t.Helper()
	id, err := st.Lookup(store.KindAccount, name)
	require.NoError(t, err)
	return id
}

// countingStore counts the account reads of a search.
type countingStore struct {
	*store.Store
	accountReads int
}

func (c *countingStore) AccountEdges(acct store.NodeID) ([]store.Edge, error) {
	c.accountReads++
	return c.Store.AccountEdges(acct)
}

// TestWhyHubs: a value held by more than ExpandCap accounts links the two
// ends directly but its holders are not read, and it is not followed
// between intermediates.
func TestWhyHubs(t *testing.T) {
	var recs []string
	for i := range ExpandCap + 1 {
		recs = append(recs, fmt.Sprintf("crowd-%d ip=100.64.0.1", i))
	}
	recs = append(recs,
		"ha ip=100.64.0.1", "hb ip=100.64.0.1",
		// ma - mx - (hub) - my - mb
		"ma payment=card-ma", "mx payment=card-ma", "mx ip=100.64.0.1",
		"my ip=100.64.0.1", "my payment=card-mb", "mb payment=card-mb",
	)
	st, n := whyDB(t, recs)
	hub := ExpandCap + 1 + 4
	cs := &countingStore{Store: st}

	ch, err := Why(cs, accountID(t, st, "ha"), accountID(t, st, "hb"), n)
	require.NoError(t, err)
	require.True(t, ch.Found)
	assert.Equal(t, []string{"account ha", "ip 100.64.0.1", "account hb"}, stepNames(ch))
	assert.Equal(t, hub, ch.Steps[1].SharedBy)
	assert.InDelta(t, round3(2/LinkWeight(store.KindIP, hub, n)), ch.Cost, 1e-9)
	assert.Equal(t, 2, cs.accountReads, "the hub's holders are not read")

	ch, err = Why(cs, accountID(t, st, "ma"), accountID(t, st, "mb"), n)
	require.NoError(t, err)
	assert.False(t, ch.Found, "%v", stepNames(ch))

	// One end's own value may be a hub when the other value is in reach.
	ch, err = Why(cs, accountID(t, st, "ma"), accountID(t, st, "my"), n)
	require.NoError(t, err)
	require.True(t, ch.Found)
	assert.Equal(t, []string{"account ma", "payment card-ma", "account mx", "ip 100.64.0.1", "account my"}, stepNames(ch))
}

// TestByEvidence: values nobody outside holds come first (most members
// first), then by the share of holders inside, so a popular fingerprint
// most members use ranks below a card a few members use alone.
func TestByEvidence(t *testing.T) {
	popular := SharedAttr{Kind: "device", Value: "popular", Inside: 400, Outside: 518}
	card := SharedAttr{Kind: "payment", Value: "card", Inside: 8}
	pair := SharedAttr{Kind: "ip", Value: "pair", Inside: 2}
	office := SharedAttr{Kind: "ip", Value: "office", Inside: 19, Outside: 1}
	carrier := SharedAttr{Kind: "ip", Value: "carrier", Inside: 19, Outside: 37}
	got := []SharedAttr{carrier, popular, pair, office, card}
	slices.SortStableFunc(got, ByEvidence)
	var order []string
	for _, a := range got {
		order = append(order, a.Value)
	}
	assert.Equal(t, []string{"card", "pair", "office", "popular", "carrier"}, order)
}

// TestWhyValueEveryoneHolds: a value every account holds links nothing;
// Why says so rather than finding no reason, and says nothing of the
// cap no value reached.
func TestWhyValueEveryoneHolds(t *testing.T) {
	st, n := whyDB(t, []string{"s1 email=a@b.com", "s2 email=a@b.com", "s1 payment=c1", "s2 payment=c2"})
	a, err := st.Lookup(store.KindAccount, "s1")
	require.NoError(t, err)
	b, err := st.Lookup(store.KindAccount, "s2")
	require.NoError(t, err)
	ch, err := Why(st, a, b, n)
	require.NoError(t, err)
	assert.False(t, ch.Found)
	assert.False(t, ch.Capped)
	assert.Empty(t, ch.Direct)
	require.Len(t, ch.Everyone, 1)
	assert.Equal(t, Step{Kind: "email", Value: "a@b.com", SharedBy: 2}, ch.Everyone[0])
}
