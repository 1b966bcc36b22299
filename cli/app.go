// Package cli is ringlink's command line. Each command parses its flags
// into an options struct, calls one package function and renders the
// result; errors become a one-line message and an exit code in Main only.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/ringlink/ringlink/ingest"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
	ucli "github.com/urfave/cli/v2"
)

// Exit codes (SPEC.md; the alert code of `run` is documented in README.md).
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
	ExitAlert = 3
)

// usageError marks an error in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// alertError makes a command exit with ExitAlert after printing normally.
type alertError struct{ msg string }

func (e alertError) Error() string { return e.msg }

// IO is where a command reads and writes; tests inject buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Raw is standard output as it is, for bytes that must arrive exact
	// (an evidence package, generated traffic); Out and Err escape what
	// would steer a terminal (safeWriter).
	Raw io.Writer
	// TTY reports whether Err is a terminal, for progress lines.
	TTY bool
}

// Main runs ringlink with args (args[0] is the program name) and returns
// the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return mainContext(ctx, args, stdin, stdout, stderr)
}

// mainContext is Main stopped by ctx (SIGINT or SIGTERM in Main).
func mainContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tty := isTerminal(stderr)
	out, errOut := &safeWriter{w: stdout}, &safeWriter{w: stderr, progress: true}
	defer out.Flush()
	defer errOut.Flush()
	stderr = errOut
	ios := &IO{In: stdin, Out: out, Err: errOut, Raw: stdout, TTY: tty}
	app := newApp(ios)
	args = reorderArgs(app, helpArgs(args))
	help := strings.Join(append([]string{"ringlink"}, commandPath(app, args)...), " ") + " --help"
	if err := checkCommand(app, args); err != nil {
		return report(stderr, err, help)
	}
	err := app.RunContext(ctx, args)
	if err == nil {
		return ExitOK
	}
	return report(stderr, err, help)
}

// report writes err as one line on stderr and returns the exit code
// (see errorLine). This is the only place errors are rendered.
func report(w io.Writer, err error, help string) int {
	line, code := errorLine(err, help)
	fmt.Fprintf(w, "ringlink: %s\n", line)
	return code
}

// errorLine is the one line that tells a user what stopped a command, and
// the exit code; a usage error points at help, the command line that
// shows the command's usage. run --format json puts the same line in its
// failure object.
func errorLine(err error, help string) (string, int) {
	var ue usageError
	var ae alertError
	switch {
	case errors.As(err, &ae):
		return ae.msg, ExitAlert
	case errors.As(err, &ue):
		return fmt.Sprintf("%s (see %s)", ue.msg, help), ExitUsage
	case errors.Is(err, context.Canceled):
		msg := "interrupted; committed work is kept and a re-run resumes"
		var ie ingest.InputErrors
		if errors.As(err, &ie) {
			msg += "; before that, " + ie.Error()
		}
		return msg, ExitError
	}
	// Errors joined by errors.Join (or an action's and an After hook's)
	// come one per line: keep them apart on the one line.
	line := strings.ReplaceAll(err.Error(), "\n", "; ")
	if errors.Is(err, store.ErrCorrupt) || errors.Is(err, templates.ErrCorruptState) {
		line += " (a file of the database may be damaged: restore it from a backup, or ingest the traffic again into a new one)"
	}
	return line, ExitError
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

var (
	dbFlag   = &ucli.StringFlag{Name: "db", Usage: "database `DIR` (default: $RINGLINK_DB, else " + defaultDB + ")"}
	logFlag  = &ucli.StringFlag{Name: "log-level", Usage: "debug, info, warn or error (logs go to stderr)", Value: "warn"}
	profFlag = &ucli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the command to `FILE` (for go tool pprof)"}
	memFlag  = &ucli.StringFlag{Name: "memprofile", Usage: "write a heap profile to `FILE` when the command ends (for go tool pprof -sample_index=alloc_space)"}
	waitFlag = &ucli.DurationFlag{Name: "wait", Usage: "when another ringlink process holds the database, wait up to `DURATION` (such as 10m) for it to finish instead of failing at once"}
)

func newApp(ios *IO) *ucli.App {
	app := &ucli.App{
		Name:            "ringlink",
		Version:         toolVersion(),
		Usage:           "find coordinated rings of accounts in API traffic",
		Flags:           []ucli.Flag{dbFlag, logFlag, profFlag, memFlag, waitFlag},
		Before:          startProfile,
		After:           stopProfile,
		Writer:          ios.Out,
		ErrWriter:       ios.Err,
		HideHelpCommand: true,
		ExitErrHandler:  func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return usageError{err.Error()}
		},
		Commands: commands(ios),
	}
	app.CommandNotFound = func(c *ucli.Context, name string) {}
	for _, c := range app.Commands {
		setUsageHandlers(c, "")
	}
	return app
}

// startProfile starts the CPU profile asked for by --cpuprofile, so that
// a slow run on real data can be diagnosed without a rebuild.
func startProfile(c *ucli.Context) error {
	// Both are checked before the command runs, so that neither can
	// overwrite a file of the database.
	path := c.String("cpuprofile")
	if err := checkOutput("--cpuprofile", path, dbPath(c)); err != nil {
		return err
	}
	if err := checkOutput("--memprofile", c.String("memprofile"), dbPath(c)); err != nil {
		return err
	}
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	profFile = f
	return nil
}

// profFile is the open --cpuprofile file, if any.
var profFile *os.File

// stopProfile ends the CPU profile and writes the heap profile asked for
// by --memprofile. The heap profile is taken at the end of the command, so
// its in-use figures are what is left; the allocation figures
// (alloc_space) show where the memory of the whole run went.
func stopProfile(c *ucli.Context) error {
	if profFile != nil {
		pprof.StopCPUProfile()
		err := profFile.Close()
		profFile = nil
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	if path := c.String("memprofile"); path != "" {
		// After runs even when Before refused the path, and Before has
		// said why.
		if checkOutput("--memprofile", path, dbPath(c)) != nil {
			return nil
		}
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("--memprofile: %w", err)
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("--memprofile: %w", err)
		}
	}
	return nil
}

// setUsageHandlers makes flag errors usage errors, and makes a command
// that declares no ArgsUsage refuse positional arguments: urfave/cli
// would ignore them, so that "clusters 20" listed every cluster.
func setUsageHandlers(c *ucli.Command, path string) {
	c.OnUsageError = func(_ *ucli.Context, err error, _ bool) error { return usageError{err.Error()} }
	if action := c.Action; action != nil && c.ArgsUsage == "" {
		name := strings.TrimSpace(path + " " + c.Name)
		c.Action = func(ctx *ucli.Context) error {
			if ctx.NArg() > 0 {
				return usagef("%s takes no arguments (got %q)", name, ctx.Args().First())
			}
			return action(ctx)
		}
	}
	for _, s := range c.Subcommands {
		setUsageHandlers(s, path+" "+c.Name)
	}
}

// logger builds the slog logger from --log-level; logs go to stderr so
// that stdout stays machine-readable.
func logger(c *ucli.Context, ios *IO) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.String("log-level"))); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", c.String("log-level"))
	}
	return slog.New(slog.NewTextHandler(ios.Err, &slog.HandlerOptions{Level: lvl})), nil
}

// defaultDB is the database used when neither --db nor RINGLINK_DB names
// one.
const defaultDB = "./ringlink.db"

// dbPath is the database --db names, else RINGLINK_DB, else defaultDB.
// RINGLINK_DB is read here rather than as the flag's environment variable
// so that c.IsSet("db") means "given on the command line" (see demo).
func dbPath(c *ucli.Context) string {
	if c.IsSet("db") {
		return c.String("db")
	}
	if env := os.Getenv("RINGLINK_DB"); env != "" {
		return env
	}
	return defaultDB
}

// selfCommand is how a hint calls ringlink on the database c uses: with
// --db when the command line named one (RINGLINK_DB and the default hold
// for the next command too), quoted for a POSIX shell when it must be.
func selfCommand(c *ucli.Context) string {
	if !c.IsSet("db") {
		return "ringlink"
	}
	return "ringlink --db " + shellQuote(c.String("db"))
}

// shellQuote returns s as one word for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+=:,@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// openDB opens the database dbPath names. Writers create it.
func openDB(c *ucli.Context, ios *IO, create bool) (*store.Store, error) {
	lg, err := logger(c, ios)
	if err != nil {
		return nil, err
	}
	if dbPath(c) == "" {
		return nil, usagef("--db \"\": name the database directory")
	}
	opt := store.Options{Create: create, Command: c.Command.FullName(), Logger: lg}
	wait := c.Duration("wait")
	if wait < 0 {
		return nil, usagef("--wait %v: want 0 or more", wait)
	}
	// A reader started while the hourly run holds the database, or a run
	// that overlaps the previous one, can wait its turn.
	deadline := time.Now().Add(wait)
	for waited := false; ; waited = true {
		st, err := store.Open(dbPath(c), opt)
		if !errors.Is(err, store.ErrLocked) || !time.Now().Before(deadline) {
			if err != nil && waited {
				err = fmt.Errorf("after waiting %v: %w", wait, err)
			}
			return st, err
		}
		if !waited {
			lg.Info("the database is held by another process; waiting", "for", wait, "reason", err)
		}
		select {
		case <-c.Context.Done():
			return nil, c.Context.Err()
		case <-time.After(min(250*time.Millisecond, time.Until(deadline))):
		}
	}
}

// withStore runs fn on the database opened read-only and closes it when
// fn returns: the commands that only read share it so that each opens the
// same way and none can leave the store open. Writers (ingest, run) call
// openDB with create set themselves.
func withStore(c *ucli.Context, ios *IO, fn func(st *store.Store) error) error {
	st, err := openDB(c, ios, false)
	if err != nil {
		return err
	}
	defer st.Close()
	err = fn(st)
	if errors.Is(err, store.ErrCorrupt) {
		err = fmt.Errorf("database %s: %w", st.Dir(), err)
	}
	return err
}

// exactArgs returns usage as a usage error unless the command got exactly
// n positional arguments: urfave/cli v2 does not count them itself.
func exactArgs(c *ucli.Context, n int, usage string) error {
	if c.NArg() != n {
		return usageError{usage}
	}
	return nil
}

// reorderArgs moves flags that follow positional arguments in front of
// them. urfave/cli v2 stops reading flags at the first positional
// argument, so without this `ringlink account show ACC --format json`
// would silently ignore --format. "--" ends flag parsing as usual.
func reorderArgs(app *ucli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	var global, path, local, pos []string
	flags := []ucli.Flag{}
	cmds := app.Commands
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i:]...)
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			// Global flags (--db, --log-level) go before the command, where
			// urfave/cli reads them; a command's own flags after its name.
			dst := &local
			isGlobal, valued := flagInfo(app.Flags, a)
			if isGlobal {
				dst = &global
			} else {
				_, valued = flagInfo(flags, a)
			}
			*dst = append(*dst, a)
			if valued && !strings.Contains(a, "=") && i+1 < len(args) {
				*dst = append(*dst, args[i+1])
				i++
			}
			continue
		}
		if cmd := findCommand(cmds, a); cmd != nil && len(pos) == 0 {
			path = append(path, a)
			flags = cmd.Flags
			cmds = cmd.Subcommands
			continue
		}
		pos = append(pos, a)
	}
	out := append([]string{args[0]}, global...)
	out = append(out, path...)
	out = append(out, local...)
	return append(out, pos...)
}

// commandPath returns the names of the commands args (as reorderArgs
// leaves them) select, outermost first.
func commandPath(app *ucli.App, args []string) []string {
	var path []string
	cmds, flags := app.Commands, app.Flags
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			if _, valued := flagInfo(flags, a); valued && !strings.Contains(a, "=") {
				i++
			}
			continue
		}
		c := findCommand(cmds, a)
		if c == nil {
			break
		}
		path = append(path, c.Name)
		cmds, flags = c.Subcommands, c.Flags
	}
	return path
}

// flagInfo reports whether arg names one of flags and whether it takes a
// value.
func flagInfo(flags []ucli.Flag, arg string) (known, valued bool) {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*ucli.BoolFlag)
				return true, !isBool
			}
		}
	}
	return false, false
}

// checkCommand makes an unknown command a usage error (exit 2); urfave/cli
// would print help and exit 0, which hides typos in scheduled jobs.
func checkCommand(app *ucli.App, args []string) error {
	cmds := app.Commands
	flags := app.Flags
	var group *ucli.Command // the command group last entered, if any
	help := false
	for i := 1; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			help = help || a == "-h" || a == "--help"
			if _, valued := flagInfo(flags, a); valued && !strings.Contains(a, "=") {
				i++
			}
			continue
		}
		c := findCommand(cmds, a)
		if c == nil {
			return usagef("unknown command %q", a)
		}
		if len(c.Subcommands) == 0 || c.Action != nil {
			// From here on, words are arguments (or subcommands, which
			// urfave/cli resolves itself).
			if len(c.Subcommands) > 0 {
				if next := nextWord(args[i+1:], append(c.Flags, flags...)); next != "" && findCommand(c.Subcommands, next) == nil && c.Action == nil {
					return usagef("unknown command %q", next)
				}
			}
			return nil
		}
		group = c
		cmds = c.Subcommands
		flags = append(append([]ucli.Flag{}, c.Flags...), flags...)
	}
	if group != nil && !help {
		names := make([]string, 0, len(group.Subcommands))
		for _, c := range group.Subcommands {
			names = append(names, c.Name)
		}
		return usagef("%s needs a subcommand: %s", group.Name, strings.Join(names, ", "))
	}
	return nil
}

// helpArgs turns "ringlink help CMD..." into "ringlink CMD... --help":
// the help command is hidden (HideHelpCommand), and without this "help
// link" printed nothing.
func helpArgs(args []string) []string {
	if len(args) < 2 || args[1] != "help" {
		return args
	}
	return append(append([]string{args[0]}, args[2:]...), "--help")
}

// nextWord returns the first argument that is not a flag or a flag's value.
func nextWord(args []string, flags []ucli.Flag) string {
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			if _, valued := flagInfo(flags, args[i]); valued && !strings.Contains(args[i], "=") {
				i++
			}
			continue
		}
		return args[i]
	}
	return ""
}

func findCommand(cmds []*ucli.Command, name string) *ucli.Command {
	for _, c := range cmds {
		for _, n := range c.Names() {
			if n == name {
				return c
			}
		}
	}
	return nil
}

// checkScore returns a usage error unless flag name, when given, is a
// score: in (0, 1] for a flag threshold (zero would flag everything), in
// [0, 1] for a minimum score.
func checkScore(c *ucli.Context, name string, threshold bool) error {
	if !c.IsSet(name) {
		return nil
	}
	x := c.Float64(name)
	if x > 1 || x < 0 || (threshold && x == 0) || math.IsNaN(x) {
		if threshold {
			return usagef("--%s %v: want a number in (0, 1]", name, x)
		}
		return usagef("--%s %v: want a number in [0, 1]", name, x)
	}
	return nil
}

// checkMin returns a usage error unless int flag name is at least lo.
func checkMin(c *ucli.Context, name string, lo int) error {
	if x := c.Int(name); x < lo {
		return usagef("--%s %d: want %d or more", name, x, lo)
	}
	return nil
}
