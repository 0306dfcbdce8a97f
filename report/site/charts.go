package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"

	"github.com/dealaudit/dealaudit/report/format"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// Chart is one chart of the report: its ECharts option, marshalled with
// encoding/json (which escapes <, > and &), and the same data as a table.
type Chart struct {
	ID      string // fixed, so that output is the same on every build
	Title   string
	Caption string
	Option  string
	Height  int // pixels
	Table   Table
	// SVG is the chart drawn at build time (chartsvg), shown until, and
	// unless, the page's script draws it again with tooltips.
	SVG template.HTML
	// Undrawn is a chart that took too long to draw at build time: the
	// page's script draws it, and its table has its data.
	Undrawn bool
	// Wide charts (the cohort heatmaps, a row per cohort) keep the size
	// they were drawn at on a narrow screen and scroll sideways in their
	// box: scaled down, their rows would be too thin to read.
	Wide bool
	// Legend is drawn under the chart, outside it (the cohort heatmaps'
	// colour scale); "" for charts whose legend is their own.
	Legend template.HTML
	// Alt says in one sentence what the chart shows and its key figure,
	// for the email's picture of it; "" for charts the email does not show.
	Alt string
}

// Table is data shown as an HTML table.
type Table struct {
	Head []string
	Rows [][]string
	Note string // shown under the table, e.g. "top 25 of 1,204"
}

// Palette is the report's one set of series colours.
var Palette = []string{"#1e6091", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8d99ae", "#6a4c93", "#52b788"}

type jsonOption interface {
	Validate()
	JSON() map[string]interface{}
}

// finish marshals a go-echarts chart as a static option: no animation,
// the report's palette, and tooltips as plain text (richText mode), so that
// no label from the data is ever read as HTML.
func finish(c jsonOption, patch func(map[string]any)) string {
	c.Validate() // fills the axes from SetXAxis
	o := c.JSON()
	o["animation"] = false
	o["color"] = Palette
	// The font whose widths chartsvg measures with, so that labels drawn
	// at build time fit as they did when laid out.
	o["textStyle"] = map[string]any{"fontFamily": chartsvg.Font}
	o["useUTC"] = true
	tip, _ := o["tooltip"].(map[string]any)
	if tip == nil {
		if b, err := json.Marshal(o["tooltip"]); err == nil {
			json.Unmarshal(b, &tip)
		}
	}
	if tip == nil {
		tip = map[string]any{}
	}
	tip["renderMode"] = "richText"
	tip["confine"] = true
	o["tooltip"] = tip
	delete(o, "title") // the page shows the title
	// go-echarts writes an empty toolbox, which shows no tools; the
	// vendored ECharts build leaves the toolbox out.
	delete(o, "toolbox")
	b, err := json.Marshal(o)
	if err != nil {
		return "{}"
	}
	if patch == nil {
		return string(b)
	}
	// Patches work on plain JSON values, whatever types go-echarts used.
	var plain map[string]any
	if err := json.Unmarshal(b, &plain); err != nil {
		return "{}"
	}
	patch(plain)
	if b, err = json.Marshal(plain); err != nil {
		return "{}"
	}
	return string(b)
}

// pct is a rate as a table cell: "68.3% (60.3–75.3%)" with its 95%
// interval when it has one, "n/a" when it is not defined.
func pct(r metrics.Rate, st *format.Style) string {
	if lo, hi, ok := r.Interval(); ok {
		return st.Pct(r) + " (" + st.Range(lo, hi) + ")"
	}
	return st.Pct(r)
}

// rateTip is the tooltip text of a rate: "73.4% (80 / 109)".
func rateTip(r metrics.Rate, money bool, st *format.Style) string {
	if !r.Defined {
		return "n/a"
	}
	parts := st.Count(int(r.Num)) + " / " + st.Count(int(r.Den))
	if money {
		parts = st.Money(r.Num) + " / " + st.Money(r.Den)
	}
	if ci := st.Interval(r); ci != "" {
		parts += "; " + ci
	}
	return st.Pct(r) + " (" + parts + ")"
}

// rateValue is a rate as a chart value in percent, nil when n/a (a gap).
func rateValue(r metrics.Rate) any {
	v, ok := r.Value()
	if !ok {
		return nil
	}
	return metrics.Round(v*100, 1)
}

func init0(id string, height int) charts.GlobalOpts {
	return charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg", Height: fmt.Sprintf("%dpx", height)})
}

var (
	axisTip   = charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"})
	itemTip   = charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"})
	legendTop = charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"})
	// The legend is one line at the top; the axes' names sit under it.
	grid    = charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", Top: "54", ContainLabel: opts.Bool(true)})
	pctAxis = opts.YAxis{Type: "value", Name: "%", Min: 0, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}
)

func periodLabels(m *metrics.Metrics) []string {
	out := make([]string, len(m.Periods))
	for i, p := range m.Periods {
		out[i] = p.Display // "2025 to 30 Jun" for a partial period
	}
	return out
}

// RetentionChart: active accounts (bars) and customer retention (line).
func RetentionChart(m *metrics.Metrics, st *format.Style) Chart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0("chart-retention", 360), axisTip, legendTop, grid,
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "accounts"}))
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "retention", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}})
	var active []opts.BarData
	var ret []opts.LineData
	t := Table{Head: []string{"period", "active accounts", "retained", "active the period before", "retention"}}
	for i, p := range m.Periods {
		active = append(active, opts.BarData{Value: p.Active, Name: st.Count(p.Active) + " accounts"})
		ret = append(ret, opts.LineData{Value: rateValue(p.Retention), Name: rateTip(p.Retention, false, st)})
		before := ""
		if i > 0 {
			before = st.Count(m.Periods[i-1].Active)
		}
		t.Rows = append(t.Rows, []string{p.Display, st.Count(p.Active), st.Count(p.Retained), before, pct(p.Retention, st)})
	}
	bar.SetXAxis(periodLabels(m)).AddSeries("active accounts", active)
	line := charts.NewLine()
	line.AddSeries("retention", ret, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(line)
	return Chart{ID: "chart-retention", Title: "Active accounts and customer retention", Height: 360, Option: finish(bar, nil), Table: t,
		Caption: "Retention = accounts that bought in both this period and the one before ÷ accounts that bought the period before.",
		Alt:     retentionAlt(m, st)}
}

// RevenueChart: new and repeat revenue stacked by period.
func RevenueChart(m *metrics.Metrics, st *format.Style) Chart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0("chart-revenue", 360), axisTip, legendTop, grid, charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "revenue"}))
	var nw, rep []opts.BarData
	t := Table{Head: []string{"period", "revenue", "new", "repeat", "repeat share"}}
	for _, p := range m.Periods {
		nw = append(nw, opts.BarData{Value: metrics.Round(p.NewRevenue, 2), Name: st.Money(p.NewRevenue)})
		rep = append(rep, opts.BarData{Value: metrics.Round(p.RepeatRevenue, 2), Name: st.Money(p.RepeatRevenue) + ", " + rateTip(p.RepeatShare, true, st) + " of revenue"})
		t.Rows = append(t.Rows, []string{p.Display, st.Money(p.Revenue), st.Money(p.NewRevenue), st.Money(p.RepeatRevenue), pct(p.RepeatShare, st)})
	}
	bar.SetXAxis(periodLabels(m)).
		AddSeries("new customers", nw, charts.WithBarChartOpts(opts.BarChart{Stack: "revenue"})).
		AddSeries("repeat customers", rep, charts.WithBarChartOpts(opts.BarChart{Stack: "revenue"}))
	return Chart{ID: "chart-revenue", Title: "Revenue from new and from repeat customers", Height: 360, Option: finish(bar, nil), Table: t,
		Caption: "New revenue comes from accounts whose first purchase is in the period; everything else is repeat revenue.",
		Alt:     revenueAlt(m, st)}
}

// NRRChart: net and gross revenue retention.
func NRRChart(m *metrics.Metrics, st *format.Style) Chart {
	line := charts.NewLine()
	line.SetGlobalOptions(init0("chart-nrr", 320), axisTip, legendTop, grid, charts.WithYAxisOpts(pctAxis))
	var nrr, grr []opts.LineData
	t := Table{Head: []string{"period", "NRR", "GRR", "revenue now from last period's customers", "their revenue last period"}}
	for _, p := range m.Periods {
		nrr = append(nrr, opts.LineData{Value: rateValue(p.NRR), Name: rateTip(p.NRR, true, st)})
		grr = append(grr, opts.LineData{Value: rateValue(p.GRR), Name: rateTip(p.GRR, true, st)})
		num, den := "", ""
		if p.NRR.Defined {
			num, den = st.Money(p.NRR.Num), st.Money(p.NRR.Den)
		}
		t.Rows = append(t.Rows, []string{p.Display, pct(p.NRR, st), pct(p.GRR, st), num, den})
	}
	line.SetXAxis(periodLabels(m)).AddSeries("net revenue retention", nrr).AddSeries("gross revenue retention", grr)
	return Chart{ID: "chart-nrr", Title: "Net and gross revenue retention", Height: 320, Option: finish(line, nil), Table: t,
		Caption: "Of the revenue last period's customers brought last period, how much they brought this period (NRR), counting no account above its last-period revenue (GRR)."}
}

// maxLabelledColumns is how many periods a heatmap writes its figures in
// its cells for: at 960 pixels, more make cells too narrow for "88.8%".
const maxLabelledColumns = 20

// asList is a JSON array, or nothing.
func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// TimeToSecondChart: the distribution of days from first to second purchase.
func TimeToSecondChart(m *metrics.Metrics, st *format.Style) Chart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0("chart-second", 300), axisTip, grid, charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "accounts"}))
	var labels []string
	var data []opts.BarData
	t := Table{Head: []string{"time to second purchase", "accounts"}}
	for _, b := range m.TimeToSecond.Buckets {
		labels = append(labels, b.Label)
		data = append(data, opts.BarData{Value: b.Count, Name: st.Count(b.Count) + " accounts"})
		t.Rows = append(t.Rows, []string{b.Label, st.Count(b.Count)})
	}
	bar.SetXAxis(labels).AddSeries("accounts", data)
	return Chart{ID: "chart-second", Title: "Time from first to second purchase", Height: 300, Option: finish(bar, nil), Table: t}
}

// ReferralChart: referral rate of new accounts and revenue share of referred accounts.
func ReferralChart(m *metrics.Metrics, st *format.Style) Chart {
	line := charts.NewLine()
	line.SetGlobalOptions(init0("chart-referral", 320), axisTip, legendTop, grid, charts.WithYAxisOpts(pctAxis))
	var rate, share []opts.LineData
	t := Table{Head: []string{"period", "new accounts", "referred", "referral rate", "revenue from referred accounts", "share of revenue"}}
	for _, p := range m.Periods {
		rate = append(rate, opts.LineData{Value: rateValue(p.ReferralRate), Name: rateTip(p.ReferralRate, false, st)})
		share = append(share, opts.LineData{Value: rateValue(p.ReferredShare), Name: rateTip(p.ReferredShare, true, st)})
		t.Rows = append(t.Rows, []string{p.Display, st.Count(p.New), st.Count(p.ReferredNew), pct(p.ReferralRate, st), st.Money(p.ReferredRevenue), pct(p.ReferredShare, st)})
	}
	line.SetXAxis(periodLabels(m)).AddSeries("new accounts that were referred", rate).AddSeries("revenue from referred accounts", share)
	return Chart{ID: "chart-referral", Title: "Referrals: share of new accounts and of revenue", Height: 320, Option: finish(line, nil), Table: t}
}

// TopReferrersChart: the referrers whose referrals brought the most revenue.
func TopReferrersChart(m *metrics.Metrics, n int, st *format.Style) Chart {
	refs := m.Referrers
	if len(refs) > n {
		refs = refs[:n]
	}
	bar := charts.NewBar()
	height := 80 + 26*max(len(refs), 3)
	bar.SetGlobalOptions(init0("chart-referrers", height), itemTip, grid,
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}), // the legend names the values; an axis name here is clipped
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}))
	var names []string
	var data []opts.BarData
	t := Table{Head: []string{"referrer", "customer", "accounts referred", "their revenue"}}
	for _, r := range refs {
		names = append(names, r.Name)
		data = append(data, opts.BarData{Value: metrics.Round(r.ReferredRevenue, 2),
			Name: fmt.Sprintf("%s: %s referred, %s revenue", format.Isolate(r.Name), st.Count(r.Referred), st.Money(r.ReferredRevenue))})
		t.Rows = append(t.Rows, []string{r.Name, yesNo(r.IsCustomer), st.Count(r.Referred), st.Money(r.ReferredRevenue)})
	}
	if len(m.Referrers) > n {
		t.Note = fmt.Sprintf("Top %d of %s referrers; all are in data/referrers.csv.", n, st.Count(len(m.Referrers)))
	}
	bar.SetXAxis(names).AddSeries("revenue of referred accounts", data)
	return Chart{ID: "chart-referrers", Title: "Top referrers", Height: height, Option: finish(bar, func(o map[string]any) {
		// A horizontal bar: the categories go on the y axis.
		if y, ok := o["yAxis"].([]any); ok && len(y) > 0 {
			if ya, ok := y[0].(map[string]any); ok {
				ya["data"] = names
			}
		}
		if x, ok := o["xAxis"].([]any); ok && len(x) > 0 {
			if xa, ok := x[0].(map[string]any); ok {
				delete(xa, "data")
			}
		}
	}), Table: t}
}

// NetworkChart: who referred whom, for the referrers with the most revenue.
func NetworkChart(m *metrics.Metrics, maxReferrers int) Chart {
	top := map[string]bool{}
	for i, r := range m.Referrers {
		if i == maxReferrers {
			break
		}
		top[r.Name] = true
	}
	type edge struct{ from, to string }
	var edges []edge
	const maxPerReferrer = 12 // the size of the chart does not grow with the data
	shown := map[string]int{}
	for _, a := range m.Accounts { // largest referred accounts first
		if a.Referred && a.ReferredBy != "" && top[a.ReferredBy] && shown[a.ReferredBy] < maxPerReferrer {
			shown[a.ReferredBy]++
			edges = append(edges, edge{a.ReferredBy, a.Name})
		}
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].from != edges[j].from {
			return edges[i].from < edges[j].from
		}
		return edges[i].to < edges[j].to
	})
	// A fixed layout computed here: referrers on a circle, the accounts
	// each referred in a small ring around it. No force simulation: the
	// picture is the same on every build and in print.
	var referrers []string
	children := map[string][]string{}
	for _, e := range edges {
		if len(children[e.from]) == 0 {
			referrers = append(referrers, e.from)
		}
		children[e.from] = append(children[e.from], e.to)
	}
	index := map[string]int{}
	var nodes []opts.GraphNode
	const cx, cy, big, small = 500.0, 500.0, 260.0, 46.0
	place := func(name string, x, y float64, referrer bool) {
		if i, ok := index[name]; ok {
			if referrer { // referred by someone, and a referrer too
				nodes[i].Category, nodes[i].SymbolSize = 0, 16
				nodes[i].X, nodes[i].Y = float32(x), float32(y)
			}
			return
		}
		index[name] = len(nodes)
		n := opts.GraphNode{Name: name, Category: 1, SymbolSize: 9, X: float32(x), Y: float32(y)}
		if referrer {
			n.Category, n.SymbolSize = 0, 16
		}
		nodes = append(nodes, n)
	}
	for i, r := range referrers {
		a := 2 * math.Pi * float64(i) / float64(len(referrers))
		x, y := cx+big*math.Cos(a), cy+big*math.Sin(a)
		place(r, x, y, true)
		kids := children[r]
		for j, k := range kids {
			b := a + math.Pi*(float64(j)+0.5)/float64(len(kids)) - math.Pi/2
			place(k, x+small*math.Cos(b), y+small*math.Sin(b), false)
		}
	}
	var links []opts.GraphLink
	t := Table{Head: []string{"referrer", "referred account"}}
	for _, e := range edges {
		links = append(links, opts.GraphLink{Source: e.from, Target: e.to})
		t.Rows = append(t.Rows, []string{e.from, e.to})
	}
	t.Note = fmt.Sprintf("Up to %d referred accounts (the largest) for each of the top %d referrers by revenue; every referred account is in data/accounts.csv.", maxPerReferrer, maxReferrers)
	g := charts.NewGraph()
	g.SetGlobalOptions(init0("chart-network", 480), itemTip, legendTop)
	g.AddSeries("referrals", nodes, links, charts.WithGraphChartOpts(opts.GraphChart{
		Layout: "none", Roam: opts.Bool(true), EdgeSymbol: []string{"none", "arrow"}, EdgeSymbolSize: 5,
		Categories: []*opts.GraphCategory{{Name: "referrer"}, {Name: "referred account"}},
		LineStyle:  &opts.LineStyle{Color: "#8d99ae", Width: 1, Opacity: opts.Float(0.8)},
	}))
	// A node's name is in its tooltip: no label on hover as well, which
	// ECharts would build for every node of every drawing.
	noHoverLabels := func(o map[string]any) {
		for _, s := range asList(o["series"]) {
			if m, ok := s.(map[string]any); ok {
				m["emphasis"] = map[string]any{"label": map[string]any{"show": false}}
			}
		}
	}
	return Chart{ID: "chart-network", Title: "Referral network: who brought whom", Height: 460, Option: finish(g, noHoverLabels), Table: t}
}

// ApproachChart: approach groups compared on repeat rate and retention
// (bars, left) and revenue per account after the first purchase (right).
func ApproachChart(m *metrics.Metrics, st *format.Style) Chart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0("chart-approach", 340), axisTip, legendTop, grid, charts.WithYAxisOpts(pctAxis))
	bar.ExtendYAxis(opts.YAxis{Type: "value", Name: "revenue per account"})
	var names []string
	var rep, ret []opts.BarData
	var rev []opts.LineData
	t := Table{Head: []string{"group", "accounts", "median first discount", "repeat rate", "retention", "revenue per account after first purchase", "referrals given", "win rate"}}
	sizes := make([]int, len(m.Approaches))
	for i, g := range m.Approaches {
		sizes[i] = g.Accounts
	}
	shown := largest(maxChartGroups, sizes)
	for _, i := range shown {
		g := m.Approaches[i]
		name := g.Name
		if g.TooSmall {
			name += " (few)"
		}
		names = append(names, name)
		rep = append(rep, opts.BarData{Value: rateValue(g.RepeatRate), Name: rateTip(g.RepeatRate, false, st)})
		ret = append(ret, opts.BarData{Value: rateValue(g.Retention), Name: rateTip(g.Retention, false, st)})
		v, _ := g.RevenuePerAccount.Value()
		rev = append(rev, opts.LineData{Value: metrics.Round(v, 2), Name: fmt.Sprintf("%s (%s / %s accounts)", st.Money(v), st.Money(g.RevenuePerAccount.Num), st.Count(g.Accounts))})
		disc := "n/a"
		if g.HasMedianDiscount {
			disc = strconv.FormatFloat(g.MedianDiscount*100, 'f', 1, 64) + "%"
		}
		t.Rows = append(t.Rows, []string{name, st.Count(g.Accounts), disc, pct(g.RepeatRate, st), pct(g.Retention, st), st.Money(v), st.Count(g.ReferralsGiven), pct(g.WinRate, st)})
	}
	t.Note = groupsNote(len(shown), len(m.Approaches), "data/approach.csv", st)
	bar.SetXAxis(names).AddSeries("repeat customer rate", rep).AddSeries("retention", ret)
	line := charts.NewLine()
	line.AddSeries("revenue per account after the first purchase", rev, charts.WithLineChartOpts(opts.LineChart{YAxisIndex: 1}))
	bar.Overlap(line)
	return Chart{ID: "chart-approach", Title: "Negotiation approach of the first deal and what followed", Height: 340, Option: finish(bar, nil), Table: t,
		Caption: "Groups marked (few) have fewer than 10 accounts: too few to compare."}
}

// ParetoChart: cumulative share of revenue by share of customers, largest first.
func ParetoChart(m *metrics.Metrics, st *format.Style) Chart {
	var revs []float64
	for _, a := range m.Accounts {
		if a.PurchaseDates > 0 {
			revs = append(revs, a.Revenue)
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(init0("chart-pareto", 320), axisTip, grid,
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "% of revenue", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}))
	var labels []string
	var data []opts.LineData
	t := Table{Head: []string{"largest customers", "accounts", "share of revenue"}}
	total := m.Revenue
	cum, j := 0.0, 0
	for step := 0; step <= 100; step += 5 {
		n := (len(revs)*step + 99) / 100
		for ; j < n; j++ {
			cum += revs[j]
		}
		share := metrics.Rate{Num: cum, Den: total, Defined: total > 0}
		labels = append(labels, strconv.Itoa(step)+"%")
		data = append(data, opts.LineData{Value: rateValue(share), Name: fmt.Sprintf("top %d%% (%s accounts): %s", step, st.Count(n), rateTip(share, true, st))})
		if step%10 == 0 && step > 0 {
			t.Rows = append(t.Rows, []string{strconv.Itoa(step) + "%", st.Count(n), pct(share, st)})
		}
	}
	line.SetXAxis(labels).AddSeries("cumulative share of revenue", data)
	return Chart{ID: "chart-pareto", Title: "Revenue concentration", Height: 320, Option: finish(line, nil), Table: t,
		Caption: "Customers from the largest to the smallest: the share of revenue brought by the largest 5%, 10%, … of them."}
}

// StatusChart: accounts by status at the as-of date.
func StatusChart(m *metrics.Metrics, st *format.Style) Chart {
	var data []opts.PieData
	t := Table{Head: []string{"status", "accounts", "lifetime revenue"}}
	for _, s := range metrics.CustomerStatuses {
		c := m.ByStatus[s]
		data = append(data, opts.PieData{Name: s.String(), Value: c.Accounts})
		t.Rows = append(t.Rows, []string{s.String(), st.Count(c.Accounts), st.Money(c.Revenue)})
	}
	pie := charts.NewPie()
	pie.SetGlobalOptions(init0("chart-status", 300), itemTip, legendTop)
	pie.AddSeries("customers", data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"45%", "70%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {c} ({d}%)"}))
	return Chart{ID: "chart-status", Title: "Customers by status at " + m.AsOf.String(), Height: 300, Option: finish(pie, nil), Table: t,
		Caption: "Status at the as-of date. Current: bought in the last period and not overdue. Lapsing: not in the last period, or overdue against its own rhythm (1.5 × its median gap). Lapsed: nothing in two periods."}
}

// WinRateChart: win rate by lead source or by owner.
func WinRateChart(id, title, what string, groups []metrics.Group, n int, st *format.Style) Chart {
	if len(groups) > n {
		groups = groups[:n]
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0(id, 300), axisTip, grid, charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "win rate", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%"}}))
	var names []string
	var data []opts.BarData
	t := Table{Head: []string{what, "won", "lost", "win rate"}}
	for _, g := range groups {
		names = append(names, g.Name)
		data = append(data, opts.BarData{Value: rateValue(g.WinRate), Name: rateTip(g.WinRate, false, st)})
		t.Rows = append(t.Rows, []string{g.Name, st.Count(g.Won), st.Count(g.Lost), pct(g.WinRate, st)})
	}
	bar.SetXAxis(names).AddSeries("win rate", data)
	return Chart{ID: id, Title: title, Height: 300, Option: finish(bar, nil), Table: t}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
