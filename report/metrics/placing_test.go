package metrics

import (
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
)

func ownerOf(a *ingest.Attrs) string { return a.Owner }

// Worked by hand: an account is placed by the first owner recorded on its
// first purchase date (largest purchase first), not by a lost deal before
// it or a purchase after; an account without a purchase up to the as-of
// date by its first deal that records an owner.
func TestPlacing(t *testing.T) {
	h := build([]dealSpec{
		{account: "Acme", date: d(2023, 1, 1), stage: lost, amount: 500, owner: "Bob"},
		{account: "Acme", date: d(2023, 2, 1), stage: won, amount: 900},
		{account: "Acme", date: d(2023, 2, 1), stage: won, amount: 100, owner: "Ann"},
		{account: "Acme", date: d(2023, 3, 1), stage: won, amount: 2000, owner: "Cy"},
		{account: "Birch", date: d(2023, 1, 5), stage: lost, amount: 50},
		{account: "Birch", date: d(2023, 4, 5), stage: lost, amount: 50, owner: "Bob"},
		{account: "Cedar", date: d(2023, 1, 9), stage: lost, amount: 50, owner: "Dee"},
		{account: "Cedar", date: d(2024, 1, 9), stage: won, amount: 50, owner: "Ann"}, // after the as-of date
		{account: "Dune", date: d(2023, 5, 1), stage: won, amount: 10},
	})
	got := Placing(h, d(2023, 12, 31), ownerOf)
	want := map[string]string{"Acme": "Ann", "Birch": "Bob", "Cedar": "Dee", "Dune": ""}
	for i, a := range h.Accounts {
		if got[i] != want[a.Name] {
			t.Errorf("%s placed under %q, want %q", a.Name, got[i], want[a.Name])
		}
	}
}

// On random histories, the customers placed under each owner are the
// customers the Owners page counts for that owner.
func TestPlacingAgreesWithOwners(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		h := randomHistory(r, 1+r.IntN(300))
		opts := Options{Period: PeriodKind(seed % 3)}
		if seed%4 == 0 {
			opts.AsOf, opts.AsOfSet = d(2022, 6, 30), true
		}
		m := Compute(h, opts)
		customer := make([]bool, len(h.Accounts))
		for i := range h.Deals {
			dl := &h.Deals[i]
			customer[dl.Account] = customer[dl.Account] || dl.IsPurchase() && dl.Close <= m.AsOf
		}
		placed := map[string]int{}
		for i, o := range Placing(h, m.AsOf, ownerOf) {
			if customer[i] {
				if o == "" {
					o = NoValue
				}
				placed[o]++
			}
		}
		counted := map[string]int{}
		for _, g := range m.Owners {
			counted[g.Name] = g.Accounts
		}
		if len(m.Owners) > 0 && !maps.Equal(placed, counted) {
			t.Fatalf("seed %d: placed %v, owners page %v", seed, placed, counted)
		}
	}
}
