package cli

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime/debug"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func linkCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "link",
		Usage: "run the linkage passes, score the clusters and record a run",
		Flags: append([]ucli.Flag{
			formatFlag(false),
			&ucli.StringFlag{Name: "export-graph", Usage: "also write the graph community detection runs on to `FILE` (edge list, for bench/community)"},
		}, linkFlags()...),
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			opt, err := linkOptions(c, ios)
			if err != nil {
				return err
			}
			if path := c.String("export-graph"); path != "" {
				if err := checkOutput("--export-graph", path, dbPath(c)); err != nil {
					return err
				}
				gf, err := os.Create(path)
				if err != nil {
					return fmt.Errorf("export graph: %w", err)
				}
				defer gf.Close()
				opt.ExportGraph = gf
			}
			return withStore(c, ios, func(st *store.Store) error {
				run, err := runLink(c.Context, st, opt)
				if err != nil {
					return fmt.Errorf("link %s: %w", st.Dir(), err)
				}
				return renderRun(ios, f, run, selfCommand(c))
			})
		},
	}
}

// linkGCPercent is the collector's target while linkage runs: its memory
// is a few large pointer-free arrays, cheap to scan, so a tight target
// costs almost nothing. Go's default of 100 let the heap reach twice its
// live size (2,078 MB of heap for 1,041 MB live on a quarter of the seed
// scenario); at 10, a full seed run collects about 210 times and spends
// under 1 % of its CPU doing so, and peak RSS stays within about 20 % of
// the live heap (see BENCHMARKS.md).
const linkGCPercent = 10

// runLink runs linkage.Link under linkGCPercent, unless GOGC is set.
func runLink(ctx context.Context, st linkage.Store, opt linkage.Options) (linkage.Run, error) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(linkGCPercent))
	}
	return linkage.Link(ctx, st, opt)
}

// DefaultKeepRuns is how many runs link keeps by default: a week of an
// hourly job. Each run stores its clusters (about 1 KB each).
const DefaultKeepRuns = 168

// linkFlags are the linkage flags shared by link and run.
func linkFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.Float64Flag{Name: "resolution", Usage: "Leiden modularity resolution (larger: more, smaller clusters)", Value: 1},
		&ucli.Uint64Flag{Name: "seed", Usage: "seed of the community detection (same seed, same database: same run)"},
		&ucli.Float64Flag{Name: "threshold", Usage: "score at which a cluster is flagged", Value: linkage.DefaultThreshold},
		&ucli.IntFlag{Name: "max-iterations", Usage: "Leiden iterations", Value: linkage.DefaultMaxIterations},
		&ucli.IntFlag{Name: "keep-runs", Usage: "keep the newest `N` runs and delete older ones (0: keep every run)", Value: DefaultKeepRuns},
		&ucli.IntFlag{Name: "sample-above", Usage: "sample the shared values of accounts holding more than `N` of one kind (proxy pools; 0: keep every value)", Value: linkage.DefaultSampleAbove},
	}
}

// linkOptions reads linkFlags, and --log-level for the per-step timings.
func linkOptions(c *ucli.Context, ios *IO) (linkage.Options, error) {
	lg, err := logger(c, ios)
	if err != nil {
		return linkage.Options{}, err
	}
	opt := linkage.Options{Resolution: c.Float64("resolution"), Seed: c.Uint64("seed"),
		Threshold: c.Float64("threshold"), MaxIterations: c.Int("max-iterations"), KeepRuns: c.Int("keep-runs"),
		SampleAbove: c.Int("sample-above"), Command: c.Command.Name, Logger: lg}
	if opt.SampleAbove < 0 {
		return opt, usagef("--sample-above %d: want 0 (keep every value) or a number of values", opt.SampleAbove)
	}
	if opt.SampleAbove == 0 {
		opt.SampleAbove = -1 // linkage's zero value is its default
	}
	if opt.KeepRuns < 0 || opt.KeepRuns == 1 {
		return opt, usagef("--keep-runs %d: want 0 (every run) or at least 2 (the previous run is what the next one is compared with)", opt.KeepRuns)
	}
	if !(opt.Resolution > 0) || math.IsInf(opt.Resolution, 0) {
		return opt, usagef("--resolution %v: want a finite number above 0", opt.Resolution)
	}
	if !(opt.Threshold > 0 && opt.Threshold <= 1) {
		return opt, usagef("--threshold %v: want a number in (0, 1]", opt.Threshold)
	}
	if opt.MaxIterations < 1 {
		return opt, usagef("--max-iterations %d: want at least 1", opt.MaxIterations)
	}
	return opt, nil
}

// self is how to call ringlink on the same database, for the hint.
func renderRun(ios *IO, f string, r linkage.Run, self string) error {
	if f == fmtJSON {
		return writeJSON(ios.Out, r)
	}
	prev := "none"
	if r.Previous != "" {
		prev = r.Previous
	}
	fmt.Fprintf(ios.Out, "run %s at %s (previous %s)\n", r.ID, r.Time.Format("2006-01-02 15:04:05Z"), prev)
	tw := newTable(ios.Out)
	fmt.Fprintf(tw, "accounts\t%d\n", r.Accounts)
	fmt.Fprintf(tw, "identity-linked accounts\t%d\n", r.IdentityLinked)
	fmt.Fprintf(tw, "community graph\t%d nodes, %d edges\n", r.GraphNodes, r.GraphEdges)
	fmt.Fprintf(tw, "set apart\t%d identity components peeled off their community, %d freed from loose groups\n", r.Peeled, r.Dissolved)
	fmt.Fprintf(tw, "after community detection\t%d clusters split by evidence, %d lone accounts pooled, %d attached, %d joined from pieces, %d merged into families, %d merged on template variants, %d gathered around a template, %d cut from loose groups, %d residents left out\n",
		r.EvidenceSplits, r.PooledAccounts, r.AttachedAccounts, r.JoinedAccounts, r.FamilyMerges, r.VariantMerges, r.GatheredAccounts, r.LooseCutAccounts, r.ResidentsLeft)
	fmt.Fprintf(tw, "clusters (2+ accounts)\t%d holding %d accounts\n", r.Clusters, r.Clustered)
	fmt.Fprintf(tw, "flagged (score >= %.2f)\t%d clusters, %d accounts\n", r.Threshold, r.Flagged, r.FlaggedAccounts)
	fmt.Fprintf(tw, "cluster ids\t%d kept from the previous run, %d new\n", r.KeptIDs, r.NewIDs)
	if r.PrunedRuns > 0 {
		fmt.Fprintf(tw, "older runs deleted\t%d\n", r.PrunedRuns)
	}
	fmt.Fprintf(tw, "time\tload %.1fs, passes %.1fs, scoring %.1fs, total %.1fs\n",
		float64(r.LoadMS)/1000, float64(r.PassesMS)/1000, float64(r.ScoreMS)/1000, float64(r.TotalMS)/1000)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "\nsee the flagged clusters with: %s clusters --min-score %.2f\n", self, r.Threshold)
	return nil
}
