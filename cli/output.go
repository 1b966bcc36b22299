package cli

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	ucli "github.com/urfave/cli/v2"
)

// Output formats. table is for people; json and csv are for scripts and
// stay stable (SPEC.md).
const (
	fmtTable = "table"
	fmtJSON  = "json"
	fmtCSV   = "csv"
)

// formatFlag is the shared --format flag; listings also allow csv.
func formatFlag(listing bool) *ucli.StringFlag {
	usage := "output format: table or json"
	if listing {
		usage = "output format: table, json or csv"
	}
	return &ucli.StringFlag{Name: "format", Usage: usage, Value: fmtTable}
}

// outputFormat validates --format; "text" is accepted as table.
func outputFormat(c *ucli.Context, listing bool) (string, error) {
	f := c.String("format")
	if f == "text" {
		f = fmtTable
	}
	allowed := []string{fmtTable, fmtJSON}
	if listing {
		allowed = append(allowed, fmtCSV)
	}
	if !slices.Contains(allowed, f) {
		return "", usagef("--format %q: want %s", f, strings.Join(allowed, ", "))
	}
	return f, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Skeletons hold "<*>" slots; scripts read them as written.
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

// timeText renders unix milliseconds for people, in UTC.
func timeText(ms int64) string {
	if ms == 0 {
		return "-"
	}
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05")
}

// timeJSON renders unix milliseconds as RFC 3339 for scripts.
func timeJSON(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
}
