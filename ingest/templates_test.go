package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringlink/ringlink/templates"
)

// TestMinedSkeletonOfAnEvictedTemplate: a template the miner no longer
// holds in memory (a singleton evicted past MaxTemplates, still known to
// its exact index) keeps its skeleton in the store, where MinedSkeleton
// finds it.
func TestMinedSkeletonOfAnEvictedTemplate(t *testing.T) {
	words := strings.Fields("amber basil cedar delta ember fjord garnet harbor indigo juniper kestrel lagoon meadow nectar orchid pepper quartz raven saffron tundra umber violet willow yarrow zephyr acorn birch coral dune fern")
	var b strings.Builder
	var prompts []string
	for i := 0; i+1 < len(words); i += 2 {
		p := fmt.Sprintf("%s %s, and what would you say of %s %s", words[i], words[i+1], words[i+1], words[i])
		prompts = append(prompts, p)
		fmt.Fprintf(&b, `{"ts":%d,"account":"a%d","prompt":%q}`+"\n", 1700000000+i, i, p)
	}
	cfg := templates.Config{MaxTemplates: 4}
	s, _ := openTestDB(t)
	_, err := Run(context.Background(), s, Options{MaxRejects: -1, Templates: cfg, Paths: []string{writeTemp(t, "p.jsonl", []byte(b.String()))}})
	require.NoError(t, err)

	m, err := LoadMiner(s, cfg)
	require.NoError(t, err)
	id, ok := m.Match(prompts[0])
	require.True(t, ok, "the exact index still knows the first prompt")
	_, inMemory := m.Get(id)
	require.False(t, inMemory, "evicted")
	sk, found, err := MinedSkeleton(s, id)
	require.NoError(t, err)
	require.True(t, found)
	assert.Equal(t, "amber basil , and what would you say of basil amber", sk)

	_, found, err = MinedSkeleton(s, 999)
	require.NoError(t, err)
	assert.False(t, found)
}

// TestBatchEndsAtEvictedBytes: prompts that never repeat end a batch once
// the templates the miner evicted in it reach BatchEvicted, long before its
// lines do, and the store is the one batches by lines alone give.
func TestBatchEndsAtEvictedBytes(t *testing.T) {
	word := func(n int) string {
		w := []byte{}
		for n = n*7919 + 12345; n > 0; n /= 26 {
			w = append(w, byte('a'+n%26))
		}
		return string(w)
	}
	var b strings.Builder
	for i := range 400 {
		var p []string
		for j := range 3 + i%4 {
			p = append(p, word(i*10+j))
		}
		fmt.Fprintf(&b, `{"ts":%d,"account":"a%d","ip":"10.0.0.%d","prompt":%q}`+"\n",
			1700000000+i, i%37, i%11, strings.Join(p, " "))
	}
	path := writeTemp(t, "u.jsonl", []byte(b.String()))
	cfg := templates.Config{MaxTemplates: 4}
	for _, tc := range []struct {
		name    string
		evicted int
		batches func(n int) bool
	}{
		{"by lines", 1 << 30, func(n int) bool { return n == 1 }},
		{"by evicted bytes", 2000, func(n int) bool { return n >= 5 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ref, _ := openTestDB(t)
			_, err := Run(context.Background(), ref, Options{MaxRejects: -1, Templates: cfg, Paths: []string{path}})
			require.NoError(t, err)

			s, _ := openTestDB(t)
			batches := 0
			res, err := Run(context.Background(), s, Options{MaxRejects: -1, Templates: cfg, Paths: []string{path},
				BatchEvicted: tc.evicted, Progress: func(Progress) { batches++ }})
			require.NoError(t, err)
			assert.Equal(t, int64(400), res.Records)
			assert.True(t, tc.batches(batches), "%d batches", batches)
			assert.Equal(t, fullDump(t, ref), fullDump(t, s))
		})
	}
}
