package ingest

import (
	"context"
	"strings"
	"testing"
)

// Redaction renames accounts, referrers and owners in the order of their
// sorted names, whatever the row order; likely duplicates and the
// problems of name columns lose the names too.
func TestRedact(t *testing.T) {
	rows := []string{
		"D1,Globex Corp,2024-01-05,100,Won,Zed,",
		"D2,Globex Crop,2024-02-05,100,Won,Amy,", // a likely duplicate of Globex Corp
		"D3,Acme,2024-03-05,100,Won,Amy,Initech", // Initech refers, and never buys
		"D4,Acme,not a date,100,Won,Amy,",        // a problem in the date column
		"D5,,2024-04-05,100,Won,Zed,",            // a problem in the account column
	}
	read := func(rows []string) *Result {
		p := writeCSV(t, "Deal ID,Account,Close Date,Amount,Stage,Owner,Referred By\n"+strings.Join(rows, "\n")+"\n")
		res, err := Read(context.Background(), []string{p}, Options{Redact: Redaction{Accounts: true, Owners: true}})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := read(rows)
	got := map[string]string{} // deal id → account and owner
	for i, d := range res.Deals {
		got[res.DealID(i)] = res.Accounts[d.Account].Name + "/" + res.AttrsOf(&res.Deals[i]).Owner
	}
	// Sorted: Acme, Globex Corp, Globex Crop, Initech; Amy, Zed.
	want := map[string]string{"D1": "Account 0002/Owner B", "D2": "Account 0003/Owner A", "D3": "Account 0001/Owner A"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %s, want %s", id, got[id], w)
		}
	}
	if len(res.Referrers) != 1 || res.Referrers[0].Name != "Account 0004" {
		t.Errorf("referrers %+v", res.Referrers)
	}
	if d := res.LikelyDuplicates; len(d) != 1 || d[0].A+d[0].B != "Account 0002Account 0003" && d[0].A+d[0].B != "Account 0003Account 0002" {
		t.Errorf("likely duplicates %+v", d)
	}
	for _, p := range res.Problems {
		for _, n := range []string{"Globex", "Acme", "Initech", "Amy", "Zed"} {
			if strings.Contains(p.Value+p.Detail, n) {
				t.Errorf("problem %+v names %s", p, n)
			}
		}
	}
	// The same names, rows the other way round.
	rev := make([]string, len(rows))
	for i, r := range rows {
		rev[len(rows)-1-i] = r
	}
	res = read(rev)
	for i, d := range res.Deals {
		if id := res.DealID(i); want[id] != "" && res.Accounts[d.Account].Name+"/"+res.AttrsOf(&res.Deals[i]).Owner != want[id] {
			t.Errorf("rows reversed: %s is %s", id, res.Accounts[d.Account].Name)
		}
	}
}

func TestLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := letters(i); got != want {
			t.Errorf("letters(%d) = %s, want %s", i, got, want)
		}
	}
}
