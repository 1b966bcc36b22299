package linkage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synth writes hand-built traffic with known answers: two rings that share
// a carrier NAT address with each other and with a crowd of ordinary
// accounts, households sharing a card and a home address, and an office
// behind one NAT paying with one corporate card.
type synth struct {
	rng   *rand.Rand
	lines []string
	start int64
}

func newSynth(seed uint64) *synth {
	return &synth{rng: rand.New(rand.NewPCG(seed, 7)), start: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC).Unix()}
}

func (s *synth) rec(ts int64, acct, typ, ip, card, dev, email, tmpl string, tokens int) {
	var b strings.Builder
	fmt.Fprintf(&b, `{"ts":%d,"account":%q,"type":%q`, ts, acct, typ)
	for _, f := range [][2]string{{"ip", ip}, {"payment", card}, {"device", dev}, {"email", email}, {"template", tmpl}} {
		if f[1] != "" {
			fmt.Fprintf(&b, `,%q:%q`, f[0], f[1])
		}
	}
	fmt.Fprintf(&b, `,"tokens":%d}`, tokens)
	s.lines = append(s.lines, b.String())
}

const synthDays = 7

// at returns a random time in the synthetic traffic's days, in the hours
// people are awake (07:00 to 23:00 UTC): the accounts of people rest at
// night. Rings that run round the clock draw their times over the whole
// day.
func (s *synth) at() int64 {
	const awake = 16 * 3600
	x := s.rng.Int64N(synthDays * awake)
	return s.start + x/awake*86400 + 7*3600 + x%awake
}

// anyHour returns a random time in the synthetic traffic's days, at any
// hour: a machine's.
func (s *synth) anyHour() int64 { return s.start + s.rng.Int64N(synthDays*86400) }

// request adds a request of acct a minute after the previous record, with
// its own card and mailbox.
func (s *synth) request(acct, ip, dev, tmpl string) {
	s.rec(s.start+60*int64(len(s.lines)+1), acct, "request", ip, "card-"+acct, dev, acct+"@mail.test", tmpl, 300)
}

// legit writes n ordinary accounts named prefix-i: a few requests each at
// random times, own card and device, popular templates or none, a home
// address or (one in three) the carrier NAT.
func (s *synth) legit(prefix string, n int) {
	for i := range n {
		a := fmt.Sprintf("%s-%d", prefix, i)
		reqs := 1 + s.rng.IntN(10)
		for range reqs {
			ts := s.at()
			ip := fmt.Sprintf("81.%d.%d.%d", i%200, i/200, 1+i%250)
			if i%3 == 0 {
				ip = "100.64.0.1"
			}
			tmpl := ""
			if s.rng.IntN(4) > 0 {
				tmpl = fmt.Sprintf("pop-%d", s.rng.IntN(3))
			}
			s.rec(ts, a, "request", ip, "card-"+a, "dev-"+a, a+"@mail.test", tmpl, 20+s.rng.IntN(500))
		}
	}
}

// ring writes n accounts named prefix-i that sign up in a burst, pay with
// cards shared by four, and make many long requests with the ring's own
// templates through the carrier NAT and rotating addresses.
func (s *synth) ring(prefix string, first, n int) {
	burst := s.start + 3600
	for i := first; i < first+n; i++ {
		a := fmt.Sprintf("%s-%d", prefix, i)
		card := fmt.Sprintf("%s-card-%d", prefix, i/4)
		su := burst + int64(i*7%600)
		s.rec(su, a, "signup", "100.64.0.1", card, "", a+"@mail.test", "", 0)
		for k := range 40 {
			ts := su + 60 + s.rng.Int64N(synthDays*86400-7200)
			ip := "100.64.0.1"
			if k%2 == 1 {
				ip = fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			}
			s.rec(ts, a, "request", ip, card, "", "", fmt.Sprintf("%s-tmpl-%d", prefix, k%4), 800+s.rng.IntN(1200))
		}
	}
}

// household writes three accounts sharing a card and a home address.
func (s *synth) household(h int) {
	for j := range 3 {
		a := fmt.Sprintf("house%d-%d", h, j)
		for range 2 + s.rng.IntN(4) {
			s.rec(s.at(), a, "request", fmt.Sprintf("90.1.%d.9", h), fmt.Sprintf("house-card-%d", h), "dev-"+a, a+"@mail.test", "pop-0", 100+s.rng.IntN(300))
		}
	}
}

// office writes n accounts behind one NAT paying with one corporate card,
// using an internal template for a third of their requests.
func (s *synth) office(n int) {
	for i := range n {
		a := fmt.Sprintf("corp-%d", i)
		for range 2 + s.rng.IntN(6) {
			tmpl := fmt.Sprintf("pop-%d", s.rng.IntN(3))
			if s.rng.IntN(3) == 0 {
				tmpl = "corp-internal"
			}
			s.rec(s.at(), a, "request", "198.51.100.7", "corp-card", "dev-"+a, a+"@corp.test", tmpl, 50+s.rng.IntN(500))
		}
	}
}

func (s *synth) write(t testing.TB, path string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(s.lines, "\n")+"\n"), 0o644))
	s.lines = nil
}

func ingestFile(t testing.TB, st *store.Store, path string) {
	t.Helper()
	_, err := ingest.Run(context.Background(), st, ingest.Options{Paths: []string{path}})
	require.NoError(t, err)
}

// synthDB builds the hand-built scenario in dir.
func synthDB(t testing.TB, dir string) *store.Store {
	t.Helper()
	s := newSynth(1)
	s.legit("user", 600)
	s.ring("alpha", 0, 40)
	s.ring("beta", 0, 40)
	for h := range 20 {
		s.household(h)
	}
	s.office(60)
	return s.store(t, dir)
}

// store writes s's records to dir, ingests them into a new database there
// and returns it.
func (s *synth) store(t testing.TB, dir string) *store.Store {
	t.Helper()
	path := filepath.Join(dir, "a.jsonl")
	s.write(t, path)
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{Create: true})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	ingestFile(t, st, path)
	return st
}

var fixedNow = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// groups maps every clustered account of the latest run to its cluster.
// linkGroups writes s to a store in a temporary directory, links it with
// the default options and returns its clusters by member (see groups).
func linkGroups(t testing.TB, s *synth) map[string]Cluster {
	t.Helper()
	st := s.store(t, t.TempDir())
	_, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	g, _ := groups(t, st)
	return g
}

func groups(t testing.TB, st *store.Store) (map[string]Cluster, Run) {
	t.Helper()
	run, err := Latest(st)
	require.NoError(t, err)
	out := map[string]Cluster{}
	require.NoError(t, Clusters(st, run.ID, func(c Cluster) bool {
		ms, err := Members(st, run.ID, c.Rank)
		require.NoError(t, err)
		for _, m := range ms {
			_, name, err := st.Node(store.NodeID(m))
			require.NoError(t, err)
			out[name] = c
		}
		return true
	}))
	return out, run
}

func TestLinkKnownAnswers(t *testing.T) {
	st := synthDB(t, t.TempDir())
	_, err := Latest(st)
	require.ErrorIs(t, err, ErrNoRun)
	run, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "R-000001", run.ID)
	g, _ := groups(t, st)

	tests := []struct {
		name    string
		prefix  string
		n       int
		flagged bool
		whole   bool // all members in one cluster
	}{
		{"ring alpha found whole and flagged", "alpha-", 40, true, true},
		{"ring beta found whole and flagged", "beta-", 40, true, true},
		{"household not flagged", "house3-", 3, false, true},
		{"office behind one NAT with one card not flagged", "corp-", 60, false, false},
		{"carrier NAT crowd not flagged", "user-", 600, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := map[string]int{}
			flagged := 0
			for i := range tc.n {
				c, ok := g[fmt.Sprintf("%s%d", tc.prefix, i)]
				if !ok {
					ids[""]++
					continue
				}
				ids[c.ID]++
				if c.Flagged {
					flagged++
				}
			}
			if tc.whole {
				assert.Len(t, ids, 1, "members spread over %v", ids)
				assert.NotContains(t, ids, "")
			}
			if tc.flagged {
				assert.Equal(t, tc.n, flagged)
			} else {
				assert.Zero(t, flagged, "clusters %v", ids)
			}
		})
	}
	// The CGNAT hub joins the two rings and the crowd; they stay apart.
	assert.NotEqual(t, g["alpha-0"].ID, g["beta-0"].ID)
	assert.NotEmpty(t, g["alpha-0"].Reasons)
	assert.Contains(t, g["alpha-0"].Reasons[0]+g["alpha-0"].Reasons[1], "%")
	// A household is one identity (its card): the card and the address
	// only it holds tie it, so its link weight stays inside, though
	// community detection never saw those values (the popular template
	// is too broad to count as a link at all).
	house := g["house3-0"]
	assert.Equal(t, 1.0, house.Signals.Cohesion, "household cohesion")
	assert.Contains(t, house.Reasons[len(house.Reasons)-1], "100% of their link weight stays inside")
}

func TestLinkDeterministicAndStableIDs(t *testing.T) {
	dir := t.TempDir()
	st := synthDB(t, dir)
	dump := func(run string) string {
		var b strings.Builder
		require.NoError(t, Clusters(st, run, func(c Cluster) bool {
			ms, err := Members(st, run, c.Rank)
			require.NoError(t, err)
			fmt.Fprintf(&b, "%s %d %v %v %v\n", c.ID, c.Size, c.Score, c.Flagged, ms)
			return true
		}))
		return b.String()
	}
	r1, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	// The passes cut their sums into a fixed number of pieces, not one per
	// CPU, so a machine with one CPU gives the same bytes.
	procs := runtime.GOMAXPROCS(1)
	r2, err := Link(context.Background(), st, Options{Now: fixedNow})
	runtime.GOMAXPROCS(procs)
	require.NoError(t, err)
	assert.Equal(t, "R-000002", r2.ID)
	assert.Equal(t, r1.ID, r2.Previous)
	assert.Equal(t, dump(r1.ID), dump(r2.ID), "same database and options: identical clusters and ids")
	assert.Equal(t, r1.Clusters, r2.KeptIDs)
	assert.Zero(t, r2.NewIDs)

	// A second database from the same records gives the same bytes.
	st2 := synthDB(t, t.TempDir())
	r3, err := Link(context.Background(), st2, Options{Now: fixedNow})
	require.NoError(t, err)
	var b1, b3 strings.Builder
	for _, x := range []struct {
		st  *store.Store
		run string
		b   *strings.Builder
	}{{st, r1.ID, &b1}, {st2, r3.ID, &b3}} {
		require.NoError(t, Clusters(x.st, x.run, func(c Cluster) bool {
			fmt.Fprintf(x.b, "%s %d %v %v\n", c.ID, c.Size, c.Score, c.Reasons)
			return true
		}))
	}
	assert.Equal(t, b1.String(), b3.String())

	// Add a few members to ring alpha: it keeps its id and grows.
	before, _ := groups(t, st)
	s := newSynth(2)
	s.ring("alpha", 40, 4)
	path := filepath.Join(dir, "more.jsonl")
	s.write(t, path)
	ingestFile(t, st, path)
	r4, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	after, _ := groups(t, st)
	assert.Equal(t, before["alpha-0"].ID, after["alpha-0"].ID)
	assert.Equal(t, before["alpha-0"].Size+4, after["alpha-0"].Size)
	assert.Equal(t, after["alpha-0"].ID, after["alpha-43"].ID)
	assert.Equal(t, before["beta-0"].ID, after["beta-0"].ID)
	assert.Positive(t, r4.KeptIDs)
}

func TestExplanations(t *testing.T) {
	st := synthDB(t, t.TempDir())
	run, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	g, _ := groups(t, st)
	c := g["alpha-0"]
	d, err := ClusterDetail(st, run, c, 10)
	require.NoError(t, err)
	assert.Len(t, d.Accounts, 40)
	require.NotEmpty(t, d.Shared)
	assert.NotEmpty(t, d.Templates)
	assert.NotEmpty(t, d.Timeline)
	assert.Equal(t, 0, d.Templates[0].Outside, "the ring's templates are its own")

	id := func(name string) store.NodeID {
		x, err := st.Lookup(store.KindAccount, name)
		require.NoError(t, err)
		return x
	}
	var reqs, dated uint64
	for _, a := range d.Accounts {
		as, err := st.Account(id(a))
		require.NoError(t, err)
		reqs += as.Requests
	}
	for _, n := range d.HoursUTC {
		dated += n
	}
	assert.Positive(t, reqs)
	assert.Equal(t, reqs, dated, "each of the members' requests is counted in its hour of the day")

	links, err := StrongestLinks(st, id("alpha-0"), run.Accounts, 5)
	require.NoError(t, err)
	require.NotEmpty(t, links)
	// The card-mates share the most: card plus templates.
	assert.Contains(t, []string{"alpha-1", "alpha-2", "alpha-3"}, links[0].Account)

	ch, err := Why(st, id("alpha-0"), id("alpha-1"), run.Accounts)
	require.NoError(t, err)
	require.True(t, ch.Found)
	require.Len(t, ch.Steps, 3)
	assert.Equal(t, "payment", ch.Steps[1].Kind, "the rare card is the cheapest link")

	ch, err = Why(st, id("house1-0"), id("house1-2"), run.Accounts)
	require.NoError(t, err)
	assert.Len(t, ch.Steps, 3)

	_, err = FindCluster(st, run.ID, "C-nope")
	assert.ErrorIs(t, err, ErrUnknownCluster)
}

// TestCIScenario runs the fixtures' ci scenario through ingest (with the
// template miner) and link, and checks the quality bars of issue 4.
func TestCIScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a fixture database")
	}
	st, tr := buildScenario(t, t.TempDir(), fixtures.Config{Scenario: "ci", Seed: 1})
	defer st.Close()
	start := time.Now()
	run, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	t.Logf("link: %d accounts, %d clusters, %d flagged in %v", run.Accounts, run.Clusters, run.Flagged, time.Since(start))
	// The scenario's crowds (carrier NATs, offices, popular templates)
	// draw accounts into communities the passes then take apart.
	assert.Positive(t, run.Peeled, "components peeled off their community")
	assert.Positive(t, run.Dissolved, "components freed from loose groups")
	rep := evaluate(t, st, tr)
	t.Logf("precision %.4f recall %.4f ARI %.3f NMI %.3f", rep.Precision, rep.Recall, rep.ARI, rep.NMI)
	assert.GreaterOrEqual(t, rep.Precision, 0.99, "flagged accounts that are ring members")
	for _, r := range rep.Rings {
		t.Logf("%s (%s, %d): %.3f flagged, %d clusters for 95%%", r.ID, r.Kind, r.Size, r.FlaggedFraction, r.ClustersFor95)
		if r.Size >= 50 {
			assert.GreaterOrEqual(t, r.FlaggedFraction, 0.99, r.ID)
		}
	}
	require.NotEmpty(t, rep.Rings)
	big := rep.Rings[0]
	assert.Equal(t, "ring-1", big.ID)
	assert.LessOrEqual(t, big.ClustersFor95, 3)
	assert.Positive(t, big.ClustersFor95)
	for _, d := range rep.Decoys {
		assert.LessOrEqual(t, d.FlaggedFraction, 0.01, "%s (%s)", d.ID, d.Kind)
	}
	for _, k := range rep.DecoyKinds {
		t.Logf("decoys %s: %d groups, %.4f flagged", k.Kind, k.Groups, k.FlaggedFraction)
	}
}

// runRecords counts the records of run id under each per-run prefix.
func runRecords(t *testing.T, st *store.Store, id string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, prefix := range []string{keyCluster, keyMembers, keyAcct} {
		require.NoError(t, st.ScanRecords([]byte(prefix+id+"/"), func(_, _ []byte) error {
			out[prefix]++
			return nil
		}))
	}
	for _, key := range []string{keyIDs + id, keyRun + id} {
		if _, err := st.GetRecord([]byte(key)); err == nil {
			out[key]++
		} else {
			require.ErrorIs(t, err, store.ErrNotFound)
		}
	}
	return out
}

func TestLinkOverwritesAnInterruptedRun(t *testing.T) {
	st := synthDB(t, t.TempDir())
	r1, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	// What a link killed while writing R-000002 leaves: more clusters
	// than the finished run will have, and an account index chunk it will
	// not write (no account has an id this high).
	stray := binary.BigEndian.AppendUint32([]byte(keyAcct+"R-000002/"), 0xFFFF)
	require.NoError(t, st.WriteRecords([]store.RunRecord{
		{Key: rankKey(keyCluster, "R-000002", r1.Clusters+5), Value: []byte(`{"id":"C-999999"}`)},
		{Key: rankKey(keyMembers, "R-000002", r1.Clusters+5), Value: encodeMembers([]uint32{1, 2})},
		{Key: stray, Value: []byte{1, 0}},
	}))
	r2, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	require.Equal(t, "R-000002", r2.ID)
	got := runRecords(t, st, r2.ID)
	assert.Equal(t, r2.Clusters, got[keyCluster], "cluster records of the finished run")
	assert.Equal(t, r2.Clusters, got[keyMembers], "member records of the finished run")
	_, err = st.GetRecord(stray)
	assert.ErrorIs(t, err, store.ErrNotFound, "stray account index chunk")
	n := 0
	require.NoError(t, Clusters(st, r2.ID, func(c Cluster) bool {
		assert.NotEqual(t, "C-999999", c.ID)
		n++
		return true
	}))
	assert.Equal(t, r2.Clusters, n)
}

func TestLinkKeepsTheNewestRuns(t *testing.T) {
	st := synthDB(t, t.TempDir())
	var runs []Run
	for range 4 {
		r, err := Link(context.Background(), st, Options{Now: fixedNow, KeepRuns: 2})
		require.NoError(t, err)
		runs = append(runs, r)
	}
	assert.Equal(t, []int{0, 0, 1, 1}, []int{runs[0].PrunedRuns, runs[1].PrunedRuns, runs[2].PrunedRuns, runs[3].PrunedRuns})
	for i, r := range runs {
		got := runRecords(t, st, r.ID)
		if i < 2 {
			assert.Empty(t, got, "run %s pruned", r.ID)
			_, err := GetRun(st, r.ID)
			assert.ErrorIs(t, err, ErrNoRun)
			continue
		}
		assert.Equal(t, map[string]int{keyCluster: r.Clusters, keyMembers: r.Clusters, keyAcct: 1, keyIDs + r.ID: 1, keyRun + r.ID: 1}, got, "run %s kept", r.ID)
	}
	// The kept runs still work together: ids carried over from R-000003.
	assert.Equal(t, runs[3].Clusters, runs[3].KeptIDs)

	// 0 keeps every run.
	r5, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	assert.Zero(t, r5.PrunedRuns)
	assert.NotEmpty(t, runRecords(t, st, runs[2].ID))
}

// TestPruningKeepsTheJobsBaseline: analysts' links with --keep-runs do
// not prune the runs the scheduled job compares with: its two newest
// stay, however many links came since.
func TestPruningKeepsTheJobsBaseline(t *testing.T) {
	st := synthDB(t, t.TempDir())
	link := func(cmd string) Run {
		r, err := Link(context.Background(), st, Options{Now: fixedNow, KeepRuns: 2, Command: cmd})
		require.NoError(t, err)
		return r
	}
	kept := func() []string {
		runs, err := Runs(st)
		require.NoError(t, err)
		var ids []string
		for _, r := range runs {
			ids = append(ids, r.ID)
		}
		return ids
	}
	link("run")  // R-000001
	link("link") // R-000002
	link("link") // R-000003
	link("link") // R-000004
	assert.Equal(t, []string{"R-000004", "R-000003", "R-000001"}, kept(), "the job's run stays")
	link("run") // R-000005: compared with R-000001, which must outlive this link
	assert.Equal(t, []string{"R-000005", "R-000004", "R-000001"}, kept())
	link("run") // R-000006
	assert.Equal(t, []string{"R-000006", "R-000005"}, kept())
}

// TestLinkStopsWhenCancelled: a link whose context ends (a signal to the
// process) records nothing, says so, and leaves the previous run the
// latest; Leiden told to stop returns a partition without refining it.
func TestLinkStopsWhenCancelled(t *testing.T) {
	st := synthDB(t, t.TempDir())
	r1, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Link(ctx, st, Options{Now: fixedNow})
	require.ErrorIs(t, err, ErrInterrupted)
	assert.Contains(t, err.Error(), "the previous run stays the latest")
	latest, err := Latest(st)
	require.NoError(t, err)
	assert.Equal(t, r1.ID, latest.ID)
	assert.Empty(t, runRecords(t, st, "R-000002"), "nothing written for the stopped run")

	done := make(chan struct{})
	close(done)
	g := ringOfCliques(4, 5)
	distinct := func(lab []int32) int { return int(slices.Max(lab)) + 1 }
	assert.Equal(t, g.N(), distinct(Leiden(g, LeidenOptions{Resolution: 1, Done: done})), "stopped before its first level: every node alone")
	assert.Equal(t, 4, distinct(Leiden(g, LeidenOptions{Resolution: 1})), "the same graph, not stopped: one community per clique")
}

// TestLinkLogsItsSteps: at debug level a run names each step it took, in
// order, once each (the prune only when it prunes), so that a slow run's
// time can be placed without a profiler.
func TestLinkLogsItsSteps(t *testing.T) {
	st := synthDB(t, t.TempDir())
	var buf bytes.Buffer
	lg := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := Link(context.Background(), st, Options{Now: fixedNow, Logger: lg})
	require.NoError(t, err)
	var steps []string
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var line struct {
			Msg  string `json:"msg"`
			Step string `json:"step"`
			Took int64  `json:"took"`
		}
		require.NoError(t, dec.Decode(&line))
		if line.Msg == "link step" {
			assert.GreaterOrEqual(t, line.Took, int64(0), line.Step)
			steps = append(steps, line.Step)
		}
	}
	assert.Equal(t, []string{"load", "partition", "star graph", "leiden", "holders", "merge and split", "peel",
		"core filter", "regroup", "settle", "scorer", "evidence splits", "lone accounts pooled",
		"stragglers attached", "pieces joined", "families", "variants", "gathered", "loose groups cut", "residents", "rank", "ids", "write"}, steps)

	// Info level, as a scheduled job runs: nothing.
	buf.Reset()
	_, err = Link(context.Background(), st, Options{Now: fixedNow, KeepRuns: 2, Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}
