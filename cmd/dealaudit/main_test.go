package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	"github.com/dealaudit/dealaudit/report/eml"
)

const fixtures = "../../report/ingest/testdata/"

func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	if err != nil && err.Error() != "" {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), exitCode(err)
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"clean file", []string{"check", fixtures + "title_trailer.csv"}, 0},
		{"errors in required fields", []string{"check", fixtures + "bad_rows.csv"}, 1},
		{"no command", nil, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"no files", []string{"check"}, 2},
		{"unknown flag", []string{"check", "--nope", fixtures + "iswon.csv"}, 2},
		{"bad date order", []string{"check", "--date-order", "ymd", fixtures + "iswon.csv"}, 2},
		{"build without -o", []string{"build", fixtures + "iswon.csv"}, 2},
		{"missing config", []string{"check", "--config", filepath.Join(dir, "none.yaml"), fixtures + "iswon.csv"}, 2},
		{"unreadable input", []string{"check", filepath.Join(dir, "missing.csv")}, 3},
		{"no account column", []string{"check", fixtures + "no_account.csv"}, 3},
		{"help", []string{"check", "-h"}, 0},
		{"build --strict with errors in required fields", []string{"build", "--strict", "--quiet", "-o", filepath.Join(dir, "s1"), fixtures + "bad_rows.csv"}, 1},
		{"build --strict, clean", []string{"build", "--strict", "--quiet", "-o", filepath.Join(dir, "s2"), fixtures + "title_trailer.csv"}, 0},
		{"build without --strict", []string{"build", "--quiet", "-o", filepath.Join(dir, "s3"), fixtures + "bad_rows.csv"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
		})
	}
}

func TestHelpShowsExamples(t *testing.T) {
	for _, cmd := range []string{"build", "check", "init"} {
		_, stderr, code := runCmd(t, cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "Examples:") || !strings.Contains(stderr, "dealaudit "+cmd+" ") || !strings.Contains(stderr, "-config") {
			t.Errorf("%s -h (exit %d) lacks examples or options:\n%s", cmd, code, stderr)
		}
	}
}

func TestCheckOutput(t *testing.T) {
	out, _, code := runCmd(t, "check", fixtures+"bad_rows.csv")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		"header      row 1",
		`account      ← "Account" (column A)`,
		`close_date   ← "Close Date" (column B)`,
		`"Won" → won 8`,
		"deals       4 kept (the build's count, after duplicates and line items): won 3, lost 1, open 0",
		"11 data rows, 4 read as deals",
		"date range  2024-01-01 to 2024-03-05",
		"accounts    4 distinct",
		"!      1  no account (Account): skipped  rows 3",
		"1 open deal without account or close date",
		"usable: with gaps: 5 won or lost deals",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	_, stderr, code := runCmd(t, "build", fixtures+"title_trailer.csv", "-o", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"index.html", "data/quality.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build did not write %s", f)
		}
	}
}

func TestBuildOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	stdout, stderr, code := runCmd(t, "build", "-o", out, fixtures+"bad_rows.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^read 11 rows from 1 file\(s\) in \d+\.\ds: 4 deals kept, 7 problems`).MatchString(stdout) {
		t.Errorf("summary: %s", stdout)
	}
	q, _ := os.ReadFile(filepath.Join(out, "data", "quality.csv"))
	lines := strings.Split(strings.TrimSpace(string(q)), "\n")
	if lines[0] != "file,row,column,value,problem,action" || len(lines) != 8 {
		t.Errorf("quality.csv:\n%s", q)
	}
	if !strings.Contains(string(q), "\nbad_rows.csv,5,Close Date,2024-02-30,no such date,skipped") {
		t.Errorf("quality.csv lacks the impossible date:\n%s", q)
	}
	quality, _ := os.ReadFile(filepath.Join(out, "quality.html"))
	if !strings.Contains(string(quality), "bad_rows.csv") || !strings.Contains(string(quality), "no such date") {
		t.Errorf("quality.html does not say what was read")
	}
	// A second build replaces the previous report; a folder that holds
	// something else is left alone unless --force.
	if _, stderr, code := runCmd(t, "build", "-o", out, fixtures+"iswon.csv"); code != 0 {
		t.Errorf("rebuild: exit %d: %s", code, stderr)
	}
	other := filepath.Join(dir, "mine")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "thesis.docx"), []byte("precious"), 0o644)
	if _, stderr, code := runCmd(t, "build", "-o", other, fixtures+"iswon.csv"); code != 2 || !strings.Contains(stderr, "--force") {
		t.Errorf("non-report folder: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "thesis.docx")); string(b) != "precious" {
		t.Error("a refused build touched the folder")
	}
	// A failed build leaves the previous report as it was.
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if _, _, code := runCmd(t, "build", "-o", out, fixtures+"no_account.csv"); code != 3 {
		t.Errorf("failed build: exit %d", code)
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the previous report")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestInitWritesUsableConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "dealaudit.yaml")
	stdout, stderr, code := runCmd(t, "init", "-o", cfg, fixtures+"salesforce_api.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote "+cfg) {
		t.Errorf("stdout: %s", stdout)
	}
	b, _ := os.ReadFile(cfg)
	text := string(b)
	for _, want := range []string{`account:     "AccountId"`, `stage:       "StageName"`, "# referred_by:", "target_retention:", "period: \"year\"", "currency_rates: {}"} {
		if !strings.Contains(text, want) {
			t.Errorf("config lacks %q:\n%s", want, text)
		}
	}
	// Running init again refuses to overwrite.
	if _, _, code := runCmd(t, "init", "-o", cfg, fixtures+"salesforce_api.csv"); code != 2 {
		t.Errorf("overwrite without --force: exit %d", code)
	}
	// The written config reads back and gives the same result.
	out1, _, _ := runCmd(t, "check", fixtures+"salesforce_api.csv")
	out2, stderr, code := runCmd(t, "check", "--config", cfg, fixtures+"salesforce_api.csv")
	if code != 0 || out1 != out2 {
		t.Errorf("check with the written config (exit %d, %s) differs:\n%s\nvs\n%s", code, stderr, out2, out1)
	}
}

func TestConfigNamesColumnsAndLines(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "de.yaml")
	os.WriteFile(cfg, []byte("columns:\n  account: Kunde\n  close_date: Datum\n  amount: Betrag\n  stage: Status\ndate_order: dmy\n"), 0o644)
	out, stderr, code := runCmd(t, "check", "--config", cfg, fixtures+"bom_crlf_semicolon.csv")
	if code != 0 || !strings.Contains(out, "deals       3 kept (the build's count, after duplicates and line items): won 2, lost 1") {
		t.Errorf("exit %d %s\n%s", code, stderr, out)
	}
	os.WriteFile(cfg, []byte("columns:\n  account: Kunde\n  amount: Umsatz\n"), 0o644)
	_, stderr, code = runCmd(t, "check", "--config", cfg, fixtures+"bom_crlf_semicolon.csv")
	if code != 3 || !strings.Contains(stderr, cfg+` line 3: column "Umsatz" for amount not found`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestBuildWritesDataTables(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	stdout, stderr, code := runCmd(t, "build", "-o", out, fixtures+"title_trailer.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// One customer, no complete year: every page says what cannot be
	// concluded.
	pages, _ := filepath.Glob(filepath.Join(out, "*.html"))
	for _, p := range pages {
		if b, _ := os.ReadFile(p); filepath.Base(p) != "email.html" && !strings.Contains(string(b), `<p class="banner" role="note">Too little data to conclude from: 1 customer (conclusions need 30) and 0 complete years (trends need 2).`) {
			t.Errorf("%s has no too-little-data banner", filepath.Base(p))
		}
	}
	// One count of deals: the build's summary, check's and the quality
	// page's.
	check, _, _ := runCmd(t, "check", fixtures+"title_trailer.csv")
	if q, _ := os.ReadFile(filepath.Join(out, "quality.html")); !strings.Contains(stdout+stderr, "4 deals kept") ||
		!strings.Contains(check, "deals       4 kept") || !strings.Contains(string(q), "4 deals kept after duplicates") {
		t.Errorf("deal counts differ: build %q, check %q", stdout+stderr, check)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// One year: Globex won twice (1,000 + 500), Initech lost once (and has an
	// open deal, not used). No period before it: retention, NRR, GRR are n/a.
	want := "period,active_accounts,new_accounts,retained_accounts,reactivated_accounts,churned_accounts,retention_rate,revenue,new_revenue,repeat_revenue,repeat_revenue_share,referred_new_accounts,referral_rate,nrr,grr,won_deals,lost_deals,win_rate,hidden_revenue_loss,revenue_walked_out,referred_revenue_share,credits_before_first_purchase," +
		"retention_rate_low,retention_rate_high,repeat_revenue_share_low,repeat_revenue_share_high,referral_rate_low,referral_rate_high,nrr_low,nrr_high,grr_low,grr_high,win_rate_low,win_rate_high,referred_revenue_share_low,referred_revenue_share_high\n" +
		// Wilson intervals, R: prop.test(0, 1, correct = FALSE)$conf.int is
		// 0 to 0.7934506856, prop.test(2, 3, ...) 0.2076596008 to 0.9385080553.
		"2024,1,1,0,0,0,,1500.00,1500.00,0.00,0.0000,0,0.0000,,,2,1,0.6667,,0.00,0.0000,0.00,,,,,0.0000,0.7935,,,,,0.2077,0.9385,,\n"
	if got := read("periods.csv"); got != want {
		t.Errorf("periods.csv:\n%s\nwant\n%s", got, want)
	}
	if got := read("cohorts.csv"); got != "cohort,period_index,period,cohort_accounts,active_accounts,logo_retention,revenue,revenue_retention,logo_retention_low,logo_retention_high,revenue_retention_low,revenue_retention_high\n"+
		"2024,0,2024,1,1,1.0000,1500.00,1.0000,0.2065,1.0000,,\n" {
		t.Errorf("cohorts.csv:\n%s", got)
	}
	accounts := read("accounts.csv")
	for _, line := range []string{
		"Globex Corp,2024-01-15,2024-03-02,2,0,1500.00,2,47.0,current,false,,0,0.00,,,,,,,,",
		"Initech,,,0,1,0.00,0,,never won,false,,0,0.00,,,,,,,,",
	} {
		if !strings.Contains(accounts, line+"\n") {
			t.Errorf("accounts.csv lacks %q:\n%s", line, accounts)
		}
	}
	var j map[string]any
	if err := json.Unmarshal([]byte(read("metrics.json")), &j); err != nil {
		t.Fatal(err)
	}
	opts := j["options"].(map[string]any)
	if opts["period"] != "year" || opts["as_of"] != "2024-03-02" || opts["target_retention"] != nil {
		t.Errorf("options %v", opts)
	}
	// One period, up to 2 March: partial, so no headline period.
	if l := j["headline"].(map[string]any)["latest_period"]; l != nil {
		t.Errorf("latest complete period %v, want null", l)
	}
	latest := j["periods"].([]any)[0].(map[string]any)
	if latest["partial"] != true || !strings.HasSuffix(latest["label"].(string), "to 2 Mar") {
		t.Errorf("the only period: partial %v, label %v", latest["partial"], latest["label"])
	}
	if r := latest["retention_rate"].(map[string]any); r["value"] != nil || r["denominator"] != 0.0 {
		t.Errorf("retention of the first period: %v, want null", r)
	}
	if r := latest["win_rate"].(map[string]any); r["value"] != 0.6667 || r["numerator"] != 2.0 || r["denominator"] != 3.0 {
		t.Errorf("win rate %v", r)
	}
	inputs := j["inputs"].([]any)
	if len(inputs) != 1 || len(inputs[0].(map[string]any)["sha256"].(string)) != 64 {
		t.Errorf("inputs %v", inputs)
	}
	if j["tool"].(map[string]any)["version"] == "" {
		t.Error("no version")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "elsewhere", "b")
	abs, err := filepath.Abs("../../sample-data/deals.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// The same input named two ways (as from two working folders), two output paths.
	for i, out := range []string{a, b} {
		in := "../../sample-data/deals.xlsx"
		if i == 1 {
			in = abs
		}
		if _, stderr, code := runCmd(t, "build", "--period", "quarter", "-o", out, in); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", rel)
		}
		return nil
	})
}

func TestBuildOptions(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--period", "week"}, {"--as-of", "yesterday"}, {"--target-retention", "lots"}, {"--target-retention", "120%"},
		{"--holdout-from", "2024-13-01"}, {"--discount-rate", "lots"},
	} {
		all := append([]string{"build", "-o", filepath.Join(dir, "x")}, args...)
		all = append(all, fixtures+"title_trailer.csv")
		if _, stderr, code := runCmd(t, all...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, stderr)
		}
	}
	out := filepath.Join(dir, "r")
	if _, stderr, code := runCmd(t, "build", "--as-of", "2024-02-01", "--target-retention", "90%", "-o", out, fixtures+"title_trailer.csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "data", "metrics.json"))
	for _, want := range []string{`"as_of": "2024-02-01"`, `"as_of_source": "given"`, `"target_retention": 0.9`, `"after_as_of_not_used": 2`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics.json lacks %s", want)
		}
	}
}

// The forecast as a user sees it: the summary line, forecast.json, the
// forecast columns of accounts.csv and the forecast page.
func TestBuildForecast(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	stdout, stderr, code := runCmd(t, "build", "--holdout-from", "2025-01-01", "--discount-rate", "2%", "-o", out, "../../sample-data/deals.xlsx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"forecast: BG/NBD fitted to ", "up to 2024-12-31", "holdout 2025-01-01 to 2025-12-30: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "data", "forecast.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fj struct {
		Status      string
		TimeUnit    string `json:"time_unit"`
		Calibration struct {
			To       string
			Accounts int
		}
		Options struct {
			MonthlyDiscount float64 `json:"monthly_discount_rate"`
		}
		BG struct {
			Parameters  map[string]float64
			Convergence struct{ Converged bool }
		} `json:"bg_nbd"`
		Holdout struct {
			From   string
			Actual int `json:"actual_repeat_purchases"`
			Groups []struct {
				Accounts, Actual int
			} `json:"by_frequency"`
		}
	}
	if err := json.Unmarshal(b, &fj); err != nil {
		t.Fatal(err)
	}
	if fj.Status != "fitted" || fj.TimeUnit != "week" || fj.Calibration.To != "2024-12-31" || !fj.BG.Convergence.Converged ||
		len(fj.BG.Parameters) != 4 || fj.Options.MonthlyDiscount != 0.02 || fj.Holdout.From != "2025-01-01" || len(fj.Holdout.Groups) != 8 {
		t.Errorf("forecast.json:\n%s", b)
	}
	acc, act := 0, 0
	for _, g := range fj.Holdout.Groups {
		acc += g.Accounts
		act += g.Actual
	}
	if acc != fj.Calibration.Accounts || act != fj.Holdout.Actual || act == 0 {
		t.Errorf("holdout groups hold %d accounts and %d purchases; want %d and %d", acc, act, fj.Calibration.Accounts, fj.Holdout.Actual)
	}
	f, _ := os.Open(filepath.Join(out, "data", "accounts.csv"))
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	forecast := 0
	for _, r := range rows[1:] {
		if p := r[col["p_alive"]]; p != "" {
			forecast++
			if v, err := strconv.ParseFloat(p, 64); err != nil || v < 0 || v > 1 {
				t.Errorf("%s: p_alive %q", r[0], p)
			}
			if r[col["clv_12m"]] == "" || r[col["at_risk"]] == "" || r[col["win_back"]] == "" {
				t.Errorf("%s: forecast columns missing: %v", r[0], r)
			}
			// At risk: still recoverable, P(alive) from 0.1 to under 0.5;
			// never also to win back, which is under 0.5.
			v, _ := strconv.ParseFloat(p, 64)
			risk, back := r[col["at_risk"]] == "true", r[col["win_back"]] == "true"
			if risk && (v < 0.1 || v >= 0.5 || back) || back && v >= 0.5 {
				t.Errorf("%s: p_alive %v, at risk %v, win back %v", r[0], v, risk, back)
			}
		}
	}
	if forecast != fj.Calibration.Accounts {
		t.Errorf("%d accounts.csv rows have a forecast, want %d", forecast, fj.Calibration.Accounts)
	}
	page, _ := os.ReadFile(filepath.Join(out, "forecast.html"))
	for _, want := range []string{"Valuable relationships to win back", `id="chart-holdout"`, `id="chart-forecast-segment"`, "Does the model hold?"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("forecast.html lacks %s", want)
		}
	}
}

// --pdf prints report.html with Chromium on the paper asked for, with the
// report's client, title and date at the top of every page and its number
// at the foot, and attaches it to email.eml; without Chromium it stops
// before building, saying what to install.
func TestBuildPDF(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(chromeEnv, "")
	if _, err := findChrome("r"); err == nil && !testing.Short() {
		pdf := filepath.Join(dir, "audit.pdf")
		stdout, stderr, code := runCmd(t, "build", "--pdf", pdf, "--paper", "a4", "--notes", "../../sample-data/notes.md", "-o", filepath.Join(dir, "r"), "../../sample-data/deals.xlsx")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 50_000 {
			t.Errorf("not a printed report: %d bytes, %v", len(b), err)
		}
		if !strings.Contains(stdout, "printed "+pdf) {
			t.Errorf("summary: %s", stdout)
		}
		if !regexp.MustCompile(`/MediaBox \[0 0 59[56](\.\d+)? 84[12](\.\d+)?\]`).Match(b) {
			t.Error("the PDF is not on A4 paper (595 × 842 points)")
		}
		msg, err := os.ReadFile(filepath.Join(dir, "r", "email.eml"))
		if err != nil {
			t.Fatal(err)
		}
		_, leaves, err := eml.Read(msg)
		if err != nil {
			t.Fatal(err)
		}
		attached := map[string][]byte{}
		for _, l := range leaves {
			attached[l.Key()] = l.Body
		}
		if !bytes.Equal(attached["audit.pdf"], b) || attached["report.html"] == nil {
			t.Errorf("email.eml does not carry report.html and the PDF as printed")
		}
		checkPDFPages(t, pdf, "Northwind Analytics · Relationship revenue audit 2019–2025 · As of 2025-12-30")
	}
	t.Setenv("PATH", dir)
	out := filepath.Join(dir, "none")
	_, stderr, code := runCmd(t, "build", "--pdf", filepath.Join(dir, "x.pdf"), "-o", out, "../../sample-data/deals.xlsx")
	if code != 2 || !strings.Contains(stderr, "--pdf needs Chromium") || !strings.Contains(stderr, "apt-get install chromium") {
		t.Errorf("no Chromium: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a build that could not print still wrote the report")
	}
	t.Setenv(chromeEnv, filepath.Join(dir, "no-such-browser"))
	_, stderr, code = runCmd(t, "build", "--pdf", filepath.Join(dir, "x.pdf"), "-o", out, "../../sample-data/deals.xlsx")
	if code != 2 || !strings.Contains(stderr, chromeEnv+" names") || !strings.Contains(stderr, "no-such-browser") {
		t.Errorf("%s naming nothing: exit %d: %s", chromeEnv, code, stderr)
	}
}

// checkPDFPages reads the PDF's text with poppler's pdftotext, when it is
// installed, and wants the running header on every page, "Page N of M" at
// each foot, and no date broken across lines.
func checkPDFPages(t *testing.T, pdf, header string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed (apt-get install poppler-utils): the PDF's pages are not read")
		return
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
	if len(pages) < 10 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, header) {
			t.Errorf("page %d lacks the running header %q", i+1, header)
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if m := regexp.MustCompile(`(?m)\b(19|20)\d\d-\d\d-$`).FindString(p); m != "" {
			t.Errorf("page %d breaks a date after %q", i+1, m)
		}
	}
}

// DEALAUDIT_CHROME names the browser, found on PATH or by its path.
func TestFindChromeFromEnv(t *testing.T) {
	dir := t.TempDir()
	browser := filepath.Join(dir, "my-chrome")
	if err := os.WriteFile(browser, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(chromeEnv, browser)
	if got, err := findChrome("r"); err != nil || got != browser {
		t.Errorf("by path: %q, %v", got, err)
	}
	t.Setenv("PATH", dir)
	t.Setenv(chromeEnv, "my-chrome")
	if got, err := findChrome("r"); err != nil || got != browser {
		t.Errorf("by name on PATH: %q, %v", got, err)
	}
}

func TestTemplatesOverride(t *testing.T) {
	dir := t.TempDir()
	tdir := filepath.Join(dir, "mine")
	if out, stderr, code := runCmd(t, "templates", "export", tdir); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("export: exit %d %s %s", code, out, stderr)
	}
	summary := filepath.Join(tdir, "narrative", "summary.md")
	os.WriteFile(summary, []byte("Our own words: {{count .M.Customers}} customers.\n"), 0o644)
	out := filepath.Join(dir, "r")
	if _, stderr, code := runCmd(t, "build", "--templates", tdir, "-o", out, "--quiet", fixtures+"title_trailer.csv"); code != 0 {
		t.Fatalf("build: exit %d %s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(b), "Our own words: 1 customers.") {
		t.Error("the user's summary template was not used")
	}
	// A broken template is an error that names it.
	os.WriteFile(summary, []byte("{{.Nope}}\n"), 0o644)
	if _, stderr, code := runCmd(t, "build", "--templates", tdir, "-o", out, "--quiet", fixtures+"title_trailer.csv"); code == 0 || !strings.Contains(stderr, "narrative/summary.md") {
		t.Errorf("broken template: exit %d %s", code, stderr)
	}
}

func TestBrandingFromConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "dealaudit.yaml")
	os.WriteFile(cfg, []byte("client: \"Initech <Ltd>\"\ntitle: Q4 review\nprepared_by: Bob\n"), 0o644)
	out := filepath.Join(dir, "r")
	if _, stderr, code := runCmd(t, "build", "--config", cfg, "-o", out, "--quiet", fixtures+"title_trailer.csv"); code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{`<p class="client">Initech &lt;Ltd&gt;</p>`, "<h1>Q4 review</h1>", "prepared by Bob"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
}

func TestNotesErrorsAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("---\naccent: blue\n---\nHi\n"), 0o644)
	_, stderr, code := runCmd(t, "build", "--notes", notes, "-o", filepath.Join(dir, "r"), fixtures+"title_trailer.csv")
	if code != 2 || !strings.Contains(stderr, notes+": line 2: accent") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// --cpuprofile writes a profile pprof reads, with samples of the build in it;
// a path that cannot be written is a usage error before anything is built.
func TestBuildCPUProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.prof")
	if _, stderr, code := runCmd(t, "build", "--quiet", "--cpuprofile", prof, "-o", filepath.Join(dir, "r"), "../../sample-data/deals.xlsx"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(prof)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		t.Fatalf("not a profile: %v", err)
	}
	// Samples of the build: in the report packages. (Not only under
	// report.Build itself: much of a build runs on goroutines it starts,
	// and a small build has too few samples to count on the rest.)
	built := 0
	for _, s := range p.Sample {
		in := false
		for _, l := range s.Location {
			for _, ln := range l.Line {
				in = in || strings.HasPrefix(ln.Function.Name, "github.com/dealaudit/dealaudit/report")
			}
		}
		if in {
			built++
		}
	}
	t.Logf("%d of %d samples in the report packages", built, len(p.Sample))
	if built*2 < len(p.Sample) {
		t.Errorf("%d samples, %d in the report packages, want most", len(p.Sample), built)
	}
	out := filepath.Join(dir, "r2")
	if _, _, code := runCmd(t, "build", "--cpuprofile", filepath.Join(dir, "no", "such", "dir", "cpu.prof"), "-o", out, "../../sample-data/deals.xlsx"); code != 2 {
		t.Errorf("unwritable profile: exit %d, want 2", code)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the report was built although the profile could not be written")
	}
}
