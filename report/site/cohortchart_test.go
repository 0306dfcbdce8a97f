package site

import (
	"encoding/json"
	"strings"
	"testing"
)

// The colour scale shown under a cohort heatmap is the one that colours
// its cells: the same colours, 0% to the visualMap's top, and "+" when
// cells are above the top.
func TestHeatmapLegendIsTheCellsScale(t *testing.T) {
	for _, c := range []struct {
		name, second string // the second year's amount, after 100 in the first
		top          float64
		label        string
	}{
		{"below 200%", "134", 140, "140%"},
		{"above 200%", "450", 200, "200%+"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := reportOf(t, "Deal ID,Account,Close Date,Amount,Stage\n1,Acme,2022-03-01,100,Won\n2,Acme,2023-03-01,"+c.second+",Won\n3,Birch,2023-04-01,10,Won\n")
			ch := CohortChart(r.M, true, testStyle)
			var o struct {
				VisualMap []struct {
					Show    bool
					Max     float64
					InRange struct{ Color []string }
				}
			}
			if err := json.Unmarshal([]byte(ch.Option), &o); err != nil {
				t.Fatal(err)
			}
			if len(o.VisualMap) != 1 || o.VisualMap[0].Show || o.VisualMap[0].Max != c.top {
				t.Fatalf("visualMap %+v, want one, hidden, max %v", o.VisualMap, c.top)
			}
			if got := o.VisualMap[0].InRange.Color; len(got) != 2 || got[0] != heatLow || got[1] != heatHigh {
				t.Errorf("cells coloured %v, want %s to %s", got, heatLow, heatHigh)
			}
			legend := string(ch.Legend)
			for _, want := range []string{">0%<", ">" + c.label + "<", `stop-color="` + heatLow + `"`, `stop-color="` + heatHigh + `"`,
				`id="legend-chart-cohort-revenue"`, `fill="url(#legend-chart-cohort-revenue)"`} {
				if !strings.Contains(legend, want) {
					t.Errorf("legend lacks %s:\n%s", want, legend)
				}
			}
			if logo := string(CohortChart(r.M, false, testStyle).Legend); !strings.Contains(logo, ">100%<") || !strings.Contains(logo, `id="legend-chart-cohort-logo"`) {
				t.Errorf("the accounts heatmap's legend is not 0%% to 100%%:\n%s", logo)
			}
		})
	}
}
