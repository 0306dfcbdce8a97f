package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/site"
)

// part is one value of a split report: the accounts placed under it.
type part struct {
	value string
	res   *ingest.Result
	scope string // names the part on its pages
}

// splitParts divides res by the value each account is placed under
// (metrics.Placing): one part per value, in order, the accounts placed
// nowhere last. scope is the whole report's scope, which each part's
// narrows.
func splitParts(res *ingest.Result, asOf ingest.Date, field, scope string) ([]part, error) {
	f, ok := fieldNamed(field)
	if !ok || !slices.Contains(SplitFields, field) {
		return nil, &OptionsError{fmt.Sprintf("--split-by %s: expected %s", field, strings.Join(SplitFields, " or "))}
	}
	vals := placed(&res.History, asOf, f)
	values := distinct(vals)
	if len(values) == 1 && values[0] == NoValueLabel {
		return nil, unrecorded("--split-by "+field, field)
	}
	parts := make([]part, 0, len(values))
	for _, v := range values {
		keep := make([]bool, len(vals))
		for i, x := range vals {
			keep[i] = x == v
		}
		line := scopeLine(f, v)
		if scope != "" {
			line = scope + "; " + line
		}
		parts = append(parts, part{value: v, res: res.Subset(keep), scope: line})
	}
	// The accounts placed nowhere come last, as on the owners page.
	for i, p := range parts {
		if p.value == NoValueLabel {
			parts = append(append(parts[:i:i], parts[i+1:]...), p)
			break
		}
	}
	return parts, nil
}

// partsRun is the parts of a split being computed and rendered.
type partsRun struct {
	parts   []part
	slugs   []string
	entries []site.PartEntry
	outs    []site.Files
	errs    []error
	wg      sync.WaitGroup
}

// startParts computes and renders each part's report, two at a time, on
// other goroutines. A part without a purchase gets no report: the index
// says so.
func (r *renderer) startParts(ctx context.Context, parts []part, opts metrics.Options) *partsRun {
	values := make([]string, len(parts))
	for i, p := range parts {
		values[i] = p.value
	}
	run := &partsRun{parts: parts, slugs: site.Slugs(values), entries: make([]site.PartEntry, len(parts)),
		outs: make([]site.Files, len(parts)), errs: make([]error, len(parts))}
	pr := r.forPart()
	sem := make(chan struct{}, 2)
	for i, p := range parts {
		run.entries[i] = site.PartEntry{Value: p.value, Slug: run.slugs[i]}
		if p.res.CheckWon() != nil {
			run.entries[i].Slug, run.entries[i].Why = "", "no purchase up to the as-of date: no report"
			continue
		}
		run.wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				run.errs[i] = ctx.Err()
				return
			}
			m, f := figures(&p.res.History, opts, r.cfg.Forecast)
			run.entries[i].M, run.entries[i].F = m, f
			run.outs[i], run.errs[i] = pr.render(p.res, m, f, p.res.Summary(), p.scope, "", r.cfg.SplitBy)
		})
	}
	return run
}

// finish waits for the parts and adds their files under by-FIELD/SLUG/ to
// files, with the index page that lists them beside the whole report.
func (run *partsRun) finish(files site.Files, whole site.Report, field string) error {
	run.wg.Wait()
	dir := site.SplitDir(field)
	for i, out := range run.outs {
		if run.errs[i] != nil {
			return fmt.Errorf("the report of %s %q: %w", field, run.parts[i].value, run.errs[i])
		}
		for name, b := range out {
			files[dir+run.slugs[i]+"/"+name] = b
		}
	}
	index, err := site.PartsIndexPage(whole, site.PartsIndex{Field: field, Parts: run.entries})
	if err != nil {
		return err
	}
	files[dir+"index.html"] = index
	return nil
}
