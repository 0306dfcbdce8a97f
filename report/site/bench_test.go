package site

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/templates"
)

// BenchmarkRender renders every page, report.html and the data tables of
// the sample history.
func BenchmarkRender(b *testing.B) {
	res, err := ingest.Read(context.Background(), []string{filepath.Join("..", "..", "sample-data", "deals.xlsx")}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m := metrics.Compute(&res.History, metrics.Options{})
	f := forecast.FitModels(&res.History, m.AsOf, forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}).Predict(m)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		text, err := narrative.Write(m, f, testStyle, templates.Builtin())
		if err != nil {
			b.Fatal(err)
		}
		files, err := Pages(Report{Res: res, M: m, F: f, Text: text, Templates: templates.Builtin(), Version: "bench", Style: testStyle})
		if err != nil {
			b.Fatal(err)
		}
		files["data/accounts.csv"] = AccountsCSV(m, f)
		files["data/periods.csv"] = PeriodsCSV(m)
		if _, err := MetricsJSON(m, Meta{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDrawCharts draws every chart of the sample report to static SVG
// (the ECharts program is compiled once per process, before the timer).
func BenchmarkDrawCharts(b *testing.B) {
	res, err := ingest.Read(context.Background(), []string{filepath.Join("..", "..", "sample-data", "deals.xlsx")}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m := metrics.Compute(&res.History, metrics.Options{})
	f := forecast.FitModels(&res.History, m.AsOf, forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}).Predict(m)
	if _, err := NewCharts(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		d := sectionsView(Report{Res: res, M: m, F: f, Style: testStyle})
		charts, err := NewCharts() // new runtimes each time, as in a build
		if err != nil {
			b.Fatal(err)
		}
		if _, err := draw(charts, d.charts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmailPictures draws the sample email's charts as PNG (twice
// their displayed width, encoded) from their SVG, with the fonts parsed
// each time as a build does: go test ./report/site -bench EmailPictures.
func BenchmarkEmailPictures(b *testing.B) {
	res, err := ingest.Read(context.Background(), []string{filepath.Join("..", "..", "sample-data", "deals.xlsx")}, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m := metrics.Compute(&res.History, metrics.Options{})
	d := sectionsView(Report{Res: res, M: m, Style: testStyle})
	charts, err := NewCharts()
	if err != nil {
		b.Fatal(err)
	}
	dr, err := draw(charts, d.charts)
	if err != nil {
		b.Fatal(err)
	}
	e := newEmail(d, doc{}, dr, EmailOptions{})
	b.ResetTimer()
	for b.Loop() {
		fonts, err := chartFonts()
		if err != nil {
			b.Fatal(err)
		}
		if err := drawEmailCharts(fonts, e.Charts); err != nil {
			b.Fatal(err)
		}
	}
}
