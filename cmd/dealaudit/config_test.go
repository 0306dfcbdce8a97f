package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "dealaudit.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfig(t *testing.T) {
	p := writeConfig(t, `# comment
columns:
  account: "Account Name"
  close_date: Won time
  # amount: ""
sheet: Deals
date_order: dmy
accounts: Account.csv
referral_sources: [referral, partner]
currency_rates: {eur: 1.08}
period: quarter
as_of: 2025-12-31
target_retention: 85%
holdout_from: 2025-07-01
monthly_discount_rate: 1.5%
notes: notes.md
client: Globex
title: Audit 2025
prepared_by: Jane Roe
`)
	s := newSettings()
	if err := s.loadConfig(p); err != nil {
		t.Fatal(err)
	}
	cfg := s.cfg
	dir := filepath.Dir(p)
	if cfg.Ingest.Columns[ingest.FieldAccount].Header != "Account Name" ||
		cfg.Ingest.Columns[ingest.FieldCloseDate].Header != "Won time" ||
		cfg.Ingest.Columns[ingest.FieldCloseDate].Where != p+" line 4" {
		t.Errorf("columns %+v", cfg.Ingest.Columns)
	}
	if _, ok := cfg.Ingest.Columns[ingest.FieldAmount]; ok {
		t.Error("a commented-out field was read")
	}
	if cfg.Ingest.Sheet != "Deals" || cfg.Ingest.DateOrder != ingest.OrderDMY ||
		cfg.Ingest.Accounts != filepath.Join(dir, "Account.csv") || cfg.Notes != filepath.Join(dir, "notes.md") {
		t.Errorf("cfg %+v", cfg)
	}
	if fo := cfg.Forecast; !fo.Holdout || fo.HoldoutFrom.String() != "2025-07-01" || fo.MonthlyDiscount != 0.015 {
		t.Errorf("forecast options %+v", fo)
	}
	if strings.Join(cfg.Ingest.ReferralSources, ",") != "referral,partner" || cfg.Ingest.CurrencyRates["EUR"] != 1.08 {
		t.Errorf("referral %v rates %v", cfg.Ingest.ReferralSources, cfg.Ingest.CurrencyRates)
	}
	if cfg.Client != "Globex" || cfg.Title != "Audit 2025" || cfg.PreparedBy != "Jane Roe" {
		t.Errorf("branding %q %q %q", cfg.Client, cfg.Title, cfg.PreparedBy)
	}
	if mo := cfg.Metrics; mo.Period != metrics.Quarter || !mo.AsOfSet || mo.AsOf.String() != "2025-12-31" || mo.Target == nil || *mo.Target != 0.85 {
		t.Errorf("metrics options %+v", mo)
	}
}

func TestLoadConfigErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"sheet: x\nperoid: year\n", `line 2: unknown option "peroid"`},
		{"columns:\n  acount: Name\n", `line 2: columns: unknown field "acount"`},
		{"date_order: ymd\n", `line 1: date_order: expected mdy or dmy, found "ymd"`},
		{"\n\nperiod: week\n", `line 3: period: expected year, quarter or month, found "week"`},
		{"as_of: 31/12/2025\n", `line 1: as_of: expected a date as YYYY-MM-DD`},
		{"target_retention: lots\n", `line 1: target_retention: expected a fraction`},
		{"target_retention: 150%\n", `line 1: target_retention: expected a rate between 0 and 1`},
		{"holdout_from: soon\n", `line 1: holdout_from: expected a date as YYYY-MM-DD, found "soon"`},
		{"monthly_discount_rate: some\n", `line 1: monthly_discount_rate: expected a fraction`},
		{"currency_rates:\n  EUR: -1\n", `line 2: currency_rates: EUR: expected a positive number`},
		{"columns: [a, b]\n", `line 1: columns: expected field: header lines`},
		{"columns:\n  account: [A, B]\n", `line 2: columns.account: expected a single value`},
		{"sheet: a\nsheet: b\n", `line 2: sheet is set twice (first on line 1)`},
		{"columns:\n account: x\n  amount: y\n", `line 3`},
		{"columns:\n  account: A\n  account: B\n", `line 3: columns: account is set twice (first on line 2)`},
		{"max_sheet_mb: lots\n", `line 1: max_sheet_mb: expected a number of megabytes from 1 to 8,388,608`},
		{"- a\n- b\n", `line 1: expected option: value lines`},
	}
	for _, tt := range tests {
		p := writeConfig(t, tt.text)
		err := newSettings().loadConfig(p)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("LoadConfig(%q) = %v, want %q", tt.text, err, tt.want)
		}
	}
}

func TestLoadConfigEmpty(t *testing.T) {
	if err := newSettings().loadConfig(writeConfig(t, "# nothing yet\n")); err != nil {
		t.Errorf("empty config: %v", err)
	}
}

func TestInitConfigRoundTrip(t *testing.T) {
	// Headers with quotes, colons and YAML words survive the written file.
	res := &ingest.Result{Files: []ingest.FileInfo{{
		Sheet: `Deals "2024"`,
		Columns: []ingest.Mapping{
			{Field: ingest.FieldAccount, Header: `Client: "legal" name`},
			{Field: ingest.FieldCloseDate, Header: "yes"},
			{Field: ingest.FieldAmount, Header: "Montant (€)"},
		},
		DateOrder: "D/M/Y",
	}}}
	var b bytes.Buffer
	w := newSettings()
	w.cfg.Inputs = []string{"x.xlsx"}
	if err := writeInitConfig(&b, res, w, nil); err != nil {
		t.Fatal(err)
	}
	p := writeConfig(t, b.String())
	s := newSettings()
	if err := s.loadConfig(p); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	cfg := s.cfg
	want := map[ingest.Field]string{ingest.FieldAccount: `Client: "legal" name`, ingest.FieldCloseDate: "yes", ingest.FieldAmount: "Montant (€)"}
	for f, h := range want {
		if cfg.Ingest.Columns[f].Header != h {
			t.Errorf("%s: %q, want %q", f, cfg.Ingest.Columns[f].Header, h)
		}
	}
	if len(cfg.Ingest.Columns) != 3 || cfg.Ingest.Sheet != `Deals "2024"` || cfg.Ingest.DateOrder != ingest.OrderDMY || cfg.Metrics.Period != metrics.Year ||
		cfg.Forecast.MonthlyDiscount != forecast.DefaultMonthlyDiscount {
		t.Errorf("cfg %+v", cfg)
	}
	if strings.Join(cfg.Ingest.ReferralSources, "|") != strings.Join(ingest.DefaultReferralSources, "|") {
		t.Errorf("referral sources %v", cfg.Ingest.ReferralSources)
	}
}

// A header or a file name cannot write settings into init's file: an
// unused header "Memo\n  deal_id: "Account"\n  #" once mapped deal_id to
// the account column when the file was read back.
func TestInitConfigInjection(t *testing.T) {
	evil := []string{"Memo\n  deal_id: \"Account\"\n  #", "Notes # \"quoted\"\n---\nperiod: month", "Tab\tand \u202e"}
	res := &ingest.Result{Files: []ingest.FileInfo{{
		Columns: []ingest.Mapping{{Field: ingest.FieldAccount, Header: "Account"}, {Field: ingest.FieldCloseDate, Header: evil[1]}, {Field: ingest.FieldAmount, Header: "Amount"}},
		Unused:  evil,
	}}}
	var b bytes.Buffer
	w := newSettings()
	w.cfg.Inputs = []string{"deals\nperiod: month.csv"}
	if err := writeInitConfig(&b, res, w, nil); err != nil {
		t.Fatal(err)
	}
	s := newSettings()
	if err := s.loadConfig(writeConfig(t, b.String())); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	cols := s.cfg.Ingest.Columns
	if len(cols) != 3 || cols[ingest.FieldAccount].Header != "Account" || cols[ingest.FieldCloseDate].Header != evil[1] || cols[ingest.FieldAmount].Header != "Amount" {
		t.Errorf("read back %v", cols)
	}
	if s.cfg.Metrics.Period != metrics.Year {
		t.Errorf("a header set period: %v", s.cfg.Metrics.Period)
	}
}

// Every option of the table is written by init, and init's file reads
// back to the same settings: a round trip through every key.
func TestInitWritesEveryOption(t *testing.T) {
	w := newSettings()
	w.cfg.Inputs = []string{"x.csv"}
	for _, kv := range [][2]string{{"period", "month"}, {"as-of", "2024-03-31"}, {"target-retention", "0.8"},
		{"holdout-from", "2024-01-01"}, {"discount-rate", "0.02"}, {"max-part-mb", "7"}, {"max-sheet-mb", "9"}, {"max-cell-kb", "64"},
		{"split-by", "segment"}, {"where", `owner=Ann "the Closer" Lee`}, {"where", "lead_source=Referral"}} {
		if err := w.resolve([]flagValue{{optionByFlag(t, kv[0]), kv[1]}}); err != nil {
			t.Fatal(err)
		}
	}
	w.cfg.Ingest.CurrencyRates = map[string]float64{"EUR": 1.08, "GBP": 1.27}
	w.cfg.Client = "Globex"
	w.cfg.Ingest.ReferralSources = []string{"referral", "partner"}
	var b bytes.Buffer
	if err := writeInitConfig(&b, &ingest.Result{}, w, nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range configKeys() {
		if !strings.Contains(b.String(), "\n"+k+":") {
			t.Errorf("init's file lacks %s:\n%s", k, b.String())
		}
	}
	r := newSettings()
	if err := r.loadConfig(writeConfig(t, b.String())); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	r.cfg.Inputs = w.cfg.Inputs
	if fmt.Sprintf("%+v", deref(r.cfg)) != fmt.Sprintf("%+v", deref(w.cfg)) {
		t.Errorf("read back\n%+v\nwrote\n%+v", deref(r.cfg), deref(w.cfg))
	}
}

// deref shows a configuration's target rate by value, for comparing.
func deref(c report.Config) any {
	t := -1.0
	if c.Metrics.Target != nil {
		t = *c.Metrics.Target
	}
	c.Metrics.Target = nil
	return struct {
		C report.Config
		T float64
	}{c, t}
}

func optionByFlag(t *testing.T, name string) *option {
	for i := range options {
		if options[i].flag == name {
			return &options[i]
		}
	}
	t.Fatalf("no option --%s", name)
	return nil
}

// Flags win over dealaudit.yaml; ./dealaudit.yaml is read without
// --config, and the summary says so.
func TestFlagsOverConfigAndDefaultConfig(t *testing.T) {
	src, err := filepath.Abs(fixtures + "title_trailer.csv")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("dealaudit.yaml", []byte("period: quarter\nas_of: 2024-06-30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := newFlagSet("build", "", io.Discard)
	s, _, err := parseCommand(fs, cmdBuild, []string{"--period", "month", "x.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if s.cfg.Metrics.Period != metrics.Month || s.cfg.Metrics.AsOf.String() != "2024-06-30" || !s.found {
		t.Errorf("period %v, as of %v, found %v", s.cfg.Metrics.Period, s.cfg.Metrics.AsOf, s.found)
	}
	if !strings.Contains(s.configNote(), "options from ./dealaudit.yaml") {
		t.Errorf("note %q", s.configNote())
	}
	stdout, stderr, code := runCmd(t, "build", src, "-o", "r")
	if code != 0 || !strings.Contains(stdout, "(options from ./dealaudit.yaml)") {
		t.Errorf("exit %d: %s%s", code, stdout, stderr)
	}
	stdout, _, _ = runCmd(t, "check", src)
	if !strings.HasPrefix(stdout, "options     from ./dealaudit.yaml") {
		t.Errorf("check does not say where its options came from:\n%s", stdout)
	}
}
