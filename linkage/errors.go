package linkage

import "errors"

// Errors returned by this package, wrapped with context; test with
// errors.Is.
var (
	// ErrNoRun: the database has no linkage run yet (or not the one asked
	// for).
	ErrNoRun = errors.New("no linkage run yet (run ringlink link first)")
	// ErrUnknownCluster: a cluster id the run does not have.
	ErrUnknownCluster = errors.New("unknown cluster")
	// ErrInvalidOptions: an Options field outside its documented range
	// (a non-finite resolution, a threshold outside (0, 1]).
	ErrInvalidOptions = errors.New("invalid linkage options")
	// ErrInterrupted: Link's context ended before the run was recorded;
	// the previous run stays the latest.
	ErrInterrupted = errors.New("interrupted before the run was recorded; the previous run stays the latest")
)
