package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMonthlyHeatmapsDrawAtOnce opens retention.html of a monthly report
// (84 periods, 3,570 cells a heatmap), scripts on: by the first frames
// after loading, each live heatmap has drawn every cell (ECharts would
// otherwise draw a heatmap of more than 3,000 cells a few hundred per
// frame). How long the page took is logged, not asserted.
func TestMonthlyHeatmapsDrawAtOnce(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--period", "month", "../../sample-data/deals.xlsx")
	b, err := os.ReadFile(filepath.Join(out, "data", "cohorts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cells := strings.Count(string(b), "\n") - 1 // a row per cohort and period
	browser := startBrowser(t, chrome, dir)
	ctx := newTab(t, browser)
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, "retention.html"))); err != nil {
		t.Fatal(err)
	}
	drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>
		r(['chart-cohort-logo', 'chart-cohort-revenue'].map(id => document.querySelectorAll('#' + id + ' svg path').length)))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("retention.html of %d cohort cells opened and drawn in %v", cells, time.Since(start).Round(time.Millisecond))
	for i, n := range drawn {
		if n < cells {
			t.Errorf("heatmap %d has %d shapes drawn, fewer than its %d cells", i+1, n, cells)
		}
	}
}
