package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const orderStatuses = `Order ID,Customer,Order Date,Total,Status
1,Acme,2024-01-05,100,In Transit
2,Beta,2024-02-05,200,In Transit
3,Acme,2024-03-05,50,Cancelled
4,Gamma,2024-04-05,80,Pending
`

// A history without a won deal stops the build with exit 1 and the fix,
// and writes no report; stages: in dealaudit.yaml is the fix; stage: none
// reads every row as won.
func TestStatusesAndNoWonDeal(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(csv, []byte(orderStatuses), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	_, stderr, code := runCmd(t, "build", "--quiet", csv, "-o", out)
	if code != 1 || !strings.Contains(stderr, `no row is a won deal`) || !strings.Contains(stderr, `column "Status" holds "In Transit" (2, read as open)`) ||
		!strings.Contains(stderr, `won: ["In Transit", "Pending"]`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written for a history without a won deal")
	}
	stdout, _, code := runCmd(t, "check", csv)
	if code != 1 || !strings.Contains(stdout, `"In Transit" → open 2 (not recognised)`) || !strings.Contains(stdout, "usable: no: no row is a won deal") {
		t.Errorf("check: exit %d:\n%s", code, stdout)
	}

	cfg := filepath.Join(dir, "dealaudit.yaml")
	if err := os.WriteFile(cfg, []byte("stages:\n  won: [In Transit]\n  open: [cancelled]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCmd(t, "check", "--config", cfg, csv)
	if code != 0 || !strings.Contains(stdout, `"In Transit" → won 2 (set in dealaudit.yaml)`) || !strings.Contains(stdout, `"Cancelled" → open 1 (set in dealaudit.yaml)`) ||
		!strings.Contains(stdout, "won 2, lost 0, open 2") {
		t.Errorf("stages: exit %d:\n%s%s", code, stdout, stderr)
	}
	if err := os.WriteFile(cfg, []byte("columns:\n  stage: none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCmd(t, "check", "--config", cfg, csv)
	if code != 0 || !strings.Contains(stdout, "won 4, lost 0, open 0") || !strings.Contains(stdout, `not used    "Status"`) {
		t.Errorf("stage: none: exit %d:\n%s%s", code, stdout, stderr)
	}
	if err := os.WriteFile(cfg, []byte("stages:\n  sold: [x]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code = runCmd(t, "check", "--config", cfg, csv); code != 2 || !strings.Contains(stderr, `line 2: stages: expected won, lost or open, found "sold"`) {
		t.Errorf("bad stages: exit %d: %s", code, stderr)
	}
}

// init writes a dealaudit.yaml even when no column is found for a
// required field: the field as TODO with the likeliest headers, the file's
// headers listed, and the lines to edit named; once edited, it builds.
func TestInitWithMissingColumns(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "weird.csv")
	if err := os.WriteFile(csv, []byte("Firma XYZ,Tag,Summe,Memo\nAcme,2024-01-05,100,a\nBeta,2024-02-05,200,b\nGamma,2024-03-05,50,c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "dealaudit.yaml")
	stdout, stderr, code := runCmd(t, "init", "-o", cfg, csv)
	if code != 0 || !strings.Contains(stdout, "3 to name: edit line 13 (account), line 14 (close_date), line 15 (amount)") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(cfg)
	for _, want := range []string{`#   "Firma XYZ", "Tag", "Summe", "Memo"`, `close_date:  "TODO"`, `likeliest "Tag"`, `likeliest "Summe"`, `likeliest "Firma XYZ"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("init's file lacks %q:\n%s", want, b)
		}
	}
	edited := strings.NewReplacer(`account:     "TODO"`, `account: "Firma XYZ"`, `close_date:  "TODO"`, `close_date: "Tag"`, `amount:      "TODO"`, `amount: "Summe"`).Replace(string(b))
	if err := os.WriteFile(cfg, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code = runCmd(t, "check", "--config", cfg, csv); code != 0 || !strings.Contains(stdout, "won 3, lost 0, open 0") {
		t.Errorf("edited config: exit %d: %s%s", code, stdout, stderr)
	}
}
