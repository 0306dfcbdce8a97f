// Package report runs the steps of a dealaudit build in order: read the
// inputs, compute the figures and the forecast, write the texts, render the
// pages and data tables, write the folder.
package report

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/site"
)

// Version is the tool's version, written into metrics.json.
const Version = "0.2.0"

// Outcome is what a build read and computed, for the caller's summary.
type Outcome struct {
	// Res is what was read, without the deals and their tables (History):
	// the build lets them go once the figures are computed, so that
	// writing the report does not hold a million of them. Deals is how
	// many there were.
	Res   *ingest.Result
	Deals int
	M     *metrics.Metrics
	F     *forecast.Result
	// Notices are what the build left out and the user should know:
	// images of the notes outside their folder.
	Notices []string
	// ReadTime is how long reading took, and FitTime how long the
	// figures and the forecast took (neither is written to the report,
	// which must be the same on every build).
	ReadTime, FitTime time.Duration
}

// Step is a point between two steps of Build, reported to
// Config.AfterStep.
type Step int

const (
	// StepRead: the inputs are read; what reading used is garbage, and
	// the deals are most of what is live.
	StepRead Step = iota
	// StepFigures: the figures and the forecast are computed and the
	// deals let go; what is live is the figures.
	StepFigures
)

// Build reads the inputs and writes the report folder cfg.Out: the report
// of the accounts cfg.Where keeps (all without filters) and, with
// cfg.SplitBy, one report per value of that field under by-FIELD/, which
// are computed and rendered while the whole report is.
func Build(ctx context.Context, cfg Config) (*Outcome, error) {
	if _, err := format.New(cfg.Locale, ""); err != nil {
		return nil, &OptionsError{err.Error()}
	}
	start := time.Now()
	sc, err := readScoped(ctx, cfg)
	if err != nil {
		return nil, err
	}
	in := sc.in
	defer in.meta() // the files are not read after Build returns
	var parts []part
	if cfg.SplitBy != "" {
		if parts, err = splitParts(in.res, sc.asOf, cfg.SplitBy, sc.scope); err != nil {
			return nil, err
		}
	}
	out := &Outcome{Res: in.res, Deals: len(in.res.Deals), ReadTime: time.Since(start)}
	kept := in.res.Summary() // the deals are let go before the pages are written
	cfg.afterStep(StepRead)
	r, err := newRenderer(cfg, in)
	if err != nil {
		return nil, err
	}
	out.Notices = r.notices
	var split *partsRun
	if parts != nil {
		split = r.startParts(ctx, parts, sc.whole)
	}

	start = time.Now()
	out.M, out.F = figures(&in.res.History, sc.opts, cfg.Forecast)
	if parts == nil {
		in.res.History = ingest.History{} // the rest needs only the figures
	}
	out.FitTime = time.Since(start)
	cfg.afterStep(StepFigures)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, err := r.render(in.res, out.M, out.F, kept, sc.scope, cfg.SplitBy, "")
	if err != nil {
		return nil, err
	}
	if split != nil {
		if err := split.finish(files, r.siteReport(in.res, out.M, out.F, kept, sc.scope), cfg.SplitBy); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, site.WriteDir(cfg.Out, files, site.WriteOptions{Force: cfg.Force, Keep: cfg.reads()})
}

// scoped is what a build read, narrowed to cfg.Where, and the options its
// figures are computed with.
type scoped struct {
	in    *inputs
	scope string          // names the accounts kept; "" for all
	asOf  ingest.Date     // of everything read
	opts  metrics.Options // the report's
	// whole are the options of a part of everything read (set only for
	// --where and --split-by): its as-of date and what it takes from the
	// whole (metrics.WholeOf), so that statuses, partial periods and
	// referrals agree.
	whole metrics.Options
}

// readScoped reads the inputs, checks they can make a report with the
// options, and narrows them to cfg.Where. Filters name values as
// written: redaction comes after them, as a build without filters would
// redact.
func readScoped(ctx context.Context, cfg Config) (*scoped, error) {
	read := cfg
	if len(cfg.Where) > 0 {
		read.Ingest.Redact = ingest.Redaction{}
	}
	in, err := readInputs(ctx, read)
	if err != nil {
		return nil, err
	}
	if err := in.res.CheckWon(); err != nil {
		return nil, err
	}
	sc := &scoped{in: in, asOf: metrics.AsOf(in.res.Deals, cfg.Metrics), opts: cfg.Metrics}
	if err := checkHoldout(cfg, sc.asOf); err != nil {
		return nil, err
	}
	if len(cfg.Where) == 0 && cfg.SplitBy == "" {
		return sc, nil
	}
	var keep []bool
	if len(cfg.Where) > 0 {
		if keep, err = whereKeep(in.res, sc.asOf, cfg.Where); err != nil {
			return nil, err
		}
		in.res.Redact(cfg.Ingest.Redact)
	}
	// Of everything read, as redacted: the subsets' referrals name
	// accounts by their keys.
	whole := metrics.WholeOf(&in.res.History, cfg.Metrics)
	sc.whole = cfg.Metrics
	sc.whole.AsOf, sc.whole.AsOfSet, sc.whole.Whole = sc.asOf, true, &whole
	if keep != nil {
		in.res, sc.scope = in.res.Subset(keep), whereScope(in.res, sc.asOf, cfg.Where, keep)
		sc.opts = sc.whole
	}
	return sc, nil
}

// reads are the files and folders a build reads, which the report folder
// it replaces must not hold.
func (cfg Config) reads() []string {
	out := append([]string(nil), cfg.Inputs...)
	for _, p := range []string{cfg.Ingest.Accounts, cfg.Notes, cfg.Templates} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// afterStep reports a step to the caller's hook, if any.
func (cfg Config) afterStep(s Step) {
	if cfg.AfterStep != nil {
		cfg.AfterStep(s)
	}
}

// figures computes the figures of h and its forecast; the forecast's
// models are fitted on another goroutine while the figures are computed.
func figures(h *ingest.History, opts metrics.Options, fopts forecast.Options) (*metrics.Metrics, *forecast.Result) {
	asOf := metrics.AsOf(h.Deals, opts)
	fitted := make(chan [2]*forecast.Model, 1)
	go func() {
		model := forecast.FitModels(h, asOf, fopts)
		fitted <- [2]*forecast.Model{model, model.SelfCheck()}
	}()
	m := metrics.Compute(h, opts)
	models := <-fitted
	f := models[0].Predict(m)
	if check := models[1]; check != nil {
		f.WithSelfCheck(check.Predict(m))
	}
	return m, f
}

// inputs is what was read, and the inputs as the report names them.
type inputs struct {
	res *ingest.Result
	// meta waits for the inputs' checksums, which are computed on
	// another goroutine once reading is done (reading keeps both cores
	// busy).
	meta func() ([]site.Input, error)
}

// readInputs reads the inputs. The report names files the same way
// whatever folder it was built from: by their base names (full paths only
// where two collide).
func readInputs(ctx context.Context, cfg Config) (*inputs, error) {
	res, err := Read(ctx, cfg)
	if err != nil {
		return nil, err
	}
	names := displayNames(append(slices.Clone(cfg.Inputs), cfg.Ingest.Accounts))
	sums := make(chan checksums, 1)
	go func() {
		s, err := fileSHA256s(cfg.Inputs)
		sums <- checksums{s, err}
	}()
	in := &inputs{res: res, meta: sync.OnceValues(func() ([]site.Input, error) {
		s := <-sums
		if s.err != nil {
			return nil, s.err
		}
		meta := make([]site.Input, len(cfg.Inputs))
		for i, p := range cfg.Inputs {
			var info *ingest.FileInfo
			for j := range res.Files {
				if res.Files[j].Path == names[p] {
					info = &res.Files[j]
				}
			}
			meta[i] = site.InputOf(names[p], s.sums[i], info)
		}
		return meta, nil
	})}
	for i := range res.Files {
		res.Files[i].Path = displayName(names, res.Files[i].Path)
	}
	for i := range res.Problems {
		res.Problems[i].File = displayName(names, res.Problems[i].File)
	}
	return in, nil
}

type checksums struct {
	sums []string
	err  error
}
