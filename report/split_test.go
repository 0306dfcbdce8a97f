package report

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
)

// hostileOwners are owner names that would escape the folder, that
// Windows reserves, or that differ only in case or accents; "" is a deal
// without an owner.
var hostileOwners = []string{"../x", "CON", "Alice", "alice", "José", "Jose", ""}

// writeOwnersCSV writes a small history: three accounts per owner of
// hostileOwners, each bought in 2023 and 2024 (the third only in 2023),
// and one account per owner that was only ever lost.
func writeOwnersCSV(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"Account Name", "Stage", "Close Date", "Amount", "Opportunity Owner"})
	for i, o := range hostileOwners {
		for j := range 3 {
			acct := fmt.Sprintf("Company %d-%d", i, j)
			w.Write([]string{acct, "Closed Won", fmt.Sprintf("2023-0%d-15", j+1), "1000", o})
			if j < 2 {
				w.Write([]string{acct, "Closed Won", fmt.Sprintf("2024-0%d-15", j+1), "1500", "Someone Else"})
			}
		}
		w.Write([]string{fmt.Sprintf("Prospect %d", i), "Closed Lost", "2024-05-01", "900", o})
	}
	w.Write([]string{"Lost Cause", "Closed Lost", "2024-06-01", "700", "Zed Only-Lost"})
	w.Flush()
	p := filepath.Join(t.TempDir(), "deals.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func splitConfig(in, out string) Config {
	return Config{Inputs: []string{in}, Out: out, Forecast: forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}}
}

// --split-by owner writes one folder per owner inside DIR/by-owner,
// distinct for names that differ only in case or accents, none outside
// DIR; every account is in exactly one sub-report, placed by the owner
// of its first purchase (not a later one), and each sub-report names its
// scope.
func TestSplitByOwnerHostileNames(t *testing.T) {
	in := writeOwnersCSV(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	cfg := splitConfig(in, out)
	cfg.SplitBy = "owner"
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Fatalf("the parent of DIR holds %d entries, want only DIR", len(ents))
	}
	want := map[string]string{ // folder → owner, in the order the values sort
		"x": "../x", "alice": "Alice", "con-1": "CON", "jose": "Jose", "jose-2": "José", "alice-2": "alice", "not-recorded": "(not recorded)",
	}
	ents, err := os.ReadDir(filepath.Join(out, "by-owner"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		if e.IsDir() {
			got = append(got, e.Name())
		}
	}
	if len(got) != len(want) {
		t.Fatalf("folders %v, want %d: %v", got, len(want), want)
	}
	index := readText(t, filepath.Join(out, "by-owner", "index.html"))
	seen := map[string]string{}
	for dir, owner := range want {
		sub := filepath.Join(out, "by-owner", dir)
		page := readText(t, filepath.Join(sub, "index.html"))
		scope := "Owner: " + htmlEscape(owner) + " (accounts first won by this owner)"
		if !strings.Contains(page, scope) {
			t.Errorf("%s/index.html does not name its scope %q", dir, scope)
		}
		if !strings.Contains(page, `<a href="../index.html">all of them</a>`) {
			t.Errorf("%s/index.html does not link the index of the reports by owner", dir)
		}
		// One owner's customers make a one-row owners page: none is
		// written, and the call list still names each account's owner.
		if _, err := os.Stat(filepath.Join(sub, "owners.html")); err == nil || strings.Contains(page, `href="owners.html"`) {
			t.Errorf("%s has an owners page, comparing one owner", dir)
		}
		if grouped := strings.Contains(readText(t, filepath.Join(sub, "accounts.html")), "by the owner of their latest purchase"); grouped != (dir != "not-recorded") {
			t.Errorf("%s: the call list grouped by owner: %v, want it for accounts with owners only", dir, grouped)
		}
		// report.html travels alone (it is what email.eml attaches): it
		// names the index instead of linking a file it goes without.
		if single := readText(t, filepath.Join(sub, "report.html")); strings.Contains(single, `href="../index.html"`) ||
			!strings.Contains(single, "the index.html beside this report's folder lists all of them") {
			t.Errorf("%s/report.html links the index of the reports by owner, or does not name it", dir)
		}
		if !strings.Contains(index, `href="`+dir+`/index.html"`) {
			t.Errorf("the index does not link %s", dir)
		}
		for _, acct := range accountsOf(t, filepath.Join(sub, "data", "accounts.csv")) {
			if prev, dup := seen[acct]; dup {
				t.Errorf("%s is in %s and %s", acct, prev, dir)
			}
			seen[acct] = dir
		}
	}
	for i, o := range hostileOwners {
		dir := "not-recorded"
		for d, name := range want {
			if name == o {
				dir = d
			}
		}
		for _, acct := range []string{fmt.Sprintf("Company %d-0", i), fmt.Sprintf("Prospect %d", i)} {
			if seen[acct] != dir {
				t.Errorf("%s is in %q, want %q (owner %q)", acct, seen[acct], dir, o)
			}
		}
	}
	// An owner whose accounts never bought has no report, and the index
	// says so.
	if _, err := os.Stat(filepath.Join(out, "by-owner", "zed-only-lost")); err == nil {
		t.Error("an owner without a purchase has a report folder")
	}
	if !strings.Contains(index, "<td>Zed Only-Lost</td><td class=\"nw\">no purchase up to the as-of date: no report</td>") {
		t.Error("the index does not say the owner without a purchase has no report")
	}
	if all := accountsOf(t, filepath.Join(out, "data", "accounts.csv")); len(all) != len(seen)+1 {
		t.Errorf("the sub-reports hold %d accounts, the whole report %d (one in no report)", len(seen), len(all))
	}
	if _, err := os.Stat(filepath.Join(out, "owners.html")); err != nil {
		t.Errorf("the whole report has no owners page: %v", err)
	}
	if !strings.Contains(readText(t, filepath.Join(out, "index.html")), `href="by-owner/index.html"`) {
		t.Error("the whole report does not link the index of the sub-reports")
	}
	if single := readText(t, filepath.Join(out, "report.html")); strings.Contains(single, `href="by-owner/`) ||
		!strings.Contains(single, "One report per owner: by-owner/index.html in the report folder.") {
		t.Error("the whole report.html links the sub-reports' index, or does not name it")
	}
}

// --where keeps the accounts placed under the value, named on the pages
// and in metrics.json; it matches a value ignoring case only when that
// is unambiguous, and a value no account has is refused with the values
// there are.
func TestWhere(t *testing.T) {
	in := writeOwnersCSV(t)
	out := filepath.Join(t.TempDir(), "report")
	cfg := splitConfig(in, out)
	cfg.Where = []Filter{{"owner", "con"}}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	accts := accountsOf(t, filepath.Join(out, "data", "accounts.csv"))
	slices.Sort(accts)
	if want := []string{"Company 1-0", "Company 1-1", "Company 1-2", "Prospect 1"}; !slices.Equal(accts, want) {
		t.Errorf("accounts %v, want %v", accts, want)
	}
	if mj := readText(t, filepath.Join(out, "data", "metrics.json")); !strings.Contains(mj, `"scope": "Owner: CON (accounts first won by this owner)"`) {
		t.Error("metrics.json does not name the scope")
	}
	// With --redact owners the filter names the owner as written and
	// the pages her pseudonym, the one the whole redacted report gives
	// her (owners sorted: ../x, Alice, …).
	cfg.Where, cfg.Ingest.Redact = []Filter{{"owner", "Alice"}}, ingest.Redaction{Owners: true}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for file, text := range outputTexts(t, out) {
		if strings.Contains(string(text), "Alice") {
			t.Errorf("%s names Alice", file)
		}
	}
	if mj := readText(t, filepath.Join(out, "data", "metrics.json")); !strings.Contains(mj, `"scope": "Owner: Owner B (accounts first won by this owner)"`) {
		t.Error("metrics.json does not name the scope by the pseudonym Owner B")
	}
	cfg.Ingest.Redact = ingest.Redaction{}
	for _, tc := range []struct{ value, says string }{
		{"ALICE", `the owner values "Alice" and "alice" differ from it, and from each other, only in case`},
		{"Nobody", `no account is placed under "Nobody"`},
	} {
		cfg.Where = []Filter{{"owner", tc.value}}
		_, err := Build(context.Background(), cfg)
		var oe *OptionsError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("--where owner=%s: %v, want an options error saying %s", tc.value, err, tc.says)
		}
	}
}

func readText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// accountsOf is the account column of an accounts.csv.
func accountsOf(t *testing.T, p string) []string {
	t.Helper()
	rows := readCSV(t, p)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0])
	}
	return out
}

// readCSV returns the records of the CSV at p, its header first.
func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %d records, %v", p, len(rows), err)
	}
	return rows
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
