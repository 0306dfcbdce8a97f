package site

import (
	"errors"
	"fmt"
	"html/template"
	"sort"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/templates"
)

// svgWidth is the width charts are drawn at, about the page's text column;
// the SVG scales to the column it is in.
const svgWidth = 960

// NewCharts returns the renderer a report's charts are drawn with, the
// vendored ECharts build's. One renderer may draw every report of a
// build: it draws on as many runtimes as there are cores, whichever
// report asks.
func NewCharts() (*chartsvg.Renderer, error) {
	ech, err := templates.ECharts()
	if err != nil {
		return nil, err
	}
	return chartsvg.New(ech), nil
}

// drawing is one report's charts drawn to static SVG, at the pages' width
// and, for the charts email.html shows, at the email's, by drawing id: the
// chart's id, or "email-" and its id.
type drawing map[string]template.HTML

// draw draws every chart with r, on every core, sets each chart's SVG
// and returns the drawing.
func draw(r *chartsvg.Renderer, charts map[string]Chart) (drawing, error) {
	ids := make([]string, 0, len(charts))
	for id := range charts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var jobs []chartsvg.Job
	for _, id := range ids {
		c := charts[id]
		jobs = append(jobs, chartsvg.Job{ID: id, Option: c.Option, Width: svgWidth, Height: c.Height})
		if isEmailChart(id) {
			jobs = append(jobs, chartsvg.Job{ID: emailID(id), Option: c.Option, Width: emailWidth, Height: emailHeight(c)})
		}
	}
	svgs, errs := r.RenderAll(jobs)
	dr := drawing{}
	for i, j := range jobs {
		if errs[i] != nil && !errors.Is(errs[i], chartsvg.ErrTooLong) {
			return nil, fmt.Errorf("drawing the charts: %w", errs[i])
		}
		// A chart too long to draw is left out (its page says so): the
		// limit is a safety net, not a reason to write no report.
		dr[j.ID] = template.HTML(svgs[i]) // re-written through chartsvg's whitelist
	}
	for _, id := range ids {
		c := charts[id]
		c.SVG = dr[id]
		c.Undrawn = c.SVG == ""
		charts[id] = c
	}
	return dr, nil
}

// emailHeight is a chart's height in the email: lower than on the pages,
// as the email's column is narrower.
func emailHeight(c Chart) int { return c.Height * 4 / 5 }

// emailSVG returns the chart drawn at the email's width.
func (dr drawing) emailSVG(id string) template.HTML { return dr[emailID(id)] }

func emailID(id string) string { return "email-" + id }
