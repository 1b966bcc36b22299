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

var restBar = func() float64 {
	x := math.Pi * restHours / 24
	return math.Pow(math.Sin(x)/x, 2)
}()

// rhythmOf sets the cluster's round-the-clock signals from its members'
// hours of the day.
//
// Each member with n ≥ 2 dated requests gives (Power−1)/(n−1), an
// unbiased estimate of its own ρ² at each harmonic; the members' estimates
// are averaged with equal weights, so that one heavy account cannot speak
// for the cluster, and timezones do not matter, since each member's
// rhythm is measured against itself. The mean plus two standard errors
// (those of traffic spread evenly over the day, for which Power has
// variance 1) is the most the members' requests keep to part of the day;
// the largest over the harmonics is DayConcentration, so that activity in
// two or three bouts a day, which the first harmonic sees as even, is not
// taken for round the clock. RoundTheClock is 1 − DayConcentration /
// restBar, in [0,1]: a few members, or few requests each, leave a large
// error and so little or no signal.
//
// Cost: O(members).
func (pop *population) rhythmOf(sg *Signals, members []int32) {
	var sum [3]float64
	var v float64
	k := 0
	for _, u := range members {
		r := pop.rhythm[u]
		if r.N < 2 {
			continue
		}
		d := float64(r.N - 1)
		for h, p := range r.Power {
			sum[h] += (float64(p) - 1) / d
		}
		v += 1 / (d * d)
		k++
	}
	sg.DayMembers = k
	if k == 0 {
		sg.DayConcentration, sg.RoundTheClock = 0, 0
		return
	}
	margin := 2 * math.Sqrt(v) / float64(k)
	c := math.Inf(-1)
	for _, x := range sum {
		c = max(c, x/float64(k)+margin)
	}
	sg.DayConcentration = round3(c)
	sg.RoundTheClock = round3(clamp01(1 - c/restBar))
}
