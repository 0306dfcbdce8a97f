package forecast

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// The interval of the expected 12-month revenue is drawn from the
// parameters' uncertainty: intervalDraws parameter vectors from the normal
// approximation of the log-parameters (mean the fit, covariance the
// inverse Hessian), each predicting the same intervalSample accounts; the
// 2.5% and 97.5% points of their revenue over the fit's, applied to the
// whole. It leaves out the randomness of the purchases themselves, which
// adds little over thousands of accounts.
const (
	intervalDraws  = 200
	intervalSample = 1000
	intervalSeed   = 18
)

// revenueInterval sets ExpectedLow and ExpectedHigh, when both models
// have a covariance.
func (r *Result) revenueInterval() {
	if r.SpendSkipped != "" || r.BGFit.LogCov == nil || r.GGFit.LogCov == nil || r.ExpectedRevenue <= 0 {
		return
	}
	bgL, ggL := choleskyOf(r.BGFit.LogCov), choleskyOf(r.GGFit.LogCov)
	if bgL == nil || ggL == nil {
		return
	}
	// Every k-th account, in key order: the same sample on every build.
	step := max(1, len(r.Rows)/intervalSample)
	var sample []Account
	for i := 0; i < len(r.Rows); i += step {
		sample = append(sample, r.Rows[i])
	}
	revenue := func(bg BGNBD, gg GammaGamma) float64 {
		var v float64
		for _, a := range sample {
			sp := Spend{a.RFM.X, a.MeanRepeatValue}
			if a.MeanRepeatValue <= 0 {
				sp = Spend{}
			}
			v += bg.Expected(a.RFM, HorizonWeeks) * gg.Expected(sp)
		}
		return v
	}
	base := revenue(r.BG, r.GG)
	if base <= 0 {
		return
	}
	rng := rand.New(rand.NewPCG(intervalSeed, uint64(len(sample))))
	ratios := make([]float64, 0, intervalDraws)
	for range intervalDraws {
		b := draw(rng, []float64{r.BG.R, r.BG.Alpha, r.BG.A, r.BG.B}, bgL)
		g := draw(rng, []float64{r.GG.P, r.GG.Q, r.GG.Gamma}, ggL)
		gg := GammaGamma{g[0], g[1], g[2]}
		if gg.Q <= 1 {
			continue // no finite mean spend: leave the draw out
		}
		if v := revenue(BGNBD{b[0], b[1], b[2], b[3]}, gg); !math.IsNaN(v) && !math.IsInf(v, 0) {
			ratios = append(ratios, v/base)
		}
	}
	if len(ratios) < intervalDraws/2 {
		return
	}
	slices.Sort(ratios)
	lo, hi := ratios[int(0.025*float64(len(ratios)))], ratios[int(math.Ceil(0.975*float64(len(ratios))))-1]
	r.ExpectedLow, r.ExpectedHigh, r.HasInterval = lo*r.ExpectedRevenue, hi*r.ExpectedRevenue, true
}

// choleskyOf returns the lower Cholesky factor of a covariance, nil when
// it is not positive definite.
func choleskyOf(cov [][]float64) *mat.TriDense {
	n := len(cov)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, cov[i][j])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(s) {
		return nil
	}
	var l mat.TriDense
	ch.LTo(&l)
	return &l
}

// draw returns parameters drawn around p: exp(log p + L·z), z standard
// normal.
func draw(rng *rand.Rand, p []float64, l *mat.TriDense) []float64 {
	n := len(p)
	z := make([]float64, n)
	for i := range z {
		z[i] = rng.NormFloat64()
	}
	out := make([]float64, n)
	for i := range n {
		v := math.Log(p[i])
		for j := 0; j <= i; j++ {
			v += l.At(i, j) * z[j]
		}
		out[i] = math.Exp(v)
	}
	return out
}
