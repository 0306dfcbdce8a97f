package forecast

import (
	"github.com/dealaudit/dealaudit/report/ingest"
)

// selfCheckYears is the shortest history, in years from the first
// purchase to the as-of date, that gets the default self-check.
const selfCheckYears = 2

// FitSelfCheck fits the models to the purchases of all but the last 12
// months before asOf, to be checked against those months; nil when a
// holdout was asked for or the purchases span less than selfCheckYears.
func FitSelfCheck(h *ingest.History, asOf ingest.Date, opts Options) *Model {
	if opts.Holdout {
		return nil
	}
	first, any := asOf, false
	for i := range h.Deals {
		if d := &h.Deals[i]; d.IsPurchase() && d.Close <= asOf && (!any || d.Close < first) {
			first, any = d.Close, true
		}
	}
	if !any || first.Time().After(asOf.Time().AddDate(-selfCheckYears, 0, 0)) {
		return nil
	}
	from := ingest.Date(asOf.Time().AddDate(-1, 0, 0).Unix()/86400) + 1
	o := opts
	o.Holdout, o.HoldoutFrom, o.HoldoutTo, o.purchasesOnly = true, from, asOf, true
	return FitModels(h, asOf, o)
}

// WithSelfCheck puts the self-check's comparison (check, fitted by
// FitSelfCheck and predicted) on r, the forecast fitted on everything;
// nothing when there is no check or it has no comparison.
func (r *Result) WithSelfCheck(check *Result) {
	if check == nil || check.Holdout == nil || r.Skipped != "" {
		return
	}
	r.Holdout, r.SelfCheck = check.Holdout, true
	r.SelfCheckEnd = check.End
}
