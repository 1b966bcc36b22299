package ingest

import "errors"

// Errors returned by Run; each is wrapped with the source and line.
var (
	// ErrTooManyRejects means more records were rejected than
	// Options.MaxRejects allows. What was committed before stays.
	ErrTooManyRejects = errors.New("too many rejected records")
	// ErrInput means an input could not be read as a whole: a missing
	// file, a directory, a truncated gzip stream, an unknown format.
	ErrInput = errors.New("unreadable input")
)
