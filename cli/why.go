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
				return renderChain(ios, f, ch)
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

// renderChain prints a chain, or that there is none: finding no chain is
// an answer, not an error (exit 0; JSON "found": false).
func renderChain(ios *IO, f string, ch linkage.Chain) error {
	if f == fmtJSON {
		return writeJSON(ios.Out, ch)
	}
	w := ios.Out
	if !ch.Found {
		fmt.Fprintf(w, "no chain of shared attributes links %s and %s within %d intermediate accounts (values held by more than %d accounts are not followed)\n",
			ch.From, ch.To, linkage.MaxIntermediates, linkage.ExpandCap)
		return nil
	}
	fmt.Fprintf(w, "%s and %s are linked with cost %.2f (lower is stronger):\n\n", ch.From, ch.To, ch.Cost)
	for _, s := range ch.Steps {
		if s.Kind == store.KindAccount.String() {
			fmt.Fprintf(w, "  account %s\n", s.Value)
			continue
		}
		fmt.Fprintf(w, "    └ shares %s %s (held by %d accounts; cost %.2f)\n", s.Kind, s.Value, s.SharedBy, s.Cost)
	}
	hops := 0
	for _, s := range ch.Steps {
		if s.Kind != store.KindAccount.String() {
			hops++
		}
	}
	fmt.Fprintf(w, "\n%d shared %s\n", hops, strings.TrimSuffix("values", map[bool]string{true: "s", false: ""}[hops == 1]))
	return nil
}
