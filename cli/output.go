package cli

import (
	"encoding/csv"
	"encoding/json"
	"github.com/ringlink/ringlink/evidence"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

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

// writeCSV writes a listing. Analysts open these in spreadsheets, and
// cells come from the traffic (a device string, a template's skeleton), so
// each is written as the evidence package writes it (evidence.Cell): a
// cell a spreadsheet would evaluate as a formula with a leading
// apostrophe, what steers a terminal as \u001b-style text; JSON keeps the
// exact value.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range rows {
		for i, v := range row {
			row[i] = evidence.Cell(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

// timeText renders unix milliseconds for people, in UTC. A time of 0 is
// 1970-01-01, a valid ts: callers check a count for absence.
func timeText(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05")
}

// timeJSON renders unix milliseconds as RFC 3339 for scripts (see
// timeText for 0).
func timeJSON(ms int64) string {
	return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
}

// textCell shows a value from the traffic (an account id, an attribute
// value) in a table or a sentence: as it is when it is printable text,
// else quoted with Go escapes. The traffic comes from the people under
// investigation, so a value must not be able to add rows to a table or
// steer the analyst's terminal.
func textCell(s string) string {
	if strings.TrimSpace(s) != s {
		return strconv.Quote(s) // "acct_x " must not pass for acct_x
	}
	for _, r := range s {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) && r != ' ' {
			return strconv.QuoteToASCII(s)
		}
	}
	return s
}

// safeWriter is the standard output of every command: it writes what
// it is given with the characters that steer a terminal (evidence.Steers:
// C0 controls but newline and tab, DEL, C1 controls, Unicode
// bidirectional overrides) replaced by their JSON escape, \u001b and so
// on, as evidence.Cell writes them in every CSV. Nothing ringlink
// writes itself uses them, and JSON reads the escape as the same
// character, so JSON output means the same; in tables and CSV a hostile
// value shows as text instead of acting. A multi-byte character cut
// between two writes is held until the next one (or Flush).
type safeWriter struct {
	mu       sync.Mutex // logs and progress lines share standard error
	w        io.Writer
	progress bool // carriage returns pass, for progress lines on a terminal
	held     []byte
	buf      []byte
}

func (s *safeWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := p
	if len(s.held) > 0 {
		b = append(s.held, p...)
		s.held = nil
	}
	s.buf = s.buf[:0]
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' || c == '\r' && s.progress {
			s.buf = append(s.buf, c)
			i++
			continue
		}
		if c >= 0x80 && !utf8.FullRune(b[i:]) {
			s.held = append([]byte(nil), b[i:]...)
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || !evidence.Steers(r) {
			s.buf = append(s.buf, b[i:i+size]...)
		} else {
			s.buf = evidence.AppendEscaped(s.buf, r)
		}
		i += size
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a character left cut at the end, as it is.
func (s *safeWriter) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.held) == 0 {
		return nil
	}
	_, err := s.w.Write(s.held)
	s.held = nil
	return err
}
