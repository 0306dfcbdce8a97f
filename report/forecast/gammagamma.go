package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// GammaGamma holds the parameters of the Gamma-Gamma spend model (Fader,
// Hardie and Lee 2005, "RFM and CLV"): the value of each purchase of an
// account is Gamma(P, ν), and ν varies across accounts as Gamma(Q, Gamma).
type GammaGamma struct {
	P, Q, Gamma float64
}

// Spend is what the spend model reads of one account: X repeat purchases
// whose values average M.
type Spend struct {
	X, M float64
}

// LogLik is the log density of an account's mean purchase value m over x
// purchases:
//
//	ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ+mx)
func (g GammaGamma) LogLik(s Spend) float64 {
	px := g.P * s.X
	return lgamma(px+g.Q) - lgamma(px) - lgamma(g.Q) + g.Q*math.Log(g.Gamma) +
		(px-1)*math.Log(s.M) + px*math.Log(s.X) - (px+g.Q)*math.Log(g.Gamma+s.M*s.X)
}

// Mean is the expected value of a purchase of an account never seen to
// repeat: pγ/(q−1); +Inf when q <= 1.
func (g GammaGamma) Mean() float64 {
	if g.Q <= 1 {
		return math.Inf(1)
	}
	return g.P * g.Gamma / (g.Q - 1)
}

// Expected is the expected value of an account's next purchase given x
// repeat purchases averaging m: p(γ+mx)/(px+q−1), a weighted mean of the
// population mean and the account's own.
func (g GammaGamma) Expected(s Spend) float64 {
	if s.X == 0 {
		return g.Mean()
	}
	return g.P * (g.Gamma + s.M*s.X) / (g.P*s.X + g.Q - 1)
}

type ggData struct {
	rows []ggRow
	xs   []float64
	n    float64
}

type ggRow struct {
	x, lnX, m, lnM, w float64
	xi                int
}

func newGGData(ss []Spend) *ggData {
	s := append([]Spend(nil), ss...)
	slices.SortFunc(s, func(a, b Spend) int { return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.M, b.M)) })
	d := &ggData{n: float64(len(s)), rows: make([]ggRow, 0, len(s))}
	for _, v := range s {
		if k := len(d.rows); k > 0 && d.rows[k-1].x == v.X && d.rows[k-1].m == v.M {
			d.rows[k-1].w++
			continue
		}
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != v.X {
			d.xs = append(d.xs, v.X)
		}
		d.rows = append(d.rows, ggRow{x: v.X, lnX: math.Log(v.X), m: v.M, lnM: math.Log(v.M), w: 1, xi: len(d.xs) - 1})
	}
	return d
}

// sub returns d on at most max rows (see stride); d itself when small.
func (d *ggData) sub(max int) *ggData {
	rows, n := stride(d.rows, max, func(r ggRow) float64 { return r.w })
	if len(rows) == len(d.rows) {
		return d
	}
	return &ggData{rows: rows, xs: d.xs, n: n}
}

// meanLL is the mean log-likelihood per account at p = (p, q, γ), and its
// derivatives by each into grad when grad is not nil:
//
//	by p: x·(ψ(px+q) − ψ(px) + ln m + ln x − ln(γ+mx))
//	by q: ψ(px+q) − ψ(q) + ln γ − ln(γ+mx)
//	by γ: q/γ − (px+q)/(γ+mx)
func (d *ggData) meanLL(p, grad []float64) float64 {
	g := GammaGamma{p[0], p[1], p[2]}
	lq, lg := lgamma(g.Q), math.Log(g.Gamma)
	nx := len(d.xs)
	xt := make([]float64, nx)
	var dp, dq []float64 // per x: ψ(px+q) − ψ(px), ψ(px+q) − ψ(q)
	if grad != nil {
		dp, dq = make([]float64, nx), make([]float64, nx)
	}
	psiQ := mathext.Digamma(g.Q)
	for i, x := range d.xs {
		px := g.P * x
		xt[i] = lgamma(px+g.Q) - lgamma(px) - lq + g.Q*lg
		if grad != nil {
			psiPXQ := mathext.Digamma(px + g.Q)
			dp[i], dq[i] = psiPXQ-mathext.Digamma(px), psiPXQ-psiQ
		}
	}
	width := 1
	if grad != nil {
		width = 4
	}
	sum := make([]float64, width)
	parallelSum(len(d.rows), sum, func(lo, hi int, acc []float64) {
		for _, r := range d.rows[lo:hi] {
			px := g.P * r.x
			lgm := math.Log(g.Gamma + r.m*r.x)
			acc[0] += r.w * (xt[r.xi] + (px-1)*r.lnM + px*r.lnX - (px+g.Q)*lgm)
			if grad != nil {
				acc[1] += r.w * r.x * (dp[r.xi] + r.lnM + r.lnX - lgm)
				acc[2] += r.w * (dq[r.xi] + lg - lgm)
				acc[3] += r.w * (g.Q/g.Gamma - (px+g.Q)/(g.Gamma+r.m*r.x))
			}
		}
	})
	for i := range grad {
		grad[i] = sum[i+1] / d.n
	}
	return sum[0] / d.n
}

// FitGammaGamma fits the spend model to accounts with at least one repeat
// purchase and a positive mean value.
func FitGammaGamma(ss []Spend) (GammaGamma, Fit) {
	d := newGGData(ss)
	var mean float64
	for _, s := range ss {
		mean += s.M
	}
	mean /= float64(len(ss))
	starts := [][]float64{{1, 1, max(mean, 1e-3)}, {5, 3, max(mean/2, 1e-3)}, {2, 5, max(mean*2, 1e-3)}}
	f := maximize(d.meanLL, d.sub(coarseRows).meanLL, d.sub(roughRows).meanLL, d.n, starts)
	var g GammaGamma
	if f.Params != nil {
		g = GammaGamma{f.Params[0], f.Params[1], f.Params[2]}
		if max(g.P, g.Q) > maxShape {
			f.Converged, f.LogSE, f.LogCov = false, nil, nil
			f.Reason = fmt.Sprintf("accounts spend too much alike for the spend model, whose parameters run off towards infinity (p = %.3g, q = %.3g, γ = %.3g)", g.P, g.Q, g.Gamma)
		}
	}
	return g, f
}
