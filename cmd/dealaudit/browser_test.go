package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestReportInBrowser opens report.html and every page of the site in
// headless Chromium with the network off, and checks that every chart
// container holds a drawn SVG, that no script error reaches the console and
// that no request leaves the report folder. A screenshot of report.html is
// saved in $DEALAUDIT_ARTIFACTS (or the test's temporary folder).
func TestReportInBrowser(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--notes", "../../sample-data/notes.md", "../../sample-data/deals.xlsx")
	browser := startBrowser(t, chrome, dir)
	pages := []string{"report.html", "index.html", "retention.html", "revenue.html", "referrals.html", "approach.html", "accounts.html", "forecast.html", "quality.html", "notes.html"}
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			ctx := newTab(t, browser)
			var mu sync.Mutex
			var problems []string
			err := chromedp.Listen(ctx, func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch e := ev.(type) {
				case *runtime.EventExceptionThrown:
					problems = append(problems, "script error: "+e.ExceptionDetails.Text+" "+exceptionText(e.ExceptionDetails))
				case *runtime.EventConsoleAPICalled:
					if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
						problems = append(problems, fmt.Sprintf("console %s: %v", e.Type, consoleArgs(e.Args)))
					}
				case *cdplog.EventEntryAdded:
					if e.Entry.Level == cdplog.EntryLevelError || strings.Contains(e.Entry.Text, "Content Security Policy") {
						problems = append(problems, fmt.Sprintf("browser log (%s): %s", e.Entry.Source, e.Entry.Text))
					}
				case *network.EventRequestWillBeSent:
					u := e.Request.URL
					if !strings.HasPrefix(u, "file://"+out) && !strings.HasPrefix(u, "data:") {
						problems = append(problems, "request leaves the folder: "+u)
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, runtime.Enable, struct{}{}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, cdplog.Enable, struct{}{}); err != nil {
				t.Fatal(err)
			}
			err = chromedp.Do(ctx,
				chromedp.Navigate("file://"+filepath.Join(out, page)),
				chromedp.WaitReady("body"),
				chromedp.Sleep(300*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			type chartState struct {
				ID     string  `json:"id"`
				SVG    bool    `json:"svg"`
				Height float64 `json:"h"`
				Width  float64 `json:"w"`
				Data   float64 `json:"dh"`
				// The option's components that the live chart does not have
				// (the vendored ECharts build leaves most out).
				Missing []string `json:"missing"`
			}
			charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]chartState](`Array.from(document.querySelectorAll('.chart')).map(el => {
				const inst = window.echarts && echarts.getInstanceByDom(el);
				const option = JSON.parse(el.getAttribute('data-option'));
				const missing = inst ? Object.keys(option).filter(k => !['animation', 'color', 'textStyle', 'useUTC'].includes(k) && !inst.getModel().getComponent(k)) : ['the chart itself'];
				return {id: el.id, svg: el.querySelectorAll('svg path').length >= 2, missing: missing,
					h: el.getBoundingClientRect().height, w: el.clientWidth, dh: +el.getAttribute('data-height')};
			})`))
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			b, _ := os.ReadFile(filepath.Join(out, page))
			want = strings.Count(string(b), `class="chart"`) + strings.Count(string(b), `class="chart wide"`)
			if len(charts) != want || want == 0 && page != "quality.html" && page != "notes.html" {
				t.Errorf("%d chart containers in the DOM, %d in the file", len(charts), want)
			}
			for _, c := range charts {
				if !c.SVG {
					t.Errorf("chart %s drew no SVG", c.ID)
				}
				if len(c.Missing) > 0 {
					t.Errorf("chart %s is live without %v", c.ID, c.Missing)
				}
				// The drawing from the build was width × data-height/960;
				// the live chart keeps that height: nothing moves.
				if want := c.Width * c.Data / 960; math.Abs(c.Height-want) > 1.5 {
					t.Errorf("chart %s is %.1f px high with scripts, %.1f px as drawn at build time", c.ID, c.Height, want)
				}
			}
			mu.Lock()
			for _, p := range problems {
				t.Error(p)
			}
			mu.Unlock()
			if page == "report.html" {
				shot, png := screenshot(t, ctx, dir, "report.jpg", 80)
				t.Logf("screenshot: %s (%d KB)", shot, len(png)>>10)
			}
		})
	}
}

// TestChartsWithoutScripts opens every page and email.html with JavaScript
// disabled: each chart must still be there, drawn at build time, and no id
// may repeat on a page. Screenshots of report.html and email.html without
// scripts are saved beside the other one.
func TestChartsWithoutScripts(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--holdout-from", "2025-01-01", "../../sample-data/deals.xlsx")
	browser := startBrowser(t, chrome, dir)
	for _, page := range []string{"report.html", "index.html", "retention.html", "revenue.html", "referrals.html", "approach.html", "accounts.html", "forecast.html", "email.html"} {
		t.Run(page, func(t *testing.T) {
			ctx := newTab(t, browser)
			if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, page)), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			type state struct {
				Charts     int      `json:"charts"`
				Drawn      []string `json:"drawn"`
				Blank      []string `json:"blank"`
				Duplicates []string `json:"duplicates"`
				TablesOpen bool     `json:"tablesOpen"`
			}
			st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`(function () {
				var s = {charts: 0, drawn: [], blank: [], duplicates: [], tablesOpen: true};
				document.querySelectorAll('.chart').forEach(function (el) {
					s.charts++;
					var svg = el.querySelector(':scope > svg');
					var ok = svg && svg.querySelectorAll('path').length >= 2 && svg.getBoundingClientRect().height > 100;
					(ok ? s.drawn : s.blank).push(el.id);
				});
				var seen = {};
				document.querySelectorAll('[id]').forEach(function (el) {
					if (seen[el.id]) { s.duplicates.push(el.id); }
					seen[el.id] = true;
				});
				document.querySelectorAll('details.data').forEach(function (el) { s.tablesOpen = s.tablesOpen && el.open; });
				return s;
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if !st.TablesOpen {
				t.Error("the page script ran: scripts were not off")
			}
			if st.Charts == 0 || len(st.Blank) > 0 {
				t.Errorf("%d charts, not drawn without scripts: %v", st.Charts, st.Blank)
			}
			if len(st.Duplicates) > 0 {
				t.Errorf("ids used twice: %v", st.Duplicates)
			}
			if page == "report.html" || page == "email.html" {
				shot, png := screenshot(t, ctx, dir, strings.TrimSuffix(page, ".html")+"-noscript.jpg", 70)
				t.Logf("%d charts drawn without scripts; screenshot: %s (%d KB)", len(st.Drawn), shot, len(png)>>10)
			}
		})
	}
}

// screenshot saves the whole page as a JPEG named name in
// $DEALAUDIT_ARTIFACTS (or dir) and returns its path and bytes.
func screenshot(t *testing.T, ctx context.Context, dir, name string, quality int) (string, []byte) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(quality))
	if err != nil {
		t.Fatal(err)
	}
	art := os.Getenv("DEALAUDIT_ARTIFACTS")
	if art == "" {
		art = dir
	}
	os.MkdirAll(art, 0o755)
	shot := filepath.Join(art, name)
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return shot, png
}

// chromiumOrSkip returns Chromium's path, or skips the test where there is
// none or in -short mode.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	chrome, err := findChrome("")
	if err != nil {
		t.Skip("Chromium is not installed: apt-get install chromium (as .ci/run does) to run the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	return chrome
}

// buildForBrowser builds a report with the given arguments into a new
// folder and returns the folder and the report in it.
func buildForBrowser(t *testing.T, args ...string) (dir, out string) {
	t.Helper()
	dir = t.TempDir()
	out = filepath.Join(dir, "report")
	if _, stderr, code := runCmd(t, append([]string{"build", "-o", out, "--quiet"}, args...)...); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	return dir, out
}

// startBrowser starts headless Chromium with the network off (no host name
// resolves) and a profile in dir; it stops when the test ends.
func startBrowser(t *testing.T, chrome, dir string) context.Context {
	t.Helper()
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"), // serve's own address only
		chromedp.UserDataDir(filepath.Join(dir, "profile")), chromedp.WindowSize(1280, 2000))...)
	t.Cleanup(cancel)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	return browser
}

// newTab opens a tab with a minute to do its work; it closes when the
// (sub)test ends.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

func consoleArgs(args []*runtime.RemoteObject) []string {
	var out []string
	for _, a := range args {
		if len(a.Value) > 0 {
			out = append(out, string(a.Value))
		} else {
			out = append(out, a.Description)
		}
	}
	return out
}

// TestHostileReportInBrowser builds a report from values made to run as
// code in every text field, opens each page in Chromium and checks that
// nothing ran: no dialog opened, no script beyond the page's own, no
// element with an event handler, no script error.
func TestHostileReportInBrowser(t *testing.T) {
	chrome := chromiumOrSkip(t)
	payloads := []string{
		`<script>alert(1)</script>`,
		`</script><script>alert(2)</script>`,
		`"><img src=x onerror=alert(3)>`,
		`<svg onload=alert(4)>`,
		`{{.}}javascript:alert(5)`,
		`[x](javascript:alert(6))`,
		`'-alert(7)-'`,
	}
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var b strings.Builder
	// An unused column whose header is a payload too.
	b.WriteString("Deal ID,Account,Close Date,Amount,Stage,Lead Source,Referred By,Owner,Negotiation Approach,Segment,\"<img src=x onerror=alert(13)>\"\n")
	for i, p := range payloads {
		for j, date := range []string{"2023-03-01", "2024-03-01"} {
			fmt.Fprintf(&b, "%s,%s,%s,%d,Won,%s,%s,%s,%s,%s,x\n", q(fmt.Sprintf("%s-%d-%d", p, i, j)), q(p), date, 100+i,
				q(p), q(payloads[(i+1)%len(payloads)]), q(p), q(p), q(p))
		}
	}
	dir := t.TempDir()
	// File names and a sheet name are payloads as well.
	in := filepath.Join(dir, `deals"><img src=x onerror=alert(14)>.csv`)
	os.WriteFile(in, []byte(b.String()), 0o644)
	wb := excelize.NewFile()
	sheet := `<img src=x onerror=alert(15)>`
	if err := wb.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range [][]any{{"Account", "Close Date", "Amount"}, {"<b onmouseover=alert(16)>x</b>", "2024-06-01", 5}} {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			wb.SetCellValue(sheet, cell, v)
		}
	}
	xin := filepath.Join(dir, `book<svg onload=alert(17)>.xlsx`)
	if err := wb.SaveAs(xin); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("---\nclient: \"<img src=x onerror=alert(8)>\"\ntitle: \"</title><script>alert(9)</script>\"\n---\nHi <script>alert(10)</script> [x](javascript:alert(11))\n\n## More\n<iframe src=javascript:alert(12)>\n"), 0o644)
	out := filepath.Join(dir, "report")
	if _, stderr, code := runCmd(t, "build", "-o", out, "--quiet", "--notes", notes, in, xin); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	browser := startBrowser(t, chrome, dir)
	for _, page := range []string{"report.html", "index.html", "referrals.html", "approach.html", "accounts.html", "forecast.html", "quality.html", "notes.html"} {
		t.Run(page, func(t *testing.T) {
			ctx := newTab(t, browser)
			var mu sync.Mutex
			var ran []string
			chromedp.Listen(ctx, func(ev any) {
				mu.Lock()
				defer mu.Unlock()
				switch e := ev.(type) {
				case *cdppage.EventJavascriptDialogOpening:
					ran = append(ran, "dialog opened: "+e.Message)
					go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
				case *runtime.EventExceptionThrown:
					ran = append(ran, "script error: "+e.ExceptionDetails.Text+" "+exceptionText(e.ExceptionDetails))
				}
			})
			chromedp.Call(ctx, cdppage.Enable, cdppage.EnableParams{})
			chromedp.Call(ctx, runtime.Enable, struct{}{})
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, page)), chromedp.WaitReady("body"), chromedp.Sleep(500*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			type domState struct {
				Scripts  int      `json:"scripts"`
				Handlers []string `json:"handlers"`
				Payload  bool     `json:"payload"`
			}
			st, err := chromedp.Run(ctx, chromedp.Evaluate[domState](`({
				scripts: document.querySelectorAll('script').length,
				handlers: Array.from(document.querySelectorAll('*')).flatMap(el => Array.from(el.attributes).filter(a => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name)),
				payload: location.pathname.indexOf('quality') < 0 ? document.body.textContent.includes('alert(1)') :
					['alert(13)', 'alert(14)', 'alert(15)', 'alert(17)'].every(p => document.body.textContent.includes(p))
			})`))
			if err != nil {
				t.Fatal(err)
			}
			if st.Scripts != 2 {
				t.Errorf("%d script elements, want the page's own 2", st.Scripts)
			}
			if len(st.Handlers) > 0 {
				t.Errorf("elements with handlers or javascript: links: %v", st.Handlers)
			}
			if (page == "accounts.html" || page == "quality.html") && !st.Payload {
				t.Error("the payload text (values; on the quality page also header, file and sheet names) is not shown as text")
			}
			mu.Lock()
			for _, r := range ran {
				t.Error(r)
			}
			mu.Unlock()
		})
	}
}
