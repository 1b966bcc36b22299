package graph

import "errors"

// ErrTooLarge is returned by Load for a graph whose snapshot would hold
// more than 2^32-1 edge ends (each kept edge counts twice): the row
// offsets are 32-bit, which saves 4 bytes per node id (80 MB at the seed
// scenario's 20M ids), and a graph that size would need over 16 GB for
// its neighbour array alone, far beyond what the linkage passes are
// sized for.
var ErrTooLarge = errors.New("graph too large for an in-memory snapshot")
