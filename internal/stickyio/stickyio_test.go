package stickyio

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// failAfter accepts n writes, then fails.
type failAfter struct {
	n   int
	buf bytes.Buffer
}

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errFull
	}
	f.n--
	return f.buf.Write(p)
}

func TestWriterKeepsFirstError(t *testing.T) {
	under := &failAfter{n: 2}
	w := &Writer{W: under}
	for i := range 4 {
		fmt.Fprintf(w, "line %d\n", i)
	}
	assert.ErrorIs(t, w.Err, errFull)
	assert.Equal(t, "line 0\nline 1\n", under.buf.String(), "nothing reaches the writer after the failure")
	under.n = 5
	_, err := w.Write([]byte("again"))
	assert.ErrorIs(t, err, errFull, "the error sticks even once the writer would accept again")
	assert.Equal(t, "line 0\nline 1\n", under.buf.String())
}
