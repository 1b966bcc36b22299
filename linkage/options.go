package linkage

import (
	"fmt"
	"io"
	"log/slog"
	"math"
	"time"

	"github.com/ringlink/ringlink/store"
)

// DefaultThreshold is the score at which a cluster is flagged: an analyst
// should look at it. See README.md for what reaches it.
const DefaultThreshold = 0.5

// Options tune a linkage run. The zero value means the documented defaults.
type Options struct {
	// Resolution is Leiden's modularity resolution γ; 0 means 1. Larger
	// values give more, smaller clusters.
	Resolution float64
	// Seed seeds Leiden; runs with the same seed on the same database are
	// byte-identical.
	Seed uint64
	// MaxIterations bounds Leiden iterations; 0 means DefaultMaxIterations.
	MaxIterations int
	// IdentityMaxShare: a payment card or canonical email held by at most
	// this many accounts is identity-grade (joins them unconditionally);
	// 0 means 20.
	IdentityMaxShare int
	// DeviceMaxShare: a device fingerprint held by at most this many
	// accounts is identity-grade; 0 means 3.
	DeviceMaxShare int
	// MaxShare drops attributes held by more than this fraction of all
	// accounts from community detection (they link everybody); 0 means 0.25.
	MaxShare float64
	// MinAffinity is the share of an identity component's link weight that
	// must point into its community for it to stay there; 0 means 0.5.
	MinAffinity float64
	// CoreShare: a member whose link weight into its cluster (per account)
	// is under this share of the cluster's top decile is left out as
	// peripheral; 0 means 0.5.
	CoreShare float64
	// SampleAbove bounds the work spent on accounts that rotate through
	// many shared values of one kind (an extraction ring's proxy pool): a
	// value is kept at the rate SampleAbove/n of the holder with the
	// fewest such values n, so every account keeps about SampleAbove
	// values of each kind or all of them, and a value any light user holds
	// is always kept. 0 means DefaultSampleAbove; below 0 keeps every value.
	SampleAbove int
	// Threshold is the flag threshold; 0 means DefaultThreshold.
	Threshold float64
	// KeepRuns, when above 0, keeps the records of the newest KeepRuns
	// runs and deletes older ones after each run: an hourly job writes a
	// run's clusters every hour, and nothing else ever removes them. 0
	// keeps every run; 1 is refused, since the previous run is what the
	// next one keeps cluster ids from and what `ringlink run` compares with.
	KeepRuns int
	// Command names what made the run ("link", "run"), recorded with it:
	// `ringlink run` compares each run with the previous one it made, not
	// with an analyst's link in between.
	Command string
	// Now stamps the run; nil means time.Now.
	Now func() time.Time
	// ExportGraph, when set, receives the weighted graph that community
	// detection runs on, as an edge list ("u v w" lines), so that the pass
	// can be compared with other implementations on the very same input
	// (bench/community/account_graph.sh).
	ExportGraph io.Writer
	// Logger receives, at debug level, how long each step of the run
	// took; nil discards it.
	Logger *slog.Logger
}

// DefaultSampleAbove is Options.SampleAbove's default. An account's pull
// through one kind of evidence is its kind weight spread over its values,
// so a sample of 64 values carries it to within about an eighth (1/√64).
const DefaultSampleAbove = 64

// DefaultMaxIterations bounds Leiden's iterations: each refines the last,
// and the partition is practically stable after a few.
const DefaultMaxIterations = 2

// validate rejects values no default can stand for: a resolution or
// threshold that is not a finite number, a threshold above 1.
func (o Options) validate() error {
	switch {
	case math.IsNaN(o.Resolution) || math.IsInf(o.Resolution, 0) || o.Resolution < 0:
		return fmt.Errorf("resolution %v: want a finite number above 0: %w", o.Resolution, ErrInvalidOptions)
	case math.IsNaN(o.Threshold) || o.Threshold < 0 || o.Threshold > 1:
		return fmt.Errorf("threshold %v: want a number in (0, 1]: %w", o.Threshold, ErrInvalidOptions)
	case o.KeepRuns < 0 || o.KeepRuns == 1:
		return fmt.Errorf("keep runs %d: want 0 (every run) or at least 2: %w", o.KeepRuns, ErrInvalidOptions)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Resolution <= 0 || math.IsNaN(o.Resolution) {
		o.Resolution = 1
	}
	if o.SampleAbove == 0 {
		o.SampleAbove = DefaultSampleAbove
	}
	if o.MaxIterations <= 0 {
		o.MaxIterations = DefaultMaxIterations
	}
	if o.IdentityMaxShare <= 0 {
		o.IdentityMaxShare = 20
	}
	if o.DeviceMaxShare <= 0 {
		o.DeviceMaxShare = 3
	}
	if o.MaxShare <= 0 || o.MaxShare > 1 {
		o.MaxShare = 0.25
	}
	if o.MinAffinity <= 0 || o.MinAffinity > 1 {
		o.MinAffinity = 0.5
	}
	if o.CoreShare <= 0 || o.CoreShare > 1 {
		o.CoreShare = 0.5
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// kindWeight is how specific a shared value of each kind is to one holder
// (see the package documentation). Indexed by store.Kind.
var kindWeight = [8]float64{
	store.KindPayment:  1,
	store.KindEmail:    1,
	store.KindDevice:   0.7,
	store.KindTemplate: 0.6,
	store.KindIP:       0.5,
	store.KindIPPrefix: 0,
}

// KindWeight returns the weight of a shared value of kind k.
func KindWeight(k store.Kind) float64 {
	if int(k) < len(kindWeight) {
		return kindWeight[k]
	}
	return 0
}

// Rarity is the damping of a value held by d of n accounts:
// ln(n/d)/ln(n), 1 for a value held by one account and 0 for one held by
// all of them.
func Rarity(d, n int) float64 {
	if n < 2 || d < 1 {
		return 1
	}
	if d >= n {
		return 0
	}
	return math.Log(float64(n)/float64(d)) / math.Log(float64(n))
}

// LinkWeight is the strength of the evidence that two accounts share a
// value of kind k held by d of n accounts: kind weight × rarity.
func LinkWeight(k store.Kind, d, n int) float64 { return KindWeight(k) * Rarity(d, n) }
