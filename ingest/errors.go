package ingest

import (
	"errors"
	"fmt"
	"strings"
)

// Errors returned by Run; each is wrapped with the source and line.
var (
	// ErrTooManyRejects means more records were rejected than
	// Options.MaxRejects allows. What was committed before stays.
	ErrTooManyRejects = errors.New("too many rejected records")
	// ErrInput means an input could not be read as a whole: a missing
	// file, a directory, a truncated gzip stream, an unknown format.
	ErrInput = errors.New("unreadable input")
)

// InputErrors is Run's error when the only failures were inputs it could
// not read (each an ErrInput): it went on with the others, whose records
// are committed. Any other failure stops Run and is returned joined with
// the InputErrors before it, so a caller that gets exactly this type
// knows every other input was ingested.
type InputErrors struct {
	Errs   []error
	Inputs int // inputs named
}

func (e InputErrors) Error() string {
	msgs := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		msgs[i] = strings.TrimPrefix(err.Error(), ErrInput.Error()+": ")
	}
	if len(e.Errs) == e.Inputs {
		return fmt.Sprintf("%s: %s", ErrInput, strings.Join(msgs, "; "))
	}
	return fmt.Sprintf("%s: %d of %d inputs could not be read, the others are ingested (now or before): %s",
		ErrInput, len(e.Errs), e.Inputs, strings.Join(msgs, "; "))
}

func (e InputErrors) Unwrap() []error { return e.Errs }
