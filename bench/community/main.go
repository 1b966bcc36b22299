// Command community benchmarks linkage.Leiden against igraph's Leiden on
// standard community-detection benchmark graphs.
//
//	community gen -dir D [-set standard|large|all]   write graphs D/NAME.edges + D/NAME.truth
//	community leiden -graph F [-truth T] [-runs R] [-seed S] [-iters I] [-membership OUT] [-cpuprofile OUT]
//	community row -name NAME -graph F [-truth T] -ours J1 -igraph J2 -ours-membership M1 -igraph-membership M2
//
// leiden times only the community pass (not loading or CSR building) and
// prints a JSON summary with per-run seconds, modularity, NMI against the
// truth (when given) and community count, the format igraph_leiden.py also
// prints. row turns two such summaries into a Markdown table row. run.sh
// drives the whole comparison.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/ringlink/ringlink/linkage"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = cmdGen(os.Args[2:])
	case "leiden":
		err = cmdLeiden(os.Args[2:])
	case "row":
		err = cmdRow(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "community:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: community gen|leiden|row [flags]  (see package doc)")
	os.Exit(2)
}

// benchGraph is one generated benchmark graph.
type benchGraph struct {
	name string
	set  string // "standard" or "large"
	gen  func() ([]edge, []int32)
}

// graphs lists the generated benchmarks. The LFR parameters for n = 10^4
// are the usual ones of Lancichinetti & Fortunato (2009): <k> = 20,
// k_max = 50, τ1 = 2, τ2 = 1, communities of 20..100 nodes, μ 0.1..0.6.
func graphs() []benchGraph {
	var gs []benchGraph
	for i, mu := range []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6} {
		p := lfrParams{N: 10_000, AvgK: 20, MaxK: 50, Tau1: 2, Tau2: 1, Mu: mu, MinC: 20, MaxC: 100}
		gs = append(gs, benchGraph{fmt.Sprintf("lfr10k-mu%.1f", mu), "standard",
			func() ([]edge, []int32) { return lfr(p, uint64(100+i)) }})
	}
	for i, mu := range []float64{0.3, 0.5} {
		p := lfrParams{N: 100_000, AvgK: 20, MaxK: 100, Tau1: 2, Tau2: 1, Mu: mu, MinC: 50, MaxC: 500}
		gs = append(gs, benchGraph{fmt.Sprintf("lfr100k-mu%.1f", mu), "standard",
			func() ([]edge, []int32) { return lfr(p, uint64(200+i)) }})
	}
	for i, mu := range []float64{0.2, 0.4} {
		gs = append(gs, benchGraph{fmt.Sprintf("planted100k-b500-mu%.1f", mu), "standard",
			func() ([]edge, []int32) { return planted(100_000, 500, 16, mu, uint64(300+i)) }})
	}
	gs = append(gs,
		benchGraph{"lfr1M-mu0.3", "large", func() ([]edge, []int32) {
			p := lfrParams{N: 1_000_000, AvgK: 12, MaxK: 200, Tau1: 2.5, Tau2: 1.5, Mu: 0.3, MinC: 50, MaxC: 2000}
			return lfr(p, 400)
		}},
		benchGraph{"star1M-hubs", "large", func() ([]edge, []int32) {
			return starExpansion(700_000, 200, 500)
		}},
	)
	return gs
}

func cmdGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	dir := fs.String("dir", "", "output directory")
	set := fs.String("set", "standard", "standard, large or all")
	force := fs.Bool("force", false, "regenerate existing files")
	fs.Parse(args)
	if *dir == "" {
		return fmt.Errorf("gen: -dir is required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	for _, g := range graphs() {
		if *set != "all" && g.set != *set {
			continue
		}
		ePath := filepath.Join(*dir, g.name+".edges")
		tPath := filepath.Join(*dir, g.name+".truth")
		if !*force {
			if _, err := os.Stat(tPath); err == nil {
				fmt.Println(g.name)
				continue
			}
		}
		start := time.Now()
		edges, truth := g.gen()
		mixed := 0
		for _, e := range edges {
			if truth[e.u] != truth[e.v] {
				mixed++
			}
		}
		mu := float64(mixed) / float64(len(edges))
		comment := fmt.Sprintf("%s: n=%d m=%d realised-mu=%.3f", g.name, len(truth), len(edges), mu)
		if err := writeEdgeList(ePath, len(truth), edges, comment); err != nil {
			return err
		}
		if err := writeLabels(tPath, truth); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s (%.1fs)\n", comment, time.Since(start).Seconds())
		fmt.Println(g.name)
	}
	return nil
}

// summary is the JSON both runners print.
type summary struct {
	Impl        string    `json:"impl"`
	N           int       `json:"n"`
	M           int64     `json:"m"`
	Iterations  int       `json:"iterations"`
	Seconds     []float64 `json:"seconds"`
	Modularity  []float64 `json:"modularity"`
	NMI         []float64 `json:"nmi,omitempty"`
	Communities []int     `json:"communities"`
}

func cmdLeiden(args []string) error {
	fs := flag.NewFlagSet("leiden", flag.ExitOnError)
	graphPath := fs.String("graph", "", "edge list")
	truthPath := fs.String("truth", "", "ground-truth labels (optional)")
	runs := fs.Int("runs", 5, "runs (seed, seed+1, ...)")
	seed := fs.Uint64("seed", 1, "first seed")
	iters := fs.Int("iters", 0, "Leiden iterations; <= 0 means until stable")
	gamma := fs.Float64("resolution", 1, "resolution γ")
	membership := fs.String("membership", "", "write the first run's labels here")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed runs here")
	fs.Parse(args)
	g, err := readEdgeList(*graphPath)
	if err != nil {
		return err
	}
	var truth []int32
	if *truthPath != "" {
		if truth, err = readLabels(*truthPath); err != nil {
			return err
		}
		if len(truth) != g.N() {
			return fmt.Errorf("truth has %d labels for %d nodes", len(truth), g.N())
		}
	}
	s := summary{Impl: "ringlink", N: g.N(), M: g.NumEdges(), Iterations: *iters}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for r := range *runs {
		opt := linkage.LeidenOptions{Resolution: *gamma, Seed: *seed + uint64(r), MaxIterations: *iters, Randomness: 0.01}
		start := time.Now()
		labels := linkage.Leiden(g, opt)
		s.Seconds = append(s.Seconds, time.Since(start).Seconds())
		s.Modularity = append(s.Modularity, linkage.Modularity(g, labels, *gamma))
		if truth != nil {
			s.NMI = append(s.NMI, nmi(truth, labels))
		}
		s.Communities = append(s.Communities, int(slices.Max(labels))+1)
		if r == 0 && *membership != "" {
			if err := writeLabels(*membership, labels); err != nil {
				return err
			}
		}
	}
	return json.NewEncoder(os.Stdout).Encode(s)
}

func cmdRow(args []string) error {
	fs := flag.NewFlagSet("row", flag.ExitOnError)
	name := fs.String("name", "", "graph name")
	graphPath := fs.String("graph", "", "edge list")
	oursPath := fs.String("ours", "", "ringlink summary JSON")
	igraphPath := fs.String("igraph", "", "igraph summary JSON")
	oursMem := fs.String("ours-membership", "", "ringlink labels")
	igraphMem := fs.String("igraph-membership", "", "igraph labels")
	header := fs.Bool("header", false, "print only the table header")
	fs.Parse(args)
	if *header {
		fmt.Println("| graph | n | m | NMI ours | NMI igraph | Q ours | Q igraph | s ours | s igraph | ours/igraph | NMI(ours, igraph) | k ours | k igraph |")
		fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
		return nil
	}
	var ours, ig summary
	for path, dst := range map[string]*summary{*oursPath: &ours, *igraphPath: &ig} {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, dst); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
	}
	a, err := readLabels(*oursMem)
	if err != nil {
		return err
	}
	b, err := readLabels(*igraphMem)
	if err != nil {
		return err
	}
	agreement := "-"
	if len(a) == len(b) {
		agreement = fmt.Sprintf("%.4f", nmi(a, b))
	}
	// Cross-check: our Modularity on igraph's labels must equal igraph's.
	if *graphPath != "" && len(b) > 0 && len(ig.Modularity) > 0 {
		g, err := readEdgeList(*graphPath)
		if err != nil {
			return err
		}
		if q := linkage.Modularity(g, b, 1); math.Abs(q-ig.Modularity[0]) > 1e-6 {
			fmt.Fprintf(os.Stderr, "warning: %s: linkage.Modularity(igraph labels)=%.8f, igraph says %.8f\n", *name, q, ig.Modularity[0])
		}
	}
	nmiCell := func(s summary) string {
		if len(s.NMI) == 0 {
			return "-"
		}
		return fmt.Sprintf("%.4f", median(s.NMI))
	}
	to, ti := median(ours.Seconds), median(ig.Seconds)
	fmt.Printf("| %s | %d | %d | %s | %s | %.4f | %.4f | %.3f | %.3f | %.2f | %s | %.0f | %.0f |\n",
		*name, ours.N, ours.M, nmiCell(ours), nmiCell(ig),
		median(ours.Modularity), median(ig.Modularity), to, ti, to/ti, agreement,
		median(ints(ours.Communities)), median(ints(ig.Communities)))
	return nil
}

func ints(xs []int) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// nmi is the normalised mutual information 2·I(A;B) / (H(A) + H(B)), the
// "nmi" of igraph's compare_communities (Danon et al. 2005). Labels must be
// non-negative. O(n) with a dense contingency map keyed by label pairs.
func nmi(a, b []int32) float64 {
	n := float64(len(a))
	ka, kb := int(slices.Max(a))+1, int(slices.Max(b))+1
	ca, cb := make([]float64, ka), make([]float64, kb)
	joint := make(map[uint64]float64)
	for i := range a {
		ca[a[i]]++
		cb[b[i]]++
		joint[uint64(a[i])<<32|uint64(b[i])]++
	}
	entropy := func(c []float64) float64 {
		h := 0.0
		for _, x := range c {
			if x > 0 {
				h -= x / n * math.Log(x/n)
			}
		}
		return h
	}
	var mi float64
	for k, x := range joint {
		mi += x / n * math.Log(x*n/(ca[k>>32]*cb[k&0xffffffff]))
	}
	ha, hb := entropy(ca), entropy(cb)
	if ha+hb == 0 {
		return 1
	}
	return 2 * mi / (ha + hb)
}
