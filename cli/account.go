package cli

import (
	"errors"
	"fmt"
	"sort"

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
			Flags:     []ucli.Flag{formatFlag(false)},
			Action: func(c *ucli.Context) error {
				f, err := outputFormat(c, false)
				if err != nil {
					return err
				}
				if c.NArg() != 1 {
					return usagef("account show needs exactly one ACCOUNT")
				}
				st, err := openDB(c, ios, false)
				if err != nil {
					return err
				}
				defer st.Close()
				v, err := loadAccount(st, c.Args().First())
				if err != nil {
					return err
				}
				return renderAccount(ios, f, v)
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
	Account    string        `json:"account"`
	Cluster    *string       `json:"cluster"`
	Requests   uint64        `json:"requests"`
	Signups    uint64        `json:"signups"`
	Tokens     uint64        `json:"tokens"`
	First      string        `json:"first_seen"`
	Last       string        `json:"last_seen"`
	Signup     string        `json:"signup,omitempty"`
	Attributes []attrUseJSON `json:"attributes"`
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
	stats, err := st.Account(id)
	if err != nil {
		return out, err
	}
	out.Requests, out.Signups, out.Tokens = stats.Requests, stats.Signups, stats.Tokens
	out.First, out.Last, out.Signup = timeJSON(stats.First), timeJSON(stats.Last), timeJSON(stats.Signup)
	edges, err := st.AccountEdges(id)
	if err != nil {
		return out, err
	}
	for _, e := range edges {
		k, v, err := st.Node(e.Attr)
		if err != nil {
			return out, err
		}
		sharers, err := st.AttrAccounts(e.Attr)
		if err != nil {
			return out, err
		}
		out.Attributes = append(out.Attributes, attrUseJSON{Kind: k.String(), Value: displayValue(k, v), Count: e.Count, Tokens: e.Tokens,
			First: timeJSON(e.First), Last: timeJSON(e.Last), SharedBy: len(sharers)})
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

// displayValue strips the storage prefix of template nodes ("m:" mined,
// "u:" supplied by the caller).
func displayValue(k store.Kind, v string) string {
	if k == store.KindTemplate && len(v) > 2 {
		return v[2:]
	}
	return v
}

func renderAccount(ios *IO, f string, v accountJSON) error {
	if f == fmtJSON {
		return writeJSON(ios.Out, v)
	}
	cluster := "none"
	if v.Cluster != nil {
		cluster = *v.Cluster
	}
	fmt.Fprintf(ios.Out, "account %s\ncluster  %s\nrequests %d   signups %d   tokens %d\nseen     %s .. %s\n\n",
		v.Account, cluster, v.Requests, v.Signups, v.Tokens, v.First, v.Last)
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "KIND\tVALUE\tCOUNT\tSHARED BY\tFIRST SEEN\tLAST SEEN")
	for _, a := range v.Attributes {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", a.Kind, a.Value, a.Count, a.SharedBy, a.First, a.Last)
	}
	return tw.Flush()
}
