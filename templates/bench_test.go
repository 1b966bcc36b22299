package templates

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkMine mines a stream of templated prompts (the hand corpus, so
// templates are already learned after the first few hundred) and reports
// prompts/s on one core.
func BenchmarkMine(b *testing.B) {
	corpus := handCorpus(b, 11, 50000)
	m := NewMiner(Config{}, nil)
	for _, c := range corpus[:5000] {
		m.Mine(c.prompt)
	}
	bytes := 0
	for _, c := range corpus {
		bytes += len(c.prompt)
	}
	b.SetBytes(int64(bytes / len(corpus)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Mine(corpus[i%len(corpus)].prompt)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "prompts/s")
}

// BenchmarkMineFreeForm is the miss path: every prompt is new free text.
func BenchmarkMineFreeForm(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	prompts := make([]string, 1<<14)
	for i := range prompts {
		prompts[i] = sentence(r, 8, 40)
	}
	m := NewMiner(Config{}, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Mine(prompts[i%len(prompts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "prompts/s")
}
