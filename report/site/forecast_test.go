package site

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
)

// A skipped forecast says so in forecast.json, with no model in it.
func TestForecastJSONSkipped(t *testing.T) {
	b, err := ForecastJSON(&forecast.Result{Skipped: "only 4 accounts have purchases", End: 19000, MonthlyDiscount: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	var j map[string]any
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	if j["status"] != "skipped" || j["reason"] != "only 4 accounts have purchases" || j["bg_nbd"] != nil || j["expected_revenue_12m"] != nil {
		t.Errorf("forecast.json:\n%s", b)
	}
}

// A fit that failed is recorded with its reason; NaN never reaches JSON.
func TestForecastJSONFailedFit(t *testing.T) {
	f := &forecast.Result{Skipped: "the purchase model could not be fitted: flat", Accounts: 60, RepeatBuyers: 25,
		BGFit: forecast.Fit{Reason: "flat", LogLik: math.NaN(), Params: []float64{1, 2, 3, 4}}}
	b, err := ForecastJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"reason": "flat"`) || !strings.Contains(string(b), `"converged": false`) {
		t.Errorf("forecast.json:\n%s", b)
	}
}

// The holdout table adds an "all" row that sums the groups.
func TestHoldoutChartTable(t *testing.T) {
	h := &forecast.Holdout{From: 19000, To: 19272, Weeks: 39, Actual: 7, Predicted: 6.5,
		Groups: []forecast.HoldoutGroup{{Label: "0", Accounts: 4, Actual: 2, Predicted: 1.5}, {Label: "1+", Accounts: 1, Actual: 5, Predicted: 5}}}
	c := HoldoutChart(h, testStyle)
	last := c.Table.Rows[len(c.Table.Rows)-1]
	if strings.Join(last, "|") != "all|5|7|6.5|1.40|1.30" {
		t.Errorf("all row %v", last)
	}
}
