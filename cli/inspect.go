package cli

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"time"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func statsCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "stats",
		Usage: "count nodes by kind, edges, records and ingested files",
		Flags: []ucli.Flag{formatFlag(false)},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			return withStore(c, ios, func(st *store.Store) error {
				s, err := st.Stats()
				if err != nil {
					return err
				}
				return renderStats(ios, f, s)
			})
		},
	}
}

type statsJSON struct {
	Nodes    map[string]int64 `json:"nodes"`
	Edges    int64            `json:"edges"`
	Records  int64            `json:"records"`
	Rejected int64            `json:"rejected"`
	Files    int              `json:"files"`
	// Format is the database's format version: builds that read an older
	// one refuse it.
	Format uint32 `json:"format"`
	// DatedRequests counts the requests whose hour of the day is recorded
	// (all of them unless the database took records in before format 4).
	DatedRequests uint64 `json:"dated_requests"`
	// Traffic is the span of the requests' days; null when inputs read
	// before days were counted hold records.
	Traffic *trafficJSON  `json:"traffic"`
	Sources []statsSource `json:"sources"`
}

// trafficJSON is the span of the requests' UTC days (YYYY-MM-DD): the
// days request rates are measured over.
type trafficJSON struct {
	First    string `json:"first_day,omitempty"`
	Last     string `json:"last_day,omitempty"`
	Days     int    `json:"days_with_requests"`
	Requests uint64 `json:"requests"`
}

func newTraffic(srcs []store.Source) *trafficJSON {
	days, ok := store.RequestDays(srcs)
	if !ok {
		return nil
	}
	t := &trafficJSON{Days: len(days)}
	for _, d := range days {
		t.Requests += d.Requests
	}
	if len(days) > 0 {
		day := func(d int64) string { return time.UnixMilli(d * store.DayMS).UTC().Format(time.DateOnly) }
		t.First, t.Last = day(days[0].Day), day(days[len(days)-1].Day)
	}
	return t
}

// statsSource is a source checkpoint with whether re-running ingest
// resumes it (unfinished, not failed for good, not standard input). The
// content hash is hex and the times RFC 3339, not the stored integers: a
// 64-bit integer does not survive JSON tools that read numbers as doubles.
type statsSource struct {
	store.Source
	Hash      string `json:"hash"`
	Follows   string `json:"follows,omitempty"` // the hash of the read it went on from
	Decoded   string `json:"decoded,omitempty"` // a gzipped input's decoded content's hash
	Started   string `json:"started"`
	Finished  string `json:"finished,omitempty"`
	Resumable bool   `json:"resumable"`
}

func newStatsSource(src store.Source) statsSource {
	ss := statsSource{Source: src, Hash: fmt.Sprintf("%016x", src.Hash), Started: msRFC3339(src.Started), Resumable: src.Resumable()}
	if src.Finished != 0 {
		ss.Finished = msRFC3339(src.Finished)
	}
	if src.Follows != 0 {
		ss.Follows = fmt.Sprintf("%016x", src.Follows)
	}
	if src.Decoded != 0 {
		ss.Decoded = fmt.Sprintf("%016x", src.Decoded)
	}
	return ss
}

// msRFC3339 formats Unix milliseconds as RFC 3339 in UTC.
func msRFC3339(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

func renderStats(ios *IO, f string, s store.Stats) error {
	out := statsJSON{Nodes: map[string]int64{}, Edges: s.Edges, Records: s.Records, Rejected: s.Rejected, Format: s.Format, DatedRequests: s.Dated, Traffic: newTraffic(s.Sources), Sources: []statsSource{}}
	for _, k := range store.Kinds {
		out.Nodes[k.String()] = s.Nodes[k]
	}
	done := 0
	for _, src := range s.Sources {
		if src.Done {
			done++
		}
		out.Sources = append(out.Sources, newStatsSource(src))
	}
	out.Files = done
	if f == fmtJSON {
		return writeJSON(ios.Out, out)
	}
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "KIND\tNODES")
	for _, k := range store.Kinds {
		fmt.Fprintf(tw, "%s\t%d\n", k, s.Nodes[k])
	}
	fmt.Fprintf(tw, "\nedges\t%d\nrecords\t%d\nrejected\t%d\nfiles ingested\t%d\nformat\t%d\n", s.Edges, s.Records, s.Rejected, done, s.Format)
	if s.Dated < s.Requests {
		fmt.Fprintf(tw, "hours of the day	%d of %d requests (the rest were ingested before ringlink counted them)\n", s.Dated, s.Requests)
	}
	switch t := out.Traffic; {
	case t == nil:
		fmt.Fprintln(tw, "requests by day\tunknown (inputs read before ringlink counted them)")
	case t.Days > 0:
		unit := "days"
		if t.Days == 1 {
			unit = "day"
		}
		fmt.Fprintf(tw, "requests by day\t%s to %s, %d %s with requests\n", t.First, t.Last, t.Days, unit)
	}
	// A path read in full since a read of it stopped has nothing left to
	// act on (the file was replaced).
	doneAfter := map[string]uint32{}
	for _, src := range s.Sources {
		if src.Done && !src.Stdin() {
			doneAfter[src.Path] = max(doneAfter[src.Path], src.ID)
		}
	}
	for _, src := range s.Sources {
		switch {
		case src.Done, !src.Stdin() && doneAfter[src.Path] > src.ID:
		case src.Resumable():
			fmt.Fprintf(tw, "unfinished\t%s (line %d, %d records kept; re-run ingest to resume)\n", src.Path, src.Lines, src.Records)
		case src.Failed != "":
			fmt.Fprintf(tw, "failed\t%s (%d records kept; cannot be resumed: %s)\n", sourceName(src), src.Records, src.Failed)
		default: // standard input, stopped without a word (killed)
			fmt.Fprintf(tw, "incomplete\t%s (%d records kept; standard input cannot be resumed)\n", sourceName(src), src.Records)
		}
	}
	return tw.Flush()
}

// sourceName names a source for people: standard input by when it was read.
func sourceName(src store.Source) string {
	if src.Stdin() {
		return "stdin at " + time.UnixMilli(src.Started).UTC().Format(time.RFC3339)
	}
	return src.Path
}

func attrCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "attr",
		Usage: "inspect attributes (ip, ip-prefix, payment, device, email, template)",
		Subcommands: []*ucli.Command{{
			Name:      "show",
			Usage:     "the accounts that used one attribute, with counts",
			ArgsUsage: "KIND VALUE",
			Flags:     []ucli.Flag{formatFlag(true), &ucli.IntFlag{Name: "limit", Usage: "show at most `N` accounts (0: all)"}},
			Action: func(c *ucli.Context) error {
				f, err := outputFormat(c, true)
				if err != nil {
					return err
				}
				if err := exactArgs(c, 2, "attr show needs KIND VALUE"); err != nil {
					return err
				}
				if c.Int("limit") < 0 {
					return usagef("--limit %d: want 0 (all) or more", c.Int("limit"))
				}
				k, err := store.ParseKind(c.Args().Get(0))
				if err != nil {
					return usageError{err.Error()}
				}
				value, err := canonicalValue(k, c.Args().Get(1))
				if err != nil {
					return usageError{err.Error()}
				}
				return withStore(c, ios, func(st *store.Store) error {
					return attrShow(ios, st, f, k, value, c.Int("limit"))
				})
			},
		}},
	}
}

// canonicalValue maps what a person types to the stored form, so that
// `attr show email John.Doe+x@GMail.com` finds johndoe@gmail.com.
func canonicalValue(k store.Kind, v string) (string, error) {
	switch k {
	case store.KindEmail:
		b, err := ingest.CanonicalEmail(nil, []byte(v))
		return string(b), err
	case store.KindIP:
		a, err := netip.ParseAddr(v)
		if err != nil {
			return "", fmt.Errorf("%q is not an IP address", v)
		}
		return a.Unmap().String(), nil
	case store.KindIPPrefix:
		p, err := netip.ParsePrefix(v)
		if err != nil {
			return "", fmt.Errorf("%q is not a prefix such as 203.0.113.0/24", v)
		}
		return p.Masked().String(), nil
	case store.KindTemplate:
		return store.ParseTemplate(v), nil
	}
	return v, nil
}

// attrClusterCap is the most holders attr show looks up clusters for.
const attrClusterCap = 5000

type attrAccountJSON struct {
	Account string `json:"account"`
	Count   uint64 `json:"count"`
	Tokens  uint64 `json:"tokens"`
	First   string `json:"first_seen"`
	Last    string `json:"last_seen"`
	// Cluster is the account's cluster in the latest run, so that the
	// holders of a value can be followed to their groups; null in none.
	Cluster *string `json:"cluster"`
	Flagged bool    `json:"cluster_flagged"`
}

func attrShow(ios *IO, st *store.Store, f string, k store.Kind, value string, limit int) error {
	// A template shows as every other command shows it ("702", not the
	// stored "m:702"), so that its id can be passed on to templates show.
	shown := value
	if k == store.KindTemplate {
		shown = store.TemplateDisplay(value)
	}
	id, err := st.Lookup(k, value)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no %s %q in %s", k, shown, st.Dir())
	}
	if err != nil {
		return err
	}
	accts, err := st.AttrAccounts(id)
	if err != nil {
		return err
	}
	run, hasRun, err := latestOrNone(st)
	if err != nil {
		return err
	}
	// Each lookup decodes a chunk of the run's account index: past a few
	// thousand holders (a carrier address, a popular template) that is
	// seconds to minutes, for values that say little about any one group.
	lookup := hasRun && len(accts) <= attrClusterCap
	rows := make([]attrAccountJSON, 0, len(accts))
	for _, a := range accts {
		e, err := st.Edge(a, id)
		if err != nil {
			return fmt.Errorf("edge of account %d: %w", a, err)
		}
		_, name, err := st.Node(a)
		if err != nil {
			return err
		}
		row := attrAccountJSON{Account: name, Count: e.Count, Tokens: e.Tokens, First: timeJSON(e.First), Last: timeJSON(e.Last)}
		if lookup {
			if row.Cluster, row.Flagged, err = clusterIn(st, run.ID, a); err != nil {
				return err
			}
		}
		rows = append(rows, row)
	}
	clusters, flagged := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		if r.Cluster != nil {
			clusters[*r.Cluster] = true
			if r.Flagged {
				flagged[*r.Cluster] = true
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].Account < rows[j].Account
	})
	total := len(rows)
	if limit > 0 && len(rows) > limit {
		rows = rows[:limit]
	}
	switch f {
	case fmtJSON:
		return writeJSON(ios.Out, map[string]any{"kind": k.String(), "value": shown, "account_count": total, "accounts": rows})
	case fmtCSV:
		recs := make([][]string, len(rows))
		for i, r := range rows {
			cl := ""
			if r.Cluster != nil {
				cl = *r.Cluster
			}
			recs[i] = []string{r.Account, strconv.FormatUint(r.Count, 10), strconv.FormatUint(r.Tokens, 10), r.First, r.Last, cl, strconv.FormatBool(r.Flagged)}
		}
		return writeCSV(ios.Out, []string{"account", "count", "tokens", "first_seen", "last_seen", "cluster", "cluster_flagged"}, recs)
	}
	fmt.Fprintf(ios.Out, "%s %s: used by %d %s", k, textCell(shown), total, plural(total, "account", "accounts"))
	switch {
	case lookup:
		fmt.Fprintf(ios.Out, " in %d %s of run %s (%d flagged)", len(clusters), plural(len(clusters), "cluster", "clusters"), run.ID, len(flagged))
	case hasRun:
		fmt.Fprintf(ios.Out, " (clusters not looked up for more than %d accounts)", attrClusterCap)
	}
	if len(rows) < total {
		fmt.Fprintf(ios.Out, "; showing %d (--limit 0 shows all)", len(rows))
	}
	fmt.Fprint(ios.Out, "\n\n")
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "ACCOUNT\tCOUNT\tTOKENS\tFIRST SEEN\tLAST SEEN\tCLUSTER")
	for _, r := range rows {
		cl := "-"
		if r.Cluster != nil {
			cl = *r.Cluster
			if r.Flagged {
				cl += " (flagged)"
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", textCell(r.Account), r.Count, r.Tokens, r.First, r.Last, cl)
	}
	return tw.Flush()
}
