package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// Subset keeps the kept accounts' deals with their ids, the problems of
// their rows and of whole files, and drops the rest.
func TestSubset(t *testing.T) {
	p := filepath.Join(t.TempDir(), "deals.csv")
	mustWrite(t, p, []byte("Deal ID,Account,Stage,Close Date,Amount\n"+
		"D1,Acme,Won,2024-01-05,100\n"+
		"D2,Birch,Won,2024-01-06,$1.234,5\n"+ // a problem of Birch's row
		"D3,Acme,Lost,2024-02-05,50\n"+
		"D4,Birch,Won,2024-03-06,300\n"))
	res, err := Read(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	keep := make([]bool, len(res.Accounts))
	for i, a := range res.Accounts {
		keep[i] = a.Name == "Acme"
	}
	s := res.Subset(keep)
	if len(s.Deals) != 2 {
		t.Fatalf("%d deals, want Acme's 2", len(s.Deals))
	}
	for i := range s.Deals {
		if s.AccountOf(&s.Deals[i]).Name != "Acme" {
			t.Errorf("deal %d is %s's", i, s.AccountOf(&s.Deals[i]).Name)
		}
	}
	if s.DealID(0) != "D1" || s.DealID(1) != "D3" {
		t.Errorf("ids %q %q, want D1 D3", s.DealID(0), s.DealID(1))
	}
	for _, pr := range s.Problems {
		if pr.Row == 3 {
			t.Errorf("Birch's row 3 problem kept: %+v", pr)
		}
	}
	birch := 0
	for _, pr := range res.Problems {
		if pr.Row == 3 {
			birch++
		}
	}
	if birch == 0 {
		t.Fatalf("the fixture's row 3 has no problem: %+v", res.Problems)
	}
	if len(res.Deals) != 4 {
		t.Errorf("Subset changed the whole: %d deals", len(res.Deals))
	}
}
