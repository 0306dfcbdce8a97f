package forecast

import (
	"github.com/dealaudit/dealaudit/report/ingest"
)

// selfCheckYears is the shortest history, in years from the first
// purchase to the end of calibration, that gets the default self-check;
// selfCheckAccounts the most accounts it is fitted to (every k-th by key
// beyond that: a check of the model, not a forecast, needs no more).
const (
	selfCheckYears    = 2
	selfCheckAccounts = 20000
)

// SelfCheck returns the purchase model fitted to the purchases of all but
// the last 12 months of m's calibration, to be predicted (Predict) and
// checked against those months; nil when m was given a holdout, could not
// be fitted, or its purchases span less than selfCheckYears. It cuts m's
// histories short rather than reading the deals again.
func (m *Model) SelfCheck() *Model {
	if m.opts.Holdout || !m.ok {
		return nil
	}
	end := m.r.End
	if m.r.First.Time().After(end.Time().AddDate(-selfCheckYears, 0, 0)) {
		return nil
	}
	from := ingest.Date(end.Time().AddDate(-1, 0, 0).Unix()/86400) + 1
	o := m.opts
	o.Holdout, o.HoldoutFrom, o.HoldoutTo, o.purchasesOnly = true, from, end, true
	check := &Model{opts: o}
	step := (len(m.hist) + selfCheckAccounts - 1) / selfCheckAccounts
	for i := 0; i < len(m.hist); i += step {
		h := m.hist[i]
		k := 0
		for k < len(h.dates) && h.dates[k] < from {
			k++
		}
		if k == 0 {
			continue // first bought in the last 12 months: not calibrated
		}
		c := h
		c.dates, c.values = h.dates[:k], h.values[:k]
		c.holdoutDates = len(h.dates) - k // distinct dates, all up to end
		if c.holdoutDates > 0 {
			c.lastHoldout = h.dates[len(h.dates)-1]
			check.holdoutTo = max(check.holdoutTo, c.lastHoldout)
		}
		check.hist = append(check.hist, c)
	}
	check.r, check.cs, check.ok = fit(check.hist, from-1, o)
	check.r.sampled = step > 1
	return check
}

// WithSelfCheck puts the self-check's comparison (check, from SelfCheck,
// predicted) on r, the forecast fitted on everything; nothing when there
// is no check or it has no comparison.
func (r *Result) WithSelfCheck(check *Result) {
	if check == nil || check.Holdout == nil || r.Skipped != "" {
		return
	}
	r.Holdout, r.SelfCheck = check.Holdout, true
	r.SelfCheckEnd, r.SelfCheckAccounts, r.SelfCheckSampled = check.End, check.Accounts, check.sampled
}
