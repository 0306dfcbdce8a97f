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
