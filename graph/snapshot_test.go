package graph

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildStore writes three accounts: a and b share ip X and a prefix, c
// alone uses ip Y, a alone uses template T.
// use is one account's use of one attribute value in a test store.
type use struct {
	acct string
	k    store.Kind
	v    string
}

// storeWith commits uses as one batch of a new store and returns it with
// the id of every value.
func storeWith(t *testing.T, uses []use) (*store.Store, map[string]store.NodeID) {
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
	for _, e := range uses {
		a := node(store.KindAccount, e.acct)
		b.Account(a, 1000, 5, false)
		b.Edge(a, node(e.k, e.v), 1000, 5)
	}
	src.Batches = 1 // Commit's contract: src holds the progress after the batch
	require.NoError(t, b.Commit(&src, 0))
	return s, ids
}

func buildStore(t *testing.T) (*store.Store, map[string]store.NodeID) {
	return storeWith(t, []use{
		{"a", store.KindIP, "X"}, {"a", store.KindIP, "X"}, {"b", store.KindIP, "X"}, {"c", store.KindIP, "Y"},
		{"a", store.KindIPPrefix, "P"}, {"b", store.KindIPPrefix, "P"}, {"a", store.KindTemplate, "T"},
	})
}

func TestLoad(t *testing.T) {
	s, ids := buildStore(t)
	names := func(snap *Snapshot, v string) []string {
		adj := snap.Neighbors(ids[v])
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
		assert.Equal(t, []uint32{2, 1}, snap.Counts(ids["X"]), "a used X twice")
		assert.Equal(t, []uint32{2, 1, 1}, snap.Counts(ids["a"]), "X, P, T")
		st, ok := snap.AccountStats(ids["a"])
		assert.True(t, ok)
		assert.Equal(t, uint64(4), st.Requests)
		st, ok = snap.AccountStats(ids["b"])
		assert.True(t, ok)
		assert.Equal(t, uint64(10), st.Tokens, "b: two records of 5 tokens")
		_, ok = snap.AccountStats(ids["X"])
		assert.False(t, ok, "X is an address")
		assert.False(t, snap.Pruned())
	})
	t.Run("pruned", func(t *testing.T) {
		snap, err := Load(s, LoadOptions{Values: true, Prune: true})
		require.NoError(t, err)
		assert.Equal(t, []string{"X"}, names(snap, "a"), "prefix and single-account template dropped")
		assert.Empty(t, names(snap, "c"), "ip used by one account dropped")
		assert.Empty(t, names(snap, "Y"))
		assert.Equal(t, 2, snap.Edges())
		assert.Equal(t, store.KindIP, snap.Kind[ids["Y"]], "the node itself is still known")
		assert.Nil(t, snap.Counts(ids["T"]))
		assert.Equal(t, uint64(1), snap.SoloTemplateRequests(uint32(ids["a"])), "T's request is kept as a's")
		assert.Zero(t, snap.SoloTemplateRequests(uint32(ids["b"])))
		assert.Nil(t, snap.Counts(ids["X"]), "other rows do not")
		assert.Nil(t, snap.Counts(ids["a"]))
		w, ok := NewView(snap).Weight(int64(ids["a"]), int64(ids["X"]))
		assert.True(t, ok)
		assert.Equal(t, 1.0, w, "the view counts an edge without a count once")
		assert.True(t, snap.Pruned())
		// What Pruned promises the scorer.
		for _, acct := range []string{"a", "b", "c"} {
			for _, v := range snap.Neighbors(ids[acct]) {
				k := snap.Kind[v]
				assert.NotEqual(t, store.KindIPPrefix, k)
				assert.GreaterOrEqual(t, snap.Degree(store.NodeID(v)), 2, "%s holds %s", acct, snap.Values[v])
			}
		}
	})
}

// TestLoadPrunedCountsMatchFull checks that a pruned snapshot's template
// counts are the full snapshot's, row by row, and that each account's
// requests on templates only it holds are its SoloTemplateRequests, on a
// seeded random graph where templates, addresses and accounts interleave
// in id order.
func TestLoadPrunedCountsMatchFull(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "db"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	src, err := s.NewSource(store.Source{Hash: 2})
	require.NoError(t, err)
	b, err := s.NewBatch()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 2000 {
		a, err := b.Node(store.KindAccount, []byte(fmt.Sprintf("acct-%d", rng.IntN(60))))
		require.NoError(t, err)
		k, v := store.KindTemplate, fmt.Sprintf("T%d", rng.IntN(15))
		switch rng.IntN(5) {
		case 0, 1:
			k, v = store.KindIP, fmt.Sprintf("10.0.0.%d", rng.IntN(40))
		case 2:
			v = fmt.Sprintf("S%d", i) // a one-off prompt's template
		}
		x, err := b.Node(k, []byte(v))
		require.NoError(t, err)
		b.Account(a, 1000, 1, false)
		b.Edge(a, x, 1000, 1)
	}
	src.Batches = 1 // Commit's contract: src holds the progress after the batch
	require.NoError(t, b.Commit(&src, 0))

	full, err := Load(s, LoadOptions{})
	require.NoError(t, err)
	pruned, err := Load(s, LoadOptions{Prune: true})
	require.NoError(t, err)
	templates := 0
	solo := map[uint32]uint64{}
	for v := range full.N() {
		id := store.NodeID(v)
		if full.Kind[v] != store.KindTemplate {
			continue
		}
		if hs := full.Neighbors(id); len(hs) == 1 {
			solo[hs[0]] += uint64(full.Counts(id)[0])
			assert.Empty(t, pruned.Neighbors(id), "template %d has one holder", v)
			assert.Nil(t, pruned.Counts(id))
			continue
		}
		templates++
		require.Equal(t, full.Neighbors(id), pruned.Neighbors(id), "template %d holders", v)
		require.Equal(t, full.Counts(id), pruned.Counts(id), "template %d counts", v)
		var sum uint32
		for _, c := range pruned.Counts(id) {
			sum += c
		}
		assert.Greater(t, sum, uint32(len(pruned.Neighbors(id))), "template %d: some account used it more than once", v)
	}
	assert.Equal(t, 15, templates)
	require.NotEmpty(t, solo)
	for v := range full.N() {
		if _, ok := full.AccountStats(store.NodeID(v)); ok {
			assert.Equal(t, solo[uint32(v)], pruned.SoloTemplateRequests(uint32(v)), "account %d", v)
		}
	}
}

// TestLoadMatchesEdgeList loads a seeded random store, where accounts and
// attributes of every kind interleave in id order and many attributes have
// a single holder, and checks both snapshots row by row against one built
// from the same edges with FromEdges: the full one equal, the pruned one
// equal to it with prefixes and single-holder non-templates left out. The
// load fills rows on two goroutines split by node id, so every row must
// come out whole whichever side of the split it lands on.
func TestLoadMatchesEdgeList(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "db"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	src, err := s.NewSource(store.Source{Hash: 3})
	require.NoError(t, err)
	b, err := s.NewBatch()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(11, 3))
	kinds := map[uint32]store.Kind{}
	var edges [][3]uint32
	node := func(k store.Kind, v string) uint32 {
		id, err := b.Node(k, []byte(v))
		require.NoError(t, err)
		if k != store.KindAccount {
			kinds[uint32(id)] = k
		}
		return uint32(id)
	}
	for i := range 3000 {
		a := node(store.KindAccount, fmt.Sprintf("acct-%d", rng.IntN(120)))
		var x uint32
		switch rng.IntN(5) {
		case 0:
			x = node(store.KindIP, fmt.Sprintf("10.0.%d.%d", rng.IntN(3), rng.IntN(60)))
		case 1:
			x = node(store.KindIP, fmt.Sprintf("one-off-%d", i))
		case 2:
			x = node(store.KindIPPrefix, fmt.Sprintf("10.0.%d.0/24", rng.IntN(3)))
		case 3:
			x = node(store.KindTemplate, fmt.Sprintf("T%d", rng.IntN(300)))
		default:
			x = node(store.KindDevice, fmt.Sprintf("fp-%d", rng.IntN(200)))
		}
		b.Account(store.NodeID(a), 1000, 1, false)
		b.Edge(store.NodeID(a), store.NodeID(x), 1000, 1)
		edges = append(edges, [3]uint32{a, x, 1})
	}
	src.Batches = 1 // Commit's contract: src holds the progress after the batch
	require.NoError(t, b.Commit(&src, 0))

	want := FromEdges(int(s.MaxNodeID())+1, edges, kinds)
	full, err := Load(s, LoadOptions{})
	require.NoError(t, err)
	pruned, err := Load(s, LoadOptions{Prune: true})
	require.NoError(t, err)
	require.Equal(t, want.N(), full.N())
	keep := func(x uint32) bool {
		k := want.Kind[x]
		return k != store.KindIPPrefix && want.Degree(store.NodeID(x)) >= 2
	}
	dropped := 0
	for v := range want.N() {
		id := store.NodeID(v)
		require.Equal(t, want.Neighbors(id), full.Neighbors(id), "node %d: full row", v)
		require.Equal(t, want.Counts(id), full.Counts(id), "node %d: full counts", v)
		kept := []uint32{}
		switch {
		case want.Kind[v] == store.KindAccount:
			for _, x := range want.Neighbors(id) {
				if keep(x) {
					kept = append(kept, x)
				}
			}
		case keep(uint32(v)):
			kept = append(kept, want.Neighbors(id)...)
		}
		if len(kept) < want.Degree(id) {
			dropped++
		}
		require.Equal(t, kept, append([]uint32{}, pruned.Neighbors(id)...), "node %d: pruned row", v)
		if want.Kind[v] == store.KindTemplate && keep(uint32(v)) {
			require.Equal(t, want.Counts(id), pruned.Counts(id), "template %d: counts", v)
		}
	}
	assert.Greater(t, dropped, 100, "pruning left out rows and edges")
}

func TestNetworkKey(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"one IPv4 /24", "81.2.3.4", "81.2.3.250", true},
		{"neighbouring IPv4 /24s", "81.2.3.4", "81.2.4.4", false},
		{"a prefix of digits is not a network", "81.2.3.4", "81.2.34.4", false},
		{"one IPv6 /48", "2001:db8:1::1", "2001:db8:1:ffff::2", true},
		{"neighbouring IPv6 /48s", "2001:db8:1::1", "2001:db8:2::1", false},
		{"IPv6 written out or not", "2001:db8:1::1", "2001:0db8:0001:0000:0000:0000:0000:0002", true},
		{"IPv4-mapped IPv6 as its IPv4", "::ffff:81.2.3.4", "81.2.3.9", true},
		{"families apart", "81.2.3.4", "3831:2e32:2e33::1", false},
		{"text that is not an address is its own", "1.2.3", "1.2.9", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := networkKey([]byte(tt.a)), networkKey([]byte(tt.b))
			assert.NotZero(t, a)
			assert.Equal(t, tt.same, a == b)
		})
	}
}

// FuzzNetworkKey checks the IPv4 fast path against netip: any text gets
// the key that netip's parse of it gives.
func FuzzNetworkKey(f *testing.F) {
	for _, s := range []string{"81.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3.04",
		"1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", "", "::ffff:1.2.3.4", "2001:db8::1", "1.2.3.4%eth0", "1.2.3.-4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := networkKey([]byte(s)), netipKey([]byte(s)); got != want {
			t.Fatalf("networkKey(%q) = %x, netip gives %x", s, got, want)
		}
	})
}

// TestLoadNetworks checks the network keys Load keeps: one for every ip
// node with neighbours, equal to networkKey of its value, none for other
// nodes, pruned or not.
func TestLoadNetworks(t *testing.T) {
	var uses []use
	for _, e := range []struct{ acct, ip string }{
		{"a", "81.2.3.4"}, {"b", "81.2.3.4"}, {"a", "81.2.3.9"}, {"c", "81.2.3.9"},
		{"c", "2001:db8:1::1"}, {"d", "2001:db8:1::1"}, {"d", "90.1.1.1"}, // 90.1.1.1: one holder, pruned
	} {
		uses = append(uses, use{e.acct, store.KindIP, e.ip}, use{e.acct, store.KindDevice, "dev-" + e.acct})
	}
	st, _ := storeWith(t, uses)
	for _, prune := range []bool{false, true} {
		snap, err := Load(st, LoadOptions{Values: true, Networks: true, Prune: prune})
		require.NoError(t, err)
		ips := 0
		for v := range snap.N() {
			got := snap.Net(uint32(v))
			if snap.Kind[v] == store.KindIP && snap.Degree(store.NodeID(v)) > 0 {
				ips++
				assert.Equal(t, networkKey([]byte(snap.Values[v])), got, "prune %v node %d %s", prune, v, snap.Values[v])
			} else {
				assert.Zero(t, got, "prune %v node %d", prune, v)
			}
		}
		assert.Equal(t, map[bool]int{false: 4, true: 3}[prune], ips)
		plain, err := Load(st, LoadOptions{Prune: prune})
		require.NoError(t, err)
		assert.False(t, plain.HasNets())
	}
}

// TestLoadDomains checks each account's mail domain: its email's part
// after the last '@', kept for emails no other account holds (which
// pruning drops from the graph), the email with the most requests when
// an account has two, and the count of accounts per domain.
func TestLoadDomains(t *testing.T) {
	uses := []use{
		{"a", store.KindEmail, "ann@school.example"}, {"b", store.KindEmail, "bob@school.example"},
		{"c", store.KindEmail, "cy@mail.example"}, {"d", store.KindEmail, "cy@mail.example"},
		{"e", store.KindEmail, "e1@mail.example"}, {"e", store.KindEmail, "e2@school.example"}, {"e", store.KindEmail, "e2@school.example"},
		{"h", store.KindEmail, "h@first.example"}, {"h", store.KindEmail, "h@second.example"},
		{"f", store.KindEmail, "no-at-sign"}, {"g", store.KindIP, "81.2.3.4"}, {"g", store.KindIP, "81.2.3.4"}, {"g", store.KindIP, "81.2.3.5"},
	}
	st, ids := storeWith(t, uses)
	for _, prune := range []bool{false, true} {
		snap, err := Load(st, LoadOptions{Domains: true, Networks: true, Addresses: true, Prune: prune})
		require.NoError(t, err)
		assert.Equal(t, 2, snap.Addresses(uint32(ids["g"])), "distinct addresses, none of them held by another account")
		assert.Zero(t, snap.Addresses(uint32(ids["a"])))
		dom := func(acct string) string { return snap.DomainName(snap.Domain(uint32(ids[acct]))) }
		assert.Equal(t, "school.example", dom("a"), "prune %v: an email only a holds", prune)
		assert.Equal(t, "mail.example", dom("c"))
		assert.Equal(t, "mail.example", dom("d"))
		assert.Equal(t, "school.example", dom("e"), "the email with the most requests")
		assert.Equal(t, "first.example", dom("h"), "as many requests each: the lower id")
		assert.Zero(t, snap.Net(uint32(ids["cy@mail.example"])), "prune %v: an email node has no network", prune)
		assert.Empty(t, dom("f"), "no domain without an '@'")
		assert.Empty(t, dom("g"), "no email")
		assert.Equal(t, 3, snap.DomainHolders(snap.Domain(uint32(ids["a"]))))
		assert.Equal(t, 2, snap.DomainHolders(snap.Domain(uint32(ids["c"]))))
		assert.Zero(t, snap.DomainHolders(0))
		if !prune { // pruned, the address of one holder has no neighbours, so no network
			assert.NotZero(t, snap.Net(uint32(ids["81.2.3.4"])), "networks still load beside domains")
		}
	}
	plain, err := Load(st, LoadOptions{Networks: true})
	require.NoError(t, err)
	assert.Zero(t, plain.Domain(uint32(ids["a"])))
}

// reversedReader gives a store's accounts in descending id order.
type reversedReader struct{ *store.Store }

func (r reversedReader) ScanAccountUses(fn func(store.NodeID, store.AccountStats, *store.Hours, []store.Use) error) error {
	type rec struct {
		a    store.NodeID
		st   store.AccountStats
		h    store.Hours
		uses []store.Use
	}
	var all []rec
	err := r.Store.ScanAccountUses(func(a store.NodeID, st store.AccountStats, h *store.Hours, uses []store.Use) error {
		all = append(all, rec{a, st, *h, append([]store.Use(nil), uses...)})
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if err := fn(all[i].a, all[i].st, &all[i].h, all[i].uses); err != nil {
			return err
		}
	}
	return nil
}

// TestLoadRejectsUnorderedAccounts checks that Load reports a reader that
// breaks the account order it relies on, rather than building a snapshot
// whose account lookups miss.
func TestLoadRejectsUnorderedAccounts(t *testing.T) {
	s, _ := buildStore(t)
	_, err := Load(reversedReader{s}, LoadOptions{})
	require.ErrorIs(t, err, store.ErrCorrupt)
	assert.Contains(t, err.Error(), "read after account")
	_, err = Load(s, LoadOptions{})
	require.NoError(t, err, "the store's own order")
}

func TestRhythmOf(t *testing.T) {
	one := store.Hours{9: 40}
	even := store.Hours{}
	for h := range even {
		even[h] = 5
	}
	twice := store.Hours{3: 10, 15: 10}
	tests := []struct {
		name  string
		hours *store.Hours
		want  Rhythm
	}{
		{"none", nil, Rhythm{}},
		{"all at one hour: each harmonic's power is n", &one, Rhythm{N: 40, Power: [3]float32{40, 40, 40}}},
		{"even over the day", &even, Rhythm{N: 120}},
		{"two hours twelve apart: only the second harmonic", &twice, Rhythm{N: 20, Power: [3]float32{0, 20, 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := RhythmOf(tc.hours)
			assert.Equal(t, tc.want.N, got.N)
			assert.InDeltaSlice(t, tc.want.Power[:], got.Power[:], 1e-3)
		})
	}
}
