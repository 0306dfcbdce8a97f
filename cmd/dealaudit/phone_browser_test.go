package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPhoneWidth opens every page at 390 pixels wide (a phone), scripts
// on: nothing may stick out of the screen except inside a box that
// scrolls sideways (wide tables, charts), and no chart may be under 160
// pixels tall. Screenshots of the summary, retention and forecast pages
// are saved as artifacts.
func TestPhoneWidth(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--notes", "../../sample-data/notes.md", "--holdout-from", "2025-01-01", "../../sample-data/deals.xlsx")
	browser := startBrowser(t, chrome, dir)
	for _, page := range []string{"index.html", "retention.html", "revenue.html", "referrals.html", "approach.html", "accounts.html", "forecast.html", "quality.html", "notes.html", "report.html"} {
		t.Run(page, func(t *testing.T) {
			ctx := newTab(t, browser)
			err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
				chromedp.Navigate("file://"+out+"/"+page), chromedp.WaitReady("body"), chromedp.Sleep(300*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			type state struct {
				Scroll    float64  `json:"scroll"`
				Inner     float64  `json:"inner"`
				Sticking  []string `json:"sticking"`
				LowCharts []string `json:"low"`
				Charts    int      `json:"charts"`
			}
			st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
				var inner = window.innerWidth, s = {scroll: document.documentElement.scrollWidth, inner: inner, sticking: [], low: [], charts: 0};
				function scrolls(el) {
					for (var p = el.parentElement; p; p = p.parentElement) {
						var o = getComputedStyle(p).overflowX;
						if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
					}
					return false;
				}
				document.querySelectorAll('body *').forEach(function (el) {
					var r = el.getBoundingClientRect();
					if (r.width > 0 && (r.right > inner + 1 || r.left < -1) && !scrolls(el) && s.sticking.length < 10) {
						s.sticking.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
					}
				});
				document.querySelectorAll('.chart').forEach(function (el) {
					s.charts++;
					var h = el.getBoundingClientRect().height;
					if (h < 160) s.low.push(el.id + ' ' + Math.round(h) + ' px');
				});
				return s;
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if st.Scroll > st.Inner {
				t.Errorf("the page is %.0f px wide on a %.0f px screen", st.Scroll, st.Inner)
			}
			for _, e := range st.Sticking {
				t.Errorf("sticks out of the screen: %s", e)
			}
			for _, c := range st.LowCharts {
				t.Errorf("chart under 160 px tall: %s", c)
			}
			if page == "index.html" || page == "retention.html" || page == "forecast.html" {
				shot, png := screenshot(t, ctx, dir, fmt.Sprintf("phone-%s.jpg", page[:len(page)-5]), 75)
				t.Logf("%d charts; screenshot %s (%d KB)", st.Charts, shot, len(png)>>10)
			}
		})
	}
}
