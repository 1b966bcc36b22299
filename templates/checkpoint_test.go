package templates

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// records is a store of persisted template records by id, as ingest keeps
// them (store.PutTemplate and ScanTemplates).
type records map[uint32][]byte

func (r records) put(t *testing.T, changed []Template) {
	for _, tp := range changed {
		b, err := tp.MarshalBinary()
		require.NoError(t, err)
		r[tp.ID] = b
	}
}

// scan yields the records in id order, decoded, as ingest's LoadMiner does.
func (r records) scan(yield func(Template) error) error {
	for _, id := range slices.Sorted(maps.Keys(r)) {
		var tp Template
		if err := tp.UnmarshalBinary(r[id]); err != nil {
			return err
		}
		if err := yield(tp); err != nil {
			return err
		}
	}
	return nil
}

// TestRestoredMinerContinuesExactly: a miner restored from a checkpoint
// (its state and the template records persisted through it) assigns the
// same ids to every later prompt as the miner that took the checkpoint,
// and ends with the same records and state. Some restarts also follow a
// crash that wrote the next checkpoint's records but not its state, which
// Restore must roll back. The ci scenario is mined with the default
// configuration and with one small enough that eviction, bucket caps and
// retirements all happen.
func TestRestoredMinerContinuesExactly(t *testing.T) {
	corpus := ciCorpus(t, 1)
	for _, tc := range []struct {
		cfg   Config
		batch int
	}{{Config{}, 2000}, {Config{MaxTemplates: 300, MaxSamples: 2}, 997}} {
		// The reference: one miner, checkpointed every batch.
		ref := NewMiner(tc.cfg, nil)
		want := make([]uint32, len(corpus))
		refRecs := records{}
		var refState []byte
		for i, c := range corpus {
			want[i] = ref.Mine(c.prompt)
			if i%tc.batch == tc.batch-1 || i == len(corpus)-1 {
				var changed []Template
				changed, refState = ref.Checkpoint()
				refRecs.put(t, changed)
			}
		}

		m := NewMiner(tc.cfg, nil)
		recs := records{}
		var state []byte
		restarts, crashes, diff := 0, 0, 0
		for i, c := range corpus {
			if got := m.Mine(c.prompt); got != want[i] && diff == 0 {
				diff++
				assert.Equal(t, want[i], got, "prompt %d %q after %d restarts", i, c.prompt, restarts)
			}
			if i%tc.batch != tc.batch-1 && i != len(corpus)-1 {
				continue
			}
			var changed []Template
			changed, state = m.Checkpoint()
			recs.put(t, changed)
			n := i / tc.batch
			if n%3 == 2 {
				continue // go on with the live miner
			}
			crash := n%3 == 1 && i+1 < len(corpus)
			if crash {
				// Crash: the next batch's records are written, its state
				// never is.
				m2, _, err := Restore(tc.cfg, state, recs.scan)
				require.NoError(t, err)
				for _, c := range corpus[i+1 : min(len(corpus), i+1+tc.batch)] {
					m2.Mine(c.prompt + " (a different prompt)")
				}
				ahead, _ := m2.Checkpoint()
				recs.put(t, ahead)
				crashes++
			}
			var rep Repair
			var err error
			m, rep, err = Restore(tc.cfg, state, recs.scan)
			require.NoError(t, err)
			assert.Equal(t, crash, !rep.Empty(), "a repair exactly after a crash")
			for _, tp := range rep.Put {
				b, err := tp.MarshalBinary()
				require.NoError(t, err)
				recs[tp.ID] = b
			}
			for _, id := range rep.Drop {
				delete(recs, id)
			}
			restarts++
		}
		t.Logf("%+v: %d prompts, %d restarts (%d after a crash), %d templates", tc.cfg, len(corpus), restarts, crashes, len(refRecs))
		require.Positive(t, crashes)
		assert.Zero(t, diff, "ids differ")
		assert.Equal(t, refState, state, "final miner state")
		assert.True(t, maps.EqualFunc(refRecs, recs, func(a, b []byte) bool { return string(a) == string(b) }), "final template records")
	}
}

// TestCommittedRollsBack: a record written for a checkpoint after the
// state's reads as it was at the state's, or not at all when it was
// created since.
func TestCommittedRollsBack(t *testing.T) {
	m := NewMiner(Config{}, nil)
	a := m.Mine("Translate this into French: the cat sleeps.")
	m.Mine("what is the capital of australia")
	_, state := m.Checkpoint()
	m.Mine("Translate this into French: where is the station and how far is it?")
	c := m.Mine("a third prompt with nothing in common")
	changed, _ := m.Checkpoint()
	require.Len(t, changed, 2)
	for _, tp := range changed {
		b, err := tp.MarshalBinary()
		require.NoError(t, err)
		var back Template
		require.NoError(t, back.UnmarshalBinary(b))
		assert.Equal(t, tp, back)
		old, ok, err := Committed(back, state)
		require.NoError(t, err)
		switch tp.ID {
		case a:
			require.True(t, ok)
			assert.Equal(t, "Translate this into French : the cat sleeps .", old.Skeleton)
			assert.Equal(t, []string{"Translate this into French: the cat sleeps."}, old.Samples)
			assert.Equal(t, uint64(1), old.Count)
		case c:
			assert.False(t, ok)
		}
		_, _, err = Committed(back, nil)
		assert.Error(t, err, "two checkpoints ahead of none")
	}
}
