package site

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/stats"
)

// maxCurvePoints bounds the steps drawn of one Kaplan–Meier curve: a
// million customers have thousands of event days.
const maxCurvePoints = 200

// NextPurchaseChart: Kaplan–Meier curves of the days from the first
// purchase to the next, by approach group, customers without a second
// purchase censored at the as-of date.
func NextPurchaseChart(m *metrics.Metrics, st *format.Style) Chart {
	np := m.NextPurchase
	line := charts.NewLine()
	line.SetGlobalOptions(init0("chart-next-purchase", 340), itemTip, legendTop, grid,
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "days after the first purchase", Min: 0}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "not yet bought again", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}))
	t := Table{Head: []string{"group", "customers", "bought again", "median days to the next purchase", "not yet bought again after a year"}}
	sizes := make([]int, len(np.Groups))
	for i, g := range np.Groups {
		sizes[i] = g.Accounts
	}
	shown := largest(maxChartGroups, sizes)
	t.Note = groupsNote(len(shown), len(np.Groups), "data/approach.csv", st)
	for _, i := range shown {
		g := np.Groups[i]
		data := []opts.LineData{{Value: []any{0, 100}, Name: fmt.Sprintf("%s: %s customers", format.Isolate(g.Name), st.Count(g.Accounts))}}
		for _, s := range thinSteps(g.Steps) {
			data = append(data, opts.LineData{Value: []any{s.Time, metrics.Round(s.Survival*100, 1)},
				Name: fmt.Sprintf("%s: %.1f%% not yet bought again after %s days (%s still waiting)", format.Isolate(g.Name), s.Survival*100, st.Count(int(s.Time)), st.Count(s.AtRisk-s.Events))})
		}
		line.AddSeries(g.Name, data, charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(false)}))
		median := "not reached"
		if g.HasMedian {
			median = st.Count(int(g.Median))
		}
		t.Rows = append(t.Rows, []string{g.Name, st.Count(g.Accounts), st.Count(g.Second), median, survivalAt(g.Steps, 365)})
	}
	caption := "Customers who have not bought again are counted until the as-of date."
	if np.Test.Defined {
		caption += fmt.Sprintf(" Log-rank test: χ² = %.2f on %d degrees of freedom, %s (%s after correction).", np.ChiSq, np.DF, st.PValue(np.Test.P), st.PValue(np.Test.Adjusted))
	}
	return Chart{ID: "chart-next-purchase", Title: "Time to the next purchase by approach of the first deal", Height: 340,
		Option: finish(line, nil), Table: t, Caption: caption}
}

// thinSteps keeps at most about maxCurvePoints steps, evenly over time, and
// always the last.
func thinSteps(steps []stats.Step) []stats.Step {
	if len(steps) <= maxCurvePoints {
		return steps
	}
	span := steps[len(steps)-1].Time - steps[0].Time
	var out []stats.Step
	next := steps[0].Time
	for i, s := range steps {
		if s.Time >= next || i == len(steps)-1 {
			out = append(out, s)
			next = s.Time + span/maxCurvePoints
		}
	}
	return out
}

// survivalAt is the curve's value after days, as a percentage.
func survivalAt(steps []stats.Step, days float64) string {
	s := 1.0
	for _, st := range steps {
		if st.Time > days {
			break
		}
		s = st.Survival
	}
	return fmt.Sprintf("%.1f%%", s*100)
}
