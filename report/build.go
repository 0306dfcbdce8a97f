// Package report runs the steps of a dealaudit build in order: ingest,
// metrics, narrative, site.
package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"slices"
	"sync"
	"time"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/report/site"
	"github.com/dealaudit/dealaudit/templates"
)

// Version is the tool's version, written into metrics.json.
const Version = "0.2.0"

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
	// ReadTime is how long reading took, and FitTime how long the
	// forecast took from gathering its input (neither is written to the
	// report, which must be the same on every build).
	ReadTime, FitTime time.Duration
}

// Build reads the inputs and writes the report folder cfg.Out.
func Build(ctx context.Context, cfg Config) (*Outcome, error) {
	opts, err := cfg.MetricsOptions()
	if err != nil {
		return nil, err
	}
	fopts, err := cfg.ForecastOptions()
	if err != nil {
		return nil, err
	}
	readStart := time.Now()
	res, err := Read(ctx, cfg)
	readTime := time.Since(readStart)
	if err != nil {
		return nil, err
	}
	if cfg.BoundMemory {
		// What reading left behind (its maps, the input's buffers) is
		// garbage now; collecting it sets the collector's next goal by the
		// deals alone, and the limit by what is really live.
		runtime.GC()
		boundMemory()
	}
	// Work that needs only what is at hand runs on its own goroutine while
	// the rest goes on: the inputs' checksums, and the forecast's input and
	// models, while the figures are computed; the forecast's predictions,
	// which need the figures, while the figures' charts are drawn.
	sums := async(func() result[[]string] { return try(fileSHA256s(cfg.Inputs)) })
	defer sums() // the files are not read after Build returns
	start := time.Now()
	gathered := async(func() *forecast.Input {
		return forecast.Gather(&res.History, metrics.AsOf(res.Deals, opts), fopts)
	})
	models := async(func() *forecast.Fitted { return gathered().Fit() })
	m := metrics.Compute(&res.History, opts)
	gathered()
	nDeals := len(res.Deals)
	res.History = ingest.History{} // the figures and the forecast's input are all the rest needs
	if cfg.BoundMemory {
		runtime.GC() // the deals and what metrics worked with are garbage now
		relaxGC()
	}
	type fit struct {
		r    *forecast.Result
		took time.Duration
	}
	fitted := async(func() fit { r := models().Predict(m); return fit{r, time.Since(start)} })
	// accounts.csv, a row per account, needs only the figures and the
	// forecast: it is written while the chart engine is compiled (one core)
	// and the charts are drawn.
	accountsCSV := async(func() []byte { return site.AccountsCSV(m, fitted().r) })
	drawing, err := site.DrawMetrics(m)
	f := fitted()
	if err != nil {
		return nil, err
	}
	fc := f.r
	out := &Outcome{Res: res, Deals: nDeals, M: m, F: fc, ReadTime: readTime, FitTime: f.took}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	checksums := sums()
	if checksums.err != nil {
		return nil, checksums.err
	}
	meta := site.Meta{Version: Version, AsOfGiven: opts.AsOfSet}
	names := displayNames(append(slices.Clone(cfg.Inputs), cfg.Ingest.Accounts))
	for i, p := range cfg.Inputs {
		meta.Inputs = append(meta.Inputs, site.Input{Path: names[p], SHA256: checksums.v[i]})
	}
	// The report names files the same way whatever folder it was built
	// from: by their base names (full paths only where two collide).
	for i := range res.Files {
		res.Files[i].Path = names[res.Files[i].Path]
	}
	for i := range res.Problems {
		if n, ok := names[res.Problems[i].File]; ok {
			res.Problems[i].File = n
		}
	}
	tfs, err := templates.Open(cfg.Templates)
	if err != nil {
		return nil, err
	}
	var notes *narrative.Notes
	if cfg.Notes != "" {
		if notes, err = narrative.ReadNotes(cfg.Notes); err != nil {
			return nil, err
		}
	}
	text, err := narrative.Write(m, fc, tfs)
	if err != nil {
		return nil, err
	}
	brand := site.Brand{Client: cfg.Client, Title: cfg.Title, PreparedBy: cfg.PreparedBy}
	files, err := site.Pages(site.Report{Res: res, M: m, F: fc, Text: text, Notes: notes, Brand: brand, Templates: tfs, Version: Version, Inputs: cfg.Inputs, Drawing: drawing})
	if err != nil {
		return nil, err
	}
	mj, err := site.MetricsJSON(m, meta)
	if err != nil {
		return nil, err
	}
	files["data/quality.csv"] = site.QualityCSV(res)
	files["data/metrics.json"] = mj
	if files["data/forecast.json"], err = site.ForecastJSON(fc); err != nil {
		return nil, err
	}
	files["data/periods.csv"] = site.PeriodsCSV(m)
	files["data/cohorts.csv"] = site.CohortsCSV(m)
	files["data/accounts.csv"] = accountsCSV()
	files["data/referrers.csv"] = site.ReferrersCSV(m)
	files["data/approach.csv"] = site.ApproachCSV(m)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, site.WriteDir(cfg.Out, files, cfg.Force)
}

// minMemoryLimit is the least soft memory limit boundMemory sets: below
// it the collector would work hard for memory nobody misses.
const minMemoryLimit = 256 << 20

// boundMemory sets the Go runtime's soft memory limit, after reading, to
// twice the live heap (the deals and what reading kept; computing the
// figures needs about 0.7 times that again), and at least 256 MiB. Near the
// limit the collector runs more often and returns freed memory to the
// system, so a big input's peak stays near what it really uses. GOMEMLIMIT,
// when set, wins.
func boundMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	s := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}}
	rtmetrics.Read(s)
	if s[0].Value.Kind() != rtmetrics.KindUint64 {
		return
	}
	debug.SetMemoryLimit(max(minMemoryLimit, 2*int64(s[0].Value.Uint64())))
}

// relaxGC lets the heap triple between collections once the deals are let
// go. The command collects at half its growth while the deals are most of
// the heap; after them, what is live is the figures and the chart engine,
// which makes a lot of short-lived garbage, and each collection marks the
// figures again: fewer of them are faster (a 1M-row build 2.22 -> 2.04 s,
// the sample 0.67 -> 0.58 s, at 80 -> 107 MB), and the memory limit still
// bounds the peak of a big input (270 MB either way). GOGC, when set, wins.
func relaxGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(relaxedGCPercent)
	}
}

const relaxedGCPercent = 200

// displayNames maps each path to its base name, or to the path itself when
// two paths share a base name.
func displayNames(paths []string) map[string]string {
	count := map[string]int{}
	for _, p := range paths {
		if p != "" {
			count[filepath.Base(p)]++
		}
	}
	names := map[string]string{}
	for _, p := range paths {
		if p == "" {
			continue
		}
		names[p] = filepath.Base(p)
		if count[filepath.Base(p)] > 1 {
			names[p] = filepath.ToSlash(p)
		}
	}
	return names
}

// async runs f on its own goroutine and returns a function that waits for
// its result (and returns it again on later calls).
func async[T any](f func() T) func() T {
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	return sync.OnceValue(func() T { return <-ch })
}

// result is a value or an error, for async.
type result[T any] struct {
	v   T
	err error
}

func try[T any](v T, err error) result[T] { return result[T]{v, err} }

// fileSHA256s returns the SHA-256 of each file.
func fileSHA256s(paths []string) ([]string, error) {
	sums := make([]string, len(paths))
	for i, p := range paths {
		var err error
		if sums[i], err = fileSHA256(p); err != nil {
			return nil, err
		}
	}
	return sums, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", &ingest.FileError{Path: path, Msg: "cannot open", Err: err}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", &ingest.FileError{Path: path, Msg: "cannot read", Err: err}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
