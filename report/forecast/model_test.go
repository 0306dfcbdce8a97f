package forecast

import (
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g (tolerance %g)", what, got, want, tol)
	}
}

// Small cases worked out by hand from equation 6 of Fader, Hardie and Lee
// (2005).
func TestBGNBDHandCases(t *testing.T) {
	// x = 0: L = (α/(α+T))^r; a and b do not matter.
	// r=2, α=3, T=1: (3/4)² = 0.5625.
	near(t, "L(x=0)", math.Exp(BGNBD{2, 3, 0.7, 4}.LogLik(RFM{0, 0, 1})), 0.5625, 1e-12)
	// x = 1, r=α=a=b=1, tx=1, T=2:
	// Γ(2)·1/Γ(1) = 1; B(1,2)/B(1,1) = Γ(2)Γ(2)/(Γ(1)Γ(3)) = 1/2;
	// (α+T)^-(r+x) = 3⁻² = 1/9; a/(b+x−1)·(α+tx)^-(r+x) = 1·2⁻² = 1/4.
	// L = 1 · 1/2 · (1/9 + 1/4) = 13/72.
	m := BGNBD{1, 1, 1, 1}
	c := RFM{1, 1, 2}
	near(t, "L(x=1)", math.Exp(m.LogLik(c)), 13.0/72, 1e-12)
	// P(alive) = 1/(1 + a/(b+x−1)·((α+T)/(α+tx))^(r+x)) = 1/(1 + (3/2)²) = 4/13.
	near(t, "P(alive)", m.PAlive(c), 4.0/13, 1e-12)
	if p := m.PAlive(RFM{0, 0, 50}); p != 1 {
		t.Errorf("an account that never repeated is alive with probability 1 in BG/NBD, got %g", p)
	}
}

// The worked example of the paper's CDNOW analysis: with r = 0.243,
// α = 4.414, a = 0.793, b = 2.426, an account with x = 2, tx = 30.43,
// T = 38.86 is expected to make 1.226 purchases in the next 39 weeks.
func TestBGNBDPaperExample(t *testing.T) {
	m := BGNBD{0.243, 4.414, 0.793, 2.426}
	near(t, "E[Y(39)]", m.Expected(RFM{2, 30.43, 38.86}, 39), 1.226, 5e-4)
}

// betaGammaExpect integrates g(λ, p) against Gamma(r, α) × Beta(a, b) by
// Simpson's rule on λ = u/(1−u) and p; a, b and r must exceed 1 so the
// integrand is smooth.
func betaGammaExpect(m BGNBD, g func(lam, p float64) float64) float64 {
	const n = 600 // even
	simpson := func(f func(float64) float64) float64 {
		h := 1.0 / n
		s := f(1e-12) + f(1-1e-9)
		for i := 1; i < n; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			s += w * f(float64(i)*h)
		}
		return s * h / 3
	}
	gam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha}
	bet := distuv.Beta{Alpha: m.A, Beta: m.B}
	return simpson(func(p float64) float64 {
		return bet.Prob(p) * simpson(func(u float64) float64 {
			lam := u / (1 - u)
			return g(lam, p) * gam.Prob(lam) / ((1 - u) * (1 - u))
		})
	})
}

// The likelihood, P(alive) and the conditional expectation agree with a
// direct numerical integration of the individual-level model over the
// mixing distributions.
func TestBGNBDAgainstIntegration(t *testing.T) {
	m := BGNBD{1.3, 2.5, 1.6, 2.8}
	c := RFM{3, 6, 9}
	t0 := 4.0
	x := c.X
	alive := func(lam, p float64) float64 { // P(data and alive at T | λ, p)
		return math.Pow(1-p, x) * math.Pow(lam, x) * math.Exp(-lam*c.T)
	}
	dead := func(lam, p float64) float64 {
		return p * math.Pow(1-p, x-1) * math.Pow(lam, x) * math.Exp(-lam*c.Tx)
	}
	L := betaGammaExpect(m, func(l, p float64) float64 { return alive(l, p) + dead(l, p) })
	near(t, "likelihood", math.Exp(m.LogLik(c)), L, 1e-4)
	A := betaGammaExpect(m, alive)
	near(t, "P(alive)", m.PAlive(c), A/L, 1e-4)
	// Alive at T, an account makes (1/p)(1 − e^(−λpt)) purchases in t on average.
	E := betaGammaExpect(m, func(l, p float64) float64 { return alive(l, p) * (1 - math.Exp(-l*p*t0)) / p })
	near(t, "E[Y(t)]", m.Expected(c, t0), E/L, 1e-4)
	// For a new account: E[X(t)] = E[(1/p)(1 − e^(−λpt))].
	N := betaGammaExpect(m, func(l, p float64) float64 { return (1 - math.Exp(-l*p*t0)) / p })
	near(t, "E[X(t)]", m.ExpectedNew(t0), N, 1e-4)
}

func TestGammaGammaHandCases(t *testing.T) {
	// p=q=γ=x=m=1: Γ(2)/(Γ(1)Γ(1)) · 1 · 1 · 1 / (1+1)² = 1/4.
	near(t, "f", math.Exp(GammaGamma{1, 1, 1}.LogLik(Spend{1, 1})), 0.25, 1e-12)
	// E = p(γ+mx)/(px+q−1): p=1, q=2, γ=1, m=3, x=1 → 4/2 = 2.
	g := GammaGamma{1, 2, 1}
	near(t, "E[value]", g.Expected(Spend{1, 3}), 2, 1e-12)
	// Nobody seen to repeat: the population mean pγ/(q−1) = 1.
	near(t, "mean", g.Expected(Spend{}), 1, 1e-12)
	if !math.IsInf(GammaGamma{1, 0.9, 1}.Mean(), 1) {
		t.Error("q <= 1 has no finite mean")
	}
	// The density of the mean value integrates to 1 (x = 3).
	g = GammaGamma{2.5, 3.5, 20}
	sum, h := 0.0, 0.01
	for m := h / 2; m < 400; m += h {
		sum += math.Exp(g.LogLik(Spend{3, m})) * h
	}
	near(t, "∫f dm", sum, 1, 1e-4)
}

// simulateBGNBD draws n accounts from the model, each observed for a T
// between 26 and 78 weeks after its first purchase.
func simulateBGNBD(m BGNBD, n int, r *rand.Rand) []RFM {
	out := make([]RFM, n)
	for i := range out {
		T := 26 + 52*r.Float64()
		c := RFM{T: T}
		if ts := drawRepeats(m, T, r); len(ts) > 0 {
			c.X, c.Tx = float64(len(ts)), ts[len(ts)-1]
		}
		out[i] = c
	}
	return out
}

// drawRepeats draws one account's λ and p from the model and returns its
// repeat purchase times (weeks after the first purchase) up to T: purchases
// arrive at rate λ while it is alive, and after each it drops out with
// probability p.
func drawRepeats(m BGNBD, T float64, r *rand.Rand) []float64 {
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: r}.Rand()
	p := distuv.Beta{Alpha: m.A, Beta: m.B, Src: r}.Rand()
	var ts []float64
	for t := 0.0; ; {
		t += r.ExpFloat64() / lam
		if t > T {
			return ts
		}
		ts = append(ts, t)
		if r.Float64() < p {
			return ts
		}
	}
}

// Data simulated from known parameters is fitted back within four standard
// errors (of the log-parameters), for several parameter sets.
func TestBGNBDRecovery(t *testing.T) {
	for i, want := range []BGNBD{
		{0.25, 4.4, 0.8, 2.4}, // CDNOW-like
		{1.5, 10, 0.5, 5},
		{0.6, 2, 2.5, 1.5},
	} {
		cs := simulateBGNBD(want, 20000, rand.New(rand.NewPCG(uint64(i), 7)))
		got, fit := FitBGNBD(cs)
		if !fit.Converged {
			t.Errorf("set %d: did not converge: %s", i, fit.Reason)
			continue
		}
		w := []float64{want.R, want.Alpha, want.A, want.B}
		g := []float64{got.R, got.Alpha, got.A, got.B}
		for j := range w {
			if z := math.Abs(math.Log(g[j]) - math.Log(w[j])); z > 4*fit.LogSE[j] {
				t.Errorf("set %d: parameter %d = %.4g, true %.4g: %.1f standard errors off", i, j, g[j], w[j], z/fit.LogSE[j])
			}
		}
		var llTrue float64
		for _, c := range cs {
			llTrue += want.LogLik(c)
		}
		if fit.LogLik < llTrue-1e-6 {
			t.Errorf("set %d: fitted log-likelihood %.3f below the true parameters' %.3f: not the maximum", i, fit.LogLik, llTrue)
		}
		t.Logf("set %d: %+v, LL %.2f, %d evals, %d/%d starts agree", i, got, fit.LogLik, fit.Evals, fit.Agreeing, fit.Starts)
	}
}

func simulateGammaGamma(g GammaGamma, n int, r *rand.Rand) []Spend {
	nu := distuv.Gamma{Alpha: g.Q, Beta: g.Gamma, Src: r}
	out := make([]Spend, n)
	for i := range out {
		x := 1 + r.IntN(6)
		z := distuv.Gamma{Alpha: g.P, Beta: nu.Rand(), Src: r}
		var sum float64
		for range x {
			sum += z.Rand()
		}
		out[i] = Spend{float64(x), sum / float64(x)}
	}
	return out
}

func TestGammaGammaRecovery(t *testing.T) {
	for i, want := range []GammaGamma{
		{6.25, 3.74, 15.44}, // CDNOW (Fader, Hardie and Lee 2005)
		{2, 3, 50},
		{10, 2.5, 5},
	} {
		ss := simulateGammaGamma(want, 5000, rand.New(rand.NewPCG(uint64(i), 11)))
		got, fit := FitGammaGamma(ss)
		if !fit.Converged {
			t.Errorf("set %d: did not converge: %s", i, fit.Reason)
			continue
		}
		w := []float64{want.P, want.Q, want.Gamma}
		g := []float64{got.P, got.Q, got.Gamma}
		for j := range w {
			if z := math.Abs(math.Log(g[j]) - math.Log(w[j])); z > 4*fit.LogSE[j] {
				t.Errorf("set %d: parameter %d = %.4g, true %.4g: %.1f standard errors off", i, j, g[j], w[j], z/fit.LogSE[j])
			}
		}
		t.Logf("set %d: %+v, %d evals", i, got, fit.Evals)
	}
}

// Accounts that all keep one rhythm and stay (5–7 repeat purchases, the
// last near the end) give the mixing distributions nothing to spread: the
// fit runs off and must be refused in plain words, not reported.
func TestBGNBDAlikeAccountsAreRefused(t *testing.T) {
	var cs []RFM
	for i := range 200 {
		cs = append(cs, RFM{X: float64(5 + i%3), Tx: 40 + float64(i%5), T: 50 + float64(i%7)})
	}
	if _, fit := FitBGNBD(cs); fit.Converged || !strings.Contains(fit.Reason, "buy too much alike") || fit.LogSE != nil {
		t.Errorf("converged %v, reason %q", fit.Converged, fit.Reason)
	}
}

// With no repeat purchases at all the model has nothing to fit: the search
// must say so rather than return numbers.
func TestBGNBDNoRepeatsDoesNotConverge(t *testing.T) {
	cs := make([]RFM, 500)
	for i := range cs {
		cs[i] = RFM{0, 0, 10 + float64(i%40)}
	}
	if _, fit := FitBGNBD(cs); fit.Converged {
		t.Errorf("converged on data without repeat purchases: %+v", fit)
	}
}

// The analytic gradients agree with central differences of the likelihood.
func TestGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	bg := newBGData(simulateBGNBD(BGNBD{0.7, 3, 1.3, 2.2}, 3000, r))
	gg := newGGData(simulateGammaGamma(GammaGamma{4, 3, 20}, 3000, r))
	for _, c := range []struct {
		name string
		ll   logLik
		at   []float64
	}{
		{"BG/NBD", bg.meanLL, []float64{0.5, 4, 0.9, 3}},
		{"BG/NBD far", bg.meanLL, []float64{2, 0.5, 3, 0.4}},
		{"Gamma-Gamma", gg.meanLL, []float64{3, 2.5, 30}},
		{"Gamma-Gamma far", gg.meanLL, []float64{0.5, 8, 3}},
	} {
		g := make([]float64, len(c.at))
		v := c.ll(c.at, g)
		if w := c.ll(c.at, nil); v != w {
			t.Errorf("%s: value %g with gradient, %g without", c.name, v, w)
		}
		for i := range c.at {
			h := 1e-6 * c.at[i]
			up, dn := append([]float64(nil), c.at...), append([]float64(nil), c.at...)
			up[i] += h
			dn[i] -= h
			num := (c.ll(up, nil) - c.ll(dn, nil)) / (2 * h)
			if math.Abs(num-g[i]) > 1e-5*math.Max(1, math.Abs(num)) {
				t.Errorf("%s: derivative %d = %.8g, central difference %.8g", c.name, i, g[i], num)
			}
		}
	}
}

// The starts are searched on their own goroutines: the fit must not depend
// on how many cores run them or on which start finishes first.
func TestFitIndependentOfCores(t *testing.T) {
	cs := simulateBGNBD(BGNBD{0.6, 2, 2.5, 1.5}, 8000, rand.New(rand.NewPCG(3, 9)))
	spend := simulateGammaGamma(GammaGamma{6, 4, 15}, 3000, rand.New(rand.NewPCG(4, 9)))
	type fits struct {
		bg    BGNBD
		bgf   Fit
		gg    GammaGamma
		ggf   Fit
		procs int
	}
	var runs []fits
	for _, procs := range []int{1, 4, 2} {
		old := runtime.GOMAXPROCS(procs)
		var f fits
		f.procs = procs
		f.bg, f.bgf = FitBGNBD(cs)
		f.gg, f.ggf = FitGammaGamma(spend)
		runtime.GOMAXPROCS(old)
		runs = append(runs, f)
	}
	for _, f := range runs[1:] {
		if !reflect.DeepEqual(f, fits{runs[0].bg, runs[0].bgf, runs[0].gg, runs[0].ggf, f.procs}) {
			t.Errorf("GOMAXPROCS %d: %+v %+v\nGOMAXPROCS 1: %+v %+v", f.procs, f.bg, f.bgf, runs[0].bg, runs[0].bgf)
		}
	}
	if !runs[0].bgf.Converged || !runs[0].ggf.Converged || runs[0].bgf.Agreeing < 2 {
		t.Fatalf("fits did not converge: %+v %+v", runs[0].bgf, runs[0].ggf)
	}
}

// The grouped likelihood (identical histories weighted, ln(α+t) once per
// distinct T or tx) is the mean of each account's own likelihood, on
// histories from dates, where many accounts share T and tx, and on the
// subsample the search starts on.
func TestGroupedLikelihood(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	cs := make([]RFM, 20000)
	for i := range cs {
		first := r.IntN(700) // days from the first purchase to the end
		x := r.IntN(5)
		last := 0
		if x > 0 {
			last = 1 + r.IntN(max(first, 1))
		}
		cs[i] = RFM{X: float64(x), Tx: float64(min(last, first)) / 7, T: float64(first) / 7}
	}
	d := newBGData(cs)
	if len(d.ts) > 700 || len(d.rows) >= len(cs) {
		t.Fatalf("%d distinct times, %d rows: the data are not grouped", len(d.ts), len(d.rows))
	}
	m := BGNBD{0.8, 5, 0.9, 2.5}
	p := []float64{m.R, m.Alpha, m.A, m.B}
	check := func(name string, d *bgData, cs []RFM) {
		var want float64
		for _, c := range cs {
			want += m.LogLik(c)
		}
		want /= float64(len(cs))
		g := make([]float64, 4)
		for _, got := range []float64{d.meanLL(p, nil), d.meanLL(p, g)} {
			if math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("%s: grouped mean log-likelihood %.15g, per account %.15g", name, got, want)
			}
		}
	}
	check("all", d, cs)
	sub := d.sub(1000)
	var subCs []RFM
	for _, row := range sub.rows {
		for range int(row.w) {
			subCs = append(subCs, row.RFM)
		}
	}
	check("subsample", sub, subCs)
}

// The shortcuts of a fit (Nelder–Mead on roughRows, BFGS on coarseRows,
// the whitened polish) change the path, not the answer: on data with more
// distinct histories than coarseRows, the fit reaches the optimum that
// searching on all the data from every start reaches.
func TestFitShortcutsReachTheFullOptimum(t *testing.T) {
	cs := simulateBGNBD(BGNBD{0.25, 4.4, 0.8, 2.4}, 20000, rand.New(rand.NewPCG(3, 5)))
	d := newBGData(cs)
	if len(d.rows) <= coarseRows {
		t.Fatalf("%d distinct histories: the shortcuts are not taken", len(d.rows))
	}
	starts := [][]float64{{1, 1, 1, 1}, {0.5, 2, 0.8, 2.5}, {2, 5, 2, 5}}
	fast := maximize(d.meanLL, d.sub(coarseRows).meanLL, d.sub(roughRows).meanLL, d.n, starts)
	full := maximize(d.meanLL, d.meanLL, d.meanLL, d.n, starts)
	if !fast.Converged || !full.Converged {
		t.Fatalf("converged: with shortcuts %v (%s), without %v (%s)", fast.Converged, fast.Reason, full.Converged, full.Reason)
	}
	if diff := math.Abs(fast.LogLik - full.LogLik); diff > 1e-9*math.Abs(full.LogLik) {
		t.Errorf("log-likelihood %.6f with the shortcuts, %.6f without", fast.LogLik, full.LogLik)
	}
	for i := range fast.Params {
		if z := math.Abs(math.Log(fast.Params[i]/full.Params[i])) / full.LogSE[i]; z > 0.01 {
			t.Errorf("parameter %d: %.6g with the shortcuts, %.6g without (%.3f standard errors apart)", i, fast.Params[i], full.Params[i], z)
		}
	}
}

// quadratic is ½(θ−c)ᵀH(θ−c) and its gradient, counting evaluations.
type quadratic struct {
	h     [][]float64
	c     []float64
	evals int
}

func (q *quadratic) f(th []float64) float64 {
	q.evals++
	var v float64
	for i := range th {
		for j := range th {
			v += (th[i] - q.c[i]) * q.h[i][j] * (th[j] - q.c[j])
		}
	}
	return v / 2
}

func (q *quadratic) grad(g, th []float64) {
	q.evals++
	for i := range th {
		g[i] = 0
		for j := range th {
			g[i] += q.h[i][j] * (th[j] - q.c[j])
		}
	}
}

// On a badly scaled quadratic (condition number about 10⁴), curvature
// finds the factor of its Hessian, and the whitened search reaches the
// minimum in a fraction of the evaluations plain BFGS needs.
func TestCurvatureAndWhitened(t *testing.T) {
	h := [][]float64{{1e4, 30, 0}, {30, 1, 0.2}, {0, 0.2, 3}}
	q := &quadratic{h: h, c: []float64{0.3, -2, 1}}
	x := []float64{0, 0, 0}
	L := curvature(q.grad, x)
	if L == nil {
		t.Fatal("no factor of a positive definite Hessian")
	}
	for i := range h {
		for j := range h {
			var v float64
			for k := range h {
				v += L.At(i, k) * L.At(j, k)
			}
			if math.Abs(v-h[i][j]) > 1e-6*(1+math.Abs(h[i][j])) {
				t.Errorf("(L·Lᵀ)[%d][%d] = %g, want %g", i, j, v, h[i][j])
			}
		}
	}
	q.evals = 0
	got := whitened(q.f, q.grad, x, L)
	whiteEvals := q.evals
	for i := range got {
		if math.Abs(got[i]-q.c[i]) > 1e-7 {
			t.Errorf("whitened: θ%d = %g, want %g", i, got[i], q.c[i])
		}
	}
	q.evals = 0
	plain := polish(q.f, q.grad, x)
	for i := range plain {
		if math.Abs(plain[i]-q.c[i]) > 1e-4 {
			t.Errorf("plain BFGS: θ%d = %g, want %g", i, plain[i], q.c[i])
		}
	}
	// With the exact factor the first step is the Newton step and lands on
	// the minimum: the value and gradient at x, at the step, and BFGS's
	// confirming look, 6 evaluations (11 when the first step is gonum's
	// unit-length one, halved down to the minimum; 21 when the coordinates
	// are only scaled, not rotated).
	if whiteEvals > 6 || whiteEvals*5 > q.evals {
		t.Errorf("whitened took %d evaluations, want at most 6 (plain BFGS: %d)", whiteEvals, q.evals)
	}
	t.Logf("evaluations: whitened %d, plain BFGS %d", whiteEvals, q.evals)
	// From the minimum, polish only looks: the value and the gradient there,
	// handed to BFGS instead of evaluated again.
	q.evals = 0
	if got := polish(q.f, q.grad, q.c); !slices.Equal(got, q.c) || q.evals > 2 {
		t.Errorf("polish from the minimum: %v after %d evaluations, want it unmoved after 2", got, q.evals)
	}

	// Where the gradient is noisy (sums of a hundred thousand terms), the
	// whitened search can stall short of its threshold: it gives up after
	// a bounded number of evaluations (a fit on a million deals once spent
	// 85 there) and leaves the rest to polish.
	noisy := &quadratic{h: h, c: q.c}
	jitter := 0
	noisyGrad := func(g, th []float64) {
		noisy.grad(g, th)
		jitter++
		for i := range g {
			g[i] += 1e-6 * float64(jitter%7-3)
		}
	}
	noisy.evals = 0
	whitened(noisy.f, noisyGrad, x, L)
	if noisy.evals > 60 { // values and gradients, counted apart here
		t.Errorf("whitened on a noisy gradient took %d evaluations, want at most 60", noisy.evals)
	}

	// A saddle has no such factor: the polish then runs as it is.
	saddle := &quadratic{h: [][]float64{{1, 0}, {0, -1}}, c: []float64{0, 0}}
	if curvature(saddle.grad, []float64{1, 1}) != nil {
		t.Error("curvature factored an indefinite Hessian")
	}
}
