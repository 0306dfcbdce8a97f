package metrics

// Changes are the latest complete period's headline figures against the
// period before's; Defined is false without two complete periods in a row.
type Changes struct {
	Defined bool
	From    string // the period before's label
	Active  int    // change in active customers
	// Revenue is the change in revenue over the revenue before (undefined
	// when that was not positive).
	Revenue                     Rate
	Retention, RepeatShare, NRR Points
	RetentionTest               Comparison
}

// changes computes the headline changes of ps[latest] against the period
// before.
func changes(ps []PeriodRow, latest int) Changes {
	if latest < 1 || ps[latest-1].Partial {
		return Changes{}
	}
	prev, cur := &ps[latest-1], &ps[latest]
	return Changes{
		Defined:       true,
		From:          prev.Label,
		Active:        cur.Active - prev.Active,
		Revenue:       ratio(cur.Revenue-prev.Revenue, prev.Revenue),
		Retention:     PointsBetween(prev.Retention, cur.Retention),
		RepeatShare:   PointsBetween(prev.RepeatShare, cur.RepeatShare),
		NRR:           PointsBetween(prev.NRR, cur.NRR),
		RetentionTest: compare(cur.Retention, prev.Retention),
	}
}
