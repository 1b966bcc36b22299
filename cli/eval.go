package cli

import (
	"fmt"
	"os"

	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func evalCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "eval",
		Usage: "score the latest run's clusters against a ground truth; it measures and always exits 0 when it can",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "truth", Usage: "ground truth `FILE` (JSON, as written by fixtures gen --truth); required"},
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
			&ucli.Float64Flag{Name: "threshold", Usage: "flag threshold (the run's own when not given)", DefaultText: "the run's"},
		},
		Action: func(c *ucli.Context) error {
			f := c.String("format")
			if f == "table" {
				f = "text"
			}
			if f != "text" && f != fmtJSON {
				return usagef("--format %q: want text or json", f)
			}
			if c.String("truth") == "" {
				return usagef("eval needs --truth FILE (the ground truth fixtures gen --truth writes)")
			}
			if err := checkScore(c, "threshold", true); err != nil {
				return err
			}
			truth, err := readTruth(c.String("truth"))
			if err != nil {
				return err
			}
			var threshold *float64
			if c.IsSet("threshold") {
				t := c.Float64("threshold")
				threshold = &t
			}
			return withStore(c, ios, func(st *store.Store) error {
				rep, _, err := linkage.Evaluate(st, truth, threshold)
				if err != nil {
					return err
				}
				if f == fmtJSON {
					return writeJSON(ios.Out, rep)
				}
				return rep.WriteText(ios.Out)
			})
		},
	}
}

func readTruth(path string) (fixtures.Truth, error) {
	f, err := os.Open(path)
	if err != nil {
		return fixtures.Truth{}, fmt.Errorf("truth file: %w", err)
	}
	defer f.Close()
	t, err := fixtures.ReadTruth(f)
	if err != nil {
		return t, fmt.Errorf("truth file %s: %w", path, err)
	}
	return t, nil
}
