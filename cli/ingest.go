package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

// ingestMemoryLimit is the Go heap's soft limit during ingest.
const ingestMemoryLimit = 1 << 30

type ingestOptions struct {
	Paths      []string
	Rejects    string
	MaxRejects int64
	Format     string
	BatchLines int
}

func ingestCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:      "ingest",
		Usage:     "read traffic records into the graph",
		ArgsUsage: "PATH... (- for standard input)",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "rejects", Usage: "write each rejected record, with file:line and reason, to `FILE` (JSON lines)"},
			&ucli.Int64Flag{Name: "max-rejects", Usage: "stop with exit 1 after more than `N` rejected records (-1: no limit)", Value: -1},
			&ucli.StringFlag{Name: "format", Usage: "input format of standard input and of files without a known extension: jsonl or csv", Value: "jsonl"},
			&ucli.IntFlag{Name: "batch-lines", Usage: "input lines per committed batch", Value: ingest.DefaultBatchLines, Hidden: true},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() == 0 {
				return usagef("ingest needs at least one PATH (or - for standard input)")
			}
			opts := ingestOptions{Paths: c.Args().Slice(), Rejects: c.String("rejects"), MaxRejects: c.Int64("max-rejects"),
				Format: c.String("format"), BatchLines: c.Int("batch-lines")}
			if opts.Format != "jsonl" && opts.Format != "csv" {
				return usagef("--format %q: want jsonl or csv", opts.Format)
			}
			if err := opts.check(ios.In, dbPath(c)); err != nil {
				return err
			}
			return ingestRun(c, ios, opts)
		},
	}
}

// check rejects the options no ingest can honour. stdin and db are what
// - and the database name, for the rejects file.
func (o ingestOptions) check(stdin io.Reader, db string) error {
	if o.MaxRejects < -1 {
		return usagef("--max-rejects %d: want -1 (no limit) or more", o.MaxRejects)
	}
	if o.BatchLines < 0 {
		return usagef("--batch-lines %d: want 0 (the default) or more", o.BatchLines)
	}
	if err := checkPaths(o.Paths); err != nil {
		return err
	}
	return checkRejects(o.Rejects, o.Paths, stdin, db)
}

// inDir reports whether path, its directory's links resolved, lies in
// dir, its links resolved.
func inDir(path, dir string) bool {
	resolve := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		// Not there yet: resolve the directory it would be made in.
		if r, err := filepath.EvalSymlinks(filepath.Dir(a)); err == nil {
			return filepath.Join(r, filepath.Base(a))
		}
		return a
	}
	rp, rd := resolve(path), resolve(dir)
	return rp != "" && rd != "" && strings.HasPrefix(rp, rd+string(filepath.Separator))
}

// checkOutput refuses a file the command would write (named by flag) that
// lies in the database directory db, through links too, or is another
// name (a hard link) of one of its files: writing it would break the
// database. An empty path and - (standard output) are fine.
func checkOutput(flag, path, db string) error {
	if path == "" || path == "-" {
		return nil
	}
	if inDir(path, db) {
		return usagef("%s %s is inside the database %s: writing it would break the database", flag, path, db)
	}
	ofi, err := os.Stat(path)
	if err != nil {
		return nil // not there yet: no database file has this name
	}
	if entries, err := os.ReadDir(db); err == nil {
		for _, e := range entries {
			if fi, err := os.Stat(filepath.Join(db, e.Name())); err == nil && os.SameFile(fi, ofi) {
				return usagef("%s %s is the database file %s: writing it would break the database", flag, path, e.Name())
			}
		}
	}
	return nil
}

// checkRejects refuses a rejects file that is one of the inputs (by
// device and inode, whatever the names, standard input included) or lies
// in the database directory: it is truncated before the inputs are read,
// so the traffic would be lost and the emptied file recorded as ingested,
// or the database broken.
//
// It must be a regular file, as it is read back: a re-run lists only the
// rejects it does not hold yet. So - (standard output elsewhere) names no
// file here.
func checkRejects(rejects string, paths []string, stdin io.Reader, db string) error {
	if rejects == "-" {
		return usagef("--rejects -: name a file; the rejects are appended to it and read back by a re-run, so they cannot go to standard output")
	}
	if err := checkOutput("--rejects", rejects, db); err != nil {
		return err
	}
	rfi, err := os.Stat(rejects)
	if err != nil {
		return nil // not there yet: it cannot be an input that exists
	}
	if !rfi.Mode().IsRegular() {
		return usagef("--rejects %s is not a regular file: the rejects are appended to it and read back by a re-run", rejects)
	}
	for _, p := range paths {
		var fi os.FileInfo
		if p == "-" {
			if f, ok := stdin.(*os.File); ok {
				fi, err = f.Stat()
			}
		} else {
			fi, err = os.Stat(p)
		}
		if err == nil && fi != nil && os.SameFile(fi, rfi) {
			return usagef("--rejects %s is the input %s: writing it would erase the traffic before it is read", rejects, p)
		}
	}
	return nil
}

func ingestRun(c *ucli.Context, ios *IO, opts ingestOptions) error {
	st, err := openDB(c, ios, true)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := runIngest(c, ios, st, opts)
	// Counts are of committed records only: a source that failed reports
	// what its committed batches hold, and the error (stderr, exit 1) says
	// why it stopped.
	for _, s := range res.Sources {
		switch {
		case s.Skipped && len(s.Extends) > 1:
			fmt.Fprintf(ios.Out, "%s: already ingested, skipped (it joins files read before: %s)\n", s.Path, strings.Join(s.Extends, ", "))
		case s.Skipped:
			fmt.Fprintf(ios.Out, "%s: already ingested, skipped\n", s.Path)
		case s.Held && s.Records+s.Rejected > 0:
			fmt.Fprintf(ios.Out, "%s: stopped at --max-rejects: %d records, %d rejected committed; fix the file or raise --max-rejects to read on\n", s.Path, s.Records, s.Rejected)
		case s.Held:
			fmt.Fprintf(ios.Out, "%s: held at --max-rejects: an earlier read stopped there; fix the file or raise --max-rejects to read on\n", s.Path)
		case s.Failed && s.Resumable:
			fmt.Fprintf(ios.Out, "%s: stopped: %d records, %d rejected committed; re-run ingest to resume\n", s.Path, s.Records, s.Rejected)
		case s.Failed && s.Path == "stdin":
			fmt.Fprintf(ios.Out, "%s: failed: %d records, %d rejected committed before the error; standard input cannot be resumed\n", s.Path, s.Records, s.Rejected)
		case s.Failed:
			fmt.Fprintf(ios.Out, "%s: failed: %d records, %d rejected committed before the error\n", s.Path, s.Records, s.Rejected)
		default:
			note := ""
			switch {
			case s.Resumed:
				note = " (resumed from checkpoint)"
			case s.Appended && len(s.Extends) > 1:
				note = fmt.Sprintf(" (it joins files read before, %s: only the lines after them were read)", strings.Join(s.Extends, ", "))
			case s.Appended && len(s.Extends) == 1 && !samePath(s.Extends[0], s.Path):
				note = fmt.Sprintf(" (it extends %s, read before: only the lines after its content were read)", s.Extends[0])
			case s.Appended:
				note = " (appended since it was last ingested; the earlier lines were not read again)"
			}
			fmt.Fprintf(ios.Out, "%s: %d records, %d rejected%s\n", s.Path, s.Records, s.Rejected, note)
			if s.Records == 0 && s.Rejected > 0 {
				// Almost always the wrong format, and the content now
				// counts as ingested: say so while it can be acted on.
				fmt.Fprintf(ios.Err, "ringlink: warning: every record of %s was rejected: is it in the format it was read as? Name it .jsonl or .csv, or give --format (see the README on re-reading it)\n", s.Path)
			}
		}
	}
	// Unreadable inputs did not stop the others: say what was ingested,
	// then fail with what was not.
	ie, partial := err.(ingest.InputErrors)
	if err != nil && (!partial || len(ie.Errs) == ie.Inputs) {
		return err
	}
	secs := res.Elapsed.Seconds()
	fmt.Fprintf(ios.Out, "ingested %d records (%d rejected) in %.1fs, %.0f records/s\n", res.Records, res.Rejected, secs, float64(res.Records+res.Rejected)/max(secs, 1e-9))
	if res.Rejected > 0 && opts.Rejects == "" {
		fmt.Fprintln(ios.Err, "ringlink: some records were rejected (the first are logged above); --rejects FILE lists every one with its reason, and is only written when a file is first ingested")
	}
	return err
}

// samePath reports whether the paths name one file: an input is recorded
// by its absolute path with links resolved.
func samePath(recorded, given string) bool {
	if abs, err := filepath.Abs(given); err == nil {
		given = abs
	}
	if real, err := filepath.EvalSymlinks(given); err == nil {
		given = real
	}
	return recorded == given
}

// runIngest is shared by ingest, run and demo.
func runIngest(c *ucli.Context, ios *IO, st *store.Store, opts ingestOptions) (ingest.Result, error) {
	lg, err := logger(c, ios)
	if err != nil {
		return ingest.Result{}, err
	}
	// Ingest keeps about 0.5 GiB live (node cache, two batches, Badger's
	// caches); with the default GOGC the heap would double that before
	// collecting. A soft limit keeps it near the budget; GOMEMLIMIT, when
	// set, wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(ingestMemoryLimit))
	}
	iopt := ingest.Options{Paths: opts.Paths, Stdin: ios.In, Format: opts.Format, MaxRejects: opts.MaxRejects,
		BatchLines: opts.BatchLines, Logger: lg}
	if opts.Rejects != "" {
		// Appended to, as a log: a re-run that reads nothing new must not
		// empty the list the first run wrote.
		f, err := os.OpenFile(opts.Rejects, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return ingest.Result{}, fmt.Errorf("rejects file: %w", err)
		}
		defer f.Close()
		iopt.Rejects = f
	}
	if ios.TTY {
		pl := &progressLine{w: ios.Err, every: 250 * time.Millisecond, last: time.Now()}
		iopt.Progress = pl.show
		defer pl.clear()
	}
	return ingest.Run(c.Context, st, iopt)
}

// progressLine keeps one line of progress on a terminal, rewritten in
// place at most once per every. It is cleared with spaces, not an erase
// sequence: standard error escapes what steers a terminal (safeWriter).
type progressLine struct {
	w     io.Writer
	every time.Duration
	last  time.Time
	width int // of the longest line shown
}

func (l *progressLine) show(p ingest.Progress) {
	if time.Since(l.last) < l.every {
		return
	}
	l.last = time.Now()
	line := fmt.Sprintf("%s: %d lines, %d records, %d rejected", p.Source, p.Lines, p.Records, p.Rejected)
	n := utf8.RuneCountInString(line) // columns, near enough: paths are rarely wide
	pad := max(0, l.width-n)
	l.width = max(l.width, n)
	fmt.Fprintf(l.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

func (l *progressLine) clear() {
	if l.width > 0 {
		fmt.Fprintf(l.w, "\r%s\r", strings.Repeat(" ", l.width))
	}
}

// checkPaths refuses standard input named twice (the second would read
// nothing) and the /dev/stdin device: standard input has one name, -, so
// that it is read once, by stdin's rules, and reported as standard input.
func checkPaths(paths []string) error {
	stdin := 0
	for _, p := range paths {
		switch p {
		case "-":
			stdin++
		case "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0":
			return usagef("%s: name standard input as -", p)
		}
	}
	if stdin > 1 {
		return usagef("- (standard input) named %d times: it can be read once", stdin)
	}
	return nil
}
