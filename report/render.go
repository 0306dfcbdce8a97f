package report

import (
	"fmt"
	"io/fs"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/report/site"
	"github.com/dealaudit/dealaudit/templates"
)

// renderer writes the texts and pages of a report from its figures: what
// every report of one build (the whole and each part of a split) shares.
type renderer struct {
	cfg Config
	// meta waits for the inputs' checksums, which are computed while the
	// figures are.
	meta    func() ([]site.Input, error)
	tfs     fs.FS
	notes   *narrative.Notes
	style   *format.Style
	charts  *chartsvg.Renderer // draws every report's charts, one runtime per core
	notices []string
}

// newRenderer reads what the pages need besides the figures: the
// templates, the chart renderer, the notes, the number style (and, when the first report is
// rendered, the inputs' checksums).
func newRenderer(cfg Config, in *inputs) (*renderer, error) {
	r := &renderer{cfg: cfg, meta: in.meta}
	var err error
	if r.tfs, err = templates.Open(cfg.Templates); err != nil {
		return nil, err
	}
	if r.charts, err = site.NewCharts(); err != nil {
		return nil, err
	}
	if cfg.Notes != "" {
		if r.notes, err = narrative.ReadNotes(cfg.Notes); err != nil {
			return nil, err
		}
		for _, d := range r.notes.Dropped {
			r.notices = append(r.notices, cfg.Notes+": "+d)
		}
	}
	if r.style, err = format.New(cfg.Locale, in.res.Currency); err != nil {
		return nil, fmt.Errorf("%w: give the report's currency as currency: in dealaudit.yaml or --currency", err)
	}
	return r, nil
}

// render writes one report's files: its texts, pages and data tables.
// scope names the accounts it covers ("" for all); split is the field
// the report has one sub-report per value of, partOf the field of the
// split it is a part of ("" for none).
func (r *renderer) render(res *ingest.Result, m *metrics.Metrics, f *forecast.Result, kept ingest.Summary, scope, split, partOf string) (site.Files, error) {
	text, err := narrative.Write(m, f, r.style, r.tfs)
	if err != nil {
		return nil, r.cfg.internal(err)
	}
	meta, err := r.meta()
	if err != nil {
		return nil, err
	}
	sr := r.siteReport(res, m, f, kept, scope)
	sr.Text, sr.Split, sr.PartOf = text, split, partOf
	files, err := site.Render(sr, site.Meta{Version: Version, AsOfGiven: r.cfg.Metrics.AsOfSet, Inputs: meta, Currency: res.Currency,
		CurrencyGiven: r.cfg.Ingest.Currency != "", Scope: scope})
	return files, r.cfg.internal(err)
}

// siteReport is what the pages of one report show, but its texts.
func (r *renderer) siteReport(res *ingest.Result, m *metrics.Metrics, f *forecast.Result, kept ingest.Summary, scope string) site.Report {
	cfg := r.cfg
	return site.Report{
		Res: res, M: m, F: f, Notes: r.notes, Scope: scope,
		Brand:     site.Brand{Client: cfg.Client, Title: cfg.Title, PreparedBy: cfg.PreparedBy},
		Templates: r.tfs, Charts: r.charts, Version: Version, Inputs: cfg.Inputs, Style: r.style, Kept: kept, Email: cfg.Email,
	}
}

// forPart returns the renderer of a split's parts: the notes' front
// matter (the masthead) without their text, which was written about the
// whole report.
func (r *renderer) forPart() *renderer {
	c := *r
	if c.notes != nil {
		n := *c.notes
		n.Intro, n.Rest = "", ""
		c.notes = &n
	}
	return &c
}
