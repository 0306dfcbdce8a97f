package report

import (
	"fmt"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// OptionsError is a combination of options the build cannot honour; its
// message says what to give instead.
type OptionsError struct{ Msg string }

func (e *OptionsError) Error() string { return e.Msg }

// checkHoldout refuses a holdout that starts more than a day after a given
// as-of date: the model would be calibrated up to the as-of date and
// checked against purchases counted from a later day, two windows that do
// not meet. (A holdout from before the as-of date ends the calibration the
// day before it, so the windows meet.)
func checkHoldout(cfg Config, asOf ingest.Date) error {
	f := cfg.Forecast
	if !f.Holdout || !cfg.Metrics.AsOfSet || f.HoldoutFrom <= asOf+1 {
		return nil
	}
	return &OptionsError{fmt.Sprintf("--holdout-from %s starts more than a day after --as-of %s: the forecast would be calibrated up to %s "+
		"and checked against purchases from %s on. Give --holdout-from %s (the day after the as-of date), or --as-of %s",
		f.HoldoutFrom, asOf, asOf, f.HoldoutFrom, asOf+1, f.HoldoutFrom-1)}
}
