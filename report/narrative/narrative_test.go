package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	gotime "time"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/templates"
)

func TestRenderIsSafe(t *testing.T) {
	tests := map[string]string{
		"<script>alert(1)</script>":                    "<!-- raw HTML omitted -->",
		"[x](javascript:alert(1))":                     `<a href="">x</a>`,
		"a <img src=x onerror=alert(1)> b":             "a <!-- raw HTML omitted --> b",
		"**bold** and \"quotes\"":                      "<strong>bold</strong> and &ldquo;quotes&rdquo;",
		"| a | b |\n|---|---|\n| 1 | 2 |":              "<table>",
		"Text[^1]\n\n[^1]: A footnote.":                `class="footnotes"`,
		Escape(`<b>x</b> *y* [z](javascript:q) {{.}}`): "&lt;b&gt;x&lt;/b&gt; *y* [z](javascript:q) {{.}}",
	}
	for in, want := range tests {
		got, err := Render(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), want) {
			t.Errorf("Render(%q) = %q, want it to contain %q", in, got, want)
		}
		if strings.Contains(string(got), "<script") || strings.Contains(string(got), "onerror") && !strings.Contains(string(got), "omitted") {
			t.Errorf("Render(%q) = %q lets code through", in, got)
		}
	}
}

// testDeal is a deal of a test history, with its account and approach.
type testDeal struct {
	ingest.Deal
	acct, approach string
}

func deal(acct string, y, m, d int, amount float64, stage ingest.Stage, approach string, referral bool) testDeal {
	date, _ := ingest.DateOf(y, gotime.Month(m), d)
	return testDeal{ingest.Deal{Close: date, Amount: amount, Stage: stage, Referral: referral}, acct, approach}
}

func historyOf(deals []testDeal) *ingest.History {
	var b ingest.Builder
	for _, d := range deals {
		b.Add(d.Deal, d.acct, ingest.Attrs{Approach: d.approach}, "")
	}
	return b.History()
}

// findingsHistory: 20 collaborative customers who all come back, 20
// competitive ones of whom 5 come back; retention falls in the last year,
// 25 of 40 kept in 2023, 10 of 25 in 2024. lastDay is the last deal's
// day of 2024.
func findingsHistory(lastDay int) *ingest.History {
	var deals []testDeal
	for i := 0; i < 20; i++ {
		c := "Collab " + string(rune('A'+i))
		deals = append(deals, deal(c, 2022, 1, 1, 100, ingest.Won, "Collaborative", i < 4))
		deals = append(deals, deal(c, 2023, 3, 10, 100, ingest.Won, "", false))
		if i < 10 {
			deals = append(deals, deal(c, 2024, 3, 10, 100, ingest.Won, "", false))
		}
		p := "Comp " + string(rune('A'+i))
		deals = append(deals, deal(p, 2022, 2, 10, 100, ingest.Won, "Competitive", false))
		if i < 5 {
			deals = append(deals, deal(p, 2023, 4, 10, 100, ingest.Won, "", false))
		}
	}
	deals = append(deals, deal("Lost Co", 2024, 12, lastDay, 100, ingest.Lost, "", false))
	return historyOf(deals)
}

func findingsText(t *testing.T, h *ingest.History) (string, *Sections) {
	t.Helper()
	m := metrics.Compute(h, metrics.Options{})
	s, err := Write(m, forecast.FitModels(h, m.AsOf, forecast.Options{}).Predict(m), testStyle, templates.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range s.Findings {
		all.WriteString(string(f.Title) + "\n" + string(f.Body) + "\n")
	}
	return all.String(), s
}

func TestFindings(t *testing.T) {
	text, s := findingsText(t, findingsHistory(31))
	if n := len(s.Findings); n < 3 || n > 5 {
		t.Fatalf("%d findings, want 3 to 5", n)
	}
	for _, want := range []string{
		// 10 of 25 against 25 of 40: R fisher.test(matrix(c(10, 15, 25, 15), 2,
		// byrow = TRUE))$p.value = 0.1242664231, the largest of the eight
		// comparisons, so Holm leaves it as it is. prop.test(10, 25, correct =
		// FALSE)$conf.int = 0.2340330238 0.5926054264.
		"No clear change in customer retention in 2024",
		"10 of the 25 customers who bought in 2023 bought again in 2024 (40.0%, 95% interval 23.4–59.3%), against 25 of 40 a year earlier (62.5%",
		"Fisher&rsquo;s exact test, p = 0.12 after correction for the 8 comparisons",
		// 5 of 20 against 20 of 20: p = 7.7e-07 (R), clear after correction;
		// prop.test(5, 20, correct = FALSE)$conf.int = 0.1118617014 0.4687008776.
		"Customers first won by “Competitive” came back less than the rest",
		"Bought again: 5 of 20 (25.0%, 95% interval 11.2–46.9%) against 20 of 20 for the rest (100.0%): a clear difference",
		"association, not a cause",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("findings lack %q:\n%s", want, text)
		}
	}
	for _, name := range SectionNames {
		if strings.TrimSpace(string(s.Text[name])) == "" {
			t.Errorf("section %s is empty", name)
		}
	}
	if !strings.Contains(string(s.Text["retention"]), "40.0%") {
		t.Errorf("retention text: %s", s.Text["retention"])
	}
}

func TestFindingsUseCompletePeriods(t *testing.T) {
	// The same history up to 10 December 2024: 2024 is partial, so no
	// finding and no headline speaks of it; the summary compares it with
	// the same days of 2023.
	text, s := findingsText(t, findingsHistory(10))
	if strings.Contains(text, "2024") {
		t.Errorf("findings speak of the partial year 2024:\n%s", text)
	}
	summary := string(s.Text["summary"])
	for _, want := range []string{"In 2023, the latest complete year", "2024 to 10 Dec is not a complete year: against the same days of 2023 to 10 Dec"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
}

func TestFindingsEscapeData(t *testing.T) {
	var deals []testDeal
	for i := 0; i < 12; i++ {
		a := "<script>x</script>" + string(rune('A'+i))
		deals = append(deals, deal(a, 2022, 1, 10, 100, ingest.Won, "<b>hard</b>", false))
		b := "[y](javascript:z)" + string(rune('A'+i))
		deals = append(deals, deal(b, 2022, 1, 10, 100, ingest.Won, "[soft](javascript:alert(1))", false))
		deals = append(deals, deal(b, 2023, 1, 10, 100, ingest.Won, "", false))
	}
	h := historyOf(deals)
	m := metrics.Compute(h, metrics.Options{})
	s, err := Write(m, forecast.FitModels(h, m.AsOf, forecast.Options{}).Predict(m), testStyle, templates.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Findings {
		for _, h := range []string{string(f.Title), string(f.Body)} {
			if strings.Contains(h, "<b>") || strings.Contains(h, "href=") || strings.Contains(h, "<script") {
				t.Errorf("finding lets data through as HTML: %s", h)
			}
		}
	}
}

func TestReadNotes(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	os.WriteFile(filepath.Join(dir, "logo.png"), png, 0o644)
	p := filepath.Join(dir, "notes.md")
	os.WriteFile(p, []byte("---\nclient: Globex <Corp>\ntitle: Q4 audit\nprepared_by: Jane Roe\ndate: 2026-01-05\nlogo: logo.png\naccent: \"#aa3300\"\n---\nIntro with <script>alert(1)</script> and *emphasis*.\n\n## Next steps\n\nCall the lapsing accounts.\n"), 0o644)
	n, err := ReadNotes(p)
	if err != nil {
		t.Fatal(err)
	}
	if n.Client != "Globex <Corp>" || n.Title != "Q4 audit" || n.PreparedBy != "Jane Roe" || n.Date != "2026-01-05" || n.Accent != "#aa3300" {
		t.Errorf("front matter %+v", n)
	}
	if !strings.HasPrefix(string(n.Logo), "data:image/png;base64,") {
		t.Errorf("logo %q", n.Logo)
	}
	if strings.Contains(string(n.Intro), "<script") || !strings.Contains(string(n.Intro), "<em>emphasis</em>") || strings.Contains(string(n.Intro), "Next steps") {
		t.Errorf("intro %q", n.Intro)
	}
	if !strings.Contains(string(n.Rest), "<h2>Next steps</h2>") {
		t.Errorf("rest %q", n.Rest)
	}
	for _, tt := range []struct{ text, want string }{
		{"---\naccent: \"red; background: url(x)\"\n---\n", "line 2: accent: expected a colour"},
		{"---\nclient: A\ntitle: a: b\n---\n", "line 3: front matter: mapping values are not allowed"},
		{"---\nclient: A\ncolour: blue\n---\n", `line 3: unknown key "colour"`},
		{"---\nlogo: missing.png\n---\n", "line 2: logo:"},
		{"---\nclient: A\n", "line 1: front matter starts with --- but has no closing --- line"},
	} {
		os.WriteFile(p, []byte(tt.text), 0o644)
		if _, err := ReadNotes(p); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadNotes(%q) = %v, want %q", tt.text, err, tt.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte("not an image"), 0o644)
	os.WriteFile(p, []byte("---\nlogo: x.txt\n---\n"), 0o644)
	if _, err := ReadNotes(p); err == nil || !strings.Contains(err.Error(), "expected a PNG") {
		t.Errorf("a text logo: %v", err)
	}
}

// testStyle writes the tests' numbers: en-US, no currency.
var testStyle, _ = format.New("", "")
