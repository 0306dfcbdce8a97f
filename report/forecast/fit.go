package forecast

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Fit is the outcome of one maximum-likelihood fit.
type Fit struct {
	Params    []float64   // on their natural scale
	LogLik    float64     // at Params, summed over the data
	LogSE     []float64   // standard errors of the log-parameters (inverse Hessian); nil when not available
	LogCov    [][]float64 // the covariance of the log-parameters (the inverse Hessian), when LogSE is set
	Starts    int         // starting points tried
	Agreeing  int         // starts that reached the best optimum
	Evals     int         // likelihood evaluations, all starts
	Gradient  float64     // largest |d(mean log-likelihood)/d(log-parameter)| at the optimum
	Converged bool
	Reason    string // why it did not converge; "" when it did
}

// maxLogParam bounds the log-parameters: a fit that runs to e^±20 is a
// degenerate model (a parameter heading to zero or infinity), not an answer.
const maxLogParam = 20

// roughRows and coarseRows bound the distinct histories the search from
// each start runs on: Nelder–Mead, which only has to find the optimum's
// neighbourhood and takes hundreds of evaluations, on roughRows; BFGS, which
// closes in, on coarseRows. The best optimum is then polished on all of
// them.
const (
	roughRows  = 1000
	coarseRows = 5000
)

// stride returns every k-th row, k chosen so that at most limit remain,
// and their total weight. The rows are sorted by frequency, so each
// frequency keeps its share.
func stride[R any](rows []R, limit int, weight func(R) float64) ([]R, float64) {
	k := max(1, (len(rows)+limit-1)/limit)
	var out []R
	var n float64
	for i := 0; i < len(rows); i += k {
		out = append(out, rows[i])
		n += weight(rows[i])
	}
	return out, n
}

// gradTol is the largest gradient of the mean log-likelihood, per
// log-parameter, accepted as a maximum.
const gradTol = 1e-4

// logLik is a model's mean log-likelihood per observation at natural-scale
// parameters p (or -Inf where undefined). When grad is not nil it also
// stores there the derivatives by each parameter.
type logLik func(p, grad []float64) float64

// maximize fits a model by maximum likelihood; n is the number of
// observations (weights summed). rough and coarse are the same likelihood
// on subsamples of large data (roughRows and coarseRows, or meanLL itself):
// the search from each start runs Nelder–Mead on rough, then BFGS on
// coarse (whitened by rough's curvature there, then as it is); the best
// optimum is polished by BFGS on all the data, first whitened by coarse's
// curvature there, then as it is. Everything is over log-parameters.
func maximize(meanLL, coarse, rough logLik, n float64, starts [][]float64) Fit {
	res := searchStarts(coarse, rough, starts)
	best := Fit{Starts: len(starts), LogLik: math.Inf(-1)}
	var bestTh []float64
	evals := 0
	for _, r := range res {
		evals += r.evals
		if r.th != nil && r.ll > best.LogLik {
			best.LogLik, bestTh = r.ll, r.th
		}
	}
	if bestTh == nil {
		best.Evals = evals
		best.Reason = "the likelihood is not finite at any starting point"
		best.LogLik = math.NaN()
		return best
	}
	for _, r := range res {
		if r.th != nil && best.LogLik-r.ll <= 1e-7*math.Max(1, math.Abs(best.LogLik)) {
			best.Agreeing++
		}
	}
	dim := len(bestTh)
	f, grad, fullEvals := objective(meanLL, true, dim)
	// On all the data an evaluation costs as much as dozens on the
	// subsample: the polish first runs in coordinates where the
	// subsample's curvature at its optimum is undone (whitened), which
	// takes it there in a few steps instead of dozens, then as it is,
	// which only confirms the optimum.
	_, cgrad, whiteEvals := objective(coarse, false, dim)
	if L := curvature(cgrad, bestTh); L != nil {
		bestTh = whitened(f, grad, bestTh, L)
	}
	evals += *whiteEvals
	bestTh = polish(f, grad, bestTh)
	best.LogLik = -f(bestTh)
	best.Params = make([]float64, dim)
	for i, t := range bestTh {
		best.Params[i] = math.Exp(t)
	}
	g := make([]float64, dim)
	grad(g, bestTh)
	for _, v := range g {
		best.Gradient = math.Max(best.Gradient, math.Abs(v))
	}
	best.LogLik *= n
	best.Evals = evals + *fullEvals
	best.judge(grad, bestTh, n)
	return best
}

// found is where one start's search on the subsample ended.
type found struct {
	th    []float64 // nil when the start gave no finite optimum
	ll    float64
	evals int
}

// searchStarts searches from each start on the subsample: Nelder–Mead on
// the rough objective, then BFGS on the coarse one. The starts are
// independent: each searches on its own goroutine with its own objective,
// and the results are in the starts' order, so the outcome does not depend
// on which finishes first.
func searchStarts(coarse, rough logLik, starts [][]float64) []found {
	dim := len(starts[0])
	res := make([]found, len(starts))
	var wg sync.WaitGroup
	for i, s := range starts {
		wg.Go(func() {
			cf, cgrad, evals := objective(coarse, true, dim)
			rf, rgrad, revals := objective(rough, false, dim)
			th := make([]float64, dim)
			for j, v := range s {
				th[j] = math.Log(v)
			}
			defer func() { res[i].evals = *evals + *revals }()
			nm, _ := optimize.Minimize(optimize.Problem{Func: rf}, th,
				&optimize.Settings{FuncEvaluations: 3000, Converger: &optimize.FunctionConverge{Absolute: 1e-7, Relative: 1e-7, Iterations: 20}},
				&optimize.NelderMead{})
			if nm == nil { // only when the problem itself is malformed
				return
			}
			// BFGS on the subsample, from where Nelder–Mead stopped,
			// whitened by the rough curvature there as on all the data
			// below.
			x := nm.X
			if L := curvature(rgrad, x); L != nil {
				x = whitened(cf, cgrad, x, L)
			}
			x = polish(cf, cgrad, x)
			if v := cf(x); !math.IsInf(v, 0) {
				res[i].th, res[i].ll = x, -v
			}
		})
	}
	wg.Wait()
	return res
}

// judge says whether the optimum th is one: not at the edge of the search,
// flat, and with a positive definite curvature (then the standard errors
// are set and Converged); Reason says why not otherwise.
func (best *Fit) judge(grad func([]float64, []float64), th []float64, n float64) {
	switch {
	case anyBeyond(th, maxLogParam-1):
		best.Reason = fmt.Sprintf("a parameter ran to the edge of the search (%s): the data do not pin the model down", fmtParams(best.Params))
	case best.Gradient > gradTol:
		best.Reason = fmt.Sprintf("the search stopped where the likelihood is still sloped (gradient %.2g)", best.Gradient)
	default:
		se, cov, err := logSE(grad, th, n)
		if err != nil {
			best.Reason = err.Error()
			return
		}
		best.LogSE, best.LogCov = se, cov
		best.Converged = true
	}
}

// objective turns a log-likelihood into the function of log-parameters to
// minimise and its gradient, and the count of likelihood evaluations they
// make. Eager ones compute the gradient with every value and keep it for
// the gradient call that the optimiser makes next at the same point. The
// functions share buffers: one goroutine at a time.
func objective(ll logLik, eager bool, dim int) (func([]float64) float64, func(g, th []float64), *int) {
	evals := new(int)
	nat, gnat := make([]float64, dim), make([]float64, dim)
	lastTh, lastG := make([]float64, dim), make([]float64, dim)
	cached := false
	toNat := func(th []float64) bool {
		for i, t := range th {
			if math.Abs(t) > maxLogParam {
				return false
			}
			nat[i] = math.Exp(t)
		}
		return true
	}
	f := func(th []float64) float64 {
		*evals++
		cached = false
		if !toNat(th) {
			return math.Inf(1)
		}
		var v float64
		if eager {
			v = -ll(nat, gnat)
			// d(−LL)/d(log p) = −p · dLL/dp.
			for i := range lastG {
				lastG[i] = -nat[i] * gnat[i]
			}
			copy(lastTh, th)
			cached = true
		} else {
			v = -ll(nat, nil)
		}
		if math.IsNaN(v) {
			cached = false
			return math.Inf(1)
		}
		return v
	}
	grad := func(g, th []float64) {
		if cached && slices.Equal(th, lastTh) {
			copy(g, lastG)
			return
		}
		*evals++
		if !toNat(th) {
			clear(g)
			return
		}
		ll(nat, gnat)
		for i := range g {
			g[i] = -nat[i] * gnat[i]
		}
	}
	return f, grad, evals
}

// polish runs BFGS from x and returns where it ends, or x when that is no
// better.
func polish(f func([]float64) float64, grad func(g, th []float64), x []float64) []float64 {
	fx := f(x)
	g := make([]float64, len(x))
	grad(g, x) // BFGS starts from what is known at x, not evaluating it again
	if math.IsInf(fx, 0) || math.IsNaN(fx) {
		return x
	}
	if bf, _ := optimize.Minimize(optimize.Problem{Func: f, Grad: grad}, x,
		&optimize.Settings{InitValues: &optimize.Location{F: fx, Gradient: g}, GradientThreshold: gradTol / 100, MajorIterations: 200, FuncEvaluations: 4000}, &optimize.BFGS{}); bf != nil && bf.F <= fx {
		return bf.X
	}
	return x
}

// hessian returns scale times the Hessian of the function whose gradient
// is grad, at th: the central differences of the gradient, made symmetric.
func hessian(grad func(g, th []float64), th []float64, scale float64) *mat.SymDense {
	dim := len(th)
	jac := mat.NewDense(dim, dim, nil)
	fd.Jacobian(jac, grad, th, &fd.JacobianSettings{Formula: fd.Central, Step: 1e-5})
	h := mat.NewSymDense(dim, nil)
	for i := range dim {
		for j := i; j < dim; j++ {
			h.SetSym(i, j, scale*(jac.At(i, j)+jac.At(j, i))/2)
		}
	}
	return h
}

// curvature returns the lower Cholesky factor L of the Hessian H = L·Lᵀ
// of the objective whose gradient is grad at th, or nil where H is not
// positive definite.
func curvature(grad func(g, th []float64), th []float64) *mat.TriDense {
	var ch mat.Cholesky
	if !ch.Factorize(hessian(grad, th, 1)) {
		return nil
	}
	var L mat.TriDense
	ch.LTo(&L)
	return &L
}

// whitened runs BFGS from x over y, where th = x + L⁻ᵀ·y: where L·Lᵀ is
// the Hessian at the optimum the Hessian in y is the identity, and the
// Newton step from x is −g_y. BFGS's first step has length 1 whatever the
// gradient (gonum scales the first direction to a unit vector), so it runs
// over z = y/s with s = |g_y| at x, where that first step is the Newton
// step: a few steps instead of a dozen evaluations halving an overshoot.
// It returns where it ends, or x when that is no better. It stops once
// the gradient in th is small enough for polish to accept at once, or
// after 40 evaluations: near the noise of a sum over a hundred thousand
// histories the line search can stall, and polish finishes from there.
func whitened(f func([]float64) float64, grad func(g, th []float64), x []float64, L *mat.TriDense) []float64 {
	dim := len(x)
	var inv mat.TriDense
	if err := inv.InverseTri(L); err != nil {
		return x
	}
	fx := f(x)
	gth := make([]float64, dim)
	grad(gth, x)
	gy := make([]float64, dim) // g_y = L⁻¹·g_th
	for i := range dim {
		for j := 0; j <= i; j++ {
			gy[i] += inv.At(i, j) * gth[j]
		}
	}
	s := floats.Norm(gy, 2)
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return x
	}
	th := make([]float64, dim)
	toTh := func(z []float64) []float64 {
		for i := range dim {
			th[i] = x[i]
			for j := i; j < dim; j++ { // (L⁻ᵀ)ᵢⱼ = (L⁻¹)ⱼᵢ, zero for j < i
				th[i] += inv.At(j, i) * s * z[j]
			}
		}
		return th
	}
	gz := func(g, gth []float64) { // g_z = s·L⁻¹·g_th
		for i := range dim {
			g[i] = 0
			for j := 0; j <= i; j++ {
				g[i] += s * inv.At(i, j) * gth[j]
			}
		}
	}
	// |g_th| = |L·g_z|/s <= ‖L‖∞·|g_z|∞/s: stop where that is below
	// polish's threshold.
	var norm float64
	for i := range dim {
		var row float64
		for j := 0; j <= i; j++ {
			row += math.Abs(L.At(i, j))
		}
		norm = math.Max(norm, row)
	}
	g0 := make([]float64, dim)
	gz(g0, gth)
	res, _ := optimize.Minimize(optimize.Problem{
		Func: func(z []float64) float64 { return f(toTh(z)) },
		Grad: func(g, z []float64) {
			grad(gth, toTh(z))
			gz(g, gth)
		},
	}, make([]float64, dim), &optimize.Settings{InitValues: &optimize.Location{F: fx, Gradient: g0},
		GradientThreshold: gradTol / 1e3 / norm * s, MajorIterations: 50, FuncEvaluations: 40}, &optimize.BFGS{})
	if res == nil || !(res.F <= fx) {
		return x
	}
	return slices.Clone(toTh(res.X))
}

// parallelSum adds part(lo, hi, acc) into out over n items split into
// chunks whose bounds depend on n only, summed in order: the result is the
// same whatever the machine's core count or the scheduling. part adds its
// sums into acc, which has out's length.
func parallelSum(n int, out []float64, part func(lo, hi int, acc []float64)) {
	const minChunk, maxChunks = 4096, 16
	clear(out)
	k := min(maxChunks, n/minChunk)
	if k <= 1 {
		part(0, n, out)
		return
	}
	sums := make([][]float64, k)
	next := make(chan int, k)
	for i := range k {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(k, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				sums[i] = make([]float64, len(out))
				part(i*n/k, (i+1)*n/k, sums[i])
			}
		})
	}
	wg.Wait()
	for _, v := range sums {
		for j := range out {
			out[j] += v[j]
		}
	}
}

// logSE returns the standard errors and the covariance of the
// log-parameters: the inverse of the Hessian of the total negative
// log-likelihood, the central differences of the analytic gradient.
func logSE(grad func(g, th []float64), th []float64, n float64) ([]float64, [][]float64, error) {
	var ch mat.Cholesky
	if !ch.Factorize(hessian(grad, th, n)) {
		return nil, nil, errors.New("the likelihood surface is flat or saddle-shaped at the optimum (Hessian not positive definite)")
	}
	var inv mat.SymDense
	if err := ch.InverseTo(&inv); err != nil {
		return nil, nil, errors.New("the likelihood surface is nearly flat at the optimum")
	}
	se := make([]float64, len(th))
	cov := make([][]float64, len(th))
	for i := range se {
		se[i] = math.Sqrt(inv.At(i, i))
		cov[i] = make([]float64, len(th))
		for j := range cov[i] {
			cov[i][j] = inv.At(i, j)
		}
	}
	return se, cov, nil
}

func anyBeyond(th []float64, lim float64) bool {
	for _, t := range th {
		if math.Abs(t) > lim {
			return true
		}
	}
	return false
}

func fmtParams(p []float64) string {
	s := ""
	for i, v := range p {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%.4g", v)
	}
	return s
}
