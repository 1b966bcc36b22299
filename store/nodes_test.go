package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNodeCache checks the cache's table: every key found with its id
// across growth, hash collisions resolved by comparing keys (the first
// owner keeps the slot), and drop emptying it into the filter.
func TestNodeCache(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, c *nodeCache)
	}{
		{"many keys across growth", func(t *testing.T, c *nodeCache) {
			const n = 50_000
			for i := range n {
				k := fmt.Appendf(nil, "\x02ip-%d", i)
				c.put(xxhash.Sum64(k), k, NodeID(i+1))
			}
			require.Equal(t, n, c.len())
			assert.GreaterOrEqual(t, len(c.table)*3, c.len()*4, "load at most three quarters")
			for i := range n {
				k := fmt.Appendf(nil, "\x02ip-%d", i)
				id, ok := c.get(xxhash.Sum64(k), k)
				require.True(t, ok, "key %d", i)
				require.Equal(t, NodeID(i+1), id)
			}
			_, ok := c.get(xxhash.Sum64([]byte("\x02ip-x")), []byte("\x02ip-x"))
			assert.False(t, ok)
		}},
		{"colliding hashes", func(t *testing.T, c *nodeCache) {
			c.put(42, []byte("\x02abc"), 7)
			c.put(42, []byte("\x02ab"), 8) // same hash, a prefix of the first key
			assert.Equal(t, 1, c.len())
			id, ok := c.get(42, []byte("\x02abc"))
			assert.True(t, ok)
			assert.Equal(t, NodeID(7), id)
			_, ok = c.get(42, []byte("\x02ab"))
			assert.False(t, ok, "a different key with the same hash is not a hit")
			assert.True(t, c.has(42))
			assert.False(t, c.has(43))
		}},
		{"probe sequences wrap around", func(t *testing.T, c *nodeCache) {
			last := uint64(len(c.table) - 1)
			for i := range uint64(5) {
				k := []byte{byte(KindIP), byte(i)}
				c.put(last+i*uint64(len(c.table)), k, NodeID(i+1)) // all hash to the last slot
			}
			for i := range uint64(5) {
				id, ok := c.get(last+i*uint64(len(c.table)), []byte{byte(KindIP), byte(i)})
				require.True(t, ok)
				assert.Equal(t, NodeID(i+1), id)
			}
		}},
		{"drop keeps the keys in the filter", func(t *testing.T, c *nodeCache) {
			rng := rand.New(rand.NewPCG(1, 2))
			var keys [][]byte
			for i := range 1000 {
				k := fmt.Appendf(nil, "\x04pm_%x", rng.Uint64())
				keys = append(keys, k)
				c.put(xxhash.Sum64(k), k, NodeID(i+1))
			}
			c.drop()
			assert.Equal(t, 0, c.len())
			assert.False(t, c.complete)
			for _, k := range keys {
				_, ok := c.get(xxhash.Sum64(k), k)
				require.False(t, ok)
				require.True(t, c.filter.mayHave(xxhash.Sum64(k)))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newNodeCache(1<<20)) })
	}
}
