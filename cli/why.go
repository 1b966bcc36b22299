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
				out := whyOutput{Chain: ch}
				for i, p := range []**string{&out.FromCluster, &out.ToCluster} {
					if *p, err = clusterOfAccount(st, ids[i]); err != nil {
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
	FromCluster *string `json:"from_cluster"`
	ToCluster   *string `json:"to_cluster"`
}

// clusterOfAccount returns the id of acct's cluster in the latest run,
// with "(flagged)" when it is, or nil.
func clusterOfAccount(st *store.Store, acct store.NodeID) (*string, error) {
	run, ok, err := latestOrNone(st)
	if err != nil || !ok {
		return nil, err
	}
	id, flagged, err := clusterIn(st, run.ID, acct)
	if id != nil && flagged {
		*id += " (flagged)"
	}
	return id, err
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

// weakShare is the number of holders from which a value links accounts
// only weakly: a popular template, a shared office or carrier address.
const weakShare = 50

// renderChain prints a chain, or that there is none: finding no chain is
// an answer, not an error (exit 0; JSON "found": false).
func renderChain(ios *IO, f string, out whyOutput, label func(kind, value string) string) error {
	ch := out.Chain
	if f == fmtJSON {
		return writeJSON(ios.Out, out)
	}
	w := ios.Out
	cl := func(p *string) string {
		if p == nil {
			return "no cluster"
		}
		return "cluster " + *p
	}

	if !ch.Found {
		fmt.Fprintf(w, "no chain of shared attributes links %s and %s within %d intermediate accounts (values held by more than %d accounts are not followed)\n",
			ch.From, ch.To, linkage.MaxIntermediates, linkage.ExpandCap)
		return nil
	}
	fmt.Fprintf(w, "%s (%s) and %s (%s) are linked with cost %.2f (lower is stronger):\n\n", ch.From, cl(out.FromCluster), ch.To, cl(out.ToCluster), ch.Cost)
	for _, s := range ch.Steps {
		if s.Kind == store.KindAccount.String() {
			fmt.Fprintf(w, "  account %s\n", s.Value)
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
	strongest := -1
	for _, s := range ch.Steps {
		if s.Kind != store.KindAccount.String() && (strongest < 0 || s.SharedBy < strongest) {
			strongest = s.SharedBy
		}
	}
	if strongest >= weakShare {
		fmt.Fprintf(w, "weak link: every value on it is held by %d accounts or more, as crowds share values\n", weakShare)
	}
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
