package store

import (
	_ "github.com/cespare/xxhash/v2"
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/stretchr/testify/require"
	_ "github.com/urfave/cli/v2"
	_ "gonum.org/v1/gonum/graph/testgraph"
	_ "gonum.org/v1/gonum/graph/path"
)
