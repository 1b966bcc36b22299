package linkage

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/ringlink/ringlink/store"
)

// TestTimeline: rows are the days on which something changed, each with
// the members active that day, and a record dated far from the others
// adds rows, not a row per day in between.
func TestTimeline(t *testing.T) {
	day := func(date string) int64 {
		ts, err := time.Parse(time.DateOnly, date)
		if err != nil {
			t.Fatal(err)
		}
		return ts.UnixMilli()
	}
	type member struct{ signup, first, last string }
	type row struct {
		date                    string
		signups, first, last, n int
	}
	tests := []struct {
		name    string
		members []member
		want    []row
	}{
		{"one day", []member{{"", "2026-10-01", "2026-10-01"}, {"2026-10-01", "2026-10-01", "2026-10-01"}},
			[]row{{"2026-10-01", 1, 2, 2, 2}}},
		{"spans overlap", []member{{"", "2026-10-01", "2026-10-05"}, {"", "2026-10-03", "2026-10-03"}},
			[]row{{"2026-10-01", 0, 1, 0, 1}, {"2026-10-03", 0, 1, 1, 2}, {"2026-10-04", 0, 0, 0, 1}, {"2026-10-05", 0, 0, 1, 1}}},
		{"a quiet gap", []member{{"", "2026-10-01", "2026-10-01"}, {"", "2026-10-09", "2026-10-10"}},
			[]row{{"2026-10-01", 0, 1, 1, 1}, {"2026-10-02", 0, 0, 0, 0}, {"2026-10-09", 0, 1, 0, 1}, {"2026-10-10", 0, 0, 1, 1}}},
		{"signup before the first record", []member{{"2026-09-20", "2026-10-01", "2026-10-02"}},
			[]row{{"2026-09-20", 1, 0, 0, 0}, {"2026-10-01", 0, 1, 0, 1}, {"2026-10-02", 0, 0, 1, 1}}},
		{"a record dated 9999", []member{{"", "1970-01-01", "9999-12-31"}, {"", "2026-10-01", "2026-10-01"}},
			[]row{{"1970-01-01", 0, 1, 0, 1}, {"2026-10-01", 0, 1, 1, 2}, {"2026-10-02", 0, 0, 0, 1}, {"9999-12-31", 0, 0, 1, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			act := activity{days: map[int64]*Day{}, change: map[int64]int{}}
			for _, m := range tc.members {
				a := store.AccountStats{Requests: 1, First: day(m.first), Last: day(m.last)}
				if m.signup != "" {
					a.Signups, a.Signup = 1, day(m.signup)
				}
				act.add(a)
			}
			var got []row
			for _, d := range act.rows() {
				got = append(got, row{d.Date, d.Signups, d.FirstSeen, d.LastSeen, d.Active})
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
