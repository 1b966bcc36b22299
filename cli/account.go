package cli

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func accountCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "account",
		Usage: "inspect accounts",
		Subcommands: []*ucli.Command{{
			Name:      "show",
			Usage:     "one account: its traffic, its attributes and how widely each is shared",
			ArgsUsage: "ACCOUNT",
			Flags: []ucli.Flag{formatFlag(false),
				&ucli.IntFlag{Name: "limit", Value: 30, Usage: "show at most `N` shared values in the table (0: all; JSON has all)"},
			},
			Action: func(c *ucli.Context) error {
				f, err := outputFormat(c, false)
				if err != nil {
					return err
				}
				if err := exactArgs(c, 1, "account show needs exactly one ACCOUNT"); err != nil {
					return err
				}
				if err := checkMin(c, "limit", 0); err != nil {
					return err
				}
				return withStore(c, ios, func(st *store.Store) error {
					v, err := loadAccount(st, c.Args().First())
					if err != nil {
						return err
					}
					label, err := tableLabels(st, f)
					if err != nil {
						return err
					}
					return renderAccount(ios, f, v, c.Int("limit"), label)
				})
			},
		}},
	}
}

type attrUseJSON struct {
	Kind     string `json:"kind"`
	Value    string `json:"value"`
	Count    uint64 `json:"count"`
	Tokens   uint64 `json:"tokens"`
	First    string `json:"first_seen"`
	Last     string `json:"last_seen"`
	SharedBy int    `json:"shared_by"` // accounts that used it, this one included
}

type accountJSON struct {
	Account  string  `json:"account"`
	Cluster  *string `json:"cluster"`
	Requests uint64  `json:"requests"`
	Signups  uint64  `json:"signups"`
	Tokens   uint64  `json:"tokens"`
	First    string  `json:"first_seen"`
	Last     string  `json:"last_seen"`
	Signup   string  `json:"signup,omitempty"`
	// HoursUTC counts the requests by UTC hour of the day.
	HoursUTC   store.Hours   `json:"hours_utc"`
	Attributes []attrUseJSON `json:"attributes"`
	// Cluster details from the latest run; absent without a run.
	ClusterScore   *float64 `json:"cluster_score,omitempty"`
	ClusterFlagged *bool    `json:"cluster_flagged,omitempty"`
	ClusterSize    int      `json:"cluster_size,omitempty"`
	Run            string   `json:"run,omitempty"`
	// Links are the accounts most strongly linked to this one through
	// shared attributes (strongest first) and the values they share.
	Links []linkage.LinkedAccount `json:"links"`
}

// accountLinks bounds the strongest links account show lists.
const accountLinks = 10

// addLinkage fills the account's cluster in the latest run and its
// strongest links.
func addLinkage(st *store.Store, id store.NodeID, out *accountJSON) error {
	run, ok, err := latestOrNone(st)
	if err != nil {
		return err
	}
	n := run.Accounts
	if ok {
		out.Run = run.ID
		r, err := linkage.ClusterOf(st, run.ID, id)
		if err != nil {
			return err
		}
		if r >= 0 {
			cl, err := linkage.ClusterByRank(st, run.ID, r)
			if err != nil {
				return err
			}
			out.Cluster, out.ClusterScore, out.ClusterFlagged, out.ClusterSize = &cl.ID, &cl.Score, &cl.Flagged, cl.Size
		}
	} else if n, err = accountCount(st); err != nil {
		return err
	}
	out.Links, err = linkage.StrongestLinks(st, id, n, accountLinks)
	return err
}

func loadAccount(st *store.Store, name string) (accountJSON, error) {
	out := accountJSON{Account: name, Attributes: []attrUseJSON{}}
	id, err := st.Lookup(store.KindAccount, name)
	if errors.Is(err, store.ErrNotFound) {
		return out, fmt.Errorf("no account %q in %s", name, st.Dir())
	}
	if err != nil {
		return out, err
	}
	stats, hours, uses, err := st.AccountRecord(id)
	if err != nil {
		return out, err
	}
	out.HoursUTC = hours
	out.Requests, out.Signups, out.Tokens = stats.Requests, stats.Signups, stats.Tokens
	out.First, out.Last = timeJSON(stats.First), timeJSON(stats.Last)
	if stats.Signups > 0 {
		out.Signup = timeJSON(stats.Signup)
	}
	for _, e := range uses {
		k, v, err := st.Node(e.Attr)
		if err != nil {
			return out, err
		}
		sharers, err := st.AttrAccounts(e.Attr)
		if err != nil {
			return out, err
		}
		out.Attributes = append(out.Attributes, attrUseJSON{Kind: k.String(), Value: linkage.DisplayValue(k, v), Count: e.Count, Tokens: e.Tokens,
			First: timeJSON(e.First), Last: timeJSON(e.Last), SharedBy: len(sharers)})
	}
	if err := addLinkage(st, id, &out); err != nil {
		return out, err
	}
	sort.SliceStable(out.Attributes, func(i, j int) bool {
		a, b := out.Attributes[i], out.Attributes[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Count > b.Count
	})
	return out, nil
}

// renderAccount prints an account. The table puts the values it shares
// first, the rarest (the strongest evidence) first, up to limit, and sums
// up per kind the values nobody else used: a ring member's hundreds of
// one-off proxy addresses would otherwise bury its shared card.
func renderAccount(ios *IO, f string, v accountJSON, limit int, label func(kind, value string) string) error {
	if f == fmtJSON {
		return writeJSON(ios.Out, v)
	}
	cluster := "none"
	switch {
	case v.Cluster != nil:
		flag := ""
		if *v.ClusterFlagged {
			flag = ", FLAGGED"
		}
		cluster = fmt.Sprintf("%s (%d accounts, score %.3f%s; run %s)", *v.Cluster, v.ClusterSize, *v.ClusterScore, flag, v.Run)
	case v.Run == "":
		cluster = "none (no linkage run yet: ringlink link)"
	}
	fmt.Fprintf(ios.Out, "account %s\ncluster  %s\nrequests %d   signups %d   tokens %d\nseen     %s .. %s\nhours    %s\n\n",
		textCell(v.Account), cluster, v.Requests, v.Signups, v.Tokens, v.First, v.Last, hoursLine(v.HoursUTC, v.Requests))
	var shared []attrUseJSON
	alone := map[string]int{}
	var aloneKinds []string
	for _, a := range v.Attributes {
		if a.SharedBy > 1 {
			shared = append(shared, a)
			continue
		}
		if alone[a.Kind] == 0 {
			aloneKinds = append(aloneKinds, a.Kind)
		}
		alone[a.Kind]++
	}
	// An IP's /24 or /48 never links accounts by itself (it locates
	// them): prefixes go last, however few share them.
	prefix := store.KindIPPrefix.String()
	sort.SliceStable(shared, func(i, j int) bool {
		if pi, pj := shared[i].Kind == prefix, shared[j].Kind == prefix; pi != pj {
			return pj
		}
		return shared[i].SharedBy < shared[j].SharedBy
	})
	more := 0
	if limit > 0 && len(shared) > limit {
		shared, more = shared[:limit], len(shared)-limit
	}
	fmt.Fprintln(ios.Out, "values shared with other accounts, the rarest first (SHARED BY counts this account too):")
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "KIND\tVALUE\tCOUNT\tSHARED BY\tFIRST SEEN\tLAST SEEN")
	for _, a := range shared {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", a.Kind, label(a.Kind, a.Value), a.Count, a.SharedBy, a.First, a.Last)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(shared) == 0 {
		fmt.Fprintln(ios.Out, "  none")
	}
	if more > 0 {
		fmt.Fprintf(ios.Out, "  and %d more (--limit 0 shows all)\n", more)
	}
	if len(aloneKinds) > 0 {
		var parts []string
		for _, k := range aloneKinds {
			parts = append(parts, fmt.Sprintf("%d %s", alone[k], k))
		}
		fmt.Fprintf(ios.Out, "used by this account alone: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintln(ios.Out, "\nstrongest links (shared values weighted by kind and rarity):")
	if len(v.Links) == 0 {
		fmt.Fprintln(ios.Out, "  none")
		return nil
	}
	tw = newTable(ios.Out)
	fmt.Fprintln(tw, "  ACCOUNT\tWEIGHT\tSHARES")
	const viaShown = 3
	for _, l := range v.Links {
		var via []string
		for _, a := range l.Via[:min(viaShown, len(l.Via))] {
			via = append(via, fmt.Sprintf("%s %s (%d accounts)", a.Kind, label(a.Kind, a.Value), a.SharedBy))
		}
		if n := len(l.Via) - viaShown; n > 0 {
			via = append(via, fmt.Sprintf("and %d more", n))
		}
		fmt.Fprintf(tw, "  %s\t%.3f\t%s\n", textCell(l.Account), l.Weight, strings.Join(via, ", "))
	}
	return tw.Flush()
}

// hoursLine lists an account's requests by UTC hour of the day, hour 00
// first, and says so when some or all of its requests were ingested
// before ringlink counted hours.
func hoursLine(h store.Hours, requests uint64) string {
	dated := h.Total()
	switch {
	case requests == 0:
		return "no requests"
	case dated == 0:
		return "not recorded (the account's records were ingested before ringlink counted hours)"
	}
	var b strings.Builder
	b.WriteString("requests by UTC hour 00-23:")
	for _, n := range h {
		fmt.Fprintf(&b, " %d", n)
	}
	if dated < requests {
		fmt.Fprintf(&b, " (%d of %d requests; the rest were ingested before ringlink counted hours)", dated, requests)
	}
	return b.String()
}
