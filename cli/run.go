package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

// runCommand is the scheduled job: ingest what is new, link, and compare
// with the previous run. With --alert it exits ExitAlert when there is
// something new to look at.
func runCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:      "run",
		Usage:     "the scheduled job: ingest what is new, link, compare with the previous run, print a summary",
		ArgsUsage: "PATH... (- for standard input)",
		Flags: append([]ucli.Flag{
			formatFlag(false),
			&ucli.BoolFlag{Name: "alert", Usage: fmt.Sprintf("exit %d when a cluster is newly flagged or a flagged cluster grew", ExitAlert)},
			&ucli.StringFlag{Name: "rejects", Usage: "write each rejected record, with file:line and reason, to `FILE` (JSON lines)"},
			&ucli.Int64Flag{Name: "max-rejects", Usage: "stop with exit 1, before linking, after more than `N` rejected records (-1: no limit)", Value: -1},
			&ucli.StringFlag{Name: "input-format", Usage: "input format of standard input and of files without a known extension: jsonl or csv", Value: "jsonl"},
			&ucli.IntFlag{Name: "batch-lines", Usage: "input lines per committed batch", Value: ingest.DefaultBatchLines, Hidden: true},
		}, linkFlags()...),
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			if c.NArg() == 0 {
				return usagef("run needs at least one PATH (or - for standard input)")
			}
			iopt := ingestOptions{Paths: c.Args().Slice(), Rejects: c.String("rejects"), MaxRejects: c.Int64("max-rejects"),
				Format: c.String("input-format"), BatchLines: c.Int("batch-lines")}
			if iopt.Format != "jsonl" && iopt.Format != "csv" {
				return usagef("--input-format %q: want jsonl or csv", iopt.Format)
			}
			if err := iopt.check(ios.In, dbPath(c)); err != nil {
				return err
			}
			lopt, err := linkOptions(c, ios)
			if err != nil {
				return err
			}
			return scheduledRun(c, ios, f, iopt, lopt, c.Bool("alert"))
		},
	}
}

// runSummary is what `run --format json` prints; the field names are
// stable for schedulers.
type runSummary struct {
	Run             string          `json:"run"`
	Previous        *string         `json:"previous"` // null on the first run
	Time            string          `json:"time"`
	Ingested        ingestSummary   `json:"ingested"`
	Accounts        int             `json:"accounts"`
	Clusters        int             `json:"clusters"`
	Flagged         int             `json:"flagged_clusters"`
	FlaggedAccounts int             `json:"flagged_accounts"`
	Threshold       float64         `json:"threshold"`
	NewlyFlagged    []clusterChange `json:"newly_flagged"`
	Grown           []clusterChange `json:"grown"`
	Shrunk          []clusterChange `json:"shrunk"`
	NoLongerFlagged []clusterChange `json:"no_longer_flagged"`
	PrunedRuns      int             `json:"pruned_runs"` // older runs deleted (--keep-runs)
	// Alert: a cluster is newly flagged or a flagged cluster grew. With
	// --alert the command then exits ExitAlert.
	Alert bool `json:"alert"`
}

type ingestSummary struct {
	Records  int64                 `json:"records"`
	Rejected int64                 `json:"rejected"`
	Skipped  int                   `json:"skipped_files"` // content already ingested
	Failed   int                   `json:"failed_files"`  // could not be read
	Sources  []ingest.SourceResult `json:"sources"`
}

// clusterChange is one flagged cluster that changed since the previous
// run, matched by id.
type clusterChange struct {
	ID            string  `json:"id"`
	Status        string  `json:"status"`
	Size          int     `json:"size"`          // 0: gone
	PreviousSize  int     `json:"previous_size"` // 0: new id
	Score         float64 `json:"score"`
	PreviousScore float64 `json:"previous_score"`
	Added         int     `json:"added"`   // members not in the previous run's cluster of this id
	Removed       int     `json:"removed"` // members of the previous run's cluster no longer in it
	// The accounts themselves, for a cluster flagged both times that grew
	// or shrank: the new accounts of a ring to act on, in name order. A
	// newly flagged cluster's are all its members (cluster show).
	AddedAccounts   []string `json:"added_accounts,omitempty"`
	RemovedAccounts []string `json:"removed_accounts,omitempty"`
	TopReason       string   `json:"top_reason"`
}

// Change statuses.
const (
	statusNew    = "new"             // newly flagged, an id the previous run did not have
	statusRose   = "rose"            // newly flagged, below the threshold before
	statusGrew   = "grew"            // flagged both times, with members it did not have
	statusShrank = "shrank"          // flagged both times, only members lost
	statusBelow  = "below-threshold" // no longer flagged, still a cluster
	statusGone   = "gone"            // no longer flagged: the id is not in this run
)

const noPrevious = "none"

// runFailure is what run --format json prints when it stops before a
// run is recorded (the database is held by another process, no input
// could be read, too many rejects, the link failed): a scheduler that
// always parses the summary still gets one object, with run null, the
// error as the one line stderr has, and what was ingested before it.
type runFailure struct {
	Run      *string       `json:"run"`
	Error    string        `json:"error"`
	Ingested ingestSummary `json:"ingested"`
	Alert    bool          `json:"alert"`
}

func scheduledRun(c *ucli.Context, ios *IO, f string, iopt ingestOptions, lopt linkage.Options, alert bool) (err error) {
	var res ingest.Result
	printed := false
	if f == fmtJSON {
		defer func() {
			if err == nil || printed {
				return
			}
			sources := res.Sources
			if sources == nil {
				sources = []ingest.SourceResult{}
			}
			line, _ := errorLine(err, "ringlink run --help")
			fail := runFailure{Error: line,
				Ingested: ingestSummary{Records: res.Records, Rejected: res.Rejected, Sources: sources}}
			for _, s := range sources {
				switch {
				case s.Skipped:
					fail.Ingested.Skipped++
				case s.Failed:
					fail.Ingested.Failed++
				}
			}
			if werr := writeJSON(ios.Out, fail); werr != nil {
				err = errors.Join(err, werr)
			}
		}()
	}
	lg, err := logger(c, ios)
	if err != nil {
		return err
	}
	st, err := openDB(c, ios, true)
	if err != nil {
		return err
	}
	defer st.Close()
	prev, hasPrev, err := previousOfRun(st)
	if err != nil {
		return err
	}
	res, err = runIngest(c, ios, st, iopt)
	// Inputs that could not be read must not hold up the alerts on the
	// rest: link what was ingested, and fail (or alert) at the end.
	unreadable, partial := err.(ingest.InputErrors)
	if err != nil && (!partial || len(unreadable.Errs) == unreadable.Inputs) {
		return err
	}
	if partial {
		lg.Warn("some inputs could not be read; linking what the others hold", "unreadable", len(unreadable.Errs), "reason", unreadable.Error())
	}
	lg.Info("ingested", "records", res.Records, "rejected", res.Rejected, "elapsed", res.Elapsed)
	if res.Rejected > 0 && iopt.Rejects == "" {
		lg.Warn("some records were rejected (the first are logged above); --rejects FILE lists every one with its reason, and is only written when a file is first ingested", "rejected", res.Rejected)
	}
	run, err := runLink(c.Context, st, lopt)
	if err != nil {
		err = fmt.Errorf("link %s: %w", st.Dir(), err)
		if partial {
			err = errors.Join(err, unreadable)
		}
		return err
	}
	lg.Info("linked", "run", run.ID, "clusters", run.Clusters, "flagged", run.Flagged, "total_ms", run.TotalMS)
	sum := runSummary{Run: run.ID, Time: run.Time.UTC().Format("2006-01-02T15:04:05Z"), Accounts: run.Accounts,
		Clusters: run.Clusters, Flagged: run.Flagged, FlaggedAccounts: run.FlaggedAccounts, Threshold: run.Threshold, PrunedRuns: run.PrunedRuns,
		Ingested: ingestSummary{Records: res.Records, Rejected: res.Rejected, Sources: res.Sources}}
	if sum.Ingested.Sources == nil {
		sum.Ingested.Sources = []ingest.SourceResult{}
	}
	for _, s := range res.Sources {
		switch {
		case s.Skipped:
			sum.Ingested.Skipped++
		case s.Failed:
			sum.Ingested.Failed++
		}
	}
	var prevPtr *linkage.Run
	if hasPrev {
		prevPtr = &prev
		sum.Previous = &prev.ID
	}
	if err := compareRuns(st, prevPtr, run, &sum); err != nil {
		return fmt.Errorf("compare run %s with %s: %w", run.ID, prev.ID, err)
	}
	sum.Alert = len(sum.NewlyFlagged) > 0 || len(sum.Grown) > 0
	lg.Info("compared", "run", run.ID, "newly_flagged", len(sum.NewlyFlagged), "grown", len(sum.Grown),
		"shrunk", len(sum.Shrunk), "no_longer_flagged", len(sum.NoLongerFlagged), "alert", sum.Alert)
	printed = true
	if f == fmtJSON {
		err = writeJSON(ios.Out, sum)
	} else {
		err = renderRunSummary(ios.Out, sum, selfCommand(c))
	}
	if err != nil {
		return err
	}
	if alert && sum.Alert {
		p := noPrevious
		if sum.Previous != nil {
			p = *sum.Previous
		}
		msg := fmt.Sprintf("alert: %d newly flagged, %d flagged grew (run %s, previous %s)",
			len(sum.NewlyFlagged), len(sum.Grown), run.ID, p)
		if partial {
			msg += "; and " + unreadable.Error()
		}
		return alertError{msg}
	}
	if partial {
		return fmt.Errorf("run %s linked what was read, but %w", run.ID, unreadable)
	}
	return nil
}

// previousOfRun is the run a scheduled run is compared with: the latest
// run `ringlink run` made, so that an analyst's link in between (with
// another threshold, say) neither hides a page nor repeats one. A run
// recorded before runs kept their command may have been either, and is
// taken as the job's. With none, there is no previous run, and the first
// run alerts on every flagged cluster.
func previousOfRun(st *store.Store) (linkage.Run, bool, error) {
	runs, err := linkage.Runs(st)
	if err != nil {
		return linkage.Run{}, false, err
	}
	for _, r := range runs {
		if r.Command == "run" || r.Command == "" {
			return r, true, nil
		}
	}
	return linkage.Run{}, false, nil
}

// runClusters reads a run's clusters in rank order.
func runClusters(st *store.Store, run string) ([]linkage.Cluster, error) {
	var out []linkage.Cluster
	err := linkage.Clusters(st, run, func(c linkage.Cluster) bool {
		out = append(out, c)
		return true
	})
	return out, err
}

// compareRuns fills the change lists of sum: clusters are matched by id
// (linkage keeps a ring's id while most of its members stay). A previous
// cluster counts as flagged by this run's threshold, so that a change of
// threshold is not a change in the rings. A flagged cluster that gained
// members grew, whatever it lost (a ring that swaps burnt accounts for
// new ones has new accounts to act on); one that only lost members
// shrank. Lists are in rank order of the current run, then (for gone
// clusters) of the previous one.
func compareRuns(st *store.Store, prev *linkage.Run, cur linkage.Run, sum *runSummary) error {
	sum.NewlyFlagged, sum.Grown, sum.Shrunk, sum.NoLongerFlagged = []clusterChange{}, []clusterChange{}, []clusterChange{}, []clusterChange{}
	now, err := runClusters(st, cur.ID)
	if err != nil {
		return err
	}
	var before []linkage.Cluster
	if prev != nil {
		if before, err = runClusters(st, prev.ID); err != nil {
			return err
		}
	}
	byID := make(map[string]int, len(before))
	for i, p := range before {
		byID[p.ID] = i
	}
	// Scores are recorded rounded: under the same threshold, the recorded
	// flag is the exact one.
	wasFlagged := func(p linkage.Cluster) bool {
		if prev.Threshold == cur.Threshold {
			return p.Flagged
		}
		return p.Score >= cur.Threshold
	}
	seen := make([]bool, len(before))
	for _, c := range now {
		i, ok := byID[c.ID]
		var p linkage.Cluster
		if ok {
			p, seen[i] = before[i], true
		}
		was := ok && wasFlagged(p)
		if !c.Flagged && !was {
			continue
		}
		ch := clusterChange{ID: c.ID, Size: c.Size, Score: c.Score, TopReason: topReason(c.Reasons), Added: c.Size}
		if ok {
			ch.PreviousSize, ch.PreviousScore = p.Size, p.Score
			added, removed, err := linkage.MemberChanges(st, prev.ID, p.Rank, cur.ID, c.Rank)
			if err != nil {
				return err
			}
			ch.Added, ch.Removed = len(added), len(removed)
			if c.Flagged && was {
				if ch.AddedAccounts, err = linkage.Names(st, added); err != nil {
					return err
				}
				if ch.RemovedAccounts, err = linkage.Names(st, removed); err != nil {
					return err
				}
			}
		}
		switch {
		case c.Flagged && !ok:
			ch.Status = statusNew
			sum.NewlyFlagged = append(sum.NewlyFlagged, ch)
		case c.Flagged && !was:
			ch.Status = statusRose
			sum.NewlyFlagged = append(sum.NewlyFlagged, ch)
		case c.Flagged && ch.Added > 0:
			ch.Status = statusGrew
			sum.Grown = append(sum.Grown, ch)
		case c.Flagged && ch.Removed > 0:
			ch.Status = statusShrank
			sum.Shrunk = append(sum.Shrunk, ch)
		case !c.Flagged:
			ch.Status = statusBelow
			sum.NoLongerFlagged = append(sum.NoLongerFlagged, ch)
		}
	}
	for i, p := range before {
		if wasFlagged(p) && !seen[i] {
			sum.NoLongerFlagged = append(sum.NoLongerFlagged, clusterChange{ID: p.ID, Status: statusGone,
				PreviousSize: p.Size, PreviousScore: p.Score, Removed: p.Size, TopReason: topReason(p.Reasons)})
		}
	}
	return nil
}

// shownChanges is how many of the accounts that joined or left a cluster
// the table names; JSON has them all.
const shownChanges = 10

// listSome joins the first n of names, and says how many more there are.
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more (--format json lists them all)", strings.Join(names[:n], ", "), len(names)-n)
}

func topReason(rs []string) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0]
}

func renderRunSummary(w io.Writer, s runSummary, self string) error {
	prev := noPrevious
	if s.Previous != nil {
		prev = *s.Previous
	}
	fmt.Fprintf(w, "run %s at %s (previous %s)\n", s.Run, strings.Replace(s.Time, "T", " ", 1), prev)
	in := s.Ingested
	if files := len(in.Sources) - in.Skipped - in.Failed; files > 0 {
		fmt.Fprintf(w, "ingested %d records (%d rejected) from %d new %s", in.Records, in.Rejected, files, plural(files, "input", "inputs"))
	} else {
		fmt.Fprint(w, "nothing new to ingest")
	}
	if in.Skipped > 0 {
		fmt.Fprintf(w, "; %d %s already ingested, skipped", in.Skipped, plural(in.Skipped, "input", "inputs"))
	}
	if in.Failed > 0 {
		fmt.Fprintf(w, "; %d could not be read", in.Failed)
	}
	if s.PrunedRuns > 0 {
		fmt.Fprintf(w, "\ndeleted %d older %s (--keep-runs)", s.PrunedRuns, plural(s.PrunedRuns, "run", "runs"))
	}
	fmt.Fprintf(w, "\nlinked %d accounts: %d clusters, %d flagged holding %d accounts (score >= %.2f)\n",
		s.Accounts, s.Clusters, s.Flagged, s.FlaggedAccounts, s.Threshold)
	sections := []struct {
		title string
		list  []clusterChange
	}{
		{"newly flagged", s.NewlyFlagged},
		{"flagged, grew", s.Grown},
		{"flagged, shrank", s.Shrunk},
		{"no longer flagged", s.NoLongerFlagged},
	}
	changes := 0
	for _, sec := range sections {
		if len(sec.list) == 0 {
			continue
		}
		changes += len(sec.list)
		fmt.Fprintf(w, "\n%s (%d):\n", sec.title, len(sec.list))
		tw := newTable(w)
		fmt.Fprintln(tw, "  ID\tSTATUS\tSIZE\tWAS\tJOINED\tLEFT\tSCORE\tWAS\tTOP REASON")
		for _, c := range sec.list {
			size, score, prevSize, prevScore := "-", "-", "-", "-"
			if c.Status != statusGone {
				size, score = fmt.Sprint(c.Size), fmt.Sprintf("%.3f", c.Score)
			}
			if c.Status != statusNew {
				prevSize, prevScore = fmt.Sprint(c.PreviousSize), fmt.Sprintf("%.3f", c.PreviousScore)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t+%d\t-%d\t%s\t%s\t%s\n", c.ID, c.Status, size, prevSize,
				c.Added, c.Removed, score, prevScore, c.TopReason)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, c := range sec.list {
			for _, l := range []struct {
				what  string
				accts []string
			}{{"joined", c.AddedAccounts}, {"left", c.RemovedAccounts}} {
				if len(l.accts) > 0 {
					fmt.Fprintf(w, "  %s %s: %s\n", c.ID, l.what, listSome(l.accts, shownChanges))
				}
			}
		}
	}
	switch {
	case changes == 0 && s.Previous != nil:
		fmt.Fprintf(w, "\nno changes in flagged clusters since %s\n", prev)
	case changes == 0:
		fmt.Fprintln(w, "\nno flagged clusters")
	}
	if s.Alert {
		fmt.Fprintf(w, "\nsomething new to look at: %[1]s cluster show ID, or %[1]s export ID --out ID.zip\n", self)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
