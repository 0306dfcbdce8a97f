package metrics

import (
	"math"
	"strconv"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// minBenchmarkBase is the fewest accounts active the year before that a
// year's retention needs to be the benchmark.
const minBenchmarkBase = 30

// HiddenLoss is the revenue lost to retention below the benchmark, by
// complete calendar year whatever the report's period, so that the figure
// does not depend on the period length.
type HiddenLoss struct {
	Benchmark       float64
	BenchmarkSource string // "target_retention" or "the best complete year with at least 30 accounts active the year before: 2021"
	Defined         bool   // false when there is no benchmark
	Total           float64
	// WalkedOut is the revenue, in their last year before a year without a
	// purchase, of the accounts that stopped buying: Gone of those who
	// never bought again, Returned of those who came back later.
	WalkedOut, Gone, Returned float64
	Formula                   string
	Rule                      string
	Years                     []LossYear // complete years with a year before them
}

// LossYear is one year's part of the hidden revenue loss.
type LossYear struct {
	Year           string
	Base           int  // accounts active the year before
	Retention      Rate // retained / Base
	AvgRetained    Rate // revenue in the year of retained accounts / retained
	Loss           float64
	LossDefined    bool // retention and AvgRetained defined, and a benchmark
	Gone, Returned float64
}

// hiddenLoss computes the loss over the complete years of accts, against
// target or the best complete year with at least minBenchmarkBase
// accounts active the year before.
func hiddenLoss(accts []*account, c coverage, target *float64) HiddenLoss {
	h := HiddenLoss{
		Formula: "hidden revenue loss(Y) = (benchmark retention - retention(Y)) × accounts active in Y-1 × average revenue in Y of a retained account, never below 0; total = sum over complete calendar years",
		Rule:    "computed by calendar year whatever the report's period, over complete years only; the benchmark is --target-retention or the best retention of a complete year with at least " + strconv.Itoa(minBenchmarkBase) + " accounts active the year before",
	}
	years := yearTally(accts)
	for _, y := range years.rows() {
		if c.complete(Year, y.p) && y.Base > 0 {
			h.Years = append(h.Years, y.LossYear)
		}
	}
	if target != nil {
		h.Benchmark, h.BenchmarkSource, h.Defined = *target, "target_retention", true
	} else {
		for _, y := range h.Years {
			if v, ok := y.Retention.Value(); ok && y.Base >= minBenchmarkBase && (!h.Defined || v > h.Benchmark) {
				h.Benchmark, h.BenchmarkSource, h.Defined = v, "the best complete year with at least "+strconv.Itoa(minBenchmarkBase)+" accounts active the year before: "+y.Year, true
			}
		}
	}
	for i := range h.Years {
		y := &h.Years[i]
		h.Gone += y.Gone
		h.Returned += y.Returned
		ret, ok := y.Retention.Value()
		avg, okAvg := y.AvgRetained.Value()
		if !h.Defined || !ok || !okAvg {
			continue
		}
		// Never negative: retention above the benchmark, or retained accounts
		// whose credits outweigh their purchases, lose nothing.
		y.Loss, y.LossDefined = math.Max(0, math.Max(0, h.Benchmark-ret)*float64(y.Base)*avg), true
		h.Total += y.Loss
	}
	h.WalkedOut = h.Gone + h.Returned
	return h
}

// yearRow is a LossYear being counted.
type yearRow struct {
	LossYear
	p           Period
	retained    int
	retainedRev float64
}

type years struct {
	first Period
	row   []yearRow
}

// yearTally counts, for each calendar year with a purchase the year
// before, the accounts active the year before, those retained and their
// revenue, and those that stopped buying.
func yearTally(accts []*account) *years {
	t := &years{}
	var ys []yearStat // one account's years, reused
	for _, a := range accts {
		ys = a.yearStats(ys[:0])
		for j, e := range ys {
			if !e.active {
				continue
			}
			next := e.p + 1
			r := t.at(next)
			r.Base++
			if j+1 < len(ys) && ys[j+1].p == next && ys[j+1].active {
				r.retained++
				r.retainedRev += ys[j+1].rev
				continue
			}
			if lastActive(ys) == e.p {
				r.Gone += e.rev
			} else {
				r.Returned += e.rev
			}
		}
	}
	return t
}

// at returns the row of year p, adding rows as needed.
func (t *years) at(p Period) *yearRow {
	if len(t.row) == 0 {
		t.first = p
	}
	for p < t.first {
		t.row = append([]yearRow{{p: t.first - 1}}, t.row...)
		t.first--
	}
	for int(p-t.first) >= len(t.row) {
		t.row = append(t.row, yearRow{p: t.first + Period(len(t.row))})
	}
	return &t.row[p-t.first]
}

// rows returns the years with their rates, in order.
func (t *years) rows() []yearRow {
	for i := range t.row {
		r := &t.row[i]
		r.Year = Year.Label(r.p)
		r.Retention = countRate(r.retained, r.Base)
		r.AvgRetained = ratio(r.retainedRev, float64(r.retained))
	}
	return t.row
}

// yearStat is an account's won revenue in one calendar year, and whether
// it made a purchase in it.
type yearStat struct {
	p      Period
	rev    float64
	active bool
}

// yearStats appends the account's years with won deals, in order.
func (a *account) yearStats(out []yearStat) []yearStat {
	for _, r := range a.recs {
		if r.stage == ingest.Won {
			p := Year.PeriodOf(r.close)
			if n := len(out); n == 0 || out[n-1].p != p {
				out = append(out, yearStat{p: p})
			}
			s := &out[len(out)-1]
			s.rev += r.amount
			s.active = s.active || ingest.PurchaseAmount(r.amount)
		}
	}
	return out
}

func lastActive(ys []yearStat) Period {
	for i := len(ys) - 1; i >= 0; i-- {
		if ys[i].active {
			return ys[i].p
		}
	}
	return -1
}

// yearLosses copies the years' losses into the yearly periods' rows.
func (m *Metrics) yearLosses() {
	byYear := map[string]LossYear{}
	for _, y := range m.HiddenLoss.Years {
		byYear[y.Year] = y
	}
	for i := range m.Periods {
		r := &m.Periods[i]
		if y, ok := byYear[r.Label]; ok {
			r.Loss, r.LossDefined = y.Loss, y.LossDefined
		}
	}
}
