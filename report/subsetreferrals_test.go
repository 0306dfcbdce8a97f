package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// referralsAcrossOwners: Acme (first won by Ann) referred Birch (first
// won by Bob) and Cedar (Ann's); Dune (Bob's) referred no one.
const referralsAcrossOwners = `Account,Close Date,Amount,Stage,Owner,Referred By
Acme,2023-01-10,100,Won,Ann,
Birch,2023-03-01,200,Won,Bob,Acme
Cedar,2023-04-01,50,Won,Ann,Acme
Dune,2023-05-01,70,Won,Bob,
Acme,2024-01-10,100,Won,Ann,
Birch,2024-03-01,100,Won,Bob,
`

// A sub-report's referrals are its accounts' in the whole history: an
// owner's customer is credited with every customer it referred, whoever
// first won them, and a referrer outside the sub-report is still a
// customer. The same with --where.
func TestSubsetReferralsAreTheWholes(t *testing.T) {
	in := filepath.Join(t.TempDir(), "deals.csv")
	if err := os.WriteFile(in, []byte(referralsAcrossOwners), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "report")
	cfg := splitConfig(in, out)
	cfg.SplitBy = "owner"
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	ann, bob := filepath.Join(out, "by-owner", "ann"), filepath.Join(out, "by-owner", "bob")
	acme := csvRow(t, filepath.Join(ann, "data", "accounts.csv"), "account", "Acme")
	if acme["referrals_made"] != "2" || acme["referral_revenue"] != "350.00" {
		t.Errorf("Ann's report: Acme referred %s customers worth %s, want 2 and 350.00", acme["referrals_made"], acme["referral_revenue"])
	}
	if got := csvRow(t, filepath.Join(ann, "data", "approach.csv"), "group", "(not recorded)")["referrals_given"]; got != "2" {
		t.Errorf("Ann's report: referrals given %s, want 2", got)
	}
	if got := csvRow(t, filepath.Join(out, "data", "owners.csv"), "owner", "Ann")["referrals_given"]; got != "2" {
		t.Errorf("the owners page: Ann's customers referred %s, want 2", got)
	}
	for _, dir := range []string{bob, ""} {
		if dir == "" { // Bob's accounts by --where instead
			dir = filepath.Join(t.TempDir(), "where")
			c := splitConfig(in, dir)
			c.Where = []Filter{{"owner", "Bob"}}
			if _, err := Build(context.Background(), c); err != nil {
				t.Fatal(err)
			}
		}
		r := csvRow(t, filepath.Join(dir, "data", "referrers.csv"), "referrer", "Acme")
		if r["is_customer"] != "true" || r["referred_accounts"] != "1" {
			t.Errorf("%s: Acme is_customer %s, referred %s, want true and 1 (Birch)", dir, r["is_customer"], r["referred_accounts"])
		}
	}
	// One of Ann's two customers referred someone: Acme, though Birch is
	// in Bob's report.
	mj := strings.Join(strings.Fields(readText(t, filepath.Join(ann, "data", "metrics.json"))), " ")
	if !strings.Contains(mj, `"referring_customer_rate": { "value": 0.5, "numerator": 1, "denominator": 2,`) {
		t.Errorf("Ann's report: the referring customer rate is not 1 of 2:\n%s", mj[strings.Index(mj, `"referring_customer_rate"`):][:120])
	}
}

// csvRow returns the row of the CSV at p whose column key is value, by
// column name; it fails the test when there is none.
func csvRow(t *testing.T, p, key, value string) map[string]string {
	t.Helper()
	rows := readCSV(t, p)
	col := -1
	for i, h := range rows[0] {
		if h == key {
			col = i
		}
	}
	for _, r := range rows[1:] {
		if col >= 0 && r[col] == value {
			out := map[string]string{}
			for i, h := range rows[0] {
				out[h] = r[i]
			}
			return out
		}
	}
	t.Fatalf("%s: no row with %s %q", p, key, value)
	return nil
}
