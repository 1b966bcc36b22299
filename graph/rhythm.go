package graph

import (
	"math"

	"github.com/ringlink/ringlink/store"
)

// Rhythm is what an account's hours of the day say, in a form that adds
// up over a cluster. N is the requests with an hour; Power[k-1], for the
// first three harmonics of the day, is N·R², where R is the length of the
// mean of the unit vectors at angle 2πk(h+½)/24 over the requests' hours
// h (their mean resultant length).
//
// For requests spread evenly over the day, Power is about 1 whatever N
// (it is then exponentially distributed with mean 1), and its expectation
// is 1 + (N−1)ρ² in general, where ρ is the resultant length of the
// account's true distribution over the day: (Power−1)/(N−1) estimates ρ²
// without bias however few the requests, so a cluster's members can be
// pooled whatever timezones they live in. The first harmonic catches one
// daily rest; the second and third, activity in two or three bouts a day
// that the first would see as even.
type Rhythm struct {
	N     uint32
	Power [3]float32
}

// Harmonics is the number of harmonics of the day a Rhythm holds.
const Harmonics = 3

var hourCos, hourSin [Harmonics][24]float64

func init() {
	for k := range Harmonics {
		for h := range 24 {
			a := 2 * math.Pi * float64(k+1) * (float64(h) + 0.5) / 24
			hourCos[k][h], hourSin[k][h] = math.Cos(a), math.Sin(a)
		}
	}
}

// RhythmOf summarises hours; nil or no requests give the zero Rhythm.
func RhythmOf(hours *store.Hours) Rhythm {
	if hours == nil {
		return Rhythm{}
	}
	n := hours.Total()
	if n == 0 {
		return Rhythm{}
	}
	r := Rhythm{N: uint32(min(n, math.MaxUint32))}
	for k := range Harmonics {
		var c, s float64
		// The explicit conversions keep each product rounded on its own:
		// a fused multiply-add (arm64) would round once and could give
		// other machines other bytes.
		for h, m := range hours {
			c += float64(float64(m) * hourCos[k][h])
			s += float64(float64(m) * hourSin[k][h])
		}
		r.Power[k] = float32((float64(c*c) + float64(s*s)) / float64(n))
	}
	return r
}
