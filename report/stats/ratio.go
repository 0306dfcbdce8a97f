package stats

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// Resamples is how many bootstrap resamples RatioInterval draws, and
// MaxBootstrap the most subjects it resamples: beyond it (resamples ×
// subjects would cost seconds) it uses the delta method, to which the
// bootstrap converges for that many subjects.
const (
	Resamples    = 1000
	MaxBootstrap = 20000
)

// Ratio methods, as RatioInterval names them.
const (
	Bootstrap   = "percentile bootstrap over accounts, 1,000 resamples"
	DeltaMethod = "delta method over accounts"
)

// RatioInterval returns a 95% interval of Σnum / Σden, subject i
// contributing num[i] and den[i]: the percentile bootstrap over subjects
// (Resamples resamples from a generator seeded with seed, so the same data
// give the same interval) up to MaxBootstrap subjects, the delta method
// beyond. ok is false without two subjects or with Σden not positive.
func RatioInterval(num, den []float64, seed uint64) (lo, hi float64, method string, ok bool) {
	n := len(num)
	sy, sx := sum(num), sum(den)
	if n < 2 || sx <= 0 {
		return 0, 0, "", false
	}
	if n > MaxBootstrap {
		lo, hi = deltaInterval(num, den, sy/sx)
		return lo, hi, DeltaMethod, true
	}
	// The subjects in one order whatever order they came in, so that the
	// interval depends on the data alone.
	pairs := make([][2]float64, n)
	for i := range pairs {
		pairs[i] = [2]float64{den[i], num[i]}
	}
	slices.SortFunc(pairs, func(a, b [2]float64) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	ratios := make([]float64, 0, Resamples)
	for range Resamples {
		var y, x float64
		for range n {
			p := &pairs[r.IntN(n)]
			x += p[0]
			y += p[1]
		}
		if x > 0 {
			ratios = append(ratios, y/x)
		}
	}
	if len(ratios) < Resamples/2 {
		return 0, 0, "", false
	}
	slices.Sort(ratios)
	return quantile(ratios, 0.025), quantile(ratios, 0.975), Bootstrap, true
}

// deltaInterval is ratio ± z·SE, SE by linearization: the standard error
// of the mean of num[i] − ratio·den[i], over the mean of den.
func deltaInterval(num, den []float64, ratio float64) (lo, hi float64) {
	n := float64(len(num))
	var ss float64
	for i := range num {
		d := num[i] - ratio*den[i]
		ss += d * d
	}
	se := math.Sqrt(ss/(n-1)/n) / (sum(den) / n)
	return ratio - z95*se, ratio + z95*se
}

func sqrtPos(v float64) float64 { return math.Sqrt(math.Max(0, v)) }

// quantile is R's default (type 7) quantile of sorted values.
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}
