package ingest

import (
	"path/filepath"
	"testing"
)

func TestSelfReferralsAndEarlyCredits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deals.csv")
	mustWrite(t, path, []byte("Account,Close Date,Amount,Stage,Referred By\n"+
		"Acme Inc,2023-01-05,-40,Won,\n"+ // row 2: a credit before Acme's first purchase
		"Acme,2023-02-01,100,Won,ACME\n"+ // row 3: refers itself
		"Birch,2023-03-01,200,Won,Acme\n"+ // row 4: a real referral
		"Cedar,2023-04-01,-10,Won,\n"+ // row 5: an account that never bought
		"Acme,2023-06-01,-20,Won,\n")) // row 6: a credit after the first purchase
	res := read(t, Options{}, path)
	var got []string
	for _, p := range res.Problems {
		got = append(got, itoa(p.Row)+" "+p.Column+" "+p.Value+" "+p.Kind+" "+p.Action)
	}
	equalStrings(t, "problems", got, []string{
		"02 Account Acme Inc account spelling merged fixed",
		"02 Amount -40 credit before a first purchase kept",
		"03 Referred By Acme account refers itself not counted as a referral",
		"05 Amount -10 credit before a first purchase kept",
	})
	for _, d := range res.Deals {
		name := res.AccountOf(&d).Name
		if r := res.ReferrerOf(&d); name == "Acme" && (r != nil || d.Referral) {
			t.Errorf("row %d: Acme's deal still a referral (by %v)", d.Row, r)
		}
		if name == "Birch" && (res.ReferrerOf(&d) == nil || !d.Referral) {
			t.Errorf("Birch's referral by Acme lost")
		}
	}
}
