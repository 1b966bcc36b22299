// Package stickyio holds a writer that keeps the first error of the
// writer it wraps, so that a run of writes (a report, a summary) is
// checked once at its end rather than at every line.
package stickyio

import "io"

// Writer passes writes to W until one fails; that error is kept in Err
// and every later write fails with it without reaching W.
type Writer struct {
	W   io.Writer
	Err error
}

func (s *Writer) Write(p []byte) (int, error) {
	if s.Err != nil {
		return 0, s.Err
	}
	n, err := s.W.Write(p)
	s.Err = err
	return n, err
}
