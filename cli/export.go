package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/ringlink/ringlink/evidence"
	"github.com/ringlink/ringlink/store"
	ucli "github.com/urfave/cli/v2"
)

func exportCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:      "export",
		Usage:     "write the evidence package of one cluster (a deterministic, self-verifying zip)",
		ArgsUsage: "ID --out FILE.zip",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "out", Usage: "write the package to `FILE`.zip (- for standard output)"},
			&ucli.StringFlag{Name: "run", Usage: "the cluster of run `R-…` (default: the latest run)"},
			formatFlag(false),
		},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			if err := exactArgs(c, 1, "export needs exactly one cluster ID"); err != nil {
				return err
			}
			out := c.String("out")
			if out == "" {
				return usagef("export needs --out FILE.zip")
			}
			if fi, err := os.Stat(out); err == nil && fi.IsDir() {
				return usagef("--out %s is a directory: name the zip file to write", out)
			}
			if err := checkOutput("--out", out, dbPath(c)); err != nil {
				return err
			}
			opt := evidence.Options{Cluster: c.Args().First(), Run: c.String("run"), ToolVersion: toolVersion()}
			return withStore(c, ios, func(st *store.Store) error {
				if out == "-" {
					// Standard output carries the zip: the summary, with
					// the manifest hash to keep, goes to standard error.
					info, err := evidence.Write(ios.Raw, st, opt)
					if err != nil {
						return err
					}
					return renderExport(ios.Err, f, out, info)
				}
				var info evidence.Info
				err := writeAtomic(out, func(w io.Writer) (err error) {
					info, err = evidence.Write(w, st, opt)
					return err
				})
				if err != nil {
					return err
				}
				return renderExport(ios.Out, f, out, info)
			})
		},
	}
}

// renderExport writes the summary of the package written to out (- for
// standard output) to w.
func renderExport(w io.Writer, f, out string, info evidence.Info) error {
	if f == fmtJSON {
		return writeJSON(w, struct {
			Path string `json:"path"`
			evidence.Info
		}{out, info})
	}
	where, file := out, out
	if out == "-" {
		where, file = "the package to standard output", "FILE.zip"
	}
	_, err := fmt.Fprintf(w, "wrote %s: cluster %s of run %s, %d files, %d bytes\n"+
		"manifest sha256 %s (keep it with the case; check with: ringlink verify %s --manifest-sha256 %s)\n",
		where, info.Cluster, info.Run, len(info.Files), info.Bytes, info.ManifestSHA256, file, info.ManifestSHA256)
	return err
}

// writeAtomic writes path through a temporary file in the same directory
// and renames it into place, so a failed export leaves no partial zip. A
// symbolic link is followed, so the file it names is replaced and the link
// stays. What is not a regular file (a pipe, a device) is written to as it
// is: a rename would replace it with a file and send the reader nothing.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("export to %s: a symbolic link to nothing that can be written: %w", path, err)
		}
		path = target
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		// A pipe is opened without waiting for a reader, which would
		// block the process past any interrupt with the database held.
		flag := os.O_WRONLY
		if fi.Mode()&fs.ModeNamedPipe != 0 {
			flag |= syscall.O_NONBLOCK
		}
		f, err := os.OpenFile(path, flag, 0)
		if errors.Is(err, syscall.ENXIO) {
			return fmt.Errorf("export to %s: a named pipe with no reader", path)
		}
		if err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("export to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// toolVersion names this build for the evidence manifest: the module
// version, or the VCS revision of a development build.
func toolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	v = "devel+" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return strings.TrimSpace(v)
}
