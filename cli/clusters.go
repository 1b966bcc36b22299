package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func clustersCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "clusters",
		Usage: "list the clusters of the latest run, highest score first",
		Flags: []ucli.Flag{
			formatFlag(true),
			&ucli.IntFlag{Name: "min-size", Usage: "only clusters of at least this many accounts", Value: 2},
			&ucli.Float64Flag{Name: "min-score", Usage: "only clusters scoring at least this"},
			&ucli.IntFlag{Name: "limit", Usage: "at most this many clusters (0: all)"},
			&ucli.BoolFlag{Name: "members", Usage: "list each cluster's accounts"},
			&ucli.BoolFlag{Name: "flagged", Usage: "only flagged clusters"},
			&ucli.Float64Flag{Name: "threshold", Usage: "flag threshold (the run's own when not given)", DefaultText: "the run's"},
			runFlag,
		},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, true)
			if err != nil {
				return err
			}
			for _, err := range []error{checkMin(c, "limit", 0), checkMin(c, "min-size", 1),
				checkScore(c, "min-score", false), checkScore(c, "threshold", true)} {
				if err != nil {
					return err
				}
			}
			return withStore(c, ios, func(st *store.Store) error {
				run, err := pickRun(st, c.String("run"))
				if err != nil {
					return err
				}
				threshold := run.Threshold
				if c.IsSet("threshold") {
					threshold = c.Float64("threshold")
				}
				rows, err := listClusters(st, run, threshold, c.Int("min-size"), c.Float64("min-score"), c.Int("limit"), c.Bool("members"), c.Bool("flagged"))
				if err != nil {
					return err
				}
				return renderClusters(ios, f, run, rows, c.Bool("members"))
			})
		},
	}
}

// runFlag picks an older recorded run for a listing or a show.
var runFlag = &ucli.StringFlag{Name: "run", Usage: "a recorded run `R-…` (default: the latest; ringlink runs lists them)"}

// pickRun returns the recorded run id, or the latest when id is empty.
func pickRun(st *store.Store, id string) (linkage.Run, error) {
	if id == "" {
		return linkage.Latest(st)
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(id, "R-")); err != nil || n <= 0 || !strings.HasPrefix(id, "R-") {
		return linkage.Run{}, usagef("--run %q: want a run id such as R-000001 (ringlink runs lists them)", id)
	}
	run, err := linkage.GetRun(st, id)
	if errors.Is(err, linkage.ErrNoRun) {
		return run, fmt.Errorf("run %s is not recorded: link keeps the newest --keep-runs runs (ringlink runs lists them)", id)
	}
	return run, err
}

// reasonSep joins a cluster's reasons in one CSV field: a reason holds
// semicolons of its own, and a bar only inside a value, which has no
// spaces (a mail domain), so the field splits back on it.
const reasonSep = " | "

type clusterJSON struct {
	ID       string    `json:"id"`
	Size     int       `json:"size"`
	Score    float64   `json:"score"`
	Flagged  bool      `json:"flagged"`
	Accounts *[]string `json:"accounts,omitempty"`
	Reasons  []string  `json:"reasons"`
}

func listClusters(st *store.Store, run linkage.Run, threshold float64, minSize int, minScore float64, limit int, members, flaggedOnly bool) ([]clusterJSON, error) {
	rows := []clusterJSON{}
	var err error
	scanErr := linkage.Clusters(st, run.ID, func(cl linkage.Cluster) bool {
		if cl.Score < minScore {
			return false // sorted by score: nothing below follows
		}
		flagged := cl.Score >= threshold
		if cl.Size < minSize || (flaggedOnly && !flagged) {
			return true
		}
		row := clusterJSON{ID: cl.ID, Size: cl.Size, Score: cl.Score, Flagged: flagged, Reasons: cl.Reasons}
		if members {
			var names []string
			names, err = linkage.MemberNames(st, run.ID, cl.Rank)
			if err != nil {
				return false
			}
			row.Accounts = &names
		}
		rows = append(rows, row)
		return limit == 0 || len(rows) < limit
	})
	if scanErr != nil {
		return nil, scanErr
	}
	return rows, err
}

func renderClusters(ios *IO, f string, run linkage.Run, rows []clusterJSON, members bool) error {
	switch f {
	case fmtJSON:
		return writeJSON(ios.Out, rows)
	case fmtCSV:
		// With members, one row per member: account ids may hold spaces
		// or any separator, and a row per member is what a script or a
		// spreadsheet filter wants anyway.
		header := []string{"id", "size", "score", "flagged", "reasons"}
		if members {
			header = append(header, "account")
		}
		out := make([][]string, 0, len(rows))
		for _, r := range rows {
			rec := []string{r.ID, strconv.Itoa(r.Size), strconv.FormatFloat(r.Score, 'f', 4, 64), strconv.FormatBool(r.Flagged), strings.Join(r.Reasons, reasonSep)}
			if !members {
				out = append(out, rec)
				continue
			}
			for _, a := range *r.Accounts {
				out = append(out, append(slices.Clip(rec), a))
			}
		}
		return writeCSV(ios.Out, header, out)
	}
	fmt.Fprintf(ios.Out, "run %s: showing %d of %d clusters\n\n", run.ID, len(rows), run.Clusters)
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "ID\tSIZE\tSCORE\tFLAGGED\tTOP REASON")
	for _, r := range rows {
		flag := ""
		if r.Flagged {
			flag = "yes"
		}
		reason := ""
		if len(r.Reasons) > 0 {
			reason = r.Reasons[0]
		}
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%s\t%s\n", r.ID, r.Size, r.Score, flag, reason)
		if members {
			names := make([]string, len(*r.Accounts))
			for i, a := range *r.Accounts {
				names[i] = textCell(a)
			}
			fmt.Fprintf(tw, "\t\t\t\tmembers: %s\n", strings.Join(names, " "))
		}
	}
	return tw.Flush()
}

func clusterCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "cluster",
		Usage: "inspect clusters",
		Subcommands: []*ucli.Command{{
			Name:      "show",
			Usage:     "one cluster: members, score and reasons, shared attributes, timeline, templates",
			ArgsUsage: "ID",
			Flags: []ucli.Flag{
				formatFlag(false),
				&ucli.IntFlag{Name: "limit", Usage: "at most this many shared attributes and templates (0: all)", Value: 20},
				&ucli.IntFlag{Name: "show-members", Usage: "members printed in table format (-1: all; json lists all)", Value: 50},
				runFlag,
			},
			Action: func(c *ucli.Context) error {
				f, err := outputFormat(c, false)
				if err != nil {
					return err
				}
				if err := exactArgs(c, 1, "cluster show needs exactly one cluster ID"); err != nil {
					return err
				}
				if err := errors.Join(checkMin(c, "limit", 0), checkMin(c, "show-members", -1)); err != nil {
					return err
				}
				return withStore(c, ios, func(st *store.Store) error {
					run, err := pickRun(st, c.String("run"))
					if err != nil {
						return err
					}
					cl, err := linkage.FindCluster(st, run.ID, c.Args().First())
					if err != nil {
						return err
					}
					d, err := linkage.ClusterDetail(st, run, cl, c.Int("limit"))
					if err != nil {
						return err
					}
					label, err := tableLabels(st, f)
					if err != nil {
						return err
					}
					return renderCluster(ios, f, d, c.Int("show-members"), label)
				})
			},
		}},
	}
}

func renderCluster(ios *IO, f string, d linkage.Detail, showMembers int, label func(kind, value string) string) error {
	if f == fmtJSON {
		return writeJSON(ios.Out, d)
	}
	flag := "not flagged"
	if d.Flagged {
		flag = "FLAGGED"
	}
	w := ios.Out
	fmt.Fprintf(w, "cluster %s (run %s)\nsize %d   score %.3f   %s\n", d.ID, d.Run, d.Size, d.Score, flag)
	if d.RecordsSinceRun > 0 {
		fmt.Fprintf(w, "note: %d records were ingested after run %s; the members, score and reasons are the run's,\nbut the shared attributes, templates and timeline below include the new records\n", d.RecordsSinceRun, d.Run)
	}
	fmt.Fprint(w, "\nreasons:\n")
	for _, r := range d.Reasons {
		fmt.Fprintf(w, "  - %s\n", r)
	}
	if missing := linkage.Missing(d.Signals, d.Size); !d.Flagged && len(missing) > 0 {
		fmt.Fprintln(w, "\nnot flagged: weak or absent here:")
		for _, m := range missing {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	fmt.Fprintf(w, "\nmembers (%d):\n", len(d.Accounts))
	shown := d.Accounts
	if showMembers >= 0 && len(shown) > showMembers {
		shown = shown[:showMembers]
	}
	for i := 0; i < len(shown); i += 5 {
		var row []string
		for _, a := range shown[i:min(i+5, len(shown))] {
			row = append(row, textCell(a))
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(row, "  "))
	}
	if len(shown) < len(d.Accounts) {
		fmt.Fprintf(w, "  ... and %d more (--show-members N, or --format json)\n", len(d.Accounts)-len(shown))
	}
	fmt.Fprintln(w, "\nshared attributes (held by 2+ members; values no other account holds first; WEIGHT: what the value\ncounts for in linking, by kind and rarity; REQUESTS: the members' records with it, signups included):")
	tw := newTable(w)
	fmt.Fprintln(tw, "  KIND\tVALUE\tMEMBERS\tOUTSIDE\tREQUESTS\tWEIGHT")
	for _, a := range d.Shared {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%.3f\n", a.Kind, label(a.Kind, a.Value), a.Inside, a.Outside, a.Requests, a.Weight)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\ntop templates:")
	tw = newTable(w)
	fmt.Fprintln(tw, "  TEMPLATE\tREQUESTS\tMEMBERS\tOUTSIDE")
	for _, a := range d.Templates {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\n", label(a.Kind, a.Value), a.Requests, a.Inside, a.Outside)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\ntimeline (UTC days when something changed; a day without a row is like the row above, without its events):")
	tw = newTable(w)
	fmt.Fprintln(tw, "  DATE\tSIGNUPS\tFIRST SEEN\tLAST SEEN\tACTIVE")
	for _, day := range d.Timeline {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\n", day.Date, day.Signups, day.FirstSeen, day.LastSeen, day.Active)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return renderHours(w, d.HoursUTC, d.Requests)
}

// renderHours draws the members' requests by UTC hour of the day as bars:
// people's traffic rises and falls over the day, a farm's stays level.
// requests is the members' requests, dated or not.
func renderHours(w io.Writer, hours [24]uint64, requests uint64) error {
	var peak, dated uint64
	for _, n := range hours {
		peak = max(peak, n)
		dated += n
	}
	switch {
	case requests == 0:
		_, err := fmt.Fprintln(w, "\nhours of the day: the members made no requests")
		return err
	case dated == 0:
		_, err := fmt.Fprintln(w, "\nhours of the day: not recorded (the members' records were ingested before ringlink counted hours)")
		return err
	case dated < requests:
		fmt.Fprintf(w, "\nhours of the day (UTC; the members' requests in each hour; %d of their %d requests, the rest\ningested before ringlink counted hours):\n", dated, requests)
	default:
		fmt.Fprintln(w, "\nhours of the day (UTC; the members' requests in each hour):")
	}
	const width = 40
	for h, n := range hours {
		bar := int((n*width + peak - 1) / peak)
		if _, err := fmt.Fprintf(w, "  %02d  %-*s %d\n", h, width, strings.Repeat("#", bar), n); err != nil {
			return err
		}
	}
	return nil
}

// latestOrNone returns the latest run, or ok=false when there is none.
func latestOrNone(st *store.Store) (linkage.Run, bool, error) {
	run, err := linkage.Latest(st)
	if errors.Is(err, linkage.ErrNoRun) {
		return run, false, nil
	}
	return run, err == nil, err
}
