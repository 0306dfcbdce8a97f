package stats

import "gonum.org/v1/gonum/stat/distuv"

// Homogeneity returns the p-value of the chi-square test that the groups'
// proportions k[i]/n[i] are equal (R: prop.test(k, n)$p.value for three
// or more groups; with two, prop.test(k, n, correct = FALSE)), 1 when fewer
// than two groups have trials or every trial had the same outcome.
func Homogeneity(k, n []int) float64 {
	var sk, sn float64
	groups := 0
	for i := range n {
		if n[i] > 0 {
			groups++
			sk += float64(k[i])
			sn += float64(n[i])
		}
	}
	if groups < 2 {
		return 1
	}
	p := sk / sn
	if p == 0 || p == 1 {
		return 1
	}
	chi := 0.0
	for i := range n {
		if n[i] == 0 {
			continue
		}
		e := float64(n[i]) * p
		d := float64(k[i]) - e
		chi += d * d / (e * (1 - p))
	}
	return distuv.ChiSquared{K: float64(groups - 1)}.Survival(chi)
}
