package linkage

import "math"

// restHours and restBar define activity round the clock. People rest: an
// account a person uses keeps to the hours they are awake, 16 or so of
// 24, whatever their timezone, while accounts a machine runs can go on at
// every hour. restBar is ρ², the squared resultant length (see
// graph.Rhythm), of activity spread evenly over restHours of the day and
// none in the rest: (sin(πw/24)/(πw/24))² for w = restHours, 0.036. Even
// activity over 16 hours gives 0.171, over the whole day 0.
const restHours = 20

// wakingHours is a person's waking day, for the reasons' comparison.
const wakingHours = 16

var restBar = evenOver(restHours)

// evenOver returns ρ² of activity spread evenly over w hours of the day.
func evenOver(w float64) float64 {
	x := math.Pi * w / 24
	return math.Pow(math.Sin(x)/x, 2)
}

// rhythmWeightMax caps a member's weight in rhythmOf: a day's worth of
// requests, one per hour.
const rhythmWeightMax = 24

// rhythmOf sets the cluster's round-the-clock signals from its members'
// hours of the day.
//
// Each member with n ≥ 2 dated requests gives (Power−1)/(n−1), an
// unbiased estimate of its own ρ² at each harmonic, whose variance for
// traffic spread evenly over the day is 1/(n−1)² (Power then has variance
// 1). Timezones do not matter, since each member's rhythm is measured
// against itself. The members' estimates are averaged with weights n−1
// (a surer estimate the more requests; inverse variance would be (n−1)²)
// up to rhythmWeightMax: a member with a handful of requests says less
// than one with a day's worth, and no heavy account outweighs the rest
// (one server among people does not make them a farm, and a few people
// among a farm's accounts do not hide it). The weighted mean plus two of
// its standard errors (for traffic spread evenly) is the most the
// members' requests keep to part of the day; the largest over the
// harmonics is DayConcentration, so that activity in two or three bouts
// a day, which the first harmonic sees as even, is not taken for round
// the clock. RoundTheClock is 1 − DayConcentration / restBar, in [0,1],
// times the share of members counted (DayMembers), as signup bursts are
// scaled by the members with a signup: a few members, or few requests
// each, leave a large error and so little or no signal, and members with
// one request or none (or records from before hours were counted) say
// nothing either way.
//
// Cost: O(members).
func (pop *population) rhythmOf(sg *Signals, members []int32) {
	var sum [3]float64
	var w, v float64
	k := 0
	for _, u := range members {
		r := pop.rhythm[u]
		if r.N < 2 {
			continue
		}
		d := float64(r.N - 1)
		wi := min(d, rhythmWeightMax)
		for h, p := range r.Power {
			sum[h] += wi * (float64(p) - 1) / d
		}
		w += wi
		v += wi * wi / (d * d)
		k++
	}
	sg.DayMembers = k
	if k == 0 {
		sg.DayConcentration, sg.RoundTheClock = 0, 0
		return
	}
	margin := 2 * math.Sqrt(v) / w
	c := math.Inf(-1)
	for _, x := range sum {
		c = max(c, x/w+margin)
	}
	sg.DayConcentration = round3(c)
	sg.RoundTheClock = round3(clamp01(1-c/restBar) * float64(k) / float64(len(members)))
}
