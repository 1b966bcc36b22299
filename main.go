// Command ringlink is a graph-based account-linkage engine: it folds API
// traffic into an embedded graph and surfaces coordinated rings of accounts.
package main

import (
	"os"

	"github.com/ringlink/ringlink/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
