package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
)

// hostileBuild builds the sample's CSV with extra rows appended and
// returns the report folder.
func hostileBuild(t *testing.T, extra string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "sample-data", "deals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return buildCSV(t, string(b)+extra)
}

// buildCSV builds a report of one CSV file and returns the report folder.
func buildCSV(t *testing.T, csv string) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "deals.csv")
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	cfg := Config{Inputs: []string{in}, Out: out, Forecast: forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return out
}

// A lead source with a vertical tab and a referrer ending in a
// right-to-left override (each stopped or garbled the build) are read
// without them: the report is written and no output holds either.
func TestControlCharactersInLabels(t *testing.T) {
	head, _ := os.ReadFile(filepath.Join("..", "sample-data", "deals.csv"))
	cols := strings.Split(strings.SplitN(string(head), "\n", 2)[0], ",")
	row := func(vals map[string]string) string {
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = `"` + vals[strings.TrimSpace(c)] + `"`
		}
		return strings.Join(cells, ",") + "\n"
	}
	extra := row(map[string]string{"Account Name": "Zeta Labs", "Close Date": "2025-03-01", "Amount": "5000", "Stage": "Closed Won", "Lead Source": "Web\x0bsite", "Referred By": "Crescent Freight Co\u202e"}) +
		row(map[string]string{"Account Name": "Zeta Labs", "Close Date": "2025-06-01", "Amount": "5000", "Stage": "Closed Won", "Lead Source": "Web\x0bsite"})
	out := hostileBuild(t, extra)
	for name, text := range outputTexts(t, out) {
		if strings.ContainsAny(string(text), "\x0b\u202e") {
			t.Errorf("%s holds a control or direction character", name)
		}
	}
}
