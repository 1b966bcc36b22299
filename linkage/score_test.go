package linkage

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScoreNoSingleSignalFlags(t *testing.T) {
	tests := []struct {
		name string
		s    Signals
		size int
		flag bool
	}{
		{"templates alone", Signals{TemplateShare: 1}, 100, false},
		{"bursts alone", Signals{SignupBurst: 1}, 100, false},
		{"lockstep alone", Signals{Lockstep: 1}, 100, false},
		{"volume alone", Signals{Volume: 1}, 100, false},
		{"many kinds alone (an office)", Signals{EvidenceKind: 5}, 100, false},
		{"office with some own templates", Signals{TemplateShare: 0.35, Volume: 0.2, EvidenceKind: 3}, 300, false},
		{"templates and volume", Signals{TemplateShare: 1, Volume: 1}, 100, true},
		{"templates and lockstep", Signals{TemplateShare: 1, Lockstep: 0.8}, 60, true},
		{"household with everything", Signals{TemplateShare: 1, Volume: 1, SignupBurst: 1, EvidenceKind: 3}, 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := Score(tc.s, tc.size)
			assert.GreaterOrEqual(t, sc, 0.0)
			assert.LessOrEqual(t, sc, 1.0)
			assert.Equal(t, tc.flag, sc >= DefaultThreshold, "score %v", sc)
			assert.NotEmpty(t, Reasons(tc.s, tc.size))
		})
	}
}

func TestCoincidence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	uniform := make([]int64, 200)
	for i := range uniform {
		uniform[i] = rng.Int64N(7 * dayMS)
	}
	lock := make([]int64, 200)
	for i := range lock {
		lock[i] = int64(i/4)*1_200_000 + rng.Int64N(3000) // waves of four, 20 min apart
	}
	share, chance := coincidence(uniform, LockWindowMS)
	assert.Less(t, excess(share, chance), 0.05, "uniform traffic is not lockstep")
	share, chance = coincidence(lock, LockWindowMS)
	assert.Greater(t, excess(share, chance), 0.8, "waves are")
	share, chance = coincidence([]int64{1, 2}, LockWindowMS)
	assert.Zero(t, excess(share, chance), "two accounts prove nothing")
}

// TestMissing names the signals that keep a cluster's score down, and none
// for a cluster that has them all.
func TestMissing(t *testing.T) {
	office := Signals{TemplateShare: 0.04, ReqRatio: 1.2, EvidenceKind: 1}
	got := Missing(office)
	require.Len(t, got, 4)
	assert.Contains(t, got[0], "template concentration only 4%")
	assert.Equal(t, "little or no signup burst or lockstep activity beyond what chance gives", got[1])
	assert.Equal(t, "near-ordinary volume: 1.2x the median account's requests per day", got[2])
	assert.Equal(t, "only one kind of shared evidence covers at least half the members", got[3])
	ring := Signals{TemplateShare: 0.9, Lockstep: 0.6, Volume: 0.8, EvidenceKind: 3}
	assert.Empty(t, Missing(ring))
}
