package linkage

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		ok   bool
	}{
		{"zero value means the defaults", Options{}, true},
		{"finite resolution and threshold", Options{Resolution: 2.5, Threshold: 0.7}, true},
		{"threshold of one", Options{Threshold: 1}, true},
		{"infinite resolution", Options{Resolution: math.Inf(1)}, false},
		{"NaN resolution", Options{Resolution: math.NaN()}, false},
		{"negative resolution", Options{Resolution: -1}, false},
		{"threshold above one", Options{Threshold: 1.5}, false},
		{"NaN threshold", Options{Threshold: math.NaN()}, false},
		{"keep two runs", Options{KeepRuns: 2}, true},
		{"keep one run: no previous to compare with", Options{KeepRuns: 1}, false},
		{"keep negative runs", Options{KeepRuns: -3}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opt.validate()
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidOptions)
			// Link checks before it touches the store.
			_, err = Link(context.Background(), nil, tc.opt)
			assert.ErrorIs(t, err, ErrInvalidOptions)
		})
	}
}
