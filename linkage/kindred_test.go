package linkage

import (
	"context"
	"fmt"
	"testing"

	"github.com/ringlink/ringlink/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prompt writes a request of acct with raw prompt text, for ingest to
// mine into templates.
func (s *synth) prompt(acct, ip, card, dev, text string, tokens int) {
	s.lines = append(s.lines, fmt.Sprintf(`{"ts":%d,"account":%q,"type":"request","ip":%q,"payment":%q,"device":%q,"prompt":%q,"tokens":%d}`,
		s.at(), acct, ip, card, dev, text, tokens))
}

// TestJoinKindred: a ring gives each piece of five accounts (one card,
// one device, one address each) its own variant of a prompt its
// generator writes from parts, so no two pieces share a template and
// each is too small to flag. Beside it, pieces of five as heavy, each on
// a template of its own worded nothing alike. Link finds every piece;
// the ring's are merged into one flagged cluster on their variants, and
// the others are left alone.
func TestJoinKindred(t *testing.T) {
	s := newSynth(59)
	parts := [][]string{
		{"You are an expert problem solver.", "Act as a senior teaching assistant.", "You are a meticulous tutor.", "Act as an examiner writing model answers."},
		{"Given problem:", "The task is:", "Here is the problem:"},
		{"Reason step by step before answering.", "Justify each step.", "Show every intermediate step."},
		{"Then summarise the method.", "Then verify the result.", "Then state the key insight."},
		{"Write in full sentences.", "Use numbered sections.", "Keep a formal tone.", "Use short paragraphs."},
	}
	question := func() string {
		return fmt.Sprintf("A train leaves at %d:00 at %d km/h and a second one %d hours later at %d km/h; when does it catch up?", 1+s.rng.IntN(11), 40+s.rng.IntN(60), 1+s.rng.IntN(4), 100+s.rng.IntN(80))
	}
	// Each variant changes two parts of the one before it, so that the
	// pieces' templates are each other's kin without any two alike.
	var variant [5]int
	seen := map[[5]int]bool{}
	var ring []string
	for k := range 12 {
		if k > 0 {
			for _, i := range []int{k % 5, (k + 2) % 5} {
				variant[i] = (variant[i] + 1) % len(parts[i])
			}
		}
		require.False(t, seen[variant], "variant %d repeats", k)
		seen[variant] = true
		for m := range 5 {
			a := fmt.Sprintf("shard%d-%d", k, m)
			ring = append(ring, a)
			for range 40 {
				text := fmt.Sprintf("%s %s %s %s %s %s", parts[0][variant[0]], parts[1][variant[1]], question(), parts[2][variant[2]], parts[3][variant[3]], parts[4][variant[4]])
				s.prompt(a, fmt.Sprintf("81.30.%d.7", k), fmt.Sprintf("card-shard%d", k), fmt.Sprintf("dev-shard%d", k), text, 2000+s.rng.IntN(800))
			}
		}
	}
	labs := []string{"Translate this clause of the lease into German and keep its legal register:", "Write unit tests in Go for the following function, covering every branch:", "Summarise this earnings call transcript for a portfolio manager in five bullets:"}
	for k, lead := range labs {
		for m := range 5 {
			a := fmt.Sprintf("lab%d-%d", k, m)
			for range 40 {
				s.prompt(a, fmt.Sprintf("82.30.%d.7", k), fmt.Sprintf("card-lab%d", k), fmt.Sprintf("dev-lab%d", k), fmt.Sprintf("%s item %d of batch %d", lead, s.rng.IntN(1000), s.rng.IntN(1000)), 2000+s.rng.IntN(800))
			}
		}
	}
	s.legit("user", 300)
	st := s.store(t, t.TempDir())
	run, err := Link(context.Background(), st, Options{Now: fixedNow})
	require.NoError(t, err)
	g, _ := groups(t, st)

	merged := map[string]Cluster{}
	for _, a := range ring {
		c, ok := g[a]
		require.True(t, ok, "%s is clustered", a)
		assert.True(t, c.Flagged, "%s: score %.3f", a, c.Score)
		if c.Signals.Variants {
			merged[c.ID] = c
		}
	}
	// The miner folds some variants that differ in short parts into one
	// template; the pieces sharing one are found together and flag on
	// their own. The others are merged on their variants, into one.
	require.Len(t, merged, 1)
	for _, c := range merged {
		assert.Equal(t, run.VariantMerges, c.Signals.Families)
		assert.Equal(t, 5*run.VariantMerges, c.Size)
		assert.GreaterOrEqual(t, run.VariantMerges, 4)
	}
	for k := range labs {
		lab, ok := g[fmt.Sprintf("lab%d-0", k)]
		require.True(t, ok, "lab %d is clustered", k)
		assert.Equal(t, 5, lab.Size, "lab %d stays a piece of its own", k)
		assert.False(t, lab.Signals.Variants)
	}
}

func TestWordPairs(t *testing.T) {
	tests := []struct {
		name, skel string
		want       []string
	}{
		{"a slot breaks the run", "Given problem : <*> Reason step by step", []string{"by step", "given problem", "problem :", "reason step", "step by"}},
		{"lower-cased and distinct", "Step by step . step by step", []string{". step", "by step", "step .", "step by"}},
		{"slots only", "<*> <*>", nil},
		{"one word", "Hello <*>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, wordPairs(tt.skel))
		})
	}
}

// TestJoinKindredLonePieces: of a ring's six pieces, each on its own
// variant of one template, three are clusters and three were left in no
// cluster; a heavy group in no cluster works on a template worded nothing
// like them. The six pieces are merged into one flagged cluster, and the
// other group stays alone.
func TestJoinKindredLonePieces(t *testing.T) {
	s := newSynth(61)
	skel := map[string]string{
		"u:variant-0": "You are an expert problem solver . Given problem : <*> Reason step by step before answering . Then summarise the method .",
		"u:variant-1": "You are an expert problem solver . The task is : <*> Reason step by step before answering . Then verify the result .",
		"u:variant-2": "Act as a senior teaching assistant . The task is : <*> Reason step by step before answering . Then verify the result .",
		"u:variant-3": "Act as a senior teaching assistant . The task is : <*> Justify each step . Then verify the result .",
		"u:variant-4": "Act as a senior teaching assistant . Here is the problem : <*> Justify each step . Then state the key insight .",
		"u:variant-5": "You are a meticulous tutor . Here is the problem : <*> Justify each step . Then state the key insight .",
		"u:lab":       "Translate this clause of the lease into German and keep its legal register : <*>",
	}
	var pieces [][]string
	for k := range 6 {
		var g []string
		for m := range 5 {
			a := fmt.Sprintf("shard%d-%d", k, m)
			g = append(g, a)
			for range 40 {
				s.rec(s.at(), a, "request", fmt.Sprintf("81.30.%d.%d", k, m), "card-"+a, "dev-"+a, a+"@mail.test", fmt.Sprintf("variant-%d", k), 2000+s.rng.IntN(800))
			}
		}
		pieces = append(pieces, g)
	}
	var lab []string
	for m := range 5 {
		a := fmt.Sprintf("lab-%d", m)
		lab = append(lab, a)
		for range 40 {
			s.rec(s.at(), a, "request", fmt.Sprintf("82.30.0.%d", m), "card-"+a, "dev-"+a, a+"@mail.test", "lab", 2000+s.rng.IntN(800))
		}
	}
	s.legit("user", 300)
	p, acct, st := handClusterStore(t, s, true, nil)
	labelGroups(p, acct, pieces[:3])
	p.skeleton = func(node uint32) (string, error) {
		_, v, err := st.Node(store.NodeID(node))
		return skel[v], err
	}
	before := newScorer(p)
	for l := range 3 {
		require.Less(t, Score(before.sig[l], 5), DefaultThreshold, "piece %d alone", l)
	}

	sc := p.joinKindred(before, DefaultThreshold)
	l := p.label[acct("shard0-0")]
	require.GreaterOrEqual(t, l, int32(0))
	for _, g := range pieces {
		for _, a := range g {
			assert.Equal(t, l, p.label[acct(a)], "%s is with the other pieces", a)
		}
	}
	assert.Len(t, sc.members[l], 30)
	assert.GreaterOrEqual(t, Score(sc.sig[l], 30), DefaultThreshold)
	assert.True(t, sc.sig[l].Variants)
	assert.Equal(t, 6, p.variants)
	assert.Equal(t, 1, p.nLab)
	for _, a := range lab {
		assert.Equal(t, int32(-1), p.label[acct(a)], "%s stays alone", a)
	}
}
