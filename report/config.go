package report

import (
	"context"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/site"
)

// Config is everything a build or check needs, parsed: the command line
// reads dealaudit.yaml and the flags into it.
type Config struct {
	Inputs []string // deal files
	Out    string   // output folder (build)
	Force  bool     // write into a non-empty folder that is not a report

	Ingest   ingest.Options
	Metrics  metrics.Options
	Forecast forecast.Options // MonthlyDiscount 0 is no discounting; the command's default is forecast.DefaultMonthlyDiscount

	Notes     string // consultant's notes file (Markdown)
	Templates string // folder whose files replace built-in templates

	// Where keeps the accounts every filter keeps (--where); SplitBy,
	// "owner" or "segment", adds one report per value of that field
	// under by-FIELD/ (--split-by). Accounts are placed by
	// metrics.Placing.
	Where   []Filter
	SplitBy string

	// Locale says how numbers are written (format.New); "" is en-US.
	Locale string

	// Email says what email.eml links to, carries and is addressed to.
	Email site.EmailOptions

	// Branding when the notes do not give it.
	Client, Title, PreparedBy string

	// AfterStep, if set, is called between the steps of Build, for a
	// caller that tunes the runtime to what is live at each (the command
	// line sets the collector and the memory limit from it).
	AfterStep func(Step)
}

// Read ingests the configured inputs.
func Read(ctx context.Context, cfg Config) (*ingest.Result, error) {
	return ingest.Read(ctx, cfg.Inputs, cfg.Ingest)
}
