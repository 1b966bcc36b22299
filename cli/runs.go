package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

// runsCommand lists the recorded runs without recording one: what an
// analyst needs to pick a --run for export or to see what the hourly job
// has been finding.
func runsCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "runs",
		Usage: "list the recorded linkage runs, newest first",
		Flags: []ucli.Flag{
			formatFlag(true),
			&ucli.IntFlag{Name: "limit", Usage: "at most `N` runs (0: all)"},
		},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, true)
			if err != nil {
				return err
			}
			if err := checkMin(c, "limit", 0); err != nil {
				return err
			}
			return withStore(c, ios, func(st *store.Store) error {
				runs, err := linkage.Runs(st)
				if err != nil {
					return err
				}
				if len(runs) == 0 && f == fmtTable {
					// An empty list for scripts; a hint for people.
					fmt.Fprintln(ios.Out, "no linkage run yet (ringlink link records one)")
					return nil
				}
				latest, err := linkage.Latest(st)
				if err != nil && !errors.Is(err, linkage.ErrNoRun) {
					return err
				}
				if n := c.Int("limit"); n > 0 && len(runs) > n {
					runs = runs[:n]
				}
				return renderRuns(ios, f, runs, latest.ID)
			})
		},
	}
}

func renderRuns(ios *IO, f string, runs []linkage.Run, latest string) error {
	switch f {
	case fmtJSON:
		if runs == nil {
			runs = []linkage.Run{}
		}
		for i := range runs {
			runs[i].TotalMS = tookMS(runs[i])
		}
		return writeJSON(ios.Out, runs)
	case fmtCSV:
		recs := make([][]string, len(runs))
		for i, r := range runs {
			recs[i] = []string{r.ID, r.Time.UTC().Format("2006-01-02T15:04:05Z"), r.Previous, strconv.Itoa(r.Accounts), strconv.Itoa(r.Clusters),
				strconv.Itoa(r.Flagged), strconv.Itoa(r.FlaggedAccounts), strconv.FormatFloat(r.Threshold, 'f', -1, 64),
				strconv.Itoa(r.KeptIDs), strconv.Itoa(r.NewIDs), strconv.FormatInt(tookMS(r), 10), r.Command}
		}
		return writeCSV(ios.Out, []string{"id", "time", "previous", "accounts", "clusters", "flagged_clusters", "flagged_accounts",
			"threshold", "kept_ids", "new_ids", "took_ms", "command"}, recs)
	}
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "RUN\tTIME (UTC)\tBY\tACCOUNTS\tCLUSTERS\tFLAGGED\tFLAGGED ACCOUNTS\tTHRESHOLD\tIDS KEPT/NEW\tTOOK\t")
	for _, r := range runs {
		mark := ""
		if r.ID == latest {
			mark = "latest"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%d/%d\t%.1fs\t%s\n", r.ID, r.Time.UTC().Format("2006-01-02 15:04:05"),
			orDash(r.Command), r.Accounts, r.Clusters, r.Flagged, r.FlaggedAccounts, r.Threshold, r.KeptIDs, r.NewIDs, float64(tookMS(r))/1000, mark)
	}
	return tw.Flush()
}

// tookMS is the time a run took up to recording it: its stored total,
// which counts matching ids too, or for a run recorded before the total
// was kept, its load, passes and scoring. Every format shows this one
// figure; link's own output adds the write.
func tookMS(r linkage.Run) int64 {
	if r.TotalMS > 0 {
		return r.TotalMS
	}
	return r.LoadMS + r.PassesMS + r.ScoreMS
}
