package report

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/eml"
	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
)

// With --redact all, no output holds any account, referrer or owner name
// of the sample, decoded as a reader would see it (the email's parts, the
// workbook's parts); the figures are those of the build without it.
func TestRedactionLeavesNoName(t *testing.T) {
	in := filepath.Join("..", "sample-data", "deals.csv")
	res, err := ingest.Read(context.Background(), []string{in}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range append(res.Accounts, res.Referrers...) {
		names = append(names, a.Name)
	}
	for _, a := range res.Attrs {
		if a.Owner != "" {
			names = append(names, a.Owner)
		}
	}
	build := func(r ingest.Redaction) string {
		out := filepath.Join(t.TempDir(), "report")
		cfg := Config{Inputs: []string{in}, Out: out, Forecast: forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}}
		cfg.Ingest.Redact = r
		if _, err := Build(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		return out
	}
	plain, red := build(ingest.Redaction{}), build(ingest.Redaction{Accounts: true, Owners: true})
	texts := outputTexts(t, red)
	if len(texts) < 20 {
		t.Fatalf("only %d texts read", len(texts))
	}
	for file, text := range texts {
		for _, n := range names {
			if bytes.Contains(text, []byte(n)) {
				t.Errorf("%s holds %q", file, n)
				break
			}
		}
	}
	for _, f := range []string{"periods.csv", "cohorts.csv", "approach.csv"} {
		a, _ := os.ReadFile(filepath.Join(plain, "data", f))
		b, _ := os.ReadFile(filepath.Join(red, "data", f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs with redaction", f)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(red, "data", "owners.csv")); !bytes.Contains(b, []byte("\nOwner A,")) {
		t.Error("owners.csv has no Owner A")
	}
}

// outputTexts is every file of a report folder as text, by decoded().
func outputTexts(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	texts := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for name, text := range decoded(t, p, b) {
			texts[name] = text
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// decoded is what a file holds as text: an email as it is and its text
// leaves decoded, a workbook's parts unzipped (not the zip itself), anything
// else as it is.
func decoded(t testing.TB, path string, b []byte) map[string][]byte {
	out := map[string][]byte{path: b}
	if filepath.Ext(path) == ".xlsx" {
		delete(out, path)
	}
	switch filepath.Ext(path) {
	case ".eml":
		_, leaves, err := eml.Read(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leaves {
			if strings.HasPrefix(l.Header.Get("Content-Type"), "text/") {
				out[path+"/"+l.Key()] = l.Body
			}
		}
	case ".xlsx":
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(rc)
			rc.Close()
			out[path+"/"+f.Name] = part
		}
	}
	return out
}
