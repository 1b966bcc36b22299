package evidence

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ringlink/ringlink/internal/stickyio"
	"github.com/ringlink/ringlink/linkage"
	"github.com/ringlink/ringlink/store"
)

// Manifest is manifest.json: every other file of the package with its
// size and SHA-256 (manifest.json and manifest.sha256 excepted).
type Manifest struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"format_version"`
	Tool          string         `json:"tool"`
	ToolVersion   string         `json:"tool_version"`
	Cluster       string         `json:"cluster"`
	Run           string         `json:"run"`
	RunTime       string         `json:"run_time"`
	Files         []ManifestFile `json:"files"`
}

// ManifestFile is one file of the package.
type ManifestFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Info describes a written package.
type Info struct {
	Cluster        string         `json:"cluster"`
	Run            string         `json:"run"`
	Files          []ManifestFile `json:"files"`
	ManifestSHA256 string         `json:"manifest_sha256"`
	Bytes          int64          `json:"bytes"`
}

// Write builds the evidence package of opt.Cluster and writes the zip to
// w. The same database and run always give the same bytes.
func Write(w io.Writer, st linkage.Store, opt Options) (Info, error) {
	opt = opt.withDefaults()
	cf, err := load(st, opt)
	if err != nil {
		return Info{}, err
	}
	cw := &counter{w: w}
	zw := zip.NewWriter(cw)
	mod := cf.run.Time.UTC()
	var files []ManifestFile
	add := func(name string, gen func(io.Writer) error) error {
		hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod}
		hdr.SetMode(0o644)
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		h := sha256.New()
		n := &counter{w: io.MultiWriter(fw, h)}
		bw := bufio.NewWriterSize(n, 64<<10)
		if err := gen(bw); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		files = append(files, ManifestFile{Name: name, Size: n.n, SHA256: hex.EncodeToString(h.Sum(nil))})
		return nil
	}
	for _, f := range []struct {
		name string
		gen  func(io.Writer) error
	}{
		{FileSummary, cf.writeSummary},
		{FileCluster, cf.writeClusterJSON},
		{FileMembers, cf.writeMembers},
		{FileEdges, cf.writeEdges},
		{FileTimeline, cf.writeTimeline},
		{FileHours, cf.writeHours},
	} {
		if err := add(f.name, f.gen); err != nil {
			return Info{}, err
		}
	}
	if err := add(FileSums, func(w io.Writer) error { return writeSums(w, files) }); err != nil {
		return Info{}, err
	}
	man := Manifest{Format: Format, FormatVersion: FormatVersion, Tool: "ringlink", ToolVersion: opt.ToolVersion,
		Cluster: cf.cl.ID, Run: cf.run.ID, RunTime: mod.Format(time.RFC3339), Files: files}
	mb, err := marshal(man)
	if err != nil {
		return Info{}, err
	}
	info := Info{Cluster: cf.cl.ID, Run: cf.run.ID, Files: files}
	if err := add(FileManifest, func(w io.Writer) error { _, err := w.Write(mb); return err }); err != nil {
		return Info{}, err
	}
	info.ManifestSHA256 = files[len(files)-1].SHA256
	if err := add(FileManifestHash, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "%s  %s\n", info.ManifestSHA256, FileManifest)
		return err
	}); err != nil {
		return Info{}, err
	}
	if err := zw.SetComment(packageComment(cf.cl.ID, cf.run.ID)); err != nil {
		return Info{}, err
	}
	if err := zw.Close(); err != nil {
		return Info{}, err
	}
	info.Files = files
	info.Bytes = cw.n
	return info, nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// writeSums writes the sha256sum lines of files.
func writeSums(w io.Writer, files []ManifestFile) error {
	for _, f := range files {
		if _, err := fmt.Fprintf(w, "%s  %s\n", f.SHA256, f.Name); err != nil {
			return err
		}
	}
	return nil
}

// clusterDoc is cluster.json.
type clusterDoc struct {
	FormatVersion int                  `json:"format_version"`
	Cluster       clusterInfo          `json:"cluster"`
	Run           runInfo              `json:"run"`
	Activity      activity             `json:"activity"`
	Members       []memberDoc          `json:"members"`
	Shared        []linkage.SharedAttr `json:"shared_attributes"`
	Templates     []templateDoc        `json:"top_templates"`
	Timeline      []linkage.Day        `json:"timeline"`
	HoursUTC      [24]uint64           `json:"hours_utc"`
}

// templateDoc is a template with its mined skeleton (empty for template
// ids supplied in the records).
type templateDoc struct {
	linkage.SharedAttr
	Skeleton string `json:"skeleton"`
}

type clusterInfo struct {
	ID      string          `json:"id"`
	Rank    int             `json:"rank"`
	Size    int             `json:"size"`
	Score   float64         `json:"score"`
	Flagged bool            `json:"flagged"`
	Reasons []string        `json:"reasons"`
	Signals linkage.Signals `json:"signals"`
}

// runInfo is the run and the parameters it was made with.
type runInfo struct {
	ID         string  `json:"id"`
	Time       string  `json:"time"`
	Previous   string  `json:"previous,omitempty"`
	Threshold  float64 `json:"threshold"`
	Resolution float64 `json:"resolution"`
	Seed       uint64  `json:"seed"`
	Accounts   int     `json:"accounts"`
	Clusters   int     `json:"clusters"`
	Flagged    int     `json:"flagged_clusters"`
}

type activity struct {
	// RecordsSinceRun: see linkage.Detail.
	RecordsSinceRun int64  `json:"records_since_run"`
	First           string `json:"first_seen"`
	Last            string `json:"last_seen"`
	Requests        uint64 `json:"requests"`
	Tokens          uint64 `json:"tokens"`
	Signups         int    `json:"accounts_with_signup"`
	// DatedRequests: the members' requests hours.csv counts; fewer than
	// their requests when some were ingested before ringlink counted
	// hours of the day.
	DatedRequests uint64 `json:"dated_requests"`
}

type memberDoc struct {
	Account    string `json:"account"`
	First      string `json:"first_seen"`
	Last       string `json:"last_seen"`
	Signup     string `json:"signup"`
	Requests   uint64 `json:"requests"`
	Signups    uint64 `json:"signups"`
	Tokens     uint64 `json:"tokens"`
	Attributes int    `json:"attributes"`
	Shared     int    `json:"shared_attributes"`
	// What ties it to the others: the cards, emails and devices it
	// shares with another member, and how many addresses and templates.
	Payments  []string `json:"shared_payments"`
	Emails    []string `json:"shared_emails"`
	Devices   []string `json:"shared_devices"`
	IPs       int      `json:"shared_ips"`
	Templates int      `json:"shared_templates"`
}

func (cf *caseFile) writeClusterJSON(w io.Writer) error {
	r := cf.run
	doc := clusterDoc{
		FormatVersion: FormatVersion,
		Cluster: clusterInfo{ID: cf.cl.ID, Rank: cf.cl.Rank, Size: cf.cl.Size, Score: cf.cl.Score, Flagged: cf.cl.Flagged,
			Reasons: nonNil(cf.cl.Reasons), Signals: cf.cl.Signals},
		Run: runInfo{ID: r.ID, Time: r.Time.UTC().Format(time.RFC3339), Previous: r.Previous, Threshold: r.Threshold,
			Resolution: r.Resolution, Seed: r.Seed, Accounts: r.Accounts, Clusters: r.Clusters, Flagged: r.Flagged},
		Activity: activity{RecordsSinceRun: cf.detail.RecordsSinceRun, First: msTime(cf.first, layoutMS), Last: msTime(cf.last, layoutMS), Requests: cf.requests,
			Tokens: cf.tokens, Signups: cf.signups, DatedRequests: cf.detail.DatedRequests},
		Members:   make([]memberDoc, 0, len(cf.members)),
		Shared:    nonNil(cf.detail.Shared),
		Templates: make([]templateDoc, 0, len(cf.detail.Templates)),
		Timeline:  nonNil(cf.detail.Timeline),
		HoursUTC:  cf.detail.HoursUTC,
	}
	for _, t := range cf.detail.Templates {
		doc.Templates = append(doc.Templates, templateDoc{SharedAttr: t, Skeleton: cf.skeletons[t.Value]})
	}
	for _, m := range cf.members {
		doc.Members = append(doc.Members, memberDoc{Account: m.name, First: msTime(m.stats.First, layoutMS),
			Last: msTime(m.stats.Last, layoutMS), Signup: signupTime(m.stats), Requests: m.stats.Requests,
			Signups: m.stats.Signups, Tokens: m.stats.Tokens, Attributes: len(m.edges), Shared: m.shared,
			Payments: nonNil(m.payments), Emails: nonNil(m.emails), Devices: nonNil(m.devices), IPs: m.ips, Templates: m.templates})
	}
	b, err := marshal(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (cf *caseFile) writeMembers(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"account", "first_seen", "last_seen", "signup", "requests", "signups", "tokens", "attributes", "shared_attributes",
		"shared_payments", "shared_emails", "shared_devices", "shared_ips", "shared_templates"})
	for _, m := range cf.members {
		_ = cw.Write([]string{Cell(m.name), msTime(m.stats.First, layoutMS), msTime(m.stats.Last, layoutMS), signupTime(m.stats),
			u64(m.stats.Requests), u64(m.stats.Signups), u64(m.stats.Tokens), strconv.Itoa(len(m.edges)), strconv.Itoa(m.shared),
			cells(m.payments), cells(m.emails), cells(m.devices), strconv.Itoa(m.ips), strconv.Itoa(m.templates)})
	}
	cw.Flush()
	return cw.Error()
}

// writeEdges writes every account–attribute edge of the members, by
// account, then kind and value. members_sharing counts the members that
// use the same value.
func (cf *caseFile) writeEdges(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"account", "kind", "value", "count", "tokens", "first_seen", "last_seen", "members_sharing"})
	for _, m := range cf.members {
		for _, e := range m.edges {
			a := &cf.attrs[e.attr]
			_ = cw.Write([]string{Cell(m.name), a.kind.String(), Cell(a.value), u64(e.Count), u64(e.Tokens),
				msTime(e.First, layoutMS), msTime(e.Last, layoutMS), strconv.Itoa(a.inside)})
		}
		if err := cw.Error(); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (cf *caseFile) writeTimeline(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"date", "signups", "first_seen", "last_seen", "active"})
	for _, d := range cf.detail.Timeline {
		_ = cw.Write([]string{d.Date, strconv.Itoa(d.Signups), strconv.Itoa(d.FirstSeen), strconv.Itoa(d.LastSeen), strconv.Itoa(d.Active)})
	}
	cw.Flush()
	return cw.Error()
}

func (cf *caseFile) writeHours(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"hour_utc", "requests"})
	for h, n := range cf.detail.HoursUTC {
		_ = cw.Write([]string{fmt.Sprintf("%02d", h), u64(n)})
	}
	cw.Flush()
	return cw.Error()
}

func u64(v uint64) string { return strconv.FormatUint(v, 10) }

// cells joins values into one CSV cell, "; " between them, each defused
// as cell does.
func cells(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = Cell(v)
	}
	return strings.Join(out, "; ")
}

// Cell is a value from the traffic as every CSV ringlink writes it, the
// package's and the command line's: a cell that a spreadsheet would
// evaluate as a formula (one starting with =, +, -, @, tab or CR) gets a
// leading quote, and the characters that steer a terminal are written as
// their JSON escapes (see Steers), so that printing the file cannot act
// on the analyst's terminal. JSON output stays exact.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	i := strings.IndexFunc(s, Steers)
	if i < 0 {
		return s
	}
	b := []byte(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if Steers(r) {
			b = AppendEscaped(b, r)
		} else {
			b = append(b, s[i:i+size]...) // invalid UTF-8 as it is
		}
		i += size
	}
	return string(b)
}

// Steers reports whether r steers a terminal rather than showing: a C0
// control but newline and tab, DEL, a C1 control, or a Unicode
// bidirectional control. Nothing ringlink writes itself uses them; a
// value from the traffic may.
func Steers(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// AppendEscaped appends the text that stands for r where Steers keeps it
// out: its JSON escape, \u001b and so on, which JSON reads back as r.
func AppendEscaped(b []byte, r rune) []byte {
	return fmt.Appendf(b, `\u%04x`, r)
}

// packageComment is the zip comment of the package of a cluster of a run,
// which archive tools show first: verify checks it says what the manifest
// says.
func packageComment(cluster, run string) string {
	return fmt.Sprintf("ringlink evidence package: cluster %s of run %s; check it with: ringlink verify FILE.zip", cluster, run)
}

// text makes a traffic value safe and short for summary.txt: values with
// control or invalid characters are quoted, long ones cut.
func text(s string, maxRunes int) string {
	quote := !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0
	// Cut before quoting, so that a quoted value keeps its closing quote.
	if utf8.RuneCountInString(s) > maxRunes {
		r := []rune(s)
		s = string(r[:maxRunes-1]) + "…"
	}
	if quote {
		s = strconv.QuoteToGraphic(s)
	}
	return s
}

func (cf *caseFile) writeSummary(out io.Writer) error {
	w := &errWriter{stickyio.Writer{W: out}}
	r, c := cf.run, cf.cl
	w.printf("RINGLINK EVIDENCE PACKAGE\n\n")
	w.printf("Cluster %s, found by linkage run %s of %s.\n\n", c.ID, r.ID, r.Time.UTC().Format(layoutMin))
	if n := cf.detail.RecordsSinceRun; n > 0 {
		w.printf("Note: %d records were ingested after that run. The members, the verdict and the reasons\nbelow are the run's; the activity, traffic, shared values and timeline include the new records.\n\n", n)
	}
	verdict := fmt.Sprintf("not flagged: score %.3f is below the alert threshold %.2f", c.Score, r.Threshold)
	if c.Flagged {
		verdict = fmt.Sprintf("FLAGGED: score %.3f reaches the alert threshold %.2f; an analyst should look at this ring", c.Score, r.Threshold)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Verdict:\t%s\n", verdict)
	fmt.Fprintf(tw, "Accounts:\t%d\n", c.Size)
	span := "no activity recorded"
	if cf.first != 0 {
		span = fmt.Sprintf("%s to %s (%.1f days)", msTime(cf.first, layoutMin), msTime(cf.last, layoutMin), float64(cf.last-cf.first)/86_400_000)
	}
	fmt.Fprintf(tw, "Active:\t%s\n", span)
	fmt.Fprintf(tw, "Traffic:\t%d API exchanges, %d tokens; %d accounts with a signup record\n", cf.requests, cf.tokens, cf.signups)
	fmt.Fprintf(tw, "Shared values:\t%d attribute values are used by two or more of these accounts\n", len(cf.detail.Shared))
	switch d := cf.detail; {
	case d.Requests == 0:
	case d.DatedRequests == 0:
		fmt.Fprintf(tw, "Hours of the day:\tnot recorded: the records were ingested before ringlink counted them\n")
	case d.DatedRequests < d.Requests:
		fmt.Fprintf(tw, "Hours of the day:\t%s counts %d of the %d requests; the rest were ingested before ringlink counted them\n", FileHours, d.DatedRequests, d.Requests)
	default:
		fmt.Fprintf(tw, "Hours of the day:\t%s counts every request by its UTC hour\n", FileHours)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	w.printf("\nWhy ringlink scores it so:\n")
	for _, s := range c.Reasons {
		w.printf("  - %s\n", s)
	}
	if len(c.Reasons) == 0 {
		w.printf("  (no reasons recorded)\n")
	}

	strong := cf.strongest()
	w.printf("\nStrongest shared attributes, values only this cluster uses first (MEMBERS: accounts of\nthis cluster using the value; OUTSIDE: other accounts using it; REQUESTS: the members'\nrecords carrying it, signups included). Values most of whose users are outside the\ncluster are left out here (edges.csv has every value). Emails are shown as matched:\nlower case, and for Gmail without dots or a +tag, so the address an account typed may\ndiffer (J.Doe+x@gmail.com is shown as jdoe@gmail.com):\n")
	if len(strong) == 0 {
		w.printf("  none\n")
	} else {
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  KIND\tVALUE\tMEMBERS\tOUTSIDE\tREQUESTS")
		for _, a := range strong {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\n", a.Kind, cf.valueText(a, 70), a.Inside, a.Outside, a.Requests)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	tmpl := cf.detail.Templates[:min(len(cf.detail.Templates), cf.opt.Top)]
	w.printf("\nTop prompt templates (by the members' requests):\n")
	if len(tmpl) == 0 {
		w.printf("  none\n")
	} else {
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  REQUESTS\tMEMBERS\tOUTSIDE\tTEMPLATE")
		for _, a := range tmpl {
			fmt.Fprintf(tw, "  %d\t%d\t%d\t%s\n", a.Requests, a.Inside, a.Outside, cf.valueText(a, 100))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	w.printf("\nFiles in this package:\n")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range [][2]string{
		{FileSummary, "this page"},
		{FileCluster, "everything here for programs: cluster, signals, run parameters, members, shared attributes"},
		{FileMembers, "one row per account of the cluster, with the cards, emails and devices it shares with other members"},
		{FileEdges, "every account-attribute link with its counts and first/last use"},
		{FileTimeline, "signups and activity per day (UTC)"},
		{FileHours, "the members' requests by hour of the day (UTC): people rest, machines need not"},
		{FileSums, "SHA-256 of the files above"},
		{FileManifest, "every file with its size and SHA-256, the versions, the run and the cluster"},
		{FileManifestHash, "SHA-256 of manifest.json"},
	} {
		fmt.Fprintf(tw, "  %s\t%s\n", f[0], f[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	w.printf("\nTimes are UTC. In the CSV files a value starting with = + - @ is prefixed with ' so\n")
	w.printf("that spreadsheets show it rather than run it; cluster.json has the exact values.\n")
	w.printf("\nThe hash in manifest.sha256 identifies this exact package. A package only agrees with\n")
	w.printf("itself: to know that nothing was changed, compare that hash with the one its sender gave\n")
	w.printf("you apart from the package (ringlink export prints it), then check the files against it:\n")
	w.printf("  ringlink verify FILE.zip --manifest-sha256 HASH\n")
	w.printf("or, after unzipping, with standard tools:   sha256sum -c manifest.sha256 && sha256sum -c SHA256SUMS\n")
	return w.Err
}

// valueText shows an attribute value for people: a mined template with
// its skeleton.
func (cf *caseFile) valueText(a linkage.SharedAttr, maxRunes int) string {
	if sk := cf.skeletons[a.Value]; sk != "" && a.Kind == store.KindTemplate.String() {
		return text("#"+a.Value+" "+sk, maxRunes)
	}
	return text(a.Value, maxRunes)
}

// errWriter keeps the first write error, and prints.
type errWriter struct{ stickyio.Writer }

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }
