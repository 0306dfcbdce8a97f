package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Stratum is one stratum's 2×2 table: K1 of N1 in the group, K0 of N0 in
// the rest.
type Stratum struct {
	K1, N1, K0, N0 float64
}

// MantelHaenszel is a difference of two proportions adjusted for strata.
type MantelHaenszel struct {
	// Difference is the Mantel–Haenszel risk difference: the strata's
	// differences p1 - p0 weighted by N1·N0/(N1+N0).
	Difference float64
	// ChiSq and P are the Cochran–Mantel–Haenszel test, with continuity
	// correction (R: mantelhaen.test(table)).
	ChiSq, P float64
	Strata   int  // strata with subjects in both groups
	Defined  bool // some stratum has both groups and a variance
}

// MantelHaenszelTest adjusts the comparison of group and rest for the
// strata; strata without subjects in both groups carry no information and
// are left out.
func MantelHaenszelTest(strata []Stratum) MantelHaenszel {
	var r MantelHaenszel
	var num, den, sumA, sumE, sumV float64
	for _, s := range strata {
		n := s.N1 + s.N0
		if s.N1 <= 0 || s.N0 <= 0 {
			continue
		}
		r.Strata++
		w := s.N1 * s.N0 / n
		num += w * (s.K1/s.N1 - s.K0/s.N0)
		den += w
		m1 := s.K1 + s.K0 // successes in the stratum
		sumA += s.K1
		sumE += s.N1 * m1 / n
		if n > 1 {
			sumV += s.N1 * s.N0 * m1 * (n - m1) / (n * n * (n - 1))
		}
	}
	if den == 0 || sumV == 0 {
		return r
	}
	r.Difference = num / den
	dev := math.Max(0, math.Abs(sumA-sumE)-0.5)
	r.ChiSq = dev * dev / sumV
	r.P = distuv.ChiSquared{K: 1}.Survival(r.ChiSq)
	r.Defined = true
	return r
}
