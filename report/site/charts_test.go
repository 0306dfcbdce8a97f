package site

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/templates"
)

// globalOptions are the top-level chart options that are settings of the
// whole chart, not components (finish sets them).
var globalOptions = []string{"animation", "color", "textStyle", "useUTC"}

// TestChartsUseOnlyTheVendoredBuild checks every chart the pages of the
// sample report show (with a holdout, so that the forecast's charts are
// there too) against the vendored ECharts build, which holds only some
// chart types and components (templates/vendor/echarts/build/entry.js):
// ECharts draws a chart without a component it was not built with and
// says nothing, so a chart that names one must fail here.
func TestChartsUseOnlyTheVendoredBuild(t *testing.T) {
	res, err := ingest.Read(context.Background(), []string{filepath.Join("..", "..", "sample-data", "deals.xlsx")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.Compute(&res.History, metrics.Options{})
	holdout, _ := ingest.DateOf(2025, time.January, 1)
	f := forecast.FitModels(&res.History, m.AsOf, forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount, Holdout: true, HoldoutFrom: holdout}).Predict(m)
	charts := sectionsView(Report{Res: res, M: m, F: f, Style: testStyle}).charts

	ech, err := templates.ECharts()
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	if _, err := vm.RunString("var self = this, global = this;"); err != nil {
		t.Fatal(err)
	}
	if _, err := vm.RunString(string(ech)); err != nil {
		t.Fatal(err)
	}
	// ECharts' registry of component classes: hasClass(main type), and
	// getClass(main type, sub type) for a series type.
	registry := vm.Get("echarts").ToObject(vm).Get("ComponentModel").ToObject(vm)
	call := func(method string, args ...any) goja.Value {
		f, ok := goja.AssertFunction(registry.Get(method))
		if !ok {
			t.Fatalf("echarts.ComponentModel.%s is not a function", method)
		}
		vals := make([]goja.Value, len(args))
		for i, a := range args {
			vals[i] = vm.ToValue(a)
		}
		v, err := f(registry, vals...)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	has := func(component string) bool { return call("hasClass", component).ToBoolean() }
	hasSeries := func(typ string) bool { return !goja.IsUndefined(call("getClass", "series", typ)) }
	// The check itself: what the build leaves out is not there.
	if !has("legend") || !hasSeries("bar") || has("toolbox") || has("dataZoom") || hasSeries("scatter") {
		t.Fatal("the registry does not tell the build's components from others")
	}

	types := map[string]bool{}
	for id, c := range charts {
		var o map[string]json.RawMessage
		if err := json.Unmarshal([]byte(c.Option), &o); err != nil {
			t.Fatalf("chart %s: %v", id, err)
		}
		for k := range o {
			if !slices.Contains(globalOptions, k) && !has(k) {
				t.Errorf("chart %s names %q, which the vendored ECharts build leaves out (add it to templates/vendor/echarts/build/entry.js and run update.sh)", id, k)
			}
		}
		var series []struct{ Type string }
		if err := json.Unmarshal(o["series"], &series); err != nil {
			t.Fatalf("chart %s: series: %v", id, err)
		}
		for _, s := range series {
			types[s.Type] = true
			if !hasSeries(s.Type) {
				t.Errorf("chart %s has a %q series, which the vendored ECharts build leaves out", id, s.Type)
			}
		}
	}
	// The sample report must show every kind of chart the build is for,
	// or this test checks less than it says.
	for _, want := range []string{"bar", "line", "pie", "heatmap", "graph"} {
		if !types[want] {
			t.Errorf("no %s chart in the sample report (charts: %d)", want, len(charts))
		}
	}
}
