package stats

import "math"

// FisherExact returns the two-sided p-value of Fisher's exact test on the
// 2×2 table
//
//	a b
//	c d
//
// as R's fisher.test computes it: the probability, under the
// hypergeometric distribution with the table's margins, of every table no
// more likely than this one (with R's relative tolerance of 1e-7).
func FisherExact(a, b, c, d int) float64 {
	row1, col1, n := a+b, a+c, a+b+c+d
	if n == 0 {
		return 1
	}
	lo, hi := max(0, col1-(n-row1)), min(row1, col1)
	// log P(X = x), X the top-left cell.
	base := lfact(row1) + lfact(n-row1) + lfact(col1) + lfact(n-col1) - lfact(n)
	logP := func(x int) float64 {
		return base - lfact(x) - lfact(row1-x) - lfact(col1-x) - lfact(n-row1-col1+x)
	}
	obs := logP(a)
	limit := obs + math.Log1p(1e-7)
	p := 0.0
	for x := lo; x <= hi; x++ {
		if lp := logP(x); lp <= limit {
			p += math.Exp(lp)
		}
	}
	return math.Min(1, p)
}

// lfact is log(n!).
func lfact(n int) float64 {
	v, _ := math.Lgamma(float64(n) + 1)
	return v
}

// TwoProportion returns the two-sided p-value of the pooled two-proportion
// z-test of k1/n1 against k2/n2 (R: prop.test(c(k1, k2), c(n1, n2),
// correct = FALSE)$p.value), 1 when either group is empty or every trial
// had the same outcome.
func TwoProportion(k1, n1, k2, n2 float64) float64 {
	if n1 <= 0 || n2 <= 0 {
		return 1
	}
	p := (k1 + k2) / (n1 + n2)
	se := math.Sqrt(p * (1 - p) * (1/n1 + 1/n2))
	if se == 0 {
		return 1
	}
	z := (k1/n1 - k2/n2) / se
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

// exactLimit is the largest total Difference tests exactly: Fisher's sum
// runs over at most that many tables, and beyond it the z-test agrees with
// it to the precision a finding needs.
const exactLimit = 5000

// Difference returns the two-sided p-value of k1 of n1 against k2 of n2:
// Fisher's exact test for totals up to exactLimit, the two-proportion
// z-test beyond. It names the test it used.
func Difference(k1, n1, k2, n2 int) (p float64, test string) {
	if n1+n2 <= exactLimit {
		return FisherExact(k1, n1-k1, k2, n2-k2), "Fisher's exact test"
	}
	return TwoProportion(float64(k1), float64(n1), float64(k2), float64(n2)), "two-proportion z-test"
}
