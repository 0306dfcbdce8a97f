package metrics

import (
	"encoding/json"
	"math"

	"github.com/dealaudit/dealaudit/report/stats"
)

// Rate is a ratio kept with its parts, so that every rate in the report can
// show its numerator and denominator. A rate whose denominator is zero (or,
// for money, not positive) is undefined: "n/a", never 0.
type Rate struct {
	Num, Den float64
	// Defined is false when the rate does not exist (zero denominator, or
	// the first period of a period-over-period rate).
	Defined bool
	// Low and High are the rate's 95% interval, when HasInterval: Wilson's
	// for a share of counts (countRate), a bootstrap over accounts for a
	// ratio of money.
	Low, High   float64
	HasInterval bool
}

// ratio makes a rate; it is undefined when den is not positive.
func ratio(num, den float64) Rate {
	return Rate{Num: num, Den: den, Defined: den > 0}
}

// withInterval gives a ratio of sums over accounts the interval of its
// accounts' parts (seeded with seed).
func withInterval(r Rate, parts *stats.RatioSample, seed uint64) Rate {
	if !r.Defined {
		return r
	}
	if lo, hi, _, ok := parts.Interval(seed); ok {
		r.Low, r.High, r.HasInterval = lo, hi, true
	}
	return r
}

// seedOf is the bootstrap seed of the k-th ratio of the i-th row: fixed,
// so that every build draws the same resamples.
func seedOf(i, k int) uint64 { return uint64(i)<<8 | uint64(k) }

// countRate is ratio for counts, with its Wilson interval.
func countRate(num, den int) Rate {
	r := ratio(float64(num), float64(den))
	r.Low, r.High, r.HasInterval = stats.Wilson(r.Num, r.Den)
	return r
}

// Value returns the rate and whether it is defined.
func (r Rate) Value() (float64, bool) {
	if !r.Defined {
		return 0, false
	}
	return r.Num / r.Den, true
}

// MarshalJSON writes {"value": 0.7341, "numerator": 80, "denominator":
// 109, "low": 0.6439, "high": 0.8088} with value null when undefined and
// low and high null without an interval.
func (r Rate) MarshalJSON() ([]byte, error) {
	type out struct {
		Value       *float64 `json:"value"`
		Numerator   float64  `json:"numerator"`
		Denominator float64  `json:"denominator"`
		Low         *float64 `json:"low"`
		High        *float64 `json:"high"`
	}
	o := out{Numerator: Round(r.Num, 2), Denominator: Round(r.Den, 2)}
	if v, ok := r.Value(); ok {
		v = Round(v, 4)
		o.Value = &v
	}
	if lo, hi, ok := r.Interval(); ok {
		lo, hi = Round(lo, 4), Round(hi, 4)
		o.Low, o.High = &lo, &hi
	}
	return json.Marshal(o)
}

// Interval returns the rate's 95% interval and whether it has one.
func (r Rate) Interval() (lo, hi float64, ok bool) {
	if !r.Defined || !r.HasInterval {
		return 0, 0, false
	}
	return r.Low, r.High, true
}

// Round rounds v to n decimals, half away from zero, and turns -0 into 0.
func Round(v float64, n int) float64 {
	var p float64
	if n >= 0 && n < len(pow10) {
		p = pow10[n] // what math.Pow gives (TestRoundPowers), without its work
	} else {
		p = math.Pow(10, float64(n))
	}
	r := math.Round(v*p) / p
	if r == 0 {
		return 0
	}
	return r
}

// pow10 holds the powers of ten Round takes most.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// median returns the median of sorted values and whether there were any.
func median(sorted []float64) (float64, bool) {
	n := len(sorted)
	if n == 0 {
		return 0, false
	}
	if n%2 == 1 {
		return sorted[n/2], true
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2, true
}

// Points is a change between two rates in percentage points, rounded to
// one decimal; Defined is false when either rate is n/a.
type Points struct {
	Value   float64
	Defined bool
}

// PointsBetween is the change from one rate to another in percentage
// points.
func PointsBetween(from, to Rate) Points {
	a, ok1 := from.Value()
	b, ok2 := to.Value()
	if !ok1 || !ok2 {
		return Points{}
	}
	return Points{Value: Round((b-a)*100, 1), Defined: true}
}
