package narrative

import (
	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// View is what the Markdown templates see: the metrics and the figures
// derived from them that the texts quote.
type View struct {
	M *metrics.Metrics
	// Fmt writes the report's numbers: its locale and currency.
	Fmt *format.Style
	// Latest is the last complete period (nil when none is) and Prev the
	// one before it when that is complete too: what headline figures and
	// findings quote. ToDate compares a partial last period like for like.
	Latest, Prev *metrics.PeriodRow
	ToDate       *metrics.ToDate
	// Tests is how many comparisons the findings' p-values are corrected
	// for.
	Tests int
	// PartialRule states when a period is partial.
	PartialRule string
	// ApproachComparison compares each approach group with the rest
	// (Markdown, data escaped).
	ApproachComparison string
	// Periods counts the periods; First is the first one.
	Periods int
	First   *metrics.PeriodRow
	// Retention over all periods: retained / active the period before.
	PooledRetention metrics.Rate
	// Status counts customers by status at the as-of date.
	Current, Lapsing, Lapsed int
	// LapsingRevenue is the lifetime revenue of lapsing customers.
	LapsingRevenue float64
	TopReferrer    *metrics.Referrer
	Loss           metrics.HiddenLoss
	LatestLoss     *metrics.PeriodRow // latest period with a hidden loss figure
	F              *forecast.Result
}

func newView(m *metrics.Metrics, st *format.Style) *View {
	v := &View{M: m, Fmt: st, Periods: len(m.Periods), Loss: m.HiddenLoss, ToDate: m.ToDate, Tests: m.Compared, PartialRule: metrics.PartialRule}
	if len(m.Periods) > 0 {
		v.First = &m.Periods[0]
	}
	if m.Latest >= 0 {
		v.Latest = &m.Periods[m.Latest]
		if m.Changes.Defined {
			v.Prev = &m.Periods[m.Latest-1]
		}
	}
	for i := range m.Periods {
		if p := &m.Periods[i]; p.LossDefined {
			v.LatestLoss = p
		}
	}
	v.PooledRetention = m.PooledRetention
	v.ApproachComparison = approachComparison(v)
	v.Current, v.Lapsing, v.Lapsed = m.ByStatus[metrics.Current].Accounts, m.ByStatus[metrics.Lapsing].Accounts, m.ByStatus[metrics.Lapsed].Accounts
	v.LapsingRevenue = m.ByStatus[metrics.Lapsing].Revenue
	if len(m.Referrers) > 0 {
		v.TopReferrer = &m.Referrers[0]
	}
	return v
}
