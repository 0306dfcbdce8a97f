package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
)

// FuzzBuild builds a report from a fuzzed CSV: a build ends in a report or
// an error about the input, never a panic; every file written is UTF-8,
// holds no character XML refuses, and no infinity or NaN.
// go test ./report -run XXX -fuzz FuzzBuild -fuzztime 10m
func FuzzBuild(f *testing.F) {
	f.Add("Account,Close Date,Amount,Stage,Lead Source,Referred By\nAcme,2023-01-05,100,Won,Web,\nAcme,2024-02-05,200,Won,Referral,Birch\nBirch,2023-03-01,50,Lost,,\n")
	f.Add("Kunde;Datum;Betrag\nMüller GmbH;03.01.2024;\"1.234,50 €\"\nMüller GmbH;05.02.2025;\"2.000,00 €\"\n")
	f.Add("Account,Close Date,Amount\nA\x0b,12/31/9999,1e308\nB\u202e,2024-01-01,-5\n")
	f.Fuzz(func(t *testing.T, csv string) {
		dir := t.TempDir()
		in := filepath.Join(dir, "deals.csv")
		if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "report")
		_, err := Build(context.Background(), Config{Inputs: []string{in}, Out: out, Forecast: forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}})
		var fe *ingest.FileError
		var ie *InternalError
		switch {
		case errors.As(err, &ie):
			t.Fatalf("internal error: %v", err)
		case errors.As(err, &fe), errors.As(err, new(*ingest.NoWonError)):
			return
		case err != nil:
			t.Fatalf("build: %v", err)
		}
		for name, b := range outputTexts(t, out) {
			name = strings.TrimPrefix(name, out+string(filepath.Separator))
			if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".js") {
				continue
			}
			if !utf8.Valid(b) {
				t.Errorf("%s is not UTF-8", name)
			}
			if i := bytes.IndexFunc(b, func(r rune) bool { return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF }); i >= 0 {
				t.Errorf("%s holds %q at %d", name, b[i], i)
			}
			if strings.HasSuffix(name, ".json") && (bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf"))) {
				t.Errorf("%s holds NaN or Inf", name)
			}
		}
	})
}
