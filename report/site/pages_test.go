package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/dealaudit/dealaudit/report/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/templates"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// reportOf reads a CSV written from rows and computes what the pages show.
func reportOf(t *testing.T, csv string) Report {
	t.Helper()
	p := filepath.Join(t.TempDir(), "deals.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.Read(context.Background(), []string{p}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Pages name the files as given; the golden files want a stable name.
	for i := range res.Files {
		res.Files[i].Path = "deals.csv"
	}
	for i := range res.Problems {
		res.Problems[i].File = "deals.csv"
	}
	m := metrics.Compute(&res.History, metrics.Options{})
	f := forecast.FitModels(&res.History, m.AsOf, forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}).Predict(m)
	text, err := narrative.Write(m, f, testStyle, templates.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return Report{Res: res, M: m, F: f, Text: text, Templates: templates.Builtin(), Version: "test", Inputs: []string{"deals.csv"}, Style: testStyle, Kept: res.Summary()}
}

// buildPages reads a CSV written from rows and renders every page.
func buildPages(t *testing.T, csv string) Files {
	t.Helper()
	files, err := Pages(reportOf(t, csv))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// smallHistory is the golden-file fixture: three years, referrals, two
// approaches, a lost deal, a credit.
const smallHistory = `Deal ID,Account,Close Date,Amount,Stage,Lead Source,Referred By,Owner,Negotiation Approach,Discount
1,Acme,2022-03-01,100,Won,Web,,Ann,Collaborative,5%
2,Birch,2022-05-01,300,Won,Referral,Acme,Bob,Competitive,25%
3,Acme,2022-06-01,50,Won,Web,,Ann,,
4,Cedar,2022-08-01,70,Lost,Web,,Bob,Competitive,
5,Acme,2023-02-01,200,Won,Web,,Ann,,
6,Cedar,2023-04-01,80,Won,Web,Acme,Bob,Collaborative,10%
7,Birch,2024-01-10,100,Won,Web,,,,
8,Elm,2024-02-01,40,Won,Web,,,Competitive,30%
9,Acme,2024-05-01,100,Won,Web,,Ann,,
10,Acme,2024-07-01,-30,Won,Web,,Ann,,
`

// TestGoldenPages compares each page with its golden file without the
// charts' drawings and options, which have golden files of their own in
// testdata/golden/charts (ID.json, the option; ID.svg, the drawing): a
// change of the chart engine or style rewrites those, not every page.
func TestGoldenPages(t *testing.T) {
	files := buildPages(t, smallHistory)
	charts := map[string][]byte{} // golden name under charts/ → content
	pages := map[string][]byte{}
	for _, name := range []string{"index.html", "retention.html", "revenue.html", "referrals.html", "approach.html", "owners.html", "accounts.html", "forecast.html", "quality.html", "email.html"} {
		page, err := splitCharts(name, files[name], charts)
		if err != nil {
			t.Fatal(err)
		}
		pages[name] = page
	}
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(filepath.Join(dir, "charts")); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "charts"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	check := func(name string, got []byte) {
		golden := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./report/site -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test ./report/site -update and review the diff)", name, golden)
		}
	}
	for name, b := range pages {
		check(name, b)
	}
	for name, b := range charts {
		check(filepath.Join("charts", name), b)
	}
	if !*update {
		stored, _ := filepath.Glob(filepath.Join(dir, "charts", "*"))
		if len(stored) != len(charts) {
			t.Errorf("%d chart golden files, the pages have %d charts (run go test ./report/site -update)", len(stored), len(charts))
		}
	}
}

var (
	chartDiv = regexp.MustCompile(`(?s)(<div class="chart(?: wide)?" id="([^"]+)" data-height="\d+" data-option=")([^"]*)("[^>]*>)(<svg.*?</svg>)?`)
	svgRE    = regexp.MustCompile(`(?s)<svg.*?</svg>`)
)

// splitCharts returns a page without its charts' options and drawings,
// which it adds to charts by chart id (the same id on two pages must be
// the same chart); drawings outside a chart's div are named by the page
// and their place in it.
func splitCharts(page string, b []byte, charts map[string][]byte) ([]byte, error) {
	add := func(name string, content []byte) error {
		if old, ok := charts[name]; ok && !bytes.Equal(old, content) {
			return fmt.Errorf("%s: chart %s differs from the one of the same id on another page", page, name)
		}
		charts[name] = content
		return nil
	}
	var err error
	b = chartDiv.ReplaceAllFunc(b, func(m []byte) []byte {
		g := chartDiv.FindSubmatch(m)
		id := string(g[2])
		var option bytes.Buffer // indented, so that a change reads as a diff of lines
		err = errors.Join(err, json.Indent(&option, []byte(html.UnescapeString(string(g[3]))), "", "  "))
		option.WriteByte('\n')
		err = errors.Join(err, add(id+".json", option.Bytes()))
		if len(g[5]) > 0 {
			err = errors.Join(err, add(id+".svg", g[5]))
		}
		return slices.Concat(g[1], []byte("(in charts/"+id+".json)"), g[4], []byte("<!-- charts/"+id+".svg -->"))
	})
	n := 0
	b = svgRE.ReplaceAllFunc(b, func(m []byte) []byte {
		n++
		name := fmt.Sprintf("%s-%d.svg", strings.TrimSuffix(page, ".html"), n)
		err = errors.Join(err, add(name, m))
		return []byte("<!-- charts/" + name + " -->")
	})
	return b, err
}

func TestContentSecurityPolicy(t *testing.T) {
	files := buildPages(t, smallHistory)
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if name == "email.html" {
			// Email clients keep only inline styles; no script may run.
			if p := cspOf(t, b); p != "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'" {
				t.Errorf("email.html: policy %q", p)
			}
			continue
		}
		policy := cspOf(t, b)
		for _, want := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"} {
			if !strings.Contains(policy, want) {
				t.Errorf("%s: policy %q lacks %q", name, policy, want)
			}
		}
		if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "unsafe-eval") || strings.Contains(policy, "http") {
			t.Errorf("%s: policy %q is too wide", name, policy)
		}
		// Every inline script and style is allowed by its hash, and nothing else inline is.
		z := html.NewTokenizer(bytes.NewReader(b))
		var inTag string
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			switch tt {
			case html.StartTagToken:
				tok := z.Token()
				inTag = ""
				if (tok.Data == "script" && !hasKey(tok, "src")) || tok.Data == "style" {
					inTag = tok.Data
				}
				if hasKey(tok, "style") {
					t.Errorf("%s: <%s> has a style attribute, which the policy blocks", name, tok.Data)
				}
			case html.TextToken:
				if inTag != "" {
					h := hashes(string(z.Text()))[0]
					if !strings.Contains(policy, h) {
						t.Errorf("%s: inline %s with hash %s not in the policy", name, inTag, h)
					}
				}
				inTag = ""
			}
		}
	}
}

func cspOf(t *testing.T, page []byte) string {
	t.Helper()
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no Content-Security-Policy meta tag")
	}
	return html.UnescapeString(string(m[1]))
}

func hasKey(tok html.Token, key string) bool {
	for _, a := range tok.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func TestReportHTMLIsOneFile(t *testing.T) {
	files := buildPages(t, smallHistory)
	r := string(files["report.html"])
	for _, id := range []string{"summary", "retention", "revenue", "referrals", "approach", "accounts", "quality"} {
		if !strings.Contains(r, `<section id="`+id+`"`) {
			t.Errorf("report.html lacks section %s", id)
		}
	}
	if strings.Contains(r, `src="assets/`) || strings.Contains(r, `href="assets/`) {
		t.Error("report.html loads assets instead of holding them")
	}
	if !strings.Contains(r, "echarts") || !strings.Contains(r, "function tooltip") {
		t.Error("report.html lacks the inline scripts")
	}
	ids := regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(r, -1)
	seen := map[string]bool{}
	for _, m := range ids {
		if seen[m[1]] {
			t.Errorf("id %q used twice in report.html", m[1])
		}
		seen[m[1]] = true
	}
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if ext := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).Find(b); ext != nil {
			t.Errorf("%s references the network: %s", name, ext)
		}
		if name != "email.html" && !bytes.Contains(b, []byte(`<nav class="nav">`)) {
			t.Errorf("%s has no navigation bar", name)
		}
	}
}

// hostile are values built to run as code in a page or a chart.
var hostile = []string{
	`<script>alert(1)</script>`,
	`</script><script>alert(2)</script>`,
	`"><img src=x onerror=alert(3)>`,
	`{{.}}{{template "page"}}`,
	`[click](javascript:alert(4))`,
	`<b onmouseover=alert(5)>x</b>`,
}

// email.html is one file for an email body: no script, no style sheet,
// no linked file and no link to one, the headline figures, and the key
// charts as inline SVG.
func TestEmailPage(t *testing.T) {
	files := buildPages(t, smallHistory)
	e := string(files["email.html"])
	for _, bad := range []string{"<script", "<style", "<link", "data-option", "class=\"kpi", "href=", "data:", "src="} {
		if strings.Contains(e, bad) {
			t.Errorf("email.html holds %q", bad)
		}
	}
	if n := strings.Count(e, "<svg"); n != len(emailCharts) {
		t.Errorf("email.html has %d charts, want %d", n, len(emailCharts))
	}
	for _, want := range []string{`viewBox="0 0 552 `, "Customer retention", "The full report is attached", `id="email-chart-retention-`, `aria-label="Bars of active accounts`} {
		if !strings.Contains(e, want) {
			t.Errorf("email.html lacks %s", want)
		}
	}
}

func TestHostileValuesAreText(t *testing.T) {
	var b strings.Builder
	b.WriteString("Deal ID,Account,Close Date,Amount,Stage,Lead Source,Referred By,Owner,Negotiation Approach,Segment\n")
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for i, h := range hostile {
		for j, year := range []int{2022, 2023} {
			b.WriteString(strings.Join([]string{
				q(h + "-id" + string(rune('a'+i)) + string(rune('0'+j))), q(h), "2024-01-0" + string(rune('1'+i)), "100", "Won",
				q(h + " source"), q(hostile[(i+1)%len(hostile)]), q(h + " owner"), q(h + " approach"), q(h + " segment"),
			}, ",") + "\n")
			_ = year
		}
		b.WriteString(strings.Join([]string{q(h + "-id2"), q(h), "2023-02-0" + string(rune('1'+i)), "50", "Won", q(h), "", q(h), q(h), q(h)}, ",") + "\n")
	}
	files := buildPages(t, b.String())
	for name, content := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		checkNoActiveContent(t, name, content)
	}
	_, parts, _ := emailParts(t, files["email.eml"])
	checkNoActiveContent(t, "email.html", parts["text/html"]) // the HTML part, under email.html's rules
	// And the values are there, as text.
	acc := string(files["accounts.html"])
	if !strings.Contains(acc, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("accounts.html does not show the hostile account name as text")
	}
}

// checkNoActiveContent parses a page as a browser would and fails on any
// element or attribute that could run code, beyond the page's own two
// scripts (none in email.html).
func checkNoActiveContent(t *testing.T, name string, page []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	scripts := 0
	afterChart := false // the previous tag opened a chart container
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script":
			scripts++
		case "img", "iframe", "object", "embed", "b", "svg", "math", "base", "form", "foreignobject", "use", "image":
			ok := tok.Data == "img" && hasAttr(tok, "class", "logo") || // the notes' logo
				tok.Data == "img" && strings.HasPrefix(attr(tok, "src"), "cid:") || // a picture of email.eml
				tok.Data == "svg" && afterChart || // a chart drawn at build time
				tok.Data == "svg" && hasAttr(tok, "class", "heat-legend") // a heatmap's colour scale, drawn here
			if !ok {
				t.Errorf("%s: unexpected <%s> element: %s", name, tok.Data, tok)
			}
		}
		afterChart = tok.Data == "div" && (hasAttr(tok, "class", "chart") || hasAttr(tok, "class", "chart wide"))
		for _, a := range tok.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s> has an event handler %s=%q", name, tok.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: <%s> links to %q", name, tok.Data, a.Val)
			}
		}
	}
	want := 2
	if name == "email.html" {
		want = 0
	}
	if scripts != want {
		t.Errorf("%s has %d script elements, want %d", name, scripts, want)
	}
}

func hasAttr(tok html.Token, key, val string) bool {
	for _, a := range tok.Attr {
		if a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

// One renderer draws every report of a build: a report's pages are the
// same bytes whichever reports its runtimes drew before.
func TestOneRendererForManyReports(t *testing.T) {
	r := reportOf(t, smallHistory)
	want, err := Pages(r)
	if err != nil {
		t.Fatal(err)
	}
	other := reportOf(t, strings.ReplaceAll(smallHistory, ",100,", ",900,"))
	charts, err := NewCharts()
	if err != nil {
		t.Fatal(err)
	}
	other.Charts, r.Charts = charts, charts
	for i := range 2 {
		if _, err := Pages(other); err != nil {
			t.Fatal(err)
		}
		got, err := Pages(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: %d files, want %d", i, len(got), len(want))
		}
		for f, b := range want {
			if !bytes.Equal(got[f], b) {
				t.Errorf("round %d: %s differs from the one drawn by a renderer of its own", i, f)
			}
		}
	}
}

// testStyle writes the tests' numbers: en-US, no currency.
var testStyle, _ = format.New("", "")
