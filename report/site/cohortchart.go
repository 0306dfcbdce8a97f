package site

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// The cohort heatmaps' colour scale, from 0% to its top.
const heatLow, heatHigh = "#f1f5f9", "#1e6091"

// axisGrey is the colour ECharts gives axis labels.
const axisGrey = "#6E7079"

// CohortChart: a cohort heatmap, logo or revenue retention.
func CohortChart(m *metrics.Metrics, revenue bool, st *format.Style) Chart {
	id, title, what := "chart-cohort-logo", "Cohorts: share of accounts still buying", "accounts active"
	if revenue {
		id, title, what = "chart-cohort-revenue", "Cohorts: revenue compared with the first period", "revenue"
	}
	var cohorts []string
	maxK := 0
	seen := map[string]bool{}
	for _, c := range m.Cohorts {
		if !seen[c.Cohort] {
			seen[c.Cohort] = true
			cohorts = append(cohorts, c.Cohort)
		}
		maxK = max(maxK, c.Index)
	}
	ks := make([]string, maxK+1)
	for k := range ks {
		ks[k] = "+" + strconv.Itoa(k)
	}
	row := map[string]int{}
	for i, c := range cohorts {
		row[c] = i
	}
	var data []opts.HeatMapData
	t := Table{Head: append([]string{"cohort", "accounts"}, ks...)}
	cells := make([][]string, len(cohorts))
	hi := 100.0
	for _, c := range m.Cohorts {
		r := c.Logo
		tip := fmt.Sprintf("%s cohort, %s: %s", c.Cohort, c.Period, rateTip(r, false, st))
		if revenue {
			r = c.RevenueRetention
			tip = fmt.Sprintf("%s cohort, %s: %s", c.Cohort, c.Period, rateTip(r, true, st))
		}
		if cells[row[c.Cohort]] == nil {
			cells[row[c.Cohort]] = make([]string, maxK+1)
		}
		cells[row[c.Cohort]][c.Index] = st.Pct(r) // a heatmap's table: the intervals are in cohorts.csv
		if v := rateValue(r); v != nil {
			data = append(data, opts.HeatMapData{Value: []any{c.Index, row[c.Cohort], v}, Name: tip})
			if revenue {
				hi = max(hi, v.(float64))
			}
		}
	}
	for i, c := range cohorts {
		size := ""
		for _, cc := range m.Cohorts {
			if cc.Cohort == c && cc.Index == 0 {
				size = st.Count(cc.CohortAccounts)
			}
		}
		t.Rows = append(t.Rows, append([]string{c, size}, cells[i]...))
	}
	// The colour scale ends at the highest value rounded up to ten, and
	// at 200% at most: a cohort that bought many times its first period's
	// revenue would leave the rest of the table pale. Cells above it take
	// the top colour.
	top := min(math.Ceil(hi/10)*10, 200)
	hm := charts.NewHeatMap()
	height := 60 + 28*max(len(cohorts), 4)
	hm.SetGlobalOptions(init0(id, height), itemTip,
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "40", Top: "10", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: ks, Name: "periods since first purchase", NameLocation: "middle", NameGap: 28}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: cohorts, Inverse: opts.Bool(true)}),
		charts.WithVisualMapOpts(opts.VisualMap{Show: opts.Bool(false), Calculable: opts.Bool(false), Min: 0, Max: float32(top),
			InRange: &opts.VisualMapInRange{Color: []string{heatLow, heatHigh}}}))
	// A label per cell while cells are wide enough to hold one; the table
	// has every value.
	hm.SetXAxis(ks).AddSeries(what, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(ks) <= maxLabelledColumns), Formatter: "{@[2]}%"}))
	// ECharts draws a heatmap of more than 3,000 cells a few hundred per
	// frame ("progressive"), which leaves a monthly report's heatmaps empty
	// for seconds: all at once instead.
	patch := func(o map[string]any) {
		for _, s := range asList(o["series"]) {
			if m, ok := s.(map[string]any); ok {
				m["progressive"] = 0
			}
		}
	}
	return Chart{ID: id, Title: title, Height: height, Option: finish(hm, patch), Table: t, Wide: true,
		Legend:  heatLegend(id, top, hi > top),
		Caption: "Each row is the accounts whose first purchase fell in that period; columns are the periods after it."}
}

// heatLegend is the heatmap's colour scale, shown under the chart: a bar
// from heatLow to heatHigh with 0% at its left end and top% at its right
// ("top%+" when some cells are above it and take the top colour). The
// visualMap that colours the cells is not shown, as its bar names neither
// end; this one is drawn here, outside the chart, so that it stays when
// the page's script draws the chart again. id makes its gradient's id
// unique on the page.
func heatLegend(id string, top float64, above bool) template.HTML {
	const barX, barW, barH, width = 60, 140, 12, 260
	label := strconv.FormatFloat(top, 'f', -1, 64) + "%"
	if above {
		label += "+"
	}
	gid := html.EscapeString("legend-" + id)
	font := html.EscapeString(chartsvg.Font)
	text := func(x int, anchor, s string) string {
		return fmt.Sprintf(`<text x="%d" y="%d" text-anchor="%s" font-family="%s" font-size="12" fill="%s">%s</text>`,
			x, barH, anchor, font, axisGrey, html.EscapeString(s))
	}
	return template.HTML(fmt.Sprintf(`<svg class="heat-legend" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		width, barH+4, width, barH+4, html.EscapeString("colour scale: 0% light to "+label+" dark")) +
		fmt.Sprintf(`<defs><linearGradient id="%s" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>`,
			gid, heatLow, heatHigh) +
		text(barX-6, "end", "0%") +
		fmt.Sprintf(`<rect x="%d" y="2" width="%d" height="%d" fill="url(#%s)"/>`, barX, barW, barH, gid) +
		text(barX+barW+6, "start", label) + `</svg>`)
}
