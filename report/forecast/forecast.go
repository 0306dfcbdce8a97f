// Package forecast fits the buy-till-you-die models of customer-base
// analysis to the accounts' purchase histories: BG/NBD for how often each
// account will buy again and the probability it is still a customer, and
// Gamma-Gamma for what each purchase is worth. It runs after metrics and
// before the narrative.
package forecast

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// Options of a forecast.
type Options struct {
	// HoldoutFrom, when set, ends the calibration the day before and
	// compares predicted with actual repeat purchases from then on.
	HoldoutFrom ingest.Date
	Holdout     bool
	// HoldoutTo, when not 0, is the last day the holdout counts purchases
	// on (the self-check's as-of date); 0 counts them to the end of the data.
	HoldoutTo ingest.Date
	// purchasesOnly: fit and predict purchases for the holdout alone, no
	// spend model, values or interval (the self-check).
	purchasesOnly bool
	// MonthlyDiscount is the monthly rate the 12-month CLV is discounted at.
	MonthlyDiscount float64
}

// DefaultMonthlyDiscount is about 12.7% a year.
const DefaultMonthlyDiscount = 0.01

// Minimums for a fit: fewer accounts or repeat buyers cannot pin four
// parameters down.
const (
	MinAccounts     = 50
	MinRepeatBuyers = 20
)

// A relationship is at risk, still likely recoverable, when its
// probability alive is from AtRiskLow to under AtRiskPAlive and its last
// purchase is within RhythmFactor times its own rhythm (the mean time
// between its purchases). A valuable account (lifetime revenue in the top
// fifth) more likely lapsed than alive and not at risk is to win back.
const (
	AtRiskLow    = 0.1
	AtRiskPAlive = 0.5
	RhythmFactor = 2
)

// Weeks in the forecast horizon (12 months) and in a month.
const (
	HorizonWeeks = 365.25 / 7
	MonthWeeks   = HorizonWeeks / 12
)

// Result is the forecast, or why there is none.
type Result struct {
	// Skipped says, in plain words, why no forecast was made ("" when one was).
	Skipped string
	// The calibration window: purchases from First to End (inclusive).
	First, End   ingest.Date
	Accounts     int // accounts with a purchase in the window
	RepeatBuyers int // of which with a repeat purchase date

	BG    BGNBD
	BGFit Fit

	// The spend model; SpendSkipped says why there is none.
	GG           GammaGamma
	GGFit        Fit
	SpendSkipped string
	SpendBuyers  int     // accounts the spend model was fitted to
	FreqValueCor float64 // correlation of x and mean repeat value (the model assumes none)

	MonthlyDiscount float64
	Rows            []Account // every calibration account, by key
	AtRisk          []Account // flagged accounts, most value at stake first
	WinBack         []Account // valuable lapsed accounts, most lifetime revenue first
	// PastRhythm counts the accounts with P(alive) in the at-risk range
	// whose last purchase is more than RhythmFactor rhythms ago.
	PastRhythm      int
	BySegment       []Group
	ByApproach      []Group
	ExpectedRevenue float64 // next 12 months, all accounts, undiscounted
	// ExpectedLow and ExpectedHigh are its 95% interval from the
	// parameters' uncertainty (revenueInterval), when HasInterval.
	ExpectedLow, ExpectedHigh float64
	HasInterval               bool
	Holdout                   *Holdout
	HoldoutSkipped            string // why a holdout asked for was not made
	// SelfCheck: Holdout is the default self-check (Model.SelfCheck), not one
	// asked for: the models fitted on all but the last 12 months, checked
	// against them, then fitted again on everything for the forecast.
	SelfCheck    bool
	SelfCheckEnd ingest.Date // the end of the self-check's calibration
	// SelfCheckAccounts is how many accounts it was fitted to: all that
	// bought before its holdout, or a sample of them (SelfCheckSampled).
	SelfCheckAccounts int
	SelfCheckSampled  bool
	sampled           bool // this is a self-check fitted to a sample
}

// Account is one account's forecast.
type Account struct {
	Key, Name          string
	Index              int32 // in ingest.History.Accounts
	Segment, Approach  string
	Revenue            float64     // to the end of calibration
	Last               ingest.Date // last purchase up to the end of calibration
	RFM                RFM
	MeanRepeatValue    float64 // mean value of repeat purchase dates; 0 when x = 0
	PAlive             float64
	Purchases12m       float64 // expected purchases in the next 12 months
	ValuePerPurchase   float64 // expected; NaN without a spend model
	CLV12m             float64 // discounted monthly; NaN without a spend model
	ValueAtStake       float64 // 12-month value if alive × P(not alive)
	AtRisk, WinBack    bool
	HoldoutPurchases   int
	HoldoutExpectation float64
}

// Group is the expected revenue of the next 12 months from the accounts of
// one segment or approach.
type Group struct {
	Name     string
	Accounts int
	Revenue  float64
}

// Holdout compares predictions with what happened after the calibration.
type Holdout struct {
	From, To  ingest.Date
	Weeks     float64
	Groups    []HoldoutGroup // by repeat purchases in calibration: 0, 1, … 6, 7+
	Actual    int            // repeat purchases in the holdout, all accounts
	Predicted float64
}

// HoldoutGroup is one frequency group of the holdout comparison.
type HoldoutGroup struct {
	Label     string
	Accounts  int
	Actual    int
	Predicted float64
}

// history is one account's purchase dates (won deals of zero or more, on
// one date counted once) with their values.
type history struct {
	key          string
	index        int32 // in ingest.History.Accounts
	dates        []ingest.Date
	values       []float64
	segment      string
	holdoutDates int
	lastHoldout  ingest.Date
}

// Model is the purchase and spend models fitted to a history's accounts,
// ready to predict them.
type Model struct {
	opts      Options
	hist      []history
	holdoutTo ingest.Date
	r         *Result
	cs        []RFM // of hist
	ok        bool  // the models are usable; r says why not otherwise
}

// FitModels fits the models to the won deals of h up to the end of calibration:
// asOf (the figures' as-of date, metrics.AsOf), or the day before the
// holdout. It does not modify or keep the deals. It needs nothing from
// the figures, so it can run while they are computed.
func FitModels(h *ingest.History, asOf ingest.Date, opts Options) *Model {
	end := asOf
	if opts.Holdout && opts.HoldoutFrom-1 < end {
		end = opts.HoldoutFrom - 1
	}
	m := &Model{opts: opts}
	m.hist, m.holdoutTo = histories(h, end, opts)
	m.r, m.cs, m.ok = fit(m.hist, end, opts)
	return m
}

// Predict predicts every account; figs is the figures of the same deals
// at the same as-of date. It returns the whole forecast (why there is
// none, when the models could not be fitted).
func (m *Model) Predict(figs *metrics.Metrics) *Result {
	if m.ok {
		m.r.predict(m.hist, m.cs, figs, m.opts, m.holdoutTo)
	}
	return m.r
}

// fit fits the models to the accounts' purchases up to end, and reports
// whether the accounts are to be predicted (false: r says why not).
func fit(hist []history, end ingest.Date, opts Options) (*Result, []RFM, bool) {
	r := &Result{End: end, MonthlyDiscount: opts.MonthlyDiscount}
	if len(hist) == 0 {
		r.Skipped = "there are no purchases to learn from"
		return r, nil, false
	}
	r.First = hist[0].dates[0]
	cs := make([]RFM, len(hist))
	for i, h := range hist {
		cs[i] = rfmOf(h, end)
		r.First = min(r.First, h.dates[0])
		if cs[i].X > 0 {
			r.RepeatBuyers++
		}
	}
	r.Accounts = len(hist)
	switch {
	case r.Accounts < MinAccounts:
		r.Skipped = fmt.Sprintf("only %d accounts have purchases up to %s; the model needs at least %d", r.Accounts, end, MinAccounts)
		return r, nil, false
	case r.RepeatBuyers < MinRepeatBuyers:
		r.Skipped = fmt.Sprintf("only %d of %d accounts bought more than once up to %s; the model needs at least %d repeat buyers", r.RepeatBuyers, r.Accounts, end, MinRepeatBuyers)
		return r, nil, false
	}
	// The spend model: accounts with a repeat purchase of positive mean
	// value. It does not depend on the purchase model, so the two are
	// fitted at the same time; it is kept only when the purchase model is.
	var spend []Spend
	for i, h := range hist {
		if cs[i].X > 0 {
			if mv := meanRepeat(h); mv > 0 {
				spend = append(spend, Spend{cs[i].X, mv})
			}
		}
	}
	var wg sync.WaitGroup
	if len(spend) >= MinRepeatBuyers && !opts.purchasesOnly {
		wg.Go(func() { r.GG, r.GGFit = FitGammaGamma(spend) })
	}
	r.BG, r.BGFit = FitBGNBD(cs)
	wg.Wait()
	if !r.BGFit.Converged {
		r.GG, r.GGFit = GammaGamma{}, Fit{}
		r.Skipped = "the purchase model could not be fitted: " + r.BGFit.Reason
		return r, nil, false
	}
	r.SpendBuyers = len(spend)
	r.FreqValueCor = correlation(spend)
	switch {
	case len(spend) < MinRepeatBuyers:
		r.SpendSkipped = fmt.Sprintf("only %d accounts have repeat purchases of positive value; the spend model needs at least %d", len(spend), MinRepeatBuyers)
	case !r.GGFit.Converged:
		r.SpendSkipped = "the spend model could not be fitted: " + r.GGFit.Reason
	case r.GG.Q <= 1:
		r.SpendSkipped = fmt.Sprintf("the fitted spend model has no finite mean (q = %.3g ≤ 1): purchase values vary too much between accounts", r.GG.Q)
	}
	return r, cs, true
}

// histories gathers each account's purchase dates up to end, and counts its
// purchase dates in the holdout.
func histories(all *ingest.History, end ingest.Date, opts Options) ([]history, ingest.Date) {
	// Group the purchases by account without copying them: each account's
	// deal indexes end up side by side in one array, by date.
	deals := all.Deals
	acct, start, holdoutTo := purchasesByAccount(all, opts)
	order := groupByAccount(purchasesByDate(deals, acct, int(start[len(start)-1])), acct, start)
	// Every account's dates and values in two arrays, a slice each.
	dates := make([]ingest.Date, len(order))
	values := make([]float64, len(order))
	out := make([]history, 0, len(all.Accounts)) // accounts without purchases are left out
	for k := range all.Accounts {
		lo, hi := start[k], start[k+1]
		h := history{key: all.Accounts[k].Key, index: int32(k), dates: dates[lo:lo:hi], values: values[lo:lo:hi]}
		for _, i := range order[lo:hi] { // by date
			h.add(all, &deals[i], end, opts)
		}
		if len(h.dates) > 0 {
			out = append(out, h)
		}
	}
	return sortedByKey(out), holdoutTo
}

// purchasesByAccount returns the account of each purchase (-1 for other
// deals), where each account's purchases start in an array grouped by
// account (start[k] to start[k+1]), and the last purchase date of the
// holdout.
func purchasesByAccount(all *ingest.History, opts Options) (acct, start []int32, holdoutTo ingest.Date) {
	deals := all.Deals
	acct = make([]int32, len(deals))
	count := make([]int32, len(all.Accounts))
	for i := range deals {
		d := &deals[i]
		acct[i] = -1
		if !d.IsPurchase() {
			continue
		}
		acct[i] = d.Account
		count[d.Account]++
		if opts.Holdout && d.Close >= opts.HoldoutFrom && (opts.HoldoutTo == 0 || d.Close <= opts.HoldoutTo) {
			holdoutTo = max(holdoutTo, d.Close)
		}
	}
	start = make([]int32, len(all.Accounts)+1)
	for k, n := range count {
		start[k+1] = start[k] + n
	}
	return acct, start, holdoutTo
}

// purchasesByDate returns the indexes of the total purchases (acct[i] >=
// 0) by date, ties in input order: a counting sort by day.
func purchasesByDate(deals []ingest.Deal, acct []int32, total int) []int32 {
	byDate := make([]int32, total)
	if total == 0 {
		return byDate
	}
	lo, hi := deals[0].Close, deals[0].Close
	for i, k := range acct {
		if k >= 0 {
			lo, hi = min(lo, deals[i].Close), max(hi, deals[i].Close)
		}
	}
	day := make([]int32, int(hi-lo)+2)
	for i, k := range acct {
		if k >= 0 {
			day[deals[i].Close-lo+1]++
		}
	}
	for j := 1; j < len(day); j++ {
		day[j] += day[j-1]
	}
	for i, k := range acct {
		if k >= 0 {
			byDate[day[deals[i].Close-lo]] = int32(i)
			day[deals[i].Close-lo]++
		}
	}
	return byDate
}

// groupByAccount orders the purchases byDate by account (a counting sort),
// keeping each account's in date order.
func groupByAccount(byDate, acct, start []int32) []int32 {
	order := make([]int32, len(byDate))
	next := append([]int32(nil), start[:len(start)-1]...)
	for _, i := range byDate {
		k := acct[i]
		order[next[k]] = i
		next[k]++
	}
	return order
}

// add adds a purchase d, in date order, to the account's history: to its
// purchase dates up to end (same-day purchases are one), or to its count
// of purchase dates in the holdout.
func (h *history) add(all *ingest.History, d *ingest.Deal, end ingest.Date, opts Options) {
	switch {
	case d.Close <= end:
		if n := len(h.dates); n > 0 && h.dates[n-1] == d.Close {
			h.values[n-1] += d.Amount
		} else {
			h.dates = append(h.dates, d.Close)
			h.values = append(h.values, d.Amount)
		}
		if s := all.AttrsOf(d).Segment; s != "" {
			h.segment = s
		}
	case opts.Holdout && d.Close >= opts.HoldoutFrom && (opts.HoldoutTo == 0 || d.Close <= opts.HoldoutTo):
		if h.holdoutDates == 0 || h.lastHoldout != d.Close {
			h.holdoutDates++
			h.lastHoldout = d.Close
		}
	}
}

// sortedByKey returns hs sorted by key (keys are distinct). It sorts small
// records of each key's first 16 bytes, compared as two integers (the
// order of the bytes), and its position, instead of the histories: most
// comparisons then read neither the keys' text nor the histories.
func sortedByKey(hs []history) []history {
	type rec struct {
		hi, lo uint64
		i      int32
	}
	recs := make([]rec, len(hs))
	for i, h := range hs {
		var b [16]byte
		copy(b[:], h.key)
		recs[i] = rec{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), int32(i)}
	}
	slices.SortFunc(recs, func(a, b rec) int {
		return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo), strings.Compare(hs[a.i].key, hs[b.i].key))
	})
	out := make([]history, len(hs))
	for j, r := range recs {
		out[j] = hs[r.i]
	}
	return out
}

// rfmOf is the history in weeks: repeat purchase dates, the last one's and
// the end's distance from the first purchase.
func rfmOf(h history, end ingest.Date) RFM {
	first, last := h.dates[0], h.dates[len(h.dates)-1]
	return RFM{X: float64(len(h.dates) - 1), Tx: float64(last-first) / 7, T: float64(end-first) / 7}
}

// meanRepeat is the mean value of the purchase dates after the first.
func meanRepeat(h history) float64 {
	if len(h.values) < 2 {
		return 0
	}
	var s float64
	for _, v := range h.values[1:] {
		s += v
	}
	return s / float64(len(h.values)-1)
}

func correlation(ss []Spend) float64 {
	n := float64(len(ss))
	if n < 2 {
		return math.NaN()
	}
	var mx, mm float64
	for _, s := range ss {
		mx += s.X
		mm += s.M
	}
	mx, mm = mx/n, mm/n
	var sxy, sxx, syy float64
	for _, s := range ss {
		dx, dy := s.X-mx, s.M-mm
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// predict fills the per-account forecasts, the groups and the holdout.
func (r *Result) predict(hist []history, cs []RFM, m *metrics.Metrics, opts Options, holdoutTo ingest.Date) {
	haveSpend := r.SpendSkipped == "" && !opts.purchasesOnly
	var holdoutWeeks float64
	if opts.Holdout && holdoutTo >= opts.HoldoutFrom {
		holdoutWeeks = float64(holdoutTo-opts.HoldoutFrom+1) / 7
	}
	// The horizons each account's expected purchases are taken over: the
	// next 12 months, the holdout, and each month for the discounting.
	horizons := []float64{HorizonWeeks, holdoutWeeks}
	if haveSpend {
		for mo := 1; mo <= 12; mo++ {
			horizons = append(horizons, float64(mo)*MonthWeeks)
		}
	}
	pairOf, ifAlive := r.expectedIfAlive(cs, horizons)
	// The discount factor of each month, (1+d)^month, the same for every
	// account.
	discount := make([]float64, 13)
	for mo := range discount {
		discount[mo] = math.Pow(1+r.MonthlyDiscount, float64(mo))
	}
	r.Rows = make([]Account, len(hist))
	parallelFor(len(hist), func(i int) {
		p := int(pairOf[i]) * len(horizons)
		r.Rows[i] = r.account(hist[i], cs[i], ifAlive[p:p+len(horizons)], discount, haveSpend, holdoutWeeks)
	})
	r.nameRows(hist, m)
	if opts.purchasesOnly {
		if holdoutWeeks > 0 {
			r.Holdout = holdout(r.Rows, opts.HoldoutFrom, holdoutTo, holdoutWeeks)
		}
		return
	}
	r.flagAndGroup(haveSpend)
	r.revenueInterval()
	switch {
	case !opts.Holdout:
	case holdoutWeeks == 0:
		r.HoldoutSkipped = fmt.Sprintf("no purchases on or after %s to compare with", opts.HoldoutFrom)
	default:
		r.Holdout = holdout(r.Rows, opts.HoldoutFrom, holdoutTo, holdoutWeeks)
	}
}

// expectedIfAlive computes the expected purchases if alive (a
// hypergeometric function each) over each horizon. They depend on x and T
// alone: accounts that share both share them, computed once per pair,
// split over the cores. It returns each account's pair and, by pair, the
// figures of every horizon.
func (r *Result) expectedIfAlive(cs []RFM, horizons []float64) (pairOf []int32, ifAlive []float64) {
	type xT struct{ x, t float64 }
	pairOf = make([]int32, len(cs))
	pairs := map[xT]int32{}
	var firsts []int32 // an account of each pair
	for i, c := range cs {
		k := xT{c.X, c.T}
		p, ok := pairs[k]
		if !ok {
			p = int32(len(firsts))
			pairs[k] = p
			firsts = append(firsts, int32(i))
		}
		pairOf[i] = p
	}
	ifAlive = make([]float64, len(firsts)*len(horizons))
	parallelFor(len(firsts), func(p int) {
		for h, t := range horizons {
			ifAlive[p*len(horizons)+h] = r.BG.expectedIfAlive(cs[firsts[p]], t)
		}
	})
	return pairOf, ifAlive
}

// nameRows names each predicted account as the figures do, with its
// first-deal approach and its revenue to the end of calibration.
func (r *Result) nameRows(hist []history, m *metrics.Metrics) {
	position := metrics.Positions(m.Accounts)
	for i := range r.Rows {
		a := &r.Rows[i]
		if i := position(a.Index, a.Key); i >= 0 {
			ma := &m.Accounts[i]
			a.Name, a.Approach = ma.Name, ma.FirstApproach
		} else {
			a.Name = a.Key
		}
		for _, v := range hist[i].values {
			a.Revenue += v
		}
	}
}

// flagAndGroup flags the relationships at risk (most value at stake first)
// and those to win back (most lifetime revenue first), and sums the
// expected revenue by segment and approach.
func (r *Result) flagAndGroup(haveSpend bool) {
	revenues := make([]float64, len(r.Rows))
	for i := range r.Rows {
		revenues[i] = r.Rows[i].Revenue
	}
	sort.Float64s(revenues)
	cut := revenues[int(0.8*float64(len(revenues)-1))]
	seg, app := map[string]*Group{}, map[string]*Group{}
	for i := range r.Rows {
		a := &r.Rows[i]
		a.AtRisk = atRisk(a)
		a.WinBack = !a.AtRisk && a.PAlive < AtRiskPAlive && a.Revenue >= cut && a.Revenue > 0
		if a.AtRisk {
			r.AtRisk = append(r.AtRisk, *a)
		}
		if a.WinBack {
			r.WinBack = append(r.WinBack, *a)
		}
		if !a.AtRisk && a.PAlive >= AtRiskLow && a.PAlive < AtRiskPAlive {
			r.PastRhythm++
		}
		if haveSpend {
			v := a.Purchases12m * a.ValuePerPurchase
			r.ExpectedRevenue += v
			addGroup(seg, a.Segment, v)
			addGroup(app, a.Approach, v)
		}
	}
	sort.SliceStable(r.AtRisk, func(i, j int) bool {
		a, b := r.AtRisk[i], r.AtRisk[j]
		if a.ValueAtStake != b.ValueAtStake {
			return a.ValueAtStake > b.ValueAtStake
		}
		return a.Revenue > b.Revenue
	})
	sort.SliceStable(r.WinBack, func(i, j int) bool {
		a, b := r.WinBack[i], r.WinBack[j]
		if a.Revenue != b.Revenue {
			return a.Revenue > b.Revenue
		}
		return a.Key < b.Key
	})
	r.BySegment, r.ByApproach = groups(seg), groups(app)
}

// atRisk reports whether a relationship is at risk but still likely
// recoverable: P(alive) from AtRiskLow to under AtRiskPAlive, with a
// rhythm of repeat purchases, the last within RhythmFactor rhythms.
func atRisk(a *Account) bool {
	c := a.RFM
	if a.PAlive < AtRiskLow || a.PAlive >= AtRiskPAlive || c.X == 0 {
		return false
	}
	return c.T-c.Tx <= RhythmFactor*c.Tx/c.X
}

// account returns one account's figures; ifAlive is its expected purchases
// if alive at the horizons predict lists (12 months, the holdout, then each
// month of the next 12 when there is a spend model).
func (r *Result) account(h history, c RFM, ifAlive, discount []float64, haveSpend bool, holdoutWeeks float64) Account {
	a := Account{Key: h.key, Index: h.index, Segment: h.segment, RFM: c, MeanRepeatValue: meanRepeat(h), Last: h.dates[len(h.dates)-1]}
	a.PAlive = r.BG.PAlive(c)
	a.Purchases12m = ifAlive[0] * a.PAlive
	a.ValuePerPurchase, a.CLV12m, a.ValueAtStake = math.NaN(), math.NaN(), math.NaN()
	if haveSpend {
		sp := Spend{c.X, a.MeanRepeatValue}
		if a.MeanRepeatValue <= 0 {
			sp = Spend{} // no positive repeat value seen: the population mean
		}
		v := r.GG.Expected(sp)
		a.ValuePerPurchase = v
		var clv, prev float64
		for mo := 1; mo <= 12; mo++ {
			e := ifAlive[1+mo] * a.PAlive
			clv += (e - prev) * v / discount[mo]
			prev = e
		}
		a.CLV12m = clv
		if a.PAlive > 0 {
			a.ValueAtStake = a.Purchases12m / a.PAlive * v * (1 - a.PAlive)
		}
	}
	a.HoldoutPurchases = h.holdoutDates
	if holdoutWeeks > 0 {
		a.HoldoutExpectation = ifAlive[1] * a.PAlive
	}
	return a
}

// parallelFor calls f(i) for i in [0, n), interleaved over the cores.
func parallelFor(n int, f func(i int)) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(i)
			}
		})
	}
	wg.Wait()
}

func addGroup(g map[string]*Group, name string, v float64) {
	if name == "" {
		name = "(none)"
	}
	x := g[name]
	if x == nil {
		x = &Group{Name: name}
		g[name] = x
	}
	x.Accounts++
	x.Revenue += v
}

func groups(g map[string]*Group) []Group {
	out := make([]Group, 0, len(g))
	for _, v := range g {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Revenue != out[j].Revenue {
			return out[i].Revenue > out[j].Revenue
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// holdoutGroups is how many single-count frequency groups the holdout
// table has before the last, open one ("7+").
const holdoutGroups = 7

func holdout(rows []Account, from, to ingest.Date, weeks float64) *Holdout {
	h := &Holdout{From: from, To: to, Weeks: weeks}
	h.Groups = make([]HoldoutGroup, holdoutGroups+1)
	for i := range h.Groups {
		h.Groups[i].Label = fmt.Sprint(i)
	}
	h.Groups[holdoutGroups].Label = fmt.Sprintf("%d+", holdoutGroups)
	for _, a := range rows {
		g := &h.Groups[min(int(a.RFM.X), holdoutGroups)]
		g.Accounts++
		g.Actual += a.HoldoutPurchases
		g.Predicted += a.HoldoutExpectation
		h.Actual += a.HoldoutPurchases
		h.Predicted += a.HoldoutExpectation
	}
	return h
}
