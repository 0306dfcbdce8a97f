package stats

import "math"

// Wilson returns the 95% Wilson score interval of k successes in n trials
// (R: prop.test(k, n, correct = FALSE)$conf.int), and false when n is not
// positive. k may be fractional (weighted counts).
func Wilson(k, n float64) (lo, hi float64, ok bool) {
	if n <= 0 {
		return 0, 0, false
	}
	p := k / n
	z2 := z95 * z95
	centre := p + z2/(2*n)
	half := z95 * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	den := 1 + z2/n
	lo, hi = (centre-half)/den, (centre+half)/den
	return math.Max(0, lo), math.Min(1, hi), true
}
