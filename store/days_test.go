package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCountRequest: requests land on their UTC day whatever order they
// come in, days before 1970 included.
func TestCountRequest(t *testing.T) {
	const day2 = 20_000 * DayMS // 2024-10-04
	tests := []struct {
		name string
		ts   []int64
		want []DayCount
	}{
		{"none", nil, nil},
		{"one day, in order", []int64{day2, day2 + 1, day2 + DayMS - 1}, []DayCount{{20_000, 3}}},
		{"out of order", []int64{day2 + DayMS, day2, day2 + 5*DayMS, day2 + 1},
			[]DayCount{{20_000, 2}, {20_001, 1}, {20_005, 1}}},
		{"before 1970 rounds down", []int64{-1, -DayMS, -DayMS - 1, 0},
			[]DayCount{{-2, 1}, {-1, 2}, {0, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var src Source
			for _, ts := range tc.ts {
				src.CountRequest(ts)
			}
			assert.Equal(t, tc.want, src.Days)
		})
	}
}

// TestRequestDays: inputs' days add up; one input checkpointed before
// days were counted makes them unknown, unless it holds no record.
func TestRequestDays(t *testing.T) {
	a := Source{DaysKept: true, Records: 5, Days: []DayCount{{10, 2}, {12, 3}}}
	b := Source{DaysKept: true, Records: 4, Days: []DayCount{{11, 1}, {12, 3}}}
	old := Source{Records: 7}
	empty := Source{}
	tests := []struct {
		name   string
		srcs   []Source
		want   []DayCount
		wantOK bool
	}{
		{"no inputs", nil, nil, true},
		{"one input", []Source{a}, []DayCount{{10, 2}, {12, 3}}, true},
		{"two inputs merge by day", []Source{b, a}, []DayCount{{10, 2}, {11, 1}, {12, 6}}, true},
		{"an older checkpoint with records", []Source{a, old}, nil, false},
		{"an older checkpoint without records", []Source{a, empty}, []DayCount{{10, 2}, {12, 3}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := RequestDays(tc.srcs)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestNewSourceKeepsDays: a source registered now says its days are
// counted, and they come back from its checkpoint.
func TestNewSourceKeepsDays(t *testing.T) {
	s, _ := openTestDB(t)
	src, err := s.NewSource(Source{Hash: 42, Path: "a.jsonl"})
	require.NoError(t, err)
	assert.True(t, src.DaysKept)
	src.CountRequest(3 * DayMS)
	src.Records = 1
	require.NoError(t, s.FinishSource(&src))
	got, found, err := s.Source(42)
	require.NoError(t, err)
	require.True(t, found)
	assert.True(t, got.DaysKept)
	assert.Equal(t, []DayCount{{3, 1}}, got.Days)
}

// TestResumeKeepsDaysWhenNothingWasMissed: resuming a checkpoint written
// before days were counted starts counting only when it holds no record.
func TestResumeKeepsDaysWhenNothingWasMissed(t *testing.T) {
	tests := []struct {
		name    string
		records int64
		want    bool
	}{
		{"no record yet", 0, true},
		{"records of unknown days", 5, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestDB(t)
			src, err := s.NewSource(Source{Hash: 7, Path: "a.jsonl"})
			require.NoError(t, err)
			src.DaysKept, src.Records, src.Batches = false, tc.records, 1
			require.NoError(t, s.ResumeSource(&src))
			got, _, err := s.Source(7)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got.DaysKept)
		})
	}
}
