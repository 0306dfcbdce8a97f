package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// TestRoundTrip writes the sample history as XLSX and CSV and reads both
// back: every count the generator knows must come out exactly.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-dir", dir}, &out, &out); err != nil {
		t.Fatal(err, out.String())
	}
	deals, tr := history(1)
	if tr.Won+tr.Lost+tr.Open < 2800 || tr.Accounts < 380 || tr.Accounts > 420 {
		t.Errorf("sample size: %d deals, %d accounts; want about 3,000 and 400", tr.Won+tr.Lost+tr.Open, tr.Accounts)
	}
	for _, name := range []string{"deals.xlsx", "deals.csv"} {
		t.Run(name, func(t *testing.T) {
			res, err := ingest.Read(context.Background(), []string{filepath.Join(dir, name)}, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var won, lost, open int
			accounts := map[string]bool{}
			for _, d := range res.Deals {
				switch d.Stage {
				case ingest.Won:
					won++
				case ingest.Lost:
					lost++
				default:
					open++
				}
				accounts[res.AccountOf(&d).Key] = true
			}
			if won != tr.Won || lost != tr.Lost || open != tr.Open {
				t.Errorf("won/lost/open = %d/%d/%d, want %d/%d/%d", won, lost, open, tr.Won, tr.Lost, tr.Open)
			}
			if len(accounts) != tr.Accounts || res.Spellings != tr.Spellings {
				t.Errorf("accounts %d (spellings %d), want %d (%d)", len(accounts), res.Spellings, tr.Accounts, tr.Spellings)
			}
			count := map[string]int{}
			for _, p := range res.Problems {
				count[p.Kind]++
			}
			if count["duplicate row"] != tr.Duplicates || count["no account"] != tr.NoAccount || count["no such date"] != tr.BadDate {
				t.Errorf("problems %v, want %d duplicates, %d without account, %d bad dates", count, tr.Duplicates, tr.NoAccount, tr.BadDate)
			}
			wantRows := len(deals)
			if f := res.Files[0]; f.Rows-f.Blank-f.Trailers != wantRows {
				t.Errorf("data rows %d, want %d", f.Rows-f.Blank-f.Trailers, wantRows)
			}
			found := false
			for _, ld := range res.LikelyDuplicates {
				if ld.A == tr.Typo[0] && ld.B == tr.Typo[1] || ld.A == tr.Typo[1] && ld.B == tr.Typo[0] {
					found = true
				}
			}
			if !found {
				t.Errorf("the typo %q / %q is not among the likely duplicates %v", tr.Typo[0], tr.Typo[1], res.LikelyDuplicates)
			}
			// Referral sources and referrers survive the trip.
			referred := 0
			for _, d := range res.Deals {
				if d.Referral {
					referred++
				}
			}
			if referred == 0 {
				t.Error("no referral deals read")
			}
		})
	}
}

// TestDeterministic: the sample files are a pure function of the seed.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	var out bytes.Buffer
	for _, d := range []string{a, b} {
		if err := run(context.Background(), []string{"-dir", d}, &out, &out); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"deals.xlsx", "deals.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	// The committed sample is what the generator writes today.
	for _, name := range []string{"deals.xlsx", "deals.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, err := os.ReadFile(filepath.Join("..", "..", "sample-data", name))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("sample-data/%s is stale: run go run ./cmd/samplegen", name)
		}
	}
}

func TestLargeFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"big.csv", "big.xlsx"} {
		p := filepath.Join(dir, name)
		var out bytes.Buffer
		if err := run(context.Background(), []string{"-rows", "2000", "-o", p}, &out, &out); err != nil {
			t.Fatal(err)
		}
		res, err := ingest.Read(context.Background(), []string{p}, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f := res.Files[0]; f.Rows != 2000 || len(res.Problems) != 0 {
			t.Errorf("%s: %d rows, problems %v; want 2000 rows and none", name, f.Rows, res.Problems)
		}
		if len(res.Deals) < 1500 {
			t.Errorf("%s: only %d deals", name, len(res.Deals))
		}
	}
	if err := run(context.Background(), []string{"-rows", "10", "-o", filepath.Join(dir, "x.txt")}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("an unknown extension was accepted")
	}
}
