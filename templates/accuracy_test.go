package templates

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHandCorpusAccuracy(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		corpus := handCorpus(t, seed, 20000)
		m := NewMiner(Config{}, nil)
		ids := make([]uint32, len(corpus))
		for i, c := range corpus {
			ids[i] = m.Mine(c.prompt)
		}
		acc, maxFree, report := accuracy(corpus, ids)
		t.Logf("seed %d: %d prompts, accuracy %.4f, max free-form truths per id %d, templates %d\n%s",
			seed, len(corpus), acc, maxFree, m.Len(), report)
		// Measured 0.9802-0.9813 (see doc.go).
		assert.GreaterOrEqual(t, acc, 0.98, "seed %d", seed)
		assert.LessOrEqual(t, maxFree, 2, "seed %d", seed)
	}
}
