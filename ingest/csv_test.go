package ingest

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzCSVRecords: whatever the bytes, the splitter never panics, hands out
// units on strictly increasing lines (a line given back is never handed
// out twice as a unit's start), no more units than lines, and gives every
// record it accepts the header's number of fields.
func FuzzCSVRecords(f *testing.F) {
	for _, s := range []string{
		"ts,account\n1,a\n2,b\n",
		"ts,account\n1,\"a\n2,b\n",
		"ts,account\n1,\"a\nb\",c\n3,d\n",
		"ts,account\r\n1,\"x\"\"y\"\r\n",
		"\ufeffts,account\n\n\n1,a,extra\n",
		"ts,account\n1,a\"b\n\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := newCSVRecords(bytes.NewReader(data))
		header, _, _, reason, err := c.next()
		if err != nil || reason != nil {
			return // ingest refuses the file
		}
		c.fields = len(header)
		last := int64(0)
		for range bytes.Count(data, []byte("\n")) + 2 {
			rec, _, line, reason, err := c.next()
			if err == io.EOF {
				return
			}
			require.NoError(t, err)
			require.Greater(t, line, last, "units go forward")
			last = line
			if reason == nil {
				require.Len(t, rec, c.fields)
			}
		}
		t.Fatalf("more units than lines")
	})
}
