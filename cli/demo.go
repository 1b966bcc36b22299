package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/internal/stickyio"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

type demoOptions struct {
	Scenario string
	Seed     int64
	DB       string // empty: a temporary database, removed afterwards
	Top      int
}

func demoCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "demo",
		Usage: "generate a scenario with planted rings, ingest and link it, and score what was found against the truth",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "scenario", Value: "demo", Usage: "fixture scenario to run"},
			&ucli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&ucli.IntFlag{Name: "top", Value: 10, Usage: "clusters to show"},
		},
		Action: func(c *ucli.Context) error {
			opts := demoOptions{Scenario: c.String("scenario"), Seed: c.Int64("seed"), Top: c.Int("top")}
			if !containsString(fixtures.ScenarioNames(), opts.Scenario) {
				return usagef("--scenario %q: want one of %s", opts.Scenario, strings.Join(fixtures.ScenarioNames(), ", "))
			}
			if opts.Top < 1 {
				return usagef("--top %d: want 1 or more", opts.Top)
			}
			// --db is honoured only when given on the command line: the
			// demo must not litter ./ringlink.db on a first run, and its
			// synthetic records must never land in the database that
			// RINGLINK_DB names for real work.
			if c.IsSet("db") {
				opts.DB = c.String("db")
			}
			return demoRun(c, ios, opts)
		},
	}
}

func demoRun(c *ucli.Context, ios *IO, opts demoOptions) (err error) {
	// ringlink demo | head -1: by default the Go runtime kills a process
	// whose write to standard output meets a pipe with no reader, and the
	// temporary database (800 MB for the demo scenario) stayed behind.
	// With SIGPIPE notified, the write fails with EPIPE instead, and the
	// demo stops at it as at any failed write, removing what it made.
	sigpipe := make(chan os.Signal, 1)
	signal.Notify(sigpipe, syscall.SIGPIPE)
	defer signal.Stop(sigpipe)
	lg, err := logger(c, ios)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "ringlink-demo-")
	if err != nil {
		return err
	}
	defer func() {
		if rerr := os.RemoveAll(work); rerr != nil {
			err = errors.Join(err, fmt.Errorf("demo: remove its temporary directory: %w", rerr))
		}
	}()
	db := opts.DB
	if db == "" {
		db = filepath.Join(work, "db")
	}
	records := filepath.Join(work, "records.jsonl")
	truthPath := filepath.Join(work, "truth.json")

	// The report stops the demo at its first failed write: nobody is
	// reading it (the pipe's reader is gone, the disk is full).
	out := &stickyio.Writer{W: ios.Out}
	dio := *ios
	dio.Out = out
	ios = &dio
	step := func(format string, a ...any) error {
		fmt.Fprintf(out, format+"\n", a...)
		if out.Err != nil {
			return fmt.Errorf("demo: %w", out.Err)
		}
		return nil
	}
	t0 := time.Now()
	gen, err := generate(ios, fixturesOptions{Config: fixtures.Config{Scenario: opts.Scenario, Seed: opts.Seed}, Out: records, Truth: truthPath})
	if err != nil {
		return err
	}
	if err := step("1. generated scenario %q: %d records from %d accounts, with %d planted rings (%.1fs)", opts.Scenario, gen.Records, gen.Accounts, len(gen.Rings), time.Since(t0).Seconds()); err != nil {
		return err
	}

	st, err := store.Open(db, store.Options{Create: true, Command: "demo", Logger: lg})
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.DB != "" && st.MaxNodeID() != 0 {
		return fmt.Errorf("demo: %s already holds a graph; the demo writes synthetic records, so give --db a new or empty directory", db)
	}
	t1 := time.Now()
	res, err := runIngest(c, ios, st, ingestOptions{Paths: []string{records}, MaxRejects: -1, Format: "jsonl"})
	if err != nil {
		return err
	}
	if err := step("2. ingested %d records (%d rejected) into %s (%.1fs)", res.Records, res.Rejected, db, time.Since(t1).Seconds()); err != nil {
		return err
	}

	t2 := time.Now()
	run, err := runLink(c.Context, st, linkage.Options{Command: "demo"})
	if err != nil {
		return err
	}
	if err := step("3. linked: run %s, %d clusters, %d flagged holding %d accounts (%.1fs)\n", run.ID, run.Clusters, run.Flagged, run.FlaggedAccounts, time.Since(t2).Seconds()); err != nil {
		return err
	}

	rows, err := listClusters(st, run, run.Threshold, 2, 0, opts.Top, false, false)
	if err != nil {
		return err
	}
	if err := renderClusters(ios, fmtTable, run, rows, false); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	truth, err := readTruth(truthPath)
	if err != nil {
		return err
	}
	rep, _, err := linkage.Evaluate(st, truth, nil)
	if err != nil {
		return err
	}
	if err := step("\n4. against the planted truth:"); err != nil {
		return err
	}
	if err := rep.WriteText(out); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if opts.DB != "" {
		return step("\ndone in %.1fs. Explore with: ringlink --db %s clusters | cluster show ID | account show ACCOUNT | why A B", time.Since(t0).Seconds(), opts.DB)
	}
	return step("\ndone in %.1fs. The database was temporary; to explore one, run: ringlink demo --db DIR, then ringlink --db DIR clusters | cluster show ID | account show ACCOUNT | why A B", time.Since(t0).Seconds())
}
