// Package cli parses flags into option structs, calls one package function
// per command and renders the result.
package cli

import "io"

// Main runs ringlink with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return 0
}
