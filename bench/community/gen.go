package main

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// edge is an undirected unit edge of a generated graph (u < v).
type edge struct{ u, v int32 }

// lfrParams are the parameters of the LFR benchmark (Lancichinetti,
// Fortunato & Radicchi, Phys. Rev. E 78, 046110, 2008).
type lfrParams struct {
	N          int     // nodes
	AvgK, MaxK float64 // average and maximum degree
	Tau1       float64 // degree exponent (typically 2..3)
	Tau2       float64 // community-size exponent (typically 1..2)
	Mu         float64 // mixing: fraction of each node's edges leaving its community
	MinC, MaxC int     // community size bounds
}

// powerLaw samples x ∈ [lo, hi] with density ∝ x^-tau by inversion.
func powerLaw(rng *rand.Rand, lo, hi, tau float64) float64 {
	u := rng.Float64()
	if math.Abs(tau-1) < 1e-9 {
		return lo * math.Pow(hi/lo, u)
	}
	a, b := math.Pow(lo, 1-tau), math.Pow(hi, 1-tau)
	return math.Pow(a+u*(b-a), 1/(1-tau))
}

// powerLawMean is the mean of the continuous power law on [lo, hi].
func powerLawMean(lo, hi, tau float64) float64 {
	switch {
	case math.Abs(tau-1) < 1e-9:
		return (hi - lo) / math.Log(hi/lo)
	case math.Abs(tau-2) < 1e-9:
		return math.Log(hi/lo) / (1/lo - 1/hi)
	}
	num := (math.Pow(hi, 2-tau) - math.Pow(lo, 2-tau)) / (2 - tau)
	den := (math.Pow(hi, 1-tau) - math.Pow(lo, 1-tau)) / (1 - tau)
	return num / den
}

// roundRandom rounds x up with probability frac(x), so sums stay unbiased.
func roundRandom(rng *rand.Rand, x float64) int {
	f := math.Floor(x)
	if rng.Float64() < x-f {
		return int(f) + 1
	}
	return int(f)
}

// lfr generates an LFR benchmark graph and its planted communities.
//
// Steps, as in the original construction: power-law degrees with the
// minimum degree solved so the mean is AvgK; power-law community sizes
// summing to N; each node's internal degree (1-μ)k, nodes assigned (largest
// internal degree first) to random communities large enough to hold them;
// a configuration model inside every community and one across communities
// for the external stubs. Self-loops and multi-edges are removed by random
// rewiring (a few attempts), then by deletion, so the realised μ is close
// to, not exactly, the requested one; main reports the realised value.
func lfr(p lfrParams, seed uint64) ([]edge, []int32) {
	rng := rand.New(rand.NewPCG(seed, 0x1f2))
	n := p.N

	// Degrees: solve for kmin by bisection so the mean matches AvgK.
	lo, hi := 1.0, p.MaxK
	for range 100 {
		mid := (lo + hi) / 2
		if powerLawMean(mid, p.MaxK, p.Tau1) < p.AvgK {
			lo = mid
		} else {
			hi = mid
		}
	}
	kmin := lo
	kin := make([]int, n)
	kout := make([]int, n)
	for i := range n {
		k := roundRandom(rng, powerLaw(rng, kmin, p.MaxK, p.Tau1))
		k = max(k, 1)
		kin[i] = roundRandom(rng, (1-p.Mu)*float64(k))
		kout[i] = k - kin[i]
	}

	// Community sizes summing to exactly n.
	var sizes []int
	total := 0
	for total < n {
		s := int(math.Round(powerLaw(rng, float64(p.MinC), float64(p.MaxC), p.Tau2)))
		sizes = append(sizes, s)
		total += s
	}
	for excess := total - n; excess > 0; {
		// Shrink the largest communities first, keeping MinC.
		sort.Sort(sort.Reverse(sort.IntSlice(sizes)))
		changed := false
		for i := range sizes {
			if excess == 0 {
				break
			}
			if sizes[i] > p.MinC {
				sizes[i]--
				excess--
				changed = true
			}
		}
		if !changed { // cannot shrink: drop the smallest community
			excess -= sizes[len(sizes)-1]
			sizes = sizes[:len(sizes)-1]
			if excess < 0 {
				sizes = append(sizes, -excess)
				excess = 0
			}
		}
	}

	// Assignment: largest internal degree first, into a random community
	// with room whose size exceeds the internal degree.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	slices.SortStableFunc(order, func(a, b int) int { return kin[b] - kin[a] })
	free := slices.Clone(sizes)
	open := make([]int, len(sizes)) // communities with free slots
	for i := range open {
		open[i] = i
	}
	truth := make([]int32, n)
	for _, v := range order {
		c := -1
		for range 64 {
			cand := open[rng.IntN(len(open))]
			if sizes[cand] > kin[v] {
				c = cand
				break
			}
		}
		if c < 0 { // fall back to the largest community with room
			for _, cand := range open {
				if c < 0 || sizes[cand] > sizes[c] {
					c = cand
				}
			}
			if sizes[c] <= kin[v] {
				kout[v] += kin[v] - (sizes[c] - 1)
				kin[v] = sizes[c] - 1
			}
		}
		truth[v] = int32(c)
		free[c]--
		if free[c] == 0 {
			i := slices.Index(open, c)
			open[i] = open[len(open)-1]
			open = open[:len(open)-1]
		}
	}

	members := make([][]int32, len(sizes))
	for v, c := range truth {
		members[c] = append(members[c], int32(v))
	}
	var edges []edge
	// Internal configuration models.
	for _, mem := range members {
		var stubs []int32
		for _, v := range mem {
			for range kin[v] {
				stubs = append(stubs, v)
			}
		}
		if len(stubs)%2 == 1 { // give one stub to the outside
			v := stubs[len(stubs)-1]
			stubs = stubs[:len(stubs)-1]
			kin[v]--
			kout[v]++
		}
		edges = append(edges, wire(rng, stubs, nil)...)
	}
	// External configuration model, rejecting intra-community pairs.
	var stubs []int32
	for v := range n {
		for range kout[v] {
			stubs = append(stubs, int32(v))
		}
	}
	if len(stubs)%2 == 1 {
		stubs = stubs[:len(stubs)-1]
	}
	edges = append(edges, wire(rng, stubs, truth)...)
	return dedupe(edges), truth
}

// wire pairs shuffled stubs into edges. A pair that would be a self-loop,
// a repeated edge or (when comm is set) an intra-community edge is fixed by
// swapping partners with a random other pair, up to a few attempts, and
// dropped if that fails.
func wire(rng *rand.Rand, stubs []int32, comm []int32) []edge {
	rng.Shuffle(len(stubs), func(i, j int) { stubs[i], stubs[j] = stubs[j], stubs[i] })
	seen := make(map[edge]bool, len(stubs)/2)
	key := func(a, b int32) edge {
		if a > b {
			a, b = b, a
		}
		return edge{a, b}
	}
	bad := func(a, b int32) bool {
		return a == b || seen[key(a, b)] || (comm != nil && comm[a] == comm[b])
	}
	pairs := len(stubs) / 2
	for i := range pairs {
		a, b := stubs[2*i], stubs[2*i+1]
		for try := 0; bad(a, b) && try < 20 && i > 0; try++ {
			// Swap b with the second stub of an earlier accepted pair.
			j := rng.IntN(i)
			c, d := stubs[2*j], stubs[2*j+1]
			if c < 0 || bad(a, d) || bad(c, b) || key(a, d) == key(c, b) {
				continue
			}
			delete(seen, key(c, d))
			seen[key(c, b)] = true
			stubs[2*j+1] = b
			b = d
		}
		if bad(a, b) {
			stubs[2*i] = -1 // dropped; never used as a swap partner
			continue
		}
		seen[key(a, b)] = true
		stubs[2*i+1] = b
	}
	out := make([]edge, 0, len(seen))
	for i := range pairs {
		if a := stubs[2*i]; a >= 0 {
			out = append(out, key(a, stubs[2*i+1]))
		}
	}
	return out
}

// dedupe sorts edges and removes repeats.
func dedupe(edges []edge) []edge {
	slices.SortFunc(edges, func(x, y edge) int {
		if x.u != y.u {
			return int(x.u) - int(y.u)
		}
		return int(x.v) - int(y.v)
	})
	return slices.Compact(edges)
}

// planted generates a planted-partition graph (stochastic block model with
// equal blocks): about n·avgK/2 edges, each internal to a random node's
// block with probability 1-μ and uniform across the graph otherwise.
func planted(n, blockSize int, avgK, mu float64, seed uint64) ([]edge, []int32) {
	rng := rand.New(rand.NewPCG(seed, 0x9a7))
	truth := make([]int32, n)
	for i := range truth {
		truth[i] = int32(i / blockSize)
	}
	m := int(float64(n) * avgK / 2)
	edges := make([]edge, 0, m)
	for len(edges) < m {
		u := rng.IntN(n)
		var v int
		if rng.Float64() < mu {
			v = rng.IntN(n)
		} else {
			b := int(truth[u]) * blockSize
			v = b + rng.IntN(min(blockSize, n-b))
		}
		if u == v {
			continue
		}
		edges = append(edges, edge{int32(min(u, v)), int32(max(u, v))})
	}
	return dedupe(edges), truth
}

// starExpansion imitates ringlink's account graph: accounts grouped in
// rings (power-law sizes 3..40) link to 1-3 of their ring's private
// attributes; a fifth of accounts also touch a popular attribute drawn with
// Zipf weights from a small pool, so the top hubs get degree 10k+ (CGNAT
// IPs, popular devices). Truth: accounts and private attributes carry their
// ring; each hub is its own community.
func starExpansion(accounts, hubs int, seed uint64) ([]edge, []int32) {
	rng := rand.New(rand.NewPCG(seed, 0x57a))
	var truth []int32
	var ringStart []int
	for a := 0; a < accounts; {
		s := min(int(math.Round(powerLaw(rng, 3, 40, 2))), accounts-a)
		ringStart = append(ringStart, a)
		a += s
	}
	ringStart = append(ringStart, accounts)
	rings := len(ringStart) - 1
	truth = make([]int32, accounts)
	for r := range rings {
		for a := ringStart[r]; a < ringStart[r+1]; a++ {
			truth[a] = int32(r)
		}
	}
	var edges []edge
	next := int32(accounts) // next attribute id
	for r := range rings {
		size := ringStart[r+1] - ringStart[r]
		nAttr := max(1, size/2)
		first := next
		for range nAttr {
			truth = append(truth, int32(r))
			next++
		}
		for a := ringStart[r]; a < ringStart[r+1]; a++ {
			for range 1 + rng.IntN(3) {
				edges = append(edges, edge{int32(a), first + rng.Int32N(int32(nAttr))})
			}
		}
	}
	// Zipf-weighted hubs.
	cum := make([]float64, hubs)
	var total float64
	for h := range hubs {
		total += 1 / float64(h+1)
		cum[h] = total
	}
	hubBase := next
	for h := range hubs {
		truth = append(truth, int32(rings+h))
	}
	for a := range accounts {
		if rng.Float64() < 0.2 {
			h, _ := slices.BinarySearch(cum, rng.Float64()*total)
			edges = append(edges, edge{int32(a), hubBase + int32(min(h, hubs-1))})
		}
	}
	return dedupe(edges), truth
}
