// Package report runs the steps of a dealaudit build in order: ingest,
// metrics, narrative, site.
package report

import (
	"context"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/site"
)

// Build reads the inputs and writes the report folder cfg.Out. It returns
// what was read, for the caller's summary.
func Build(ctx context.Context, cfg Config) (*ingest.Result, error) {
	res, err := Read(ctx, cfg)
	if err != nil {
		return nil, err
	}
	index, err := site.Intake(res)
	if err != nil {
		return nil, err
	}
	files := site.Files{
		"index.html":       index,
		"data/quality.csv": site.QualityCSV(res),
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, site.WriteDir(cfg.Out, files, cfg.Force)
}
