package metrics

// Changes are the latest period's headline figures against the period
// before's; Defined is false with a single period.
type Changes struct {
	Defined bool
	From    string // the period before's label
	Active  int    // change in active customers
	// Revenue is the change in revenue over the revenue before (undefined
	// when that was not positive).
	Revenue                     Rate
	Retention, RepeatShare, NRR Points
}

// changes computes the headline changes of the last period of ps.
func changes(ps []PeriodRow) Changes {
	if len(ps) < 2 {
		return Changes{}
	}
	prev, cur := &ps[len(ps)-2], &ps[len(ps)-1]
	return Changes{
		Defined:     true,
		From:        prev.Label,
		Active:      cur.Active - prev.Active,
		Revenue:     ratio(cur.Revenue-prev.Revenue, prev.Revenue),
		Retention:   PointsBetween(prev.Retention, cur.Retention),
		RepeatShare: PointsBetween(prev.RepeatShare, cur.RepeatShare),
		NRR:         PointsBetween(prev.NRR, cur.NRR),
	}
}
