package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ringlink/ringlink/evidence"
	ucli "github.com/urfave/cli/v2"
)

func verifyCommand(ios *IO) *ucli.Command {
	return &ucli.Command{
		Name:      "verify",
		Usage:     "check an evidence package's integrity (needs no database)",
		ArgsUsage: "FILE.zip (- for standard input)",
		Flags: []ucli.Flag{formatFlag(false),
			&ucli.StringFlag{Name: "manifest-sha256", Usage: "also require manifest.json to hash to `SHA256`, the hash export printed: without it verify shows only that the package is consistent with itself"},
		},
		Action: func(c *ucli.Context) error {
			f, err := outputFormat(c, false)
			if err != nil {
				return err
			}
			if err := exactArgs(c, 1, "verify needs exactly one FILE.zip"); err != nil {
				return err
			}
			want := c.String("manifest-sha256")
			if want != "" && !evidence.IsSHA256(want) {
				return usagef("--manifest-sha256 %q: want the 64 hex digits export printed", want)
			}
			path := c.Args().First()
			var rep evidence.Report
			if path == "-" {
				// A pipe cannot be read at random: hold the package in memory.
				b, err := io.ReadAll(ios.In)
				if err != nil {
					return fmt.Errorf("verify standard input: %w", err)
				}
				rep, err = evidence.Verify(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					return unreadablePackage(ios, f, path, fmt.Errorf("standard input: %w", err))
				}
			} else if rep, err = evidence.VerifyFile(path); err != nil {
				return unreadablePackage(ios, f, path, err)
			}
			if want != "" {
				rep.ExpectManifest(want)
			}
			if f == fmtJSON {
				if err := writeJSON(ios.Out, struct {
					Path     string `json:"path"`
					OK       bool   `json:"ok"`
					Expected string `json:"expected_manifest_sha256,omitempty"`
					evidence.Report
				}{path, rep.OK(), strings.ToLower(want), rep}); err != nil {
					return err
				}
			} else {
				renderVerify(ios, path, rep, want != "")
			}
			if rep.OK() {
				return nil
			}
			first := rep.Problems[0].String()
			if n := len(rep.Problems); n > 1 {
				return fmt.Errorf("%s is not intact: %d problems, first %s", path, n, first)
			}
			return fmt.Errorf("%s is not intact: %s", path, first)
		},
	}
}

// unreadablePackage returns err, first printing it as a JSON verdict when
// a script asked for JSON: a package that cannot be read is not intact.
func unreadablePackage(ios *IO, f, path string, err error) error {
	if f == fmtJSON {
		if werr := writeJSON(ios.Out, struct {
			Path  string `json:"path"`
			OK    bool   `json:"ok"`
			Error string `json:"error"`
		}{path, false, err.Error()}); werr != nil {
			return werr
		}
	}
	return err
}

func renderVerify(ios *IO, path string, rep evidence.Report, expected bool) {
	if rep.OK() {
		m := rep.Manifest
		fmt.Fprintf(ios.Out, "OK %s: cluster %s of run %s, %d files intact (format %d, ringlink %s)\n",
			path, m.Cluster, m.Run, rep.Checked+2, m.FormatVersion, m.ToolVersion)
		if expected {
			fmt.Fprintf(ios.Out, "manifest sha256 %s, as expected: this is the package that was exported\n", rep.ManifestSHA256)
		} else {
			fmt.Fprintf(ios.Out, "manifest sha256 %s: compare it with the hash kept from the export (--manifest-sha256 does)\n", rep.ManifestSHA256)
		}
		return
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(ios.Out, "FAIL %s\n", p)
	}
}
