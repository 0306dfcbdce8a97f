package site

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/dealaudit/dealaudit/report/format"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/dealaudit/dealaudit/report/forecast"
)

// topAtRisk is how many at-risk accounts the forecast page lists; all are
// flagged in data/accounts.csv.
const topAtRisk = 25

// forecastCharts returns the forecast page's charts; none when there is no
// forecast or no spend model.
func forecastCharts(f *forecast.Result, st *format.Style) []Chart {
	if f == nil || f.Skipped != "" {
		return nil
	}
	var out []Chart
	// A grouping is worth a chart when the data has it: two groups or more.
	if f.SpendSkipped == "" && len(f.BySegment) > 1 {
		out = append(out, ForecastGroupChart("chart-forecast-segment", "Expected revenue in the next 12 months by segment", "segment", f.BySegment, st))
	}
	if f.SpendSkipped == "" && len(f.ByApproach) > 1 {
		out = append(out, ForecastGroupChart("chart-forecast-approach", "Expected revenue in the next 12 months by approach of the first deal", "approach", f.ByApproach, st))
	}
	if f.Holdout != nil {
		out = append(out, HoldoutChart(f.Holdout, st))
	}
	return out
}

// ForecastGroupChart: expected revenue of existing relationships by group.
func ForecastGroupChart(id, title, what string, groups []forecast.Group, st *format.Style) Chart {
	all := len(groups)
	groups = groups[:min(all, maxChartGroups)] // largest first
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0(id, 300), axisTip, grid, charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "expected revenue"}))
	var names []string
	var data []opts.BarData
	t := Table{Head: []string{what, "accounts", "expected revenue, next 12 months"}}
	for _, g := range groups {
		names = append(names, g.Name)
		data = append(data, opts.BarData{Value: math.Round(g.Revenue), Name: fmt.Sprintf("%s accounts: %s", st.Count(g.Accounts), st.Money(g.Revenue))})
		t.Rows = append(t.Rows, []string{g.Name, st.Count(g.Accounts), st.Money(g.Revenue)})
	}
	t.Note = groupsNote(len(groups), all, "data/accounts.csv", st)
	bar.SetXAxis(names).AddSeries("expected revenue", data)
	return Chart{ID: id, Title: title, Height: 300, Option: finish(bar, nil), Table: t,
		Caption: "Each account's expected purchases in the next 12 months times its expected value per purchase, not discounted; accounts grouped by " + groupedBy[what] + "."}
}

// HoldoutChart: repeat purchases predicted and made after the calibration,
// by how many repeat purchases the accounts had made before.
func HoldoutChart(h *forecast.Holdout, st *format.Style) Chart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(init0("chart-holdout", 320), axisTip, legendTop, grid,
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "repeat purchases in the holdout"}))
	var names []string
	var act, pred []opts.BarData
	t := Table{Head: []string{"repeat purchases before", "accounts", "made after", "predicted", "made per account", "predicted per account"}}
	per := func(v float64, n int) string {
		if n == 0 {
			return "n/a"
		}
		return strconv.FormatFloat(v/float64(n), 'f', 2, 64)
	}
	for _, g := range h.Groups {
		names = append(names, g.Label)
		act = append(act, opts.BarData{Value: g.Actual, Name: fmt.Sprintf("%s accounts made %s", st.Count(g.Accounts), st.Count(g.Actual))})
		pred = append(pred, opts.BarData{Value: math.Round(g.Predicted*10) / 10, Name: fmt.Sprintf("%s accounts, %s predicted", st.Count(g.Accounts), st.Num(g.Predicted))})
		t.Rows = append(t.Rows, []string{g.Label, st.Count(g.Accounts), st.Count(g.Actual), st.Num(g.Predicted),
			per(float64(g.Actual), g.Accounts), per(g.Predicted, g.Accounts)})
	}
	n := 0
	for _, g := range h.Groups {
		n += g.Accounts
	}
	t.Rows = append(t.Rows, []string{"all", st.Count(n), st.Count(h.Actual), st.Num(h.Predicted), per(float64(h.Actual), n), per(h.Predicted, n)})
	bar.SetXAxis(names).AddSeries("made", act).AddSeries("predicted", pred)
	return Chart{ID: "chart-holdout", Title: fmt.Sprintf("Holdout %s to %s: repeat purchases made and predicted", h.From, h.To), Height: 320, Option: finish(bar, nil), Table: t,
		Caption: "Accounts grouped by their repeat purchases before the holdout (0, 1, … 7 or more); the model saw only those purchases."}
}

func atRiskTable(f *forecast.Result, st *format.Style) Table {
	return forecastList(f.AtRisk, "with most at stake", "accounts at risk", "at_risk", st)
}

// winBackTable lists the valuable relationships that have likely ended.
func winBackTable(f *forecast.Result, st *format.Style) Table {
	return forecastList(f.WinBack, "largest", "accounts to win back", "win_back", st)
}

// forecastList is a table of forecast accounts, the first topAtRisk.
func forecastList(rows []forecast.Account, first, what, column string, st *format.Style) Table {
	t := Table{Head: []string{"account", "P(alive)", "repeat purchases", "last purchase", "lifetime revenue", "expected value per purchase", "value at stake, 12 months"}}
	for i, a := range rows {
		if i == topAtRisk {
			break
		}
		t.Rows = append(t.Rows, []string{a.Name, strconv.FormatFloat(a.PAlive, 'f', 2, 64), st.Count(int(a.RFM.X)), a.Last.String(),
			st.Money(a.Revenue), moneyOrNA(a.ValuePerPurchase, st), moneyOrNA(a.ValueAtStake, st)})
	}
	if len(rows) > topAtRisk {
		t.Note = fmt.Sprintf("The %d %s of %s %s; all are flagged in data/accounts.csv (%s).", topAtRisk, first, st.Count(len(rows)), what, column)
	}
	return t
}

func moneyOrNA(v float64, st *format.Style) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return st.Money(v)
}

// groupedBy says what each forecast group chart groups accounts by.
var groupedBy = map[string]string{"segment": "their latest segment", "approach": "the approach of their first deal"}

// forecastCols are the forecast's columns of accounts.csv, after the
// metrics' columns; empty for accounts without a forecast.
var forecastCols = []string{"p_alive", "expected_purchases_12m", "expected_value_per_purchase", "clv_12m", "at_risk", "win_back"}

// forecastCells writes the forecast's cells of an account (empty when it
// has no forecast, or a value is not defined).
func forecastCells(r *csvRow, a *forecast.Account) {
	if a == nil {
		for range forecastCols {
			r.text("")
		}
		return
	}
	for _, v := range []float64{a.PAlive, a.Purchases12m} {
		if math.IsNaN(v) {
			r.text("")
		} else {
			r.decimal(v, 4)
		}
	}
	for _, v := range []float64{a.ValuePerPurchase, a.CLV12m} {
		if math.IsNaN(v) {
			r.text("")
		} else {
			r.money(v)
		}
	}
	r.boolean(a.AtRisk)
	r.boolean(a.WinBack)
}

// jsonFit is a fitted model in forecast.json.
type jsonFit struct {
	Model       string             `json:"model"`
	Parameters  map[string]float64 `json:"parameters"`
	LogSE       map[string]float64 `json:"log_parameter_standard_errors,omitempty"`
	LogLik      float64            `json:"log_likelihood"`
	Accounts    int                `json:"accounts"`
	Convergence struct {
		Converged   bool    `json:"converged"`
		Reason      string  `json:"reason,omitempty"`
		Starts      int     `json:"starts"`
		Agreeing    int     `json:"starts_reaching_the_optimum"`
		Evaluations int     `json:"likelihood_evaluations"`
		MaxGradient float64 `json:"max_gradient"`
	} `json:"convergence"`
}

func fitJSON(model string, names []string, f forecast.Fit, accounts int) *jsonFit {
	j := &jsonFit{Model: model, Parameters: map[string]float64{}, LogLik: round(f.LogLik, 4), Accounts: accounts}
	for i, n := range names {
		if i < len(f.Params) {
			j.Parameters[n] = round(f.Params[i], 6)
		}
		if i < len(f.LogSE) {
			if j.LogSE == nil {
				j.LogSE = map[string]float64{}
			}
			j.LogSE[n] = round(f.LogSE[i], 6)
		}
	}
	c := &j.Convergence
	c.Converged, c.Reason, c.Starts, c.Agreeing, c.Evaluations = f.Converged, f.Reason, f.Starts, f.Agreeing, f.Evals
	c.MaxGradient = round(f.Gradient, 9)
	return j
}

// round keeps JSON free of NaN (which encoding/json refuses) and of
// meaningless digits.
func round(v float64, digits int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

// jsonForecast is data/forecast.json.
type jsonForecast struct {
	Status      string `json:"status"`
	Reason      string `json:"reason,omitempty"`
	TimeUnit    string `json:"time_unit"`
	Calibration struct {
		From         string `json:"from,omitempty"`
		To           string `json:"to"`
		Accounts     int    `json:"accounts"`
		RepeatBuyers int    `json:"repeat_buyers"`
	} `json:"calibration"`
	Options struct {
		HorizonWeeks    float64 `json:"horizon_weeks"`
		MonthlyDiscount float64 `json:"monthly_discount_rate"`
		AtRiskPAlive    float64 `json:"at_risk_below_p_alive"`
		AtRiskLow       float64 `json:"at_risk_from_p_alive"`
		AtRiskRule      string  `json:"at_risk_accounts"`
		WinBackRule     string  `json:"win_back_accounts"`
	} `json:"options"`
	BGNBD        *jsonFit     `json:"bg_nbd,omitempty"`
	GammaGamma   *jsonFit     `json:"gamma_gamma,omitempty"`
	SpendSkipped string       `json:"gamma_gamma_skipped,omitempty"`
	FreqValueCor *float64     `json:"frequency_value_correlation,omitempty"`
	Expected     *float64     `json:"expected_revenue_12m,omitempty"`
	ExpectedLow  *float64     `json:"expected_revenue_12m_low,omitempty"`
	ExpectedHigh *float64     `json:"expected_revenue_12m_high,omitempty"`
	AtRisk       int          `json:"accounts_at_risk"`
	WinBack      int          `json:"accounts_to_win_back"`
	Holdout      *jsonHoldout `json:"holdout,omitempty"`
	SelfCheck    bool         `json:"holdout_is_self_check"`
	NoHoldout    string       `json:"holdout_skipped,omitempty"`
}

type jsonHoldout struct {
	From      string             `json:"from"`
	To        string             `json:"to"`
	Weeks     float64            `json:"weeks"`
	Actual    int                `json:"actual_repeat_purchases"`
	Predicted float64            `json:"predicted_repeat_purchases"`
	Groups    []jsonHoldoutGroup `json:"by_frequency"`
}

type jsonHoldoutGroup struct {
	Group     string  `json:"repeat_purchases_before"`
	Accounts  int     `json:"accounts"`
	Actual    int     `json:"actual"`
	Predicted float64 `json:"predicted"`
}

// ForecastJSON renders data/forecast.json.
func ForecastJSON(f *forecast.Result) ([]byte, error) {
	j := jsonForecast{Status: "fitted", TimeUnit: "week"}
	if f.Skipped != "" {
		j.Status, j.Reason = "skipped", f.Skipped
	}
	if f.Accounts > 0 {
		j.Calibration.From = f.First.String()
	}
	j.Calibration.To = f.End.String()
	j.Calibration.Accounts, j.Calibration.RepeatBuyers = f.Accounts, f.RepeatBuyers
	j.Options.HorizonWeeks = round(forecast.HorizonWeeks, 4)
	j.Options.MonthlyDiscount = f.MonthlyDiscount
	j.Options.AtRiskPAlive = forecast.AtRiskPAlive
	j.Options.AtRiskLow = forecast.AtRiskLow
	j.Options.AtRiskRule = fmt.Sprintf("P(alive) from %g to under %g, with repeat purchases, the last within %d times the account's mean time between purchases", forecast.AtRiskLow, forecast.AtRiskPAlive, forecast.RhythmFactor)
	j.Options.WinBackRule = "not at risk, P(alive) under 0.5, lifetime revenue in the top fifth of accounts"
	if f.BGFit.Params != nil || f.BGFit.Reason != "" {
		j.BGNBD = fitJSON("BG/NBD", []string{"r", "alpha", "a", "b"}, f.BGFit, f.Accounts)
	}
	if f.GGFit.Params != nil || f.GGFit.Reason != "" {
		j.GammaGamma = fitJSON("Gamma-Gamma", []string{"p", "q", "gamma"}, f.GGFit, f.SpendBuyers)
	}
	if f.Skipped == "" {
		j.predictions(f)
	}
	j.NoHoldout = f.HoldoutSkipped
	if h := f.Holdout; h != nil {
		j.Holdout = &jsonHoldout{From: h.From.String(), To: h.To.String(), Weeks: round(h.Weeks, 4), Actual: h.Actual, Predicted: round(h.Predicted, 4)}
		for _, g := range h.Groups {
			j.Holdout.Groups = append(j.Holdout.Groups, jsonHoldoutGroup{g.Label, g.Accounts, g.Actual, round(g.Predicted, 4)})
		}
	}
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("forecast.json: %w", err)
	}
	return append(b, '\n'), nil
}

// predictions fills in what a fitted forecast predicts in total.
func (j *jsonForecast) predictions(f *forecast.Result) {
	j.SpendSkipped = f.SpendSkipped
	j.AtRisk, j.WinBack = len(f.AtRisk), len(f.WinBack)
	j.SelfCheck = f.SelfCheck
	if !math.IsNaN(f.FreqValueCor) && f.SpendBuyers > 0 {
		c := round(f.FreqValueCor, 4)
		j.FreqValueCor = &c
	}
	if f.SpendSkipped == "" {
		e := round(f.ExpectedRevenue, 2)
		j.Expected = &e
	}
	if f.HasInterval {
		lo, hi := round(f.ExpectedLow, 2), round(f.ExpectedHigh, 2)
		j.ExpectedLow, j.ExpectedHigh = &lo, &hi
	}
}
