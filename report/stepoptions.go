package report

import (
	"fmt"
	"time"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// MetricsOptions turns the configuration into metrics options.
func (cfg Config) MetricsOptions() (metrics.Options, error) {
	k, ok := metrics.ParsePeriodKind(cfg.Period)
	if !ok {
		return metrics.Options{}, fmt.Errorf("period: expected year, quarter or month, found %q", cfg.Period)
	}
	opts := metrics.Options{Period: k, Target: cfg.TargetRetention}
	if cfg.AsOf != "" {
		d, err := parseDay("as-of", cfg.AsOf)
		if err != nil {
			return opts, err
		}
		opts.AsOf, opts.AsOfSet = d, true
	}
	return opts, nil
}

// parseDay reads an option's date, written YYYY-MM-DD.
func parseDay(option, s string) (ingest.Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%s: expected a date as YYYY-MM-DD, found %q", option, s)
	}
	y, m, d := t.Date()
	day, _ := ingest.DateOf(y, m, d)
	return day, nil
}

// ForecastOptions turns the configuration into forecast options.
func (cfg Config) ForecastOptions() (forecast.Options, error) {
	o := forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}
	if cfg.MonthlyDiscount != nil {
		o.MonthlyDiscount = *cfg.MonthlyDiscount
	}
	if cfg.HoldoutFrom != "" {
		d, err := parseDay("holdout-from", cfg.HoldoutFrom)
		if err != nil {
			return o, err
		}
		o.HoldoutFrom, o.Holdout = d, true
	}
	return o, nil
}
