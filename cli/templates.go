package cli

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
	ucli "github.com/urfave/cli/v2"
)

func templatesCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:  "templates",
		Usage: "list the prompt templates mined from traffic (or supplied in records)",
		Flags: []ucli.Flag{
			formatFlag(true),
			&ucli.StringFlag{Name: "sort", Value: "accounts", Usage: "accounts or requests"},
			&ucli.IntFlag{Name: "limit", Value: 50, Usage: "show at most `N` templates (0: all)"},
		},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, true)
			if err != nil {
				return err
			}
			if err := checkMin(c, "limit", 0); err != nil {
				return err
			}
			by := c.String("sort")
			if by != "accounts" && by != "requests" {
				return usagef("--sort %q: want accounts or requests", by)
			}
			return withStore(c, ios, func(st *store.Store) error {
				list, err := ingest.Templates(st)
				if err != nil {
					return err
				}
				if by == "requests" {
					sortByRequests(list)
				}
				if n := c.Int("limit"); n > 0 && len(list) > n {
					list = list[:n]
				}
				return renderTemplates(ios, f, list)
			})
		},
		Subcommands: []*ucli.Command{
			{
				Name:      "show",
				Usage:     "one template: skeleton, samples and usage",
				ArgsUsage: "ID",
				Flags:     []ucli.Flag{formatFlag(false)},
				Action: func(c *ucli.Context) error {
					f, err := outputFormat(c, false)
					if err != nil {
						return err
					}
					if err := exactArgs(c, 1, "templates show needs exactly one ID"); err != nil {
						return err
					}
					return withStore(c, ios, func(st *store.Store) error {
						t, err := ingest.Template(st, c.Args().First())
						if errors.Is(err, store.ErrNotFound) {
							return fmt.Errorf("no template %q in %s (see ringlink templates)", c.Args().First(), st.Dir())
						}
						if err != nil {
							return err
						}
						if f == fmtJSON {
							return writeJSON(ios.Out, templateJSON(t))
						}
						fmt.Fprintf(ios.Out, "template %s\nskeleton  %s\naccounts  %d\nrequests  %d\ntokens    %d\nseen      %s .. %s\n",
							t.ID, orDash(t.Skeleton), t.Accounts, t.Requests, t.Tokens, timeText(t.First), timeText(t.Last))
						for i, s := range t.Samples {
							fmt.Fprintf(ios.Out, "sample %d  %q\n", i+1, s)
						}
						return nil
					})
				},
			},
			{
				Name:  "match",
				Usage: "read prompts from standard input, one per line, and print the template each maps to (JSON lines); changes nothing",
				Action: func(c *ucli.Context) error {
					var m *templates.Miner
					if err := withStore(c, ios, func(st *store.Store) (err error) {
						m, err = ingest.LoadMiner(st, templates.Config{})
						return err
					}); err != nil {
						return err
					}
					// The database stays closed while prompts are read: an
					// analyst may leave match waiting on a terminal, and the
					// hourly job must still get in. Only a prompt whose template
					// the miner no longer holds opens it again, briefly.
					return matchPrompts(ios, m, func(id uint32) (sk string, ok bool, err error) {
						err = withStore(c, ios, func(st *store.Store) (err error) {
							sk, ok, err = ingest.MinedSkeleton(st, id)
							return err
						})
						return sk, ok, err
					})
				},
			},
		},
	}
}

type templateRow struct {
	ID       string   `json:"id"`
	Mined    bool     `json:"mined"`
	Skeleton string   `json:"skeleton"`
	Accounts int      `json:"accounts"`
	Requests uint64   `json:"requests"`
	Tokens   uint64   `json:"tokens"`
	First    string   `json:"first_seen"`
	Last     string   `json:"last_seen"`
	Samples  []string `json:"samples,omitempty"`
}

func templateJSON(t ingest.TemplateInfo) templateRow {
	return templateRow{ID: t.ID, Mined: t.Mined, Skeleton: t.Skeleton, Accounts: t.Accounts, Requests: t.Requests,
		Tokens: t.Tokens, First: timeJSON(t.First), Last: timeJSON(t.Last), Samples: t.Samples}
}

// sortByRequests orders list by requests, most first, keeping the order
// of ties.
func sortByRequests(list []ingest.TemplateInfo) {
	slices.SortStableFunc(list, func(a, b ingest.TemplateInfo) int { return cmp.Compare(b.Requests, a.Requests) })
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func renderTemplates(ios *IO, f string, list []ingest.TemplateInfo) error {
	switch f {
	case fmtJSON:
		rows := make([]templateRow, len(list))
		for i, t := range list {
			rows[i] = templateJSON(t)
			rows[i].Samples = nil
		}
		return writeJSON(ios.Out, rows)
	case fmtCSV:
		recs := make([][]string, len(list))
		for i, t := range list {
			recs[i] = []string{t.ID, strconv.FormatBool(t.Mined), strconv.Itoa(t.Accounts), strconv.FormatUint(t.Requests, 10),
				strconv.FormatUint(t.Tokens, 10), timeJSON(t.First), timeJSON(t.Last), t.Skeleton}
		}
		return writeCSV(ios.Out, []string{"id", "mined", "accounts", "requests", "tokens", "first_seen", "last_seen", "skeleton"}, recs)
	}
	tw := newTable(ios.Out)
	fmt.Fprintln(tw, "ID\tACCOUNTS\tREQUESTS\tSKELETON")
	for _, t := range list {
		sk := t.Skeleton
		if !t.Mined {
			sk = "(supplied by records)"
		}
		if utf8.RuneCountInString(sk) > 90 {
			sk = string([]rune(sk)[:87]) + "..."
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", t.ID, t.Accounts, t.Requests, strings.ReplaceAll(sk, "\n", " "))
	}
	return tw.Flush()
}

// matchPrompts prints one JSON line per input line: the template the
// prompt maps to, with its skeleton, or null when it would start a new
// template (or, without a word, have none). stored looks up the skeleton
// of a template the miner no longer holds in memory.
func matchPrompts(ios *IO, m *templates.Miner, stored func(id uint32) (string, bool, error)) error {
	sc := bufio.NewScanner(ios.In)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	enc := json.NewEncoder(ios.Out)
	enc.SetEscapeHTML(false) // skeletons show slots as <*>, as templates does
	line := 0
	for sc.Scan() {
		line++
		p := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			// A file saved by a Windows editor starts with a byte order
			// mark; it is not part of the first prompt.
			p = strings.TrimPrefix(p, "\ufeff")
		}
		out := struct {
			Line     int     `json:"line"`
			Template *string `json:"template"`
			Skeleton string  `json:"skeleton,omitempty"`
		}{Line: line}
		if id, ok := m.Match(p); ok {
			s := strconv.FormatUint(uint64(id), 10)
			out.Template = &s
			if t, ok := m.Get(id); ok {
				out.Skeleton = t.Skeleton
			} else if sk, ok, err := stored(id); err != nil {
				return err
			} else if ok {
				out.Skeleton = sk
			}
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read prompts: line %d: %w", line+1, err)
	}
	return nil
}

// templateLabels shows a template id in a table with the start of its
// skeleton (`702 "You are an expert in <*>. Solve…"`), so that a reader
// sees what it is without looking it up; other values pass through.
func templateLabels(st *store.Store) (func(kind, value string) string, error) {
	skel, err := ingest.Skeletons(st)
	if err != nil {
		return nil, err
	}
	const width = 40
	return func(kind, value string) string {
		s, ok := skel[value]
		if kind != store.KindTemplate.String() || !ok {
			return textCell(value)
		}
		s = strings.Join(strings.Fields(s), " ")
		if utf8.RuneCountInString(s) > width {
			s = string([]rune(s)[:width-1]) + "…"
		}
		return fmt.Sprintf("%s %q", value, s)
	}, nil
}

// tableLabels is templateLabels for a table and the identity for JSON,
// which has the plain ids (and no need to read the templates).
func tableLabels(st *store.Store, f string) (func(kind, value string) string, error) {
	if f == fmtJSON {
		return func(_, value string) string { return value }, nil
	}
	return templateLabels(st)
}
