package linkage

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ringlink/ringlink/graph"
	"github.com/ringlink/ringlink/store"
)

// Store is what linkage needs from the database: the graph and the run
// records.
type Store interface {
	store.Reader
	PutRecords(recs []store.RunRecord) error
	WriteRecords(recs []store.RunRecord) error
	GetRecord(key []byte) ([]byte, error)
	ScanRecords(prefix []byte, fn func(key, value []byte) error) error
	DeleteRecords(keys [][]byte) error
	ReclaimSpace(maxFiles int) (int, error)
}

// Run summarises one linkage run.
type Run struct {
	ID             string    `json:"id"`
	Time           time.Time `json:"time"`
	Previous       string    `json:"previous,omitempty"`
	Accounts       int       `json:"accounts"`
	GraphNodes     int64     `json:"graph_nodes"`
	GraphEdges     int64     `json:"graph_edges"`
	IdentityLinked int       `json:"identity_linked_accounts"`
	Peeled         int       `json:"peeled_components"`
	// Dissolved counts the identity components freed when the group
	// they were in proved loose (see doc.go, step 4): with Peeled, why
	// accounts tied to others end in no cluster.
	Dissolved int `json:"dissolved_components"`
	// What the passes after community detection changed (see doc.go):
	// an analyst reading a run that flags more or less than the last one
	// can tell which pass did it.
	EvidenceSplits   int     `json:"evidence_splits"`    // clusters split where their evidence parts
	PooledAccounts   int     `json:"pooled_accounts"`    // lone accounts chained by a shared exit pool
	AttachedAccounts int     `json:"attached_accounts"`  // stragglers attached to a flagged cluster
	JoinedAccounts   int     `json:"joined_accounts"`    // accounts of pieces joined to a flagged cluster
	FamilyMerges     int     `json:"family_merges"`      // clusters merged into ring families
	VariantMerges    int     `json:"variant_merges"`     // clusters merged on variants of one template
	GatheredAccounts int     `json:"gathered_accounts"`  // lone accounts gathered around a template they work on
	LooseCutAccounts int     `json:"loose_cut_accounts"` // lone accounts cut from a dissolved loose group by their own evidence
	ResidentsLeft    int     `json:"residents_left_out"` // accounts left out of a flagged cluster whose work they do none of
	Clusters         int     `json:"clusters"`
	Clustered        int     `json:"clustered_accounts"`
	Flagged          int     `json:"flagged_clusters"`
	FlaggedAccounts  int     `json:"flagged_accounts"`
	KeptIDs          int     `json:"kept_ids"` // clusters that kept the previous run's id
	NewIDs           int     `json:"new_ids"`
	PrunedRuns       int     `json:"pruned_runs"` // older runs deleted to keep Options.KeepRuns
	Threshold        float64 `json:"threshold"`
	Resolution       float64 `json:"resolution"`
	Seed             uint64  `json:"seed"`
	Command          string  `json:"command,omitempty"` // Options.Command
	// Records is the count of records the database held when the run
	// linked it (0 in runs recorded before it was kept).
	Records  int64 `json:"records,omitempty"`
	NextID   int   `json:"next_cluster_number"`
	LoadMS   int64 `json:"load_ms"`
	PassesMS int64 `json:"passes_ms"`
	ScoreMS  int64 `json:"score_ms"`
	// TotalMS is the whole of Link as it returns; the stored summary,
	// written before the run's records are, has the time up to that
	// write.
	TotalMS int64 `json:"total_ms"`
}

// Cluster is one recorded cluster (members are kept separately).
type Cluster struct {
	ID      string   `json:"id"`
	Rank    int      `json:"rank"` // 0 is the highest score
	Size    int      `json:"size"`
	Score   float64  `json:"score"`
	Flagged bool     `json:"flagged"`
	Reasons []string `json:"reasons"`
	Signals Signals  `json:"signals"`
}

// Record keys under the store's run prefix.
const (
	keyLatest  = "latest"
	keyRun     = "run/"
	keyCluster = "cl/"
	keyMembers = "mb/"
	keyIDs     = "ids/"
	keyAcct    = "ac/"
)

// judge scores the communities the passes found and runs the steps that
// work on scores (see the package doc): clusters judged in parts, lone
// accounts pooled and attached, pieces and families joined, pieces on
// variants of one template merged, lone accounts gathered around a
// template, loose groups cut by their own evidence, and last the members
// that do none of a flagged cluster's work left out. Family and variant
// merges are followed by attaching stragglers; gathered groups and cuts
// of loose groups are not (that took in the local people
// behind a ring's exits, BENCHMARKS.md). It returns the scorer of the
// result.
func (p *partition) judge(threshold float64) *scorer {
	sc := newScorer(p)
	p.clock.lap("scorer")
	sc = p.splitByEvidence(sc, threshold)
	p.clock.lap("evidence splits")
	sc = p.poolLone(sc, threshold)
	p.clock.lap("lone accounts pooled")
	sc = p.attachRounds(sc, threshold)
	p.clock.lap("stragglers attached")
	sc = p.joinFragments(sc, threshold)
	p.clock.lap("pieces joined")
	if sc = p.joinFamilies(sc, threshold); p.families > 0 {
		// Families merged into a flagged cluster have stragglers too,
		// which could not be attached while it was not flagged.
		sc = p.attachRounds(sc, threshold)
	}
	p.clock.lap("families")
	if sc = p.joinKindred(sc, threshold); p.variants > 0 {
		sc = p.attachRounds(sc, threshold)
	}
	p.clock.lap("variants")
	sc = p.gatherByTemplate(sc, threshold)
	p.clock.lap("gathered")
	sc = p.cutLoose(sc, threshold)
	p.clock.lap("loose groups cut")
	sc = p.dropResidents(sc, threshold)
	p.clock.lap("residents")
	// How far the members' volumes differ is judged on the clusters as
	// assembled: while the passes work, a ring's cluster holds people it
	// sheds later (the residents behind its exits, a crowd it is cut
	// from), whose volumes differ as people's do.
	for l, ms := range sc.members {
		spread, bimodality := logSpread(ms, sc.pop.stats)
		sc.sig[l].Spread, sc.sig[l].Bimodality = round3(spread), round3(bimodality)
	}
	return sc
}

func rankKey(prefix, run string, rank int) []byte {
	return binary.BigEndian.AppendUint32([]byte(prefix+run+"/"), uint32(rank))
}

// Link runs the passes on the graph in st, scores the clusters, matches
// them with the previous run and records the run. Options out of range
// give ErrInvalidOptions.
//
// Its memory is a few large pointer-free arrays, cheap for the collector
// to scan: a caller that runs it on a large graph does well to lower the
// collector's target (cli does, see BENCHMARKS.md).
func Link(ctx context.Context, st Store, opt Options) (Run, error) {
	if err := opt.validate(); err != nil {
		return Run{}, err
	}
	opt = opt.withDefaults()
	t0 := time.Now()
	clock := newStepClock(opt.Logger)
	snap, err := graph.Load(ctxReader{st, ctx}, graph.LoadOptions{Prune: true, Networks: true, Domains: true, Addresses: true})
	clock.lap("load")
	if err := interrupted(ctx, "the load"); err != nil {
		return Run{}, err
	}
	if err != nil {
		return Run{}, err
	}
	t1 := time.Now()
	p, err := runPasses(ctx, snap, opt, clock)
	if err != nil {
		return Run{}, err
	}
	if p.exportErr != nil {
		return Run{}, fmt.Errorf("export graph: %w", p.exportErr)
	}
	t2 := time.Now()
	if p.trafficStart, err = requestStart(st); err != nil {
		return Run{}, err
	}
	p.skeleton = skeletons(st)
	sc := p.judge(opt.Threshold)
	if p.skeletonErr != nil {
		return Run{}, fmt.Errorf("read template skeletons: %w", p.skeletonErr)
	}
	clusters, members := rank(p, sc, opt.Threshold)
	clock.lap("rank")
	prev, err := Latest(st)
	hasPrev := err == nil
	if err != nil && !errors.Is(err, ErrNoRun) {
		return Run{}, err
	}
	run := Run{Time: opt.Now().UTC().Truncate(time.Second), Accounts: len(p.accts), GraphNodes: p.graphNodes, GraphEdges: p.graphEdges,
		IdentityLinked: p.identityLinked, Peeled: p.peeled, Dissolved: p.dissolved,
		EvidenceSplits: p.evidenceSplits, PooledAccounts: p.pooled, AttachedAccounts: p.attached, JoinedAccounts: p.joined,
		FamilyMerges: p.families, VariantMerges: p.variants, GatheredAccounts: p.gathered, LooseCutAccounts: p.looseCut, ResidentsLeft: p.residents, Clusters: len(clusters), Threshold: opt.Threshold,
		Resolution: opt.Resolution, Seed: opt.Seed, Command: opt.Command, NextID: 1, ID: "R-000001"}
	if hasPrev {
		run.Previous = prev.ID
		run.NextID = prev.NextID
		n, err := runNumber(prev.ID)
		if err != nil {
			return Run{}, err
		}
		run.ID = fmt.Sprintf("R-%06d", n+1)
		if err := assignIDs(st, prev, clusters, members, len(snap.Kind), &run); err != nil {
			return Run{}, err
		}
	} else {
		for i := range clusters {
			clusters[i].ID = fmt.Sprintf("C-%06d", run.NextID)
			run.NextID++
		}
		run.NewIDs = len(clusters)
	}
	if run.Records, err = RecordsNow(st); err != nil {
		return Run{}, err
	}
	for _, c := range clusters {
		run.Clustered += c.Size
		if c.Flagged {
			run.Flagged++
			run.FlaggedAccounts += c.Size
		}
	}
	// Past this point the run is written whole: a stop here would only
	// waste the work, and the write takes a moment.
	if err := interrupted(ctx, "scoring"); err != nil {
		return Run{}, err
	}
	clock.lap("ids")
	t3 := time.Now()
	run.LoadMS, run.PassesMS, run.ScoreMS = t1.Sub(t0).Milliseconds(), t2.Sub(t1).Milliseconds(), t3.Sub(t2).Milliseconds()
	// A link killed while writing leaves records under the id this run
	// takes (the latest pointer never moved): without this, a cluster or
	// an account assignment the new run does not overwrite would show
	// through as part of it.
	if err := deleteRun(st, run.ID, false); err != nil {
		return Run{}, err
	}
	run.TotalMS = time.Since(t0).Milliseconds()
	if err := writeRun(st, &run, clusters, members); err != nil {
		return Run{}, err
	}
	clock.lap("write")
	if opt.KeepRuns > 0 {
		n, err := pruneRuns(st, run.ID, opt.KeepRuns)
		if err != nil {
			return run, fmt.Errorf("run %s is recorded, but deleting older runs failed (the next link retries): %w", run.ID, err)
		}
		run.PrunedRuns = n
		clock.lap("prune")
	}
	run.TotalMS = time.Since(t0).Milliseconds()
	return run, nil
}

// interrupted returns ErrInterrupted, naming the stage, once ctx is done.
func interrupted(ctx context.Context, stage string) error {
	if ctx.Err() == nil {
		return nil
	}
	return fmt.Errorf("link stopped during %s: %w", stage, ErrInterrupted)
}

// ctxReader is the store as graph.Load reads it, giving up the account
// scan, the long part of the load, once ctx is done.
type ctxReader struct {
	Store
	ctx context.Context
}

func (r ctxReader) ScanAccountUses(fn func(store.NodeID, store.AccountStats, *store.Hours, []store.Use) error) error {
	n := 0
	return r.Store.ScanAccountUses(func(a store.NodeID, st store.AccountStats, h *store.Hours, uses []store.Use) error {
		if n++; n%4096 == 0 && r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		return fn(a, st, h, uses)
	})
}

// runNumber parses a run id (R-000001).
func runNumber(id string) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "R-"))
	if err != nil || !strings.HasPrefix(id, "R-") {
		return 0, fmt.Errorf("run id %q: %w", id, store.ErrCorrupt)
	}
	return n, nil
}

// deleteRun deletes the records of run id: its clusters, members,
// account index and id list, then (with summary) its summary. The summary
// goes last, in its own write, so that a delete cut short leaves the run
// listed and pruneRuns finishes it next time.
func deleteRun(st Store, id string, summary bool) error {
	keys := [][]byte{[]byte(keyIDs + id)}
	for _, prefix := range []string{keyCluster, keyMembers, keyAcct} {
		err := st.ScanRecords([]byte(prefix+id+"/"), func(k, _ []byte) error {
			keys = append(keys, slices.Clone(k))
			return nil
		})
		if err != nil {
			return fmt.Errorf("delete run %s: %w", id, err)
		}
	}
	if err := st.DeleteRecords(keys); err != nil {
		return fmt.Errorf("delete run %s: %w", id, err)
	}
	if summary {
		if err := st.DeleteRecords([][]byte{[]byte(keyRun + id)}); err != nil {
			return fmt.Errorf("delete run %s: %w", id, err)
		}
	}
	return nil
}

// pruneRuns deletes every run older than the keep newest up to latest,
// and returns how many it deleted. Cost: one scan of the run summaries and
// one of each deleted run's records.
func pruneRuns(st Store, latest string, keep int) (int, error) {
	last, err := runNumber(latest)
	if err != nil {
		return 0, err
	}
	var old []string
	var jobs []int // numbers of the runs `ringlink run` made (or may have)
	err = st.ScanRecords([]byte(keyRun), func(k, v []byte) error {
		id := string(k[len(keyRun):])
		n, err := runNumber(id)
		if err != nil {
			return err
		}
		var r Run
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("run %s: %w", id, store.ErrCorrupt)
		}
		if r.Command == "run" || r.Command == "" {
			jobs = append(jobs, n)
		}
		if n <= last-keep {
			old = append(old, id)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune runs: %w", err)
	}
	// The scheduled job compares each run with the previous run it made:
	// the two newest it made stay (during a run, the one it is about to
	// be compared with; after it, the next one's), however many links
	// analysts ran since.
	slices.Sort(jobs)
	if len(jobs) > 2 {
		jobs = jobs[len(jobs)-2:]
	}
	old = slices.DeleteFunc(old, func(id string) bool {
		n, _ := runNumber(id)
		return slices.Contains(jobs, n)
	})
	for _, id := range old {
		if err := deleteRun(st, id, true); err != nil {
			return 0, fmt.Errorf("prune runs: %w", err)
		}
	}
	if len(old) > 0 {
		if _, err := st.ReclaimSpace(len(old)); err != nil {
			return len(old), fmt.Errorf("prune runs: %w", err)
		}
	}
	return len(old), nil
}

// rank orders clusters by score (then size, then smallest member) and
// returns them with their members as node ids.
func rank(p *partition, sc *scorer, threshold float64) ([]Cluster, [][]uint32) {
	type item struct {
		l     int
		score float64
	}
	items := make([]item, p.nLab)
	for l := range p.nLab {
		items[l] = item{l, Score(sc.sig[l], len(sc.members[l]))}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(len(sc.members[b.l]), len(sc.members[a.l])); c != 0 {
			return c
		}
		return cmp.Compare(sc.members[a.l][0], sc.members[b.l][0])
	})
	clusters := make([]Cluster, len(items))
	members := make([][]uint32, len(items))
	for r, it := range items {
		ms := make([]uint32, len(sc.members[it.l]))
		for i, u := range sc.members[it.l] {
			ms[i] = p.accts[u]
		}
		members[r] = ms
		size := len(ms)
		clusters[r] = Cluster{Rank: r, Size: size, Score: it.score, Flagged: it.score >= threshold,
			Reasons: Reasons(sc.sig[it.l], size), Signals: sc.sig[it.l]}
	}
	return clusters, members
}

// assignIDs gives each cluster the id of the previous cluster most of
// whose members it holds (the largest such overlap), or a new id.
func assignIDs(st Store, prev Run, clusters []Cluster, members [][]uint32, n int, run *Run) error {
	ids, err := st.GetRecord([]byte(keyIDs + prev.ID))
	if err != nil {
		return fmt.Errorf("read run %s: %w", prev.ID, err)
	}
	prevIDs := strings.Split(string(ids), "\n")
	if len(ids) == 0 {
		prevIDs = nil
	}
	prevOf := make([]int32, n)
	for i := range prevOf {
		prevOf[i] = -1
	}
	prevSize := make([]int32, len(prevIDs))
	err = st.ScanRecords([]byte(keyMembers+prev.ID+"/"), func(k, v []byte) error {
		r := int(binary.BigEndian.Uint32(k[len(k)-4:]))
		if r >= len(prevIDs) {
			return fmt.Errorf("run %s: member record %d beyond its %d clusters: %w", prev.ID, r, len(prevIDs), store.ErrCorrupt)
		}
		ms, err := decodeMembers(v)
		for _, m := range ms {
			if int(m) < n {
				prevOf[m] = int32(r)
			}
		}
		prevSize[r] = int32(len(ms))
		return err
	})
	if err != nil {
		return err
	}
	cnt := make([]int32, len(prevIDs))
	var touched []int32
	used := make([]bool, len(prevIDs))
	for i := range clusters {
		touched = touched[:0]
		for _, m := range members[i] {
			if q := prevOf[m]; q >= 0 {
				if cnt[q] == 0 {
					touched = append(touched, q)
				}
				cnt[q]++
			}
		}
		best := int32(-1)
		for _, q := range touched {
			if 2*cnt[q] > prevSize[q] && !used[q] && (best < 0 || cnt[q] > cnt[best] || (cnt[q] == cnt[best] && q < best)) {
				best = q
			}
		}
		for _, q := range touched {
			cnt[q] = 0
		}
		if best >= 0 {
			used[best] = true
			clusters[i].ID = prevIDs[best]
			run.KeptIDs++
			continue
		}
		clusters[i].ID = fmt.Sprintf("C-%06d", run.NextID)
		run.NextID++
		run.NewIDs++
	}
	return nil
}

func encodeMembers(ms []uint32) []byte {
	b := make([]byte, 0, 2*len(ms)+4)
	var last uint32
	for _, m := range ms {
		b = binary.AppendUvarint(b, uint64(m-last))
		last = m
	}
	return b
}

func decodeMembers(b []byte) ([]uint32, error) {
	var out []uint32
	var last uint64
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return out, fmt.Errorf("member list: %w", store.ErrCorrupt)
		}
		last += d
		out = append(out, uint32(last))
		b = b[n:]
	}
	return out, nil
}

// writeRun records the clusters in bulk, then the summary and the latest
// pointer atomically: a run is visible whole or not at all.
func writeRun(st Store, run *Run, clusters []Cluster, members [][]uint32) error {
	var recs []store.RunRecord
	flush := func(force bool) error {
		if len(recs) == 0 || (!force && len(recs) < 4096) {
			return nil
		}
		err := st.WriteRecords(recs)
		recs = recs[:0]
		return err
	}
	ids := make([]string, len(clusters))
	type am struct{ acct, rank uint32 }
	var assign []am
	for r, c := range clusters {
		ids[r] = c.ID
		v, err := json.Marshal(c)
		if err != nil {
			return err
		}
		recs = append(recs, store.RunRecord{Key: rankKey(keyCluster, run.ID, r), Value: v},
			store.RunRecord{Key: rankKey(keyMembers, run.ID, r), Value: encodeMembers(members[r])})
		for _, m := range members[r] {
			assign = append(assign, am{m, uint32(r)})
		}
		if err := flush(false); err != nil {
			return err
		}
	}
	slices.SortFunc(assign, func(a, b am) int { return cmp.Compare(a.acct, b.acct) })
	for i := 0; i < len(assign); {
		chunk := assign[i].acct >> 16
		var b []byte
		var last uint32
		j := i
		for ; j < len(assign) && assign[j].acct>>16 == chunk; j++ {
			b = binary.AppendUvarint(b, uint64(assign[j].acct-last))
			b = binary.AppendUvarint(b, uint64(assign[j].rank))
			last = assign[j].acct
		}
		recs = append(recs, store.RunRecord{Key: binary.BigEndian.AppendUint32([]byte(keyAcct+run.ID+"/"), chunk), Value: b})
		i = j
		if err := flush(false); err != nil {
			return err
		}
	}
	recs = append(recs, store.RunRecord{Key: []byte(keyIDs + run.ID), Value: []byte(strings.Join(ids, "\n"))})
	if err := flush(true); err != nil {
		return err
	}
	v, err := json.Marshal(run)
	if err != nil {
		return err
	}
	return st.PutRecords([]store.RunRecord{{Key: []byte(keyRun + run.ID), Value: v}, {Key: []byte(keyLatest), Value: []byte(run.ID)}})
}

// sourceLister is a store that lists what was ingested (store.Store).
type sourceLister interface {
	Sources() ([]store.Source, error)
}

// RecordsNow is the count of records the database holds: the records its
// inputs' committed batches accepted, or 0 when st does not list its
// inputs. Cost: one read of the input checkpoints.
func RecordsNow(st Store) (int64, error) {
	sl, ok := st.(sourceLister)
	if !ok {
		return 0, nil
	}
	srcs, err := sl.Sources()
	var n int64
	for _, s := range srcs {
		n += s.Records
	}
	return n, err
}

// requestStart is the start of the traffic in st (see trafficStart), 0
// when st does not list its inputs or their days are unknown.
func requestStart(st Store) (int64, error) {
	sl, ok := st.(sourceLister)
	if !ok {
		return 0, nil
	}
	srcs, err := sl.Sources()
	if err != nil {
		return 0, err
	}
	days, ok := store.RequestDays(srcs)
	if !ok {
		return 0, nil
	}
	return trafficStart(days), nil
}

// Latest returns the summary of the latest run, or ErrNoRun.
func Latest(st Store) (Run, error) {
	id, err := st.GetRecord([]byte(keyLatest))
	if errors.Is(err, store.ErrNotFound) {
		return Run{}, ErrNoRun
	}
	if err != nil {
		return Run{}, err
	}
	return GetRun(st, string(id))
}

// Runs returns the summaries of the recorded runs, newest first. Cost: one
// scan of the run summaries.
func Runs(st Store) ([]Run, error) {
	var runs []Run
	err := st.ScanRecords([]byte(keyRun), func(k, v []byte) error {
		var r Run
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("run %s: %w", k[len(keyRun):], store.ErrCorrupt)
		}
		runs = append(runs, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Run numbers have six digits until R-999999: compare them as numbers.
	slices.SortFunc(runs, func(a, b Run) int {
		na, _ := runNumber(a.ID)
		nb, _ := runNumber(b.ID)
		return cmp.Compare(nb, na)
	})
	return runs, nil
}

// GetRun returns the summary of run id.
func GetRun(st Store, id string) (Run, error) {
	v, err := st.GetRecord([]byte(keyRun + id))
	if errors.Is(err, store.ErrNotFound) {
		return Run{}, fmt.Errorf("run %s: %w", id, ErrNoRun)
	}
	if err != nil {
		return Run{}, err
	}
	var r Run
	if err := json.Unmarshal(v, &r); err != nil {
		return r, fmt.Errorf("run %s: %w", id, store.ErrCorrupt)
	}
	return r, nil
}

// Clusters calls fn for every cluster of run in rank order (highest score
// first) until fn returns false.
func Clusters(st Store, run string, fn func(c Cluster) bool) error {
	stop := errors.New("stop")
	err := st.ScanRecords([]byte(keyCluster+run+"/"), func(_, v []byte) error {
		var c Cluster
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("cluster record of run %s: %w", run, store.ErrCorrupt)
		}
		if !fn(c) {
			return stop
		}
		return nil
	})
	if errors.Is(err, stop) {
		return nil
	}
	return err
}

// Members returns the member node ids of the cluster of the given rank.
func Members(st Store, run string, rank int) ([]uint32, error) {
	v, err := st.GetRecord(rankKey(keyMembers, run, rank))
	if err != nil {
		return nil, fmt.Errorf("members of cluster %d of run %s: %w", rank, run, err)
	}
	return decodeMembers(v)
}

// ClusterByRank returns the cluster of the given rank.
func ClusterByRank(st Store, run string, rank int) (Cluster, error) {
	v, err := st.GetRecord(rankKey(keyCluster, run, rank))
	if err != nil {
		return Cluster{}, fmt.Errorf("cluster %d of run %s: %w", rank, run, err)
	}
	var c Cluster
	if err := json.Unmarshal(v, &c); err != nil {
		return c, fmt.Errorf("cluster record of run %s: %w", run, store.ErrCorrupt)
	}
	return c, nil
}

// FindCluster returns the cluster with id in run.
func FindCluster(st Store, run, id string) (Cluster, error) {
	ids, err := st.GetRecord([]byte(keyIDs + run))
	if err != nil {
		return Cluster{}, fmt.Errorf("run %s: %w", run, err)
	}
	for r, x := range strings.Split(string(ids), "\n") {
		if x == id {
			return ClusterByRank(st, run, r)
		}
	}
	return Cluster{}, fmt.Errorf("%w %q in run %s (see ringlink clusters)", ErrUnknownCluster, id, run)
}

// ClusterOf returns the rank of acct's cluster in run, or -1 when the
// account is in no cluster.
func ClusterOf(st Store, run string, acct store.NodeID) (int, error) {
	chunk := uint32(acct) >> 16
	v, err := st.GetRecord(binary.BigEndian.AppendUint32([]byte(keyAcct+run+"/"), chunk))
	if errors.Is(err, store.ErrNotFound) {
		return -1, nil
	}
	if err != nil {
		return -1, err
	}
	var last uint64
	for len(v) > 0 {
		d, n := binary.Uvarint(v)
		if n <= 0 {
			return -1, fmt.Errorf("account index of run %s: %w", run, store.ErrCorrupt)
		}
		v = v[n:]
		r, n2 := binary.Uvarint(v)
		if n2 <= 0 {
			return -1, fmt.Errorf("account index of run %s: %w", run, store.ErrCorrupt)
		}
		v = v[n2:]
		last += d
		if last == uint64(acct) {
			return int(r), nil
		}
		if last > uint64(acct) {
			break
		}
	}
	return -1, nil
}

// stepClock logs, at debug level, how long each step of a run took: where
// a slow run's time goes on real data, without a rebuild or a profiler.
type stepClock struct {
	log  *slog.Logger
	last time.Time
}

func newStepClock(log *slog.Logger) *stepClock { return &stepClock{log: log, last: time.Now()} }

// lap logs the time since the previous lap (or the clock's start) as step's.
func (c *stepClock) lap(step string) {
	if c == nil {
		return
	}
	now := time.Now()
	c.log.Debug("link step", "step", step, "took", now.Sub(c.last).Round(time.Millisecond))
	c.last = now
}
