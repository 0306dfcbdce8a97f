package compare

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// audit writes a minimal report folder: metrics.json with the fields
// compare reads and accounts.csv with the given rows (name, first won,
// last won, revenue, status).
func audit(t *testing.T, version, period, asOf, latest string, retained, before int, accounts [][5]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	mj := fmt.Sprintf(`{"tool": {"name": "dealaudit", "version": %q}, "options": {"period": %q, "as_of": %q},
"headline": {"customers": %d, "revenue": 1000, "repeat_customer_rate": {"value": 0.5, "numerator": 1, "denominator": 2},
 "latest_period": {"label": %q, "retention_rate": {"value": %g, "numerator": %d, "denominator": %d},
  "win_rate": {"value": null, "numerator": 0, "denominator": 0}}},
"findings": [{"kind": "retention", "title": "Retention %s"}, {"kind": "referrals", "title": "Referrals"}],
"hidden_revenue_loss": {"total": null, "revenue_walked_out": 10}}`,
		version, period, asOf, len(accounts), latest, float64(retained)/float64(before), retained, before, latest)
	if err := os.WriteFile(filepath.Join(dir, "data", "metrics.json"), []byte(mj), 0o644); err != nil {
		t.Fatal(err)
	}
	csv := "account,first_won,last_won,won_deals,lost_deals,revenue,status\n"
	for _, a := range accounts {
		csv += fmt.Sprintf("%s,%s,%s,1,0,%s,%s\n", a[0], a[1], a[2], a[3], a[4])
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "accounts.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, dir string) *Audit {
	t.Helper()
	a, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Worked by hand: who was lost, won back and new between two audits; a
// retention of 3 of 4 against 1 of 4 in another year is tested by
// Fisher's exact test, p = 0.4857 (R: fisher.test(matrix(c(3, 1, 1, 3),
// 2))$p.value = 0.4857143), the only test, so Holm leaves it as it is.
func TestCompare(t *testing.T) {
	old := audit(t, "0.2.0", "year", "2024-12-31", "2024", 3, 4, [][5]string{
		{"Acme", "2020-01-01", "2024-06-01", "500", "current"},    // lapsed now: lost
		{"Birch", "2020-01-01", "2022-01-01", "300", "lapsed"},    // bought in 2025: won back
		{"Cedar", "2020-01-01", "2024-01-01", "200", "lapsing"},   // bought in 2025: won back
		{"Dune", "2020-01-01", "2024-11-01", "100", "current"},    // current still
		{"Elm", "", "", "0", "never won"},                         // first purchase in 2025: new
		{"Gone Corp", "2020-01-01", "2021-01-01", "50", "lapsed"}, // not in the new audit
	})
	new := audit(t, "0.2.1", "year", "2025-12-31", "2025", 1, 4, [][5]string{
		{"Acme", "2020-01-01", "2024-06-01", "500", "lapsed"},
		{"Birch", "2020-01-01", "2025-03-01", "900", "current"},
		{"Cedar", "2020-01-01", "2025-05-01", "250", "current"},
		{"Dune", "2020-01-01", "2025-11-01", "150", "current"},
		{"Elm", "2025-02-01", "2025-02-01", "70", "current"},
		{"Fir", "2025-07-01", "2025-07-01", "30", "current"}, // new
	})
	c, err := Compare(read(t, old), read(t, new))
	if err != nil {
		t.Fatal(err)
	}
	names := func(ms []Move) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.Name)
		}
		return strings.Join(s, ",")
	}
	if got := names(c.Lost); got != "Acme" {
		t.Errorf("lost %q, want Acme", got)
	}
	if got := names(c.WonBack); got != "Birch,Cedar" { // by revenue, largest first
		t.Errorf("won back %q, want Birch,Cedar", got)
	}
	if c.NewCustomers != 2 || c.NewRevenue != 100 || c.Missing != 1 {
		t.Errorf("new %d (%g), missing %d; want 2 (100), 1", c.NewCustomers, c.NewRevenue, c.Missing)
	}
	var ret *Row
	for i := range c.Headline {
		if c.Headline[i].Name == "Customer retention" {
			ret = &c.Headline[i]
		}
	}
	if ret == nil || !ret.Tested || math.Abs(ret.P-0.4857143) > 1e-6 || ret.Adjusted != ret.P || ret.Clear || c.Tests != 1 {
		t.Errorf("retention row %+v, tests %d", ret, c.Tests)
	}
	want := map[string]string{"retention": "changed", "referrals": "unchanged"}
	for _, f := range c.Findings {
		if want[f.Kind] != f.Status {
			t.Errorf("finding %s: %s, want %s", f.Kind, f.Status, want[f.Kind])
		}
	}
}

// The same latest period in both audits is not tested as two samples.
func TestCompareSamePeriod(t *testing.T) {
	a := audit(t, "0.2.0", "year", "2025-06-30", "2024", 3, 4, nil)
	b := audit(t, "0.2.0", "year", "2025-09-30", "2024", 3, 4, nil)
	c, err := Compare(read(t, a), read(t, b))
	if err != nil {
		t.Fatal(err)
	}
	if !c.SamePeriod || c.Tests != 0 {
		t.Errorf("same period %v, tests %d", c.SamePeriod, c.Tests)
	}
}

// Folders that cannot be compared are refused with what to do.
func TestCompareRefuses(t *testing.T) {
	base := audit(t, "0.2.0", "year", "2024-12-31", "2024", 3, 4, nil)
	for _, tc := range []struct {
		other string
		says  string
	}{
		{audit(t, "0.3.0", "year", "2025-12-31", "2025", 1, 4, nil), "built by dealaudit 0.2.0 and"},
		{audit(t, "0.2.0", "quarter", "2025-12-31", "2025-Q4", 1, 4, nil), "rebuild one with --period quarter"},
		{audit(t, "0.2.0", "year", "2023-12-31", "2023", 1, 4, nil), "give the older audit first"},
	} {
		_, err := Compare(read(t, base), read(t, tc.other))
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%v, want an error saying %q", err, tc.says)
		}
	}
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a dealaudit report folder") {
		t.Errorf("an empty folder: %v", err)
	}
}
