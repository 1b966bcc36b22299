package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ringlink/ringlink/store"
)

// BenchmarkIngest ingests the file named by RINGLINK_BENCH_INPUT (see
// BENCHMARKS.md for how it is generated) into a fresh database per
// iteration and reports records/s.
func BenchmarkIngest(b *testing.B) {
	in := os.Getenv("RINGLINK_BENCH_INPUT")
	if in == "" {
		b.Skip("set RINGLINK_BENCH_INPUT to a JSONL file (see BENCHMARKS.md)")
	}
	var records int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "db"), store.Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := Run(context.Background(), s, Options{Paths: []string{in}, MaxRejects: -1})
		if err != nil {
			b.Fatal(err)
		}
		records += res.Records + res.Rejected
		b.StopTimer()
		s.Close()
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
