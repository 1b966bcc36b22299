package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func whyCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:      "why",
		Usage:     "the cheapest chain of shared attributes that links two accounts",
		ArgsUsage: "ACCOUNT ACCOUNT",
		Flags:     []ucli.Flag{formatFlag(false)},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			if err := exactArgs(c, 2, "why needs exactly two ACCOUNTs"); err != nil {
				return err
			}
			if c.Args().Get(0) == c.Args().Get(1) {
				return usagef("why needs two different ACCOUNTs: %s was named twice", textCell(c.Args().Get(0)))
			}
			return withStore(c, ios, func(st *store.Store) error {
				var ids [2]store.NodeID
				for i, name := range c.Args().Slice() {
					id, err := st.Lookup(store.KindAccount, name)
					if errors.Is(err, store.ErrNotFound) {
						return fmt.Errorf("no account %q in %s", name, st.Dir())
					}
					if err != nil {
						return err
					}
					ids[i] = id
				}
				n, err := accountCount(st)
				if err != nil {
					return err
				}
				ch, err := linkage.Why(st, ids[0], ids[1], n)
				if err != nil {
					return err
				}
				out := whyOutput{Chain: ch}
				if run, ok, err := latestOrNone(st); err != nil {
					return err
				} else if ok {
					if out.FromCluster, out.FromClusterFlagged, err = clusterIn(st, run.ID, ids[0]); err != nil {
						return err
					}
					if out.ToCluster, out.ToClusterFlagged, err = clusterIn(st, run.ID, ids[1]); err != nil {
						return err
					}
				}
				label, err := tableLabels(st, f)
				if err != nil {
					return err
				}
				return renderChain(ios, f, out, label)
			})
		},
	}
}

// accountCount is the population rarity is measured against: the latest
// run's, or a count of the accounts when there is no run yet.
func accountCount(st *store.Store) (int, error) {
	run, ok, err := latestOrNone(st)
	if err != nil {
		return 0, err
	}
	if ok {
		return run.Accounts, nil
	}
	n := 0
	err = st.ScanAccounts(func(store.NodeID, store.AccountStats) error { n++; return nil })
	return n, err
}

// whyOutput is a chain with each account's cluster in the latest run (null
// when in none, or when there is no run).
type whyOutput struct {
	linkage.Chain
	FromCluster        *string `json:"from_cluster"`
	FromClusterFlagged bool    `json:"from_cluster_flagged"`
	ToCluster          *string `json:"to_cluster"`
	ToClusterFlagged   bool    `json:"to_cluster_flagged"`
}

// clusterIn returns the id of acct's cluster in run and whether it is
// flagged; nil when the account is in none.
func clusterIn(st *store.Store, run string, acct store.NodeID) (*string, bool, error) {
	rank, err := linkage.ClusterOf(st, run, acct)
	if err != nil || rank < 0 {
		return nil, false, err
	}
	c, err := linkage.ClusterByRank(st, run, rank)
	if err != nil {
		return nil, false, err
	}
	return &c.ID, c.Flagged, nil
}

// renderChain prints a chain, or that there is none: finding no chain is
// an answer, not an error (exit 0; JSON "found": false).
func renderChain(ios *IO, f string, out whyOutput, label func(kind, value string) string) error {
	ch := out.Chain
	if f == fmtJSON {
		return writeJSON(ios.Out, out)
	}
	w := ios.Out
	cl := func(p *string, flagged bool) string {
		switch {
		case p == nil:
			return "no cluster"
		case flagged:
			return "cluster " + *p + ", flagged"
		}
		return "cluster " + *p
	}

	if !ch.Found {
		fmt.Fprintf(w, "no chain of shared attributes links %s and %s within %d intermediate accounts", textCell(ch.From), textCell(ch.To), linkage.MaxIntermediates)
		if ch.Capped {
			fmt.Fprintf(w, " (values held by more than %d accounts are not followed)", linkage.ExpandCap)
		}
		fmt.Fprintln(w)
		if len(ch.Everyone) > 0 {
			var vs []string
			for _, s := range ch.Everyone {
				vs = append(vs, s.Kind+" "+label(s.Kind, s.Value))
			}
			fmt.Fprintf(w, "both hold %s, which every account in the database holds: it links nothing\n", strings.Join(vs, ", "))
		}
		return nil
	}
	fmt.Fprintf(w, "%s (%s) and %s (%s) are linked with cost %.2f (lower is stronger):\n\n", textCell(ch.From), cl(out.FromCluster, out.FromClusterFlagged), textCell(ch.To), cl(out.ToCluster, out.ToClusterFlagged), ch.Cost)
	for _, s := range ch.Steps {
		if s.Kind == store.KindAccount.String() {
			fmt.Fprintf(w, "  account %s\n", textCell(s.Value))
			continue
		}
		fmt.Fprintf(w, "    └ shares %s %s (held by %d accounts; cost %.2f)\n", s.Kind, label(s.Kind, s.Value), s.SharedBy, s.Cost)
	}
	hops := 0
	for _, s := range ch.Steps {
		if s.Kind != store.KindAccount.String() {
			hops++
		}
	}
	fmt.Fprintf(w, "\n%d shared %s\n", hops, strings.TrimSuffix("values", map[bool]string{true: "s", false: ""}[hops == 1]))
	if len(ch.Direct) == 0 {
		fmt.Fprintln(w, "they hold no linking value in common themselves")
		return nil
	}
	fmt.Fprintf(w, "\nthey hold %d linking %s in common themselves, strongest first:\n", len(ch.Direct), plural(len(ch.Direct), "value", "values"))
	const shown = 10
	for _, s := range ch.Direct[:min(shown, len(ch.Direct))] {
		fmt.Fprintf(w, "  %s %s (held by %d accounts; cost %.2f)\n", s.Kind, label(s.Kind, s.Value), s.SharedBy, s.Cost)
	}
	if n := len(ch.Direct) - shown; n > 0 {
		fmt.Fprintf(w, "  and %d more (--format json lists them all)\n", n)
	}
	return nil
}
