package store

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
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
				id, hit, _ := c.get(xxhash.Sum64(k), k)
				require.True(t, hit, "key %d", i)
				require.Equal(t, NodeID(i+1), id)
			}
			_, hit, taken := c.get(xxhash.Sum64([]byte("\x02ip-x")), []byte("\x02ip-x"))
			assert.False(t, hit)
			assert.False(t, taken)
		}},
		{"colliding hashes", func(t *testing.T, c *nodeCache) {
			c.put(42, []byte("\x02abc"), 7)
			c.put(42, []byte("\x02ab"), 8) // same hash, a prefix of the first key
			assert.Equal(t, 1, c.len())
			id, hit, _ := c.get(42, []byte("\x02abc"))
			assert.True(t, hit)
			assert.Equal(t, NodeID(7), id)
			_, hit, taken := c.get(42, []byte("\x02ab"))
			assert.False(t, hit, "a different key with the same hash is not a hit")
			assert.True(t, taken, "but its hash is taken")
			_, _, taken = c.get(43, []byte("\x02ab"))
			assert.False(t, taken)
		}},
		{"probe sequences wrap around", func(t *testing.T, c *nodeCache) {
			last := uint64(len(c.table) - 1)
			for i := range uint64(5) {
				k := []byte{byte(KindIP), byte(i)}
				c.put(last+i*uint64(len(c.table)), k, NodeID(i+1)) // all hash to the last slot
			}
			for i := range uint64(5) {
				id, hit, _ := c.get(last+i*uint64(len(c.table)), []byte{byte(KindIP), byte(i)})
				require.True(t, hit)
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
				_, hit, _ := c.get(xxhash.Sum64(k), k)
				require.False(t, hit)
				require.True(t, c.filter.mayHave(xxhash.Sum64(k)))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newNodeCache(1<<20)) })
	}
}

// TestKeyArena checks that keys come back intact across chunk boundaries,
// a key larger than a chunk included, in insertion order, and after a
// reset that reuses the chunks.
func TestKeyArena(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var a keyArena
	for round := range 2 {
		var keys [][]byte
		var offs []uint32
		for i := range 200_000 {
			k := fmt.Appendf(nil, "\x02key-%d-%d", round, rng.Uint64())
			if i == 1000 {
				k = make([]byte, 5<<20) // larger than a chunk
				k[0], k[len(k)-1] = 'x', 'y'
			}
			keys = append(keys, k)
			offs = append(offs, a.add(k))
		}
		require.Greater(t, len(a.chunks), 2, "round %d spans several chunks", round)
		for i, k := range keys {
			require.Equal(t, k, a.at(offs[i]), "round %d key %d", round, i)
		}
		var got [][]byte
		a.each(func(k []byte) { got = append(got, k) })
		require.Equal(t, keys, got, "round %d: each in insertion order", round)
		chunks := len(a.chunks)
		a.reset()
		a.each(func([]byte) { t.Fatal("reset arena is empty") })
		if round == 1 {
			assert.Equal(t, chunks, len(a.chunks), "reset keeps the chunks")
		}
	}
}

// TestNodeCacheTableStopsAtMax checks that the table stops doubling at the
// size that holds max entries and fills further instead, every key still
// found, and grows again only when nearly full.
func TestNodeCacheTableStopsAtMax(t *testing.T) {
	c := newNodeCache(3000) // 3000 entries at 3/4 load: 4096 slots
	require.Equal(t, 4096, c.maxSlots)
	key := func(i int) []byte { return fmt.Appendf(nil, "\x02ip-%d", i) }
	for i := range 3800 {
		c.put(xxhash.Sum64(key(i)), key(i), NodeID(i+1))
	}
	assert.Len(t, c.table, 4096, "past max, within 15/16 load: no doubling")
	for i := range 3800 {
		id, hit, _ := c.get(xxhash.Sum64(key(i)), key(i))
		require.True(t, hit, "key %d", i)
		require.Equal(t, NodeID(i+1), id)
	}
	for i := 3800; i < 3900; i++ {
		c.put(xxhash.Sum64(key(i)), key(i), NodeID(i+1))
	}
	assert.Len(t, c.table, 8192, "over 15/16 load it grows")
}

func TestNetwork(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"81.2.3.4", "81.2.3.0/24"},
		{"2001:db8:1:2::5", "2001:db8:1::/48"},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			assert.Equal(t, tt.want, Network(netip.MustParseAddr(tt.ip)).String())
		})
	}
}
