package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file of "1.234,50 €" amounts, built with --locale de-DE, shows every
// amount the German way with the euro sign after it; with the default
// locale, the euro sign before it.
func TestBuildLocaleAndCurrency(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "deals.csv")
	os.WriteFile(in, []byte("Kunde;Datum;Betrag;Phase\n"+
		"Müller GmbH;03.01.2024;\"1.234,50 €\";gewonnen\n"+
		"Müller GmbH;05.02.2025;\"2.000,00 €\";gewonnen\n"+
		"Schmidt AG;07.03.2024;\"500,00 €\";gewonnen\n"), 0o644)
	for _, c := range []struct {
		locale, want string
	}{
		{"de-DE", "3.735\u00a0€"}, // all revenue: 1.234,50 + 2.000 + 500
		{"", "€3,735"},            // the euro from the amounts, en-US
	} {
		out := filepath.Join(dir, "r"+c.locale)
		args := []string{"build", "--quiet", "-o", out, in}
		if c.locale != "" {
			args = append(args, "--locale", c.locale)
		}
		if _, stderr, code := runCmd(t, args...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), c.want) {
			t.Errorf("--locale %q: index.html lacks %q", c.locale, c.want)
		}
		if j, _ := os.ReadFile(filepath.Join(out, "data", "metrics.json")); !strings.Contains(string(j), `"currency": "EUR",`) || !strings.Contains(string(j), `"currency_source": "read from the files"`) {
			t.Errorf("metrics.json does not say the currency and where it came from")
		}
	}
	if _, stderr, code := runCmd(t, "build", "-o", filepath.Join(dir, "x"), "--locale", "no such", in); code == 0 || !strings.Contains(stderr, "locale") {
		t.Errorf("a bad locale: exit %d, %s", code, stderr)
	}
}

// A holdout that starts more than a day after the as-of date would check a
// prediction for one window against purchases of another: refused.
func TestBuildRefusesHoldoutAfterAsOf(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	_, stderr, code := runCmd(t, "build", "--as-of", "2024-01-31", "--holdout-from", "2024-03-01", "-o", out, fixtures+"title_trailer.csv")
	if code != 2 || !strings.Contains(stderr, "Give --holdout-from 2024-02-01 (the day after the as-of date), or --as-of 2024-02-29") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written")
	}
}
