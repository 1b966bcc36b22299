package cli

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ringlink/ringlink/fixtures"
	ucli "github.com/urfave/cli/v2"
)

type fixturesOptions struct {
	Config fixtures.Config
	Out    string // file, or - for standard output
	Truth  string
}

func fixturesCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "fixtures",
		Usage: "synthetic traffic with planted rings and ground truth",
		Subcommands: []*ucli.Command{{
			Name:  "gen",
			Usage: "write a scenario's records and its ground truth",
			Flags: []ucli.Flag{
				&ucli.StringFlag{Name: "scenario", Value: "ci", Usage: "one of " + strings.Join(fixtures.ScenarioNames(), ", ")},
				&ucli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed; the same seed gives the same bytes"},
				&ucli.StringFlag{Name: "out", Value: "-", Usage: "records `FILE` (JSON lines; gzip when it ends in .gz; - for standard output)"},
				&ucli.StringFlag{Name: "truth", Usage: "ground truth `FILE` (JSON; - for standard output, only when --out is a file)"},
				&ucli.IntFlag{Name: "legit", Usage: "legitimate accounts (0: scenario default)"},
				&ucli.IntFlag{Name: "ring-accounts", Usage: "accounts of the big ring (0: scenario default)"},
				&ucli.IntFlag{Name: "ring-exchanges", Usage: "exchanges of the big ring (0: scenario default)"},
				&ucli.IntFlag{Name: "days", Usage: "days of traffic (0: scenario default)"},
				&ucli.BoolFlag{Name: "no-prompts", Usage: "leave prompt text out (to benchmark ingest without mining)"},
				&ucli.BoolFlag{Name: "template-ids", Usage: "write each request's true template id instead of its prompt text (quick seed-scale databases for benchmarking link)"},
			},
			Action: func(c *ucli.Context) error {
				opts := fixturesOptions{
					Config: fixtures.Config{Scenario: c.String("scenario"), Seed: c.Int64("seed"), Legit: c.Int("legit"),
						RingAccounts: c.Int("ring-accounts"), RingExchanges: c.Int("ring-exchanges"), Days: c.Int("days"), NoPrompts: c.Bool("no-prompts"), TemplateIDs: c.Bool("template-ids")},
					Out: c.String("out"), Truth: c.String("truth"),
				}
				for _, n := range []string{"legit", "ring-accounts", "ring-exchanges", "days"} {
					if c.Int(n) < 0 {
						return usagef("--%s must not be negative", n)
					}
				}
				if err := checkOutputs(opts.Out, opts.Truth); err != nil {
					return err
				}
				if err := checkOutput("--out", opts.Out, dbPath(c)); err != nil {
					return err
				}
				if err := checkOutput("--truth", opts.Truth, dbPath(c)); err != nil {
					return err
				}
				if !containsString(fixtures.ScenarioNames(), opts.Config.Scenario) {
					return usagef("--scenario %q: want one of %s", opts.Config.Scenario, strings.Join(fixtures.ScenarioNames(), ", "))
				}
				// Before --out is created: a refused value leaves no empty file.
				if err := opts.Config.Validate(); err != nil {
					return usagef("%s", strings.TrimPrefix(err.Error(), "fixtures: "))
				}
				st, err := generate(ios, opts)
				if err != nil {
					return err
				}
				fmt.Fprintf(ios.Err, "%s: %d records, %d accounts\n", st.Scenario, st.Records, st.Accounts)
				return nil
			},
		}},
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkOutputs rejects --out and --truth naming the same destination:
// both standard output, or one file (by name or, when it exists, by
// identity through a link).
func checkOutputs(out, truth string) error {
	if name := strings.ToLower(out); strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".csv.gz") {
		// ingest reads a .csv name as CSV: the records would all be
		// rejected.
		return usagef("--out %s: fixtures gen writes JSON Lines; name it .jsonl (or .jsonl.gz)", out)
	}
	if truth == "" {
		return nil
	}
	if out == "-" && truth == "-" {
		return usagef("--truth - needs --out FILE: the records already go to standard output")
	}
	if out == "-" || truth == "-" {
		return nil
	}
	ao, err1 := filepath.Abs(out)
	at, err2 := filepath.Abs(truth)
	same := err1 == nil && err2 == nil && ao == at
	if !same {
		fo, err1 := os.Stat(out)
		ft, err2 := os.Stat(truth)
		same = err1 == nil && err2 == nil && os.SameFile(fo, ft)
	}
	if same {
		return usagef("--out and --truth name the same file %s: give them different files", truth)
	}
	return nil
}

// generate writes a scenario to opts.Out (and its truth to opts.Truth).
func generate(ios *IO, opts fixturesOptions) (fixtures.Stats, error) {
	var out io.Writer = ios.Raw
	var closers []func() error
	if opts.Out != "-" {
		f, err := os.Create(opts.Out)
		if err != nil {
			return fixtures.Stats{}, fmt.Errorf("records file: %w", err)
		}
		closers = append(closers, f.Close)
		out = f
		if strings.HasSuffix(opts.Out, ".gz") {
			zw := gzip.NewWriter(f)
			closers = append([]func() error{zw.Close}, closers...)
			out = zw
		}
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	var truth io.Writer
	switch opts.Truth {
	case "":
	case "-":
		truth = ios.Raw // checkOutputs made sure the records go to a file
	default:
		f, err := os.Create(opts.Truth)
		if err != nil {
			for _, c := range closers {
				c()
			}
			return fixtures.Stats{}, fmt.Errorf("truth file: %w", err)
		}
		closers = append(closers, func() error {
			if err := f.Close(); err != nil {
				return fmt.Errorf("truth file: %w", err)
			}
			return nil
		})
		truth = f
	}
	st, err := fixtures.Generate(opts.Config, bw, truth)
	if err == nil {
		err = bw.Flush()
	}
	for _, c := range closers {
		if cerr := c(); cerr != nil && err == nil {
			err = cerr
		}
	}
	if err != nil {
		return st, fmt.Errorf("generate %s: %w", opts.Config.Scenario, err)
	}
	return st, nil
}
