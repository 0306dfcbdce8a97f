package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
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
	var cfg Config
	if err := LoadConfig(p, &cfg); err != nil {
		t.Fatal(err)
	}
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
	if fo, err := cfg.ForecastOptions(); err != nil || !fo.Holdout || fo.HoldoutFrom.String() != "2025-07-01" || fo.MonthlyDiscount != 0.015 {
		t.Errorf("forecast options %+v, %v", fo, err)
	}
	if strings.Join(cfg.Ingest.ReferralSources, ",") != "referral,partner" || cfg.Ingest.CurrencyRates["EUR"] != 1.08 {
		t.Errorf("referral %v rates %v", cfg.Ingest.ReferralSources, cfg.Ingest.CurrencyRates)
	}
	if cfg.Client != "Globex" || cfg.Title != "Audit 2025" || cfg.PreparedBy != "Jane Roe" {
		t.Errorf("branding %q %q %q", cfg.Client, cfg.Title, cfg.PreparedBy)
	}
	if cfg.Period != "quarter" || cfg.AsOf != "2025-12-31" || cfg.TargetRetention == nil || *cfg.TargetRetention != 0.85 {
		t.Errorf("period %q as of %q target %v", cfg.Period, cfg.AsOf, cfg.TargetRetention)
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
		{"max_sheet_mb: lots\n", `line 1: max_sheet_mb: expected a positive number of megabytes`},
		{"- a\n- b\n", `line 1: expected option: value lines`},
	}
	for _, tt := range tests {
		p := writeConfig(t, tt.text)
		var cfg Config
		err := LoadConfig(p, &cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("LoadConfig(%q) = %v, want %q", tt.text, err, tt.want)
		}
	}
}

func TestLoadConfigEmpty(t *testing.T) {
	var cfg Config
	if err := LoadConfig(writeConfig(t, "# nothing yet\n"), &cfg); err != nil {
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
	if err := WriteInitConfig(&b, res, Config{Inputs: []string{"x.xlsx"}}); err != nil {
		t.Fatal(err)
	}
	p := writeConfig(t, b.String())
	var cfg Config
	if err := LoadConfig(p, &cfg); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := map[ingest.Field]string{ingest.FieldAccount: `Client: "legal" name`, ingest.FieldCloseDate: "yes", ingest.FieldAmount: "Montant (€)"}
	for f, h := range want {
		if cfg.Ingest.Columns[f].Header != h {
			t.Errorf("%s: %q, want %q", f, cfg.Ingest.Columns[f].Header, h)
		}
	}
	if len(cfg.Ingest.Columns) != 3 || cfg.Ingest.Sheet != `Deals "2024"` || cfg.Ingest.DateOrder != ingest.OrderDMY || cfg.Period != "year" {
		t.Errorf("cfg %+v", cfg)
	}
	if strings.Join(cfg.Ingest.ReferralSources, "|") != strings.Join(ingest.DefaultReferralSources, "|") {
		t.Errorf("referral sources %v", cfg.Ingest.ReferralSources)
	}
}
