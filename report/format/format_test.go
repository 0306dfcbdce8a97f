package format

import (
	"testing"

	"github.com/dealaudit/dealaudit/report/metrics"
)

func TestFormats(t *testing.T) {
	r := func(n, d float64) metrics.Rate { return metrics.Rate{Num: n, Den: d, Defined: d > 0} }
	for _, tt := range []struct{ got, want string }{
		{Points(metrics.PointsBetween(r(50, 100), r(53.2, 100))), "up 3.2 points"},
		{Points(metrics.PointsBetween(r(50, 100), r(49.6, 100))), "down 0.4 points"},
		{Points(metrics.PointsBetween(r(50, 100), r(50.04, 100))), "unchanged"},
		{Points(metrics.PointsBetween(r(1, 0), r(1, 2))), ""},
		{Pct(r(1, 3)), "33.3%"},
		{Pct(r(1, 0)), "n/a"},
		{Money(1234567.891), "1,234,568"},
		{Money(12.5), "12.50"},
		{Money(0), "0"},
		{Money(40), "40"},
		{Money(-250.4), "-250"},
		{Count(-1234), "-1,234"},
		{Count(999), "999"},
		{Parts(r(80, 109)), "80 of 109"},
		{Num(0.24312), "0.243"},
		{Num(1226.4), "1,226"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
