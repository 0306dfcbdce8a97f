package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mathext"
)

// BGNBD holds the parameters of the beta-geometric/NBD model (Fader, Hardie
// and Lee 2005, "Counting Your Customers the Easy Way"): while alive, an
// account buys at a Poisson rate λ ~ Gamma(R, Alpha); after each repeat
// purchase it drops out with probability p ~ Beta(A, B). Time is in weeks.
type BGNBD struct {
	R, Alpha, A, B float64
}

// RFM is one account's purchase history in the form the models read: X
// repeat purchases (distinct purchase dates after the first), the last at
// Tx weeks after the first purchase, observed for T weeks since the first.
type RFM struct {
	X, Tx, T float64
}

// lgamma is log Γ(x) for x > 0.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// LogLik returns the log-likelihood of one account's history (equation 6
// of the paper, in logs):
//
//	ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//	+ ln[ (α+T)^−(r+x) + [x>0] a/(b+x−1) · (α+tx)^−(r+x) ]
func (m BGNBD) LogLik(c RFM) float64 {
	return m.xTerm(c.X) + m.timeTerm(c, m.dropTerm(c.X))
}

// xTerm is the part of the log-likelihood that depends on x only.
func (m BGNBD) xTerm(x float64) float64 {
	return lgamma(m.R+x) - lgamma(m.R) + m.R*math.Log(m.Alpha) +
		lgamma(m.A+m.B) + lgamma(m.B+x) - lgamma(m.B) - lgamma(m.A+m.B+x)
}

// dropTerm is ln(a/(b+x−1)), used when x > 0.
func (m BGNBD) dropTerm(x float64) float64 {
	if x == 0 {
		return 0
	}
	return math.Log(m.A) - math.Log(m.B+x-1)
}

func (m BGNBD) timeTerm(c RFM, drop float64) float64 {
	return m.timeTermOf(c.X, drop, math.Log(m.Alpha+c.T), math.Log(m.Alpha+c.Tx))
}

// timeTermOf is timeTerm from ln(α+T) and ln(α+tx).
func (m BGNBD) timeTermOf(x, drop, logT, logTx float64) float64 {
	a3 := -(m.R + x) * logT
	if x == 0 {
		return a3
	}
	a4 := drop - (m.R+x)*logTx
	// log(e^a3 + e^a4) without overflow.
	// (math.Log of 1+e loses nothing that matters for a likelihood, and is
	// much faster than math.Log1p.)
	hi, lo := max(a3, a4), min(a3, a4)
	if lo-hi < -40 {
		return hi
	}
	return hi + math.Log(1+math.Exp(lo-hi))
}

// PAlive is the probability that an account with this history is still
// alive at T (equation 11).
func (m BGNBD) PAlive(c RFM) float64 {
	if c.X == 0 {
		return 1
	}
	// 1 / (1 + a/(b+x−1) · ((α+T)/(α+tx))^(r+x)), computed in logs.
	l := m.dropTerm(c.X) + (m.R+c.X)*(math.Log(m.Alpha+c.T)-math.Log(m.Alpha+c.Tx))
	return 1 / (1 + math.Exp(l))
}

// Expected is the expected number of purchases in the next t weeks of an
// account with this history (equation 10, the conditional expectation).
func (m BGNBD) Expected(c RFM, t float64) float64 {
	return m.expectedIfAlive(c, t) * m.PAlive(c)
}

// expectedIfAlive is the numerator of equation 10: Expected without the
// P(alive) factor, for callers that take it once for several horizons.
func (m BGNBD) expectedIfAlive(c RFM, t float64) float64 {
	if t <= 0 {
		return 0
	}
	if math.Abs(m.A-1) < 1e-6 {
		// (a+b+x−1)/(a−1) · (1 − …) is 0/0 at a = 1: average both sides.
		lo, hi := m, m
		lo.A, hi.A = 1-1e-6, 1+1e-6
		return (lo.expectedIfAlive(c, t) + hi.expectedIfAlive(c, t)) / 2
	}
	r, al, a, b, x := m.R, m.Alpha, m.A, m.B, c.X
	z := t / (al + c.T + t)
	f := hyp2f1(r+x, b+x, a+b+x-1, z)
	return (a + b + x - 1) / (a - 1) * (1 - math.Exp((r+x)*math.Log((al+c.T)/(al+c.T+t)))*f)
}

// ExpectedNew is the expected number of repeat purchases in the first t
// weeks of a new account (equation 9, unconditional).
func (m BGNBD) ExpectedNew(t float64) float64 {
	if math.Abs(m.A-1) < 1e-6 {
		lo, hi := m, m
		lo.A, hi.A = 1-1e-6, 1+1e-6
		return (lo.ExpectedNew(t) + hi.ExpectedNew(t)) / 2
	}
	r, al, a, b := m.R, m.Alpha, m.A, m.B
	z := t / (al + t)
	return (a + b - 1) / (a - 1) * (1 - math.Pow(al/(al+t), r)*hyp2f1(r, b, a+b-1, z))
}

// hyp2f1 is the Gaussian hypergeometric function for 0 <= z < 1.
func hyp2f1(a, b, c, z float64) float64 {
	if z == 0 {
		return 1
	}
	return mathext.Hypergeo(a, b, c, z)
}

// bgData is the calibration data grouped for fast likelihood evaluation:
// identical histories are counted once with a weight, the terms that
// depend only on x are computed once per distinct x, and ln(α+t) once per
// distinct T or tx (histories from dates take a few thousand values of
// each, however many accounts there are).
type bgData struct {
	rows []bgRow
	xs   []float64 // distinct x values
	ts   []float64 // distinct T and tx values of rows
	n    float64   // accounts
	// logTs holds the []float64 buffers of logs, reused across
	// evaluations (the starts of a fit evaluate one bgData at once).
	logTs sync.Pool
}

type bgRow struct {
	RFM
	w       float64
	xi      int32 // index into xs
	ti, txi int32 // indexes of T and Tx into ts
}

// index sets d.ts to the distinct T and tx values of d.rows and each row's
// indexes into it.
func (d *bgData) index() {
	ts := make([]float64, 0, 2*len(d.rows))
	for _, r := range d.rows {
		ts = append(ts, r.T, r.Tx)
	}
	slices.Sort(ts)
	d.ts = slices.Compact(ts)
	for i := range d.rows {
		r := &d.rows[i]
		t, _ := slices.BinarySearch(d.ts, r.T)
		tx, _ := slices.BinarySearch(d.ts, r.Tx)
		r.ti, r.txi = int32(t), int32(tx)
	}
}

// logs returns ln(α+t) for each of d.ts, in a buffer to hand back with
// d.logTs.Put when done.
func (d *bgData) logs(alpha float64) *[]float64 {
	p, _ := d.logTs.Get().(*[]float64)
	if p == nil {
		l := make([]float64, len(d.ts))
		p = &l
	}
	for i, t := range d.ts {
		(*p)[i] = math.Log(alpha + t)
	}
	return p
}

func newBGData(cs []RFM) *bgData {
	s := append([]RFM(nil), cs...)
	slices.SortFunc(s, func(a, b RFM) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Tx, b.Tx), cmp.Compare(a.T, b.T))
	})
	d := &bgData{n: float64(len(s)), rows: make([]bgRow, 0, len(s))}
	for _, c := range s {
		if k := len(d.rows); k > 0 && d.rows[k-1].RFM == c {
			d.rows[k-1].w++
			continue
		}
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != c.X {
			d.xs = append(d.xs, c.X)
		}
		d.rows = append(d.rows, bgRow{RFM: c, w: 1, xi: int32(len(d.xs) - 1)})
	}
	d.index()
	return d
}

// sub returns d on at most max rows (see stride); d itself when small.
func (d *bgData) sub(max int) *bgData {
	rows, n := stride(d.rows, max, func(r bgRow) float64 { return r.w })
	if len(rows) == len(d.rows) {
		return d
	}
	sub := &bgData{rows: rows, xs: d.xs, n: n}
	sub.index()
	return sub
}

// meanLL is the mean log-likelihood per account at p = (r, α, a, b), and
// its derivatives by each into grad when grad is not nil:
//
//	by r: ψ(r+x) − ψ(r) + ln α − w₃ ln(α+T) − w₄ ln(α+tx)
//	by α: r/α − (r+x)·(w₃/(α+T) + w₄/(α+tx))
//	by a: ψ(a+b) − ψ(a+b+x) + w₄/a
//	by b: ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w₄/(b+x−1)
//
// where w₃ and w₄ = 1 − w₃ are the shares of the two terms inside the
// logarithm of timeTerm (w₄ = 0 when x = 0).
func (d *bgData) meanLL(p, grad []float64) float64 {
	m := BGNBD{p[0], p[1], p[2], p[3]}
	nx := len(d.xs)
	xt, dt := make([]float64, nx), make([]float64, nx)
	var dx [][4]float64 // per x: the derivatives of xTerm
	if grad != nil {
		dx = make([][4]float64, nx)
	}
	psiR, psiB, psiAB := mathext.Digamma(m.R), mathext.Digamma(m.B), mathext.Digamma(m.A+m.B)
	for i, x := range d.xs {
		xt[i], dt[i] = m.xTerm(x), m.dropTerm(x)
		if grad != nil {
			psiABX := mathext.Digamma(m.A + m.B + x)
			dx[i] = [4]float64{
				mathext.Digamma(m.R+x) - psiR + math.Log(m.Alpha),
				m.R / m.Alpha,
				psiAB - psiABX,
				psiAB + mathext.Digamma(m.B+x) - psiB - psiABX,
			}
		}
	}
	width := 1
	if grad != nil {
		width = 5
	}
	sum := make([]float64, width)
	buf := d.logs(m.Alpha)
	defer d.logTs.Put(buf)
	la := *buf
	parallelSum(len(d.rows), sum, func(lo, hi int, acc []float64) {
		for _, r := range d.rows[lo:hi] {
			if grad == nil {
				acc[0] += r.w * (xt[r.xi] + m.timeTermOf(r.X, dt[r.xi], la[r.ti], la[r.txi]))
				continue
			}
			l3 := la[r.ti]
			a3 := -(m.R + r.X) * l3
			v, w4, l4 := a3, 0.0, 0.0
			if r.X > 0 {
				l4 = la[r.txi]
				a4 := dt[r.xi] - (m.R+r.X)*l4
				hi, lo := max(a3, a4), min(a3, a4)
				e := math.Exp(lo - hi)
				v = hi + math.Log(1+e)
				w4 = e / (1 + e) // share of the smaller term
				if a4 > a3 {
					w4 = 1 / (1 + e)
				}
			}
			w3 := 1 - w4
			g := &dx[r.xi]
			acc[0] += r.w * (xt[r.xi] + v)
			acc[1] += r.w * (g[0] - w3*l3 - w4*l4)
			acc[2] += r.w * (g[1] - (m.R+r.X)*(w3/(m.Alpha+r.T)+w4/(m.Alpha+r.Tx)))
			acc[3] += r.w * (g[2] + w4/m.A)
			if r.X > 0 {
				acc[4] += r.w * (g[3] - w4/(m.B+r.X-1))
			} else {
				acc[4] += r.w * g[3]
			}
		}
	})
	for i := range grad {
		grad[i] = sum[i+1] / d.n
	}
	return sum[0] / d.n
}

// FitBGNBD fits the model to the accounts' histories.
func FitBGNBD(cs []RFM) (BGNBD, Fit) {
	d := newBGData(cs)
	var meanT float64
	for _, c := range cs {
		meanT += c.T
	}
	meanT /= float64(len(cs))
	starts := [][]float64{{1, 1, 1, 1}, {0.5, max(meanT/4, 0.5), 0.8, 2.5}, {2, max(meanT, 1), 2, 5}}
	f := maximize(d.meanLL, d.sub(coarseRows).meanLL, d.sub(roughRows).meanLL, d.n, starts)
	var m BGNBD
	if f.Params != nil {
		m = BGNBD{f.Params[0], f.Params[1], f.Params[2], f.Params[3]}
		if max(m.R, m.Alpha, m.A, m.B) > maxShape {
			f.Converged, f.LogSE, f.LogCov = false, nil, nil
			f.Reason = fmt.Sprintf("the accounts buy too much alike: the model needs buying rates and loyalty that differ between accounts, and its parameters run off towards infinity (r = %.3g, α = %.3g, a = %.3g, b = %.3g)", m.R, m.Alpha, m.A, m.B)
		}
	}
	return m, f
}

// maxShape bounds the BG/NBD parameters (and Gamma-Gamma's p and q) of a
// fit worth using: beyond it the mixing distributions have no spread left,
// the model has degenerated, and its numbers mean little.
const maxShape = 1e4
