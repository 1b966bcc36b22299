package evidence

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// Format names the package format in manifest.json; FormatVersion changes
// whenever a file's layout changes so that a reader can refuse what it
// does not know.
const (
	Format        = "ringlink-evidence"
	FormatVersion = 3
)

// File names, in archive order.
const (
	FileSummary      = "summary.txt"
	FileCluster      = "cluster.json"
	FileMembers      = "members.csv"
	FileEdges        = "edges.csv"
	FileTimeline     = "timeline.csv"
	FileHours        = "hours.csv"
	FileSums         = "SHA256SUMS"
	FileManifest     = "manifest.json"
	FileManifestHash = "manifest.sha256"
)

// DefaultTop is the default of Options.Top.
const DefaultTop = 10

// Options choose the cluster and tune the package.
type Options struct {
	// Cluster is the cluster id (C-…).
	Cluster string
	// Run is the run id (R-…); empty means the latest run.
	Run string
	// ToolVersion is recorded in manifest.json.
	ToolVersion string
	// Top bounds the rows of each list in summary.txt; 0 means DefaultTop.
	Top int
}

func (o Options) withDefaults() Options {
	if o.Top <= 0 {
		o.Top = DefaultTop
	}
	if o.ToolVersion == "" {
		o.ToolVersion = "unknown"
	}
	return o
}

// ErrUnknownRun is returned for a --run id the database does not have.
var ErrUnknownRun = errors.New("unknown run")

// member is one account of the cluster with what the package shows of it.
type member struct {
	id     store.NodeID
	name   string
	stats  store.AccountStats
	edges  []edge // by kind, then value
	shared int    // attributes (other than IP prefixes) held by another member too
	// The values of the identity kinds it shares with another member, by
	// value, and how many addresses and templates it shares.
	payments, emails, devices []string
	ips, templates            int
}

// edge is a member's use of the attribute caseFile.attrs[attr].
type edge struct {
	attr int32
	store.EdgeStats
}

// attr is one attribute used inside the cluster.
type attr struct {
	id     store.NodeID
	kind   store.Kind
	value  string // as displayed
	inside int
	reqs   uint64
	rank   int32 // position by kind, then value
}

// caseFile is everything read from the database for one package.
type caseFile struct {
	opt         Options
	run         linkage.Run
	cl          linkage.Cluster
	detail      linkage.Detail
	members     []member // by account name
	attrs       []attr
	first, last int64 // activity span of the members, unix ms
	requests    uint64
	tokens      uint64
	signups     int
	skeletons   map[string]string // displayed template id -> mined skeleton
}

// load reads the cluster of the chosen run.
func load(st linkage.Store, opt Options) (*caseFile, error) {
	var run linkage.Run
	var err error
	if opt.Run == "" {
		run, err = linkage.Latest(st)
	} else {
		run, err = linkage.GetRun(st, opt.Run)
		if errors.Is(err, linkage.ErrNoRun) {
			err = fmt.Errorf("%w %s (link keeps the newest --keep-runs runs; ringlink runs lists them)", ErrUnknownRun, opt.Run)
		}
	}
	if err != nil {
		return nil, err
	}
	cl, err := linkage.FindCluster(st, run.ID, opt.Cluster)
	if err != nil {
		return nil, err
	}
	detail, err := linkage.ClusterDetail(st, run, cl, 0) // all shared attributes and templates
	if err != nil {
		return nil, fmt.Errorf("cluster %s of run %s: %w", cl.ID, run.ID, err)
	}
	cf := &caseFile{opt: opt, run: run, cl: cl, detail: detail}
	ids, err := linkage.Members(st, run.ID, cl.Rank)
	if err != nil {
		return nil, err
	}
	index := map[store.NodeID]int32{}
	for _, id := range ids {
		m := member{id: store.NodeID(id)}
		if _, m.name, err = st.Node(m.id); err != nil {
			return nil, fmt.Errorf("member %d of cluster %s: %w", id, cl.ID, err)
		}
		if m.stats, err = st.Account(m.id); err != nil {
			return nil, fmt.Errorf("account %s: %w", m.name, err)
		}
		es, err := st.AccountEdges(m.id)
		if err != nil {
			return nil, fmt.Errorf("account %s: %w", m.name, err)
		}
		m.edges = make([]edge, len(es))
		for j, e := range es {
			i, ok := index[e.Attr]
			if !ok {
				i = int32(len(cf.attrs))
				index[e.Attr] = i
				cf.attrs = append(cf.attrs, attr{id: e.Attr})
			}
			cf.attrs[i].inside++
			cf.attrs[i].reqs += e.Count
			m.edges[j] = edge{attr: i, EdgeStats: e.EdgeStats}
		}
		if len(cf.members) == 0 || m.stats.First < cf.first {
			cf.first = m.stats.First
		}
		cf.last = max(cf.last, m.stats.Last)
		cf.requests += m.stats.Requests
		cf.tokens = store.AddTokens(cf.tokens, m.stats.Tokens)
		if m.stats.Signups > 0 {
			cf.signups++
		}
		cf.members = append(cf.members, m)
	}
	if err := cf.nameAttrs(st, index); err != nil {
		return nil, err
	}
	order := make([]int32, len(cf.attrs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &cf.attrs[x], &cf.attrs[y]
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.value, b.value), cmp.Compare(a.id, b.id))
	})
	for r, i := range order {
		cf.attrs[i].rank = int32(r)
	}
	for i := range cf.members {
		m := &cf.members[i]
		slices.SortFunc(m.edges, func(x, y edge) int { return cmp.Compare(cf.attrs[x.attr].rank, cf.attrs[y.attr].rank) })
		for _, e := range m.edges {
			a := &cf.attrs[e.attr]
			if a.inside < 2 || a.kind == store.KindIPPrefix {
				continue
			}
			m.shared++
			switch a.kind {
			case store.KindPayment:
				m.payments = append(m.payments, a.value)
			case store.KindEmail:
				m.emails = append(m.emails, a.value)
			case store.KindDevice:
				m.devices = append(m.devices, a.value)
			case store.KindIP:
				m.ips++
			case store.KindTemplate:
				m.templates++
			}
		}
	}
	slices.SortFunc(cf.members, func(x, y member) int {
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.id, y.id))
	})
	if err := cf.loadSkeletons(st); err != nil {
		return nil, err
	}
	return cf, nil
}

// templateScanner is the part of *store.Store that reads the template
// miner's state.
type templateScanner interface {
	ScanTemplates(fn func(id uint32, data []byte) error) error
}

// loadSkeletons reads the skeletons of the mined templates the package
// shows. Samples are left out on purpose: they are prompts of any account,
// not only of the cluster's.
func (cf *caseFile) loadSkeletons(st linkage.Store) error {
	cf.skeletons = map[string]string{}
	ts, ok := st.(templateScanner)
	if !ok {
		return nil
	}
	want := map[string]bool{}
	for _, list := range [][]linkage.SharedAttr{cf.detail.Templates, cf.detail.Shared} {
		for _, a := range list {
			if a.Kind != store.KindTemplate.String() {
				continue
			}
			if _, err := st.Lookup(store.KindTemplate, "m:"+a.Value); err == nil {
				want[a.Value] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	return ts.ScanTemplates(func(id uint32, data []byte) error {
		key := strconv.FormatUint(uint64(id), 10)
		if !want[key] {
			return nil
		}
		var t templates.Template
		if err := t.UnmarshalBinary(data); err != nil {
			return fmt.Errorf("template %s: %w", key, err)
		}
		cf.skeletons[key] = t.Skeleton
		return nil
	})
}

// nameAttrs reads the kind and value of every attribute: one lookup each,
// or, when the cluster touches a large share of the graph (a big ring on
// fresh IPs), one sequential scan of the nodes, which is then cheaper.
func (cf *caseFile) nameAttrs(st linkage.Store, index map[store.NodeID]int32) error {
	if int64(len(cf.attrs))*scanShare > int64(st.MaxNodeID()) {
		found := 0
		err := st.ScanNodes(func(id store.NodeID, k store.Kind, v []byte) error {
			if i, ok := index[id]; ok {
				cf.attrs[i].kind, cf.attrs[i].value = k, linkage.DisplayValue(k, string(v))
				found++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if found == len(cf.attrs) {
			return nil
		}
	}
	for i := range cf.attrs {
		a := &cf.attrs[i]
		k, v, err := st.Node(a.id)
		if err != nil {
			return fmt.Errorf("attribute %d: %w", a.id, err)
		}
		a.kind, a.value = k, linkage.DisplayValue(k, v)
	}
	return nil
}

// scanShare: scan the nodes instead of looking attributes up one by one
// when the cluster's attributes are more than 1/scanShare of all nodes (a
// lookup costs about as much as scanning this many nodes). A variable for
// tests.
var scanShare int64 = 16

// strongest returns the shared attributes summary.txt shows, in the order
// of linkage.ByEvidence (values nobody outside holds first), leaving out
// values held more outside the cluster than inside: those are what
// innocent crowds share. The list takes the strongest value of each kind,
// then the second of each kind, and so on, so that every kind of evidence
// shows.
func (cf *caseFile) strongest() []linkage.SharedAttr {
	var all []linkage.SharedAttr
	for _, a := range cf.detail.Shared {
		if a.Outside <= a.Inside {
			all = append(all, a)
		}
	}
	slices.SortStableFunc(all, func(a, b linkage.SharedAttr) int {
		return cmp.Or(linkage.ByEvidence(a, b), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Value, b.Value))
	})
	var kinds []string
	byKind := map[string][]linkage.SharedAttr{}
	for _, a := range all {
		if byKind[a.Kind] == nil {
			kinds = append(kinds, a.Kind)
		}
		byKind[a.Kind] = append(byKind[a.Kind], a)
	}
	var out []linkage.SharedAttr
	for round := 0; len(out) < min(cf.opt.Top, len(all)); round++ {
		for _, k := range kinds {
			if round < len(byKind[k]) && len(out) < cf.opt.Top {
				out = append(out, byKind[k][round])
			}
		}
	}
	return out
}

// Time layouts: fixed width, UTC.
const (
	layoutMS  = "2006-01-02T15:04:05.000Z"
	layoutMin = "2006-01-02 15:04 UTC"
)

// signupTime is an account's earliest signup, or "" when it has none.
func signupTime(st store.AccountStats) string {
	if st.Signups == 0 {
		return ""
	}
	return msTime(st.Signup, layoutMS)
}

// msTime renders unix milliseconds. A time of 0 is 1970-01-01, a valid
// ts: callers check a count for absence.
func msTime(ms int64, layout string) string {
	return time.UnixMilli(ms).UTC().Format(layout)
}
