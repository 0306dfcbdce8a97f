package site

import (
	"errors"
	"fmt"
	"github.com/dealaudit/dealaudit/report/format"
	"html/template"
	"sort"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/templates"
)

// svgWidth is the width charts are drawn at, about the page's text column;
// the SVG scales to the column it is in.
const svgWidth = 960

// Drawing holds charts drawn to static SVG, at the pages' width and, for
// the charts email.html shows, at the email's. The charts of the metrics
// need nothing else, so a build draws them (DrawMetrics) while the
// forecast is fitted and hands the Drawing to Pages, which draws the rest.
type Drawing struct {
	r   *chartsvg.Renderer
	svg map[string]drawn // by drawing id: the chart's id, or "email-" and its id
}

// drawn is one chart's SVG and the option it was drawn from: a chart of
// the same id with another option is drawn again.
type drawn struct {
	option string
	svg    template.HTML
}

func newDrawing() (*Drawing, error) {
	ech, err := templates.ECharts()
	if err != nil {
		return nil, err
	}
	r, err := chartsvg.New(ech)
	if err != nil {
		return nil, err
	}
	return &Drawing{r: r, svg: map[string]drawn{}}, nil
}

// DrawMetrics draws the charts of m, its numbers in the style st.
func DrawMetrics(m *metrics.Metrics, st *format.Style) (*Drawing, error) {
	dr, err := newDrawing()
	if err != nil {
		return nil, err
	}
	charts := map[string]Chart{}
	for _, c := range metricsCharts(m, st) {
		charts[c.ID] = c
	}
	return dr, dr.draw(charts)
}

// draw draws every chart not drawn yet from the same option, on every
// core, and sets each chart's SVG.
func (dr *Drawing) draw(charts map[string]Chart) error {
	ids := make([]string, 0, len(charts))
	for id := range charts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var jobs []chartsvg.Job
	add := func(j chartsvg.Job) {
		if d, ok := dr.svg[j.ID]; !ok || d.option != j.Option {
			jobs = append(jobs, j)
		}
	}
	for _, id := range ids {
		c := charts[id]
		add(chartsvg.Job{ID: id, Option: c.Option, Width: svgWidth, Height: c.Height})
		if isEmailChart(id) {
			add(chartsvg.Job{ID: emailID(id), Option: c.Option, Width: emailWidth, Height: emailHeight(c)})
		}
	}
	svgs, errs := dr.r.RenderAll(jobs)
	for i, j := range jobs {
		if errs[i] != nil && !errors.Is(errs[i], chartsvg.ErrTooLong) {
			return fmt.Errorf("drawing the charts: %w", errs[i])
		}
		// A chart too long to draw is left out (its page says so): the
		// limit is a safety net, not a reason to write no report.
		dr.svg[j.ID] = drawn{j.Option, template.HTML(svgs[i])} // re-written through chartsvg's whitelist
	}
	for _, id := range ids {
		c := charts[id]
		c.SVG = dr.svg[id].svg
		c.Undrawn = c.SVG == ""
		charts[id] = c
	}
	return nil
}

// emailHeight is a chart's height in the email: lower than on the pages,
// as the email's column is narrower.
func emailHeight(c Chart) int { return c.Height * 4 / 5 }

// emailSVG returns the chart drawn at the email's width.
func (dr *Drawing) emailSVG(id string) template.HTML { return dr.svg[emailID(id)].svg }

func emailID(id string) string { return "email-" + id }
