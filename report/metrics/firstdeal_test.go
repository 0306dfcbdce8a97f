package metrics

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// firstDaySpecs: Gale's first purchase date has three purchases; Hale's
// history starts with a credit; Ivy has only a credit.
//
//	Gale  2023-01-10  100  Competitive, 30%
//	Gale  2023-01-10  300  Collaborative, 10%
//	Gale  2023-01-10   50  (no approach), no discount
//	Gale  2024-02-01   80
//	Hale  2022-12-01  -50  a credit before the first purchase
//	Hale  2023-02-01  200  Collaborative
//	Hale  2024-03-01  100
//	Ivy   2023-06-01  -20  a credit, never a purchase
//	Jay   2023-03-01  100  Competitive, 20%, referred by Gale
//	Jay   2023-03-01  100  Collaborative, 10%, referred by Hale: a tie
var firstDaySpecs = []dealSpec{
	{"Gale", d(2023, 1, 10), 100, won, "", "", "", "Competitive", 0.30},
	{"Gale", d(2023, 1, 10), 300, won, "", "", "", "Collaborative", 0.10},
	{"Gale", d(2023, 1, 10), 50, won, "", "", "", "", -1},
	{"Gale", d(2024, 2, 1), 80, won, "", "", "", "", -1},
	{"Hale", d(2022, 12, 1), -50, won, "", "", "", "", -1},
	{"Hale", d(2023, 2, 1), 200, won, "", "", "", "Collaborative", -1},
	{"Hale", d(2024, 3, 1), 100, won, "", "", "", "", -1},
	{"Ivy", d(2023, 6, 1), -20, won, "", "", "", "", -1},
	{"Jay", d(2023, 3, 1), 100, won, "", "Gale", "", "Competitive", 0.20},
	{"Jay", d(2023, 3, 1), 100, won, "", "Hale", "", "Collaborative", 0.10},
}

func TestFirstDealFactsDoNotDependOnRowOrder(t *testing.T) {
	want := Compute(build(firstDaySpecs), Options{})
	gale := findAccount(t, want, "Gale")
	// The approach of the largest purchase (300, Collaborative); the
	// discount weighted by amount: (0.30×100 + 0.10×300) / 400 = 0.15.
	if gale.FirstApproach != "Collaborative" || !gale.HasFirstDiscount || math.Abs(gale.FirstDiscount-0.15) > 1e-12 {
		t.Errorf("Gale's first deal: %q, %v (%v), want Collaborative, 0.15", gale.FirstApproach, gale.FirstDiscount, gale.HasFirstDiscount)
	}
	// Jay's two equal purchases: ties go by the approach's name.
	if jay := findAccount(t, want, "Jay"); jay.FirstApproach != "Collaborative" || jay.ReferredBy != "Hale" || math.Abs(jay.FirstDiscount-0.15) > 1e-12 {
		t.Errorf("Jay's first deal: %q referred by %q, %v; want Collaborative, Hale, 0.15", jay.FirstApproach, jay.ReferredBy, jay.FirstDiscount)
	}
	r := rand.New(rand.NewPCG(7, 7))
	for range 30 {
		specs := append([]dealSpec(nil), firstDaySpecs...)
		r.Shuffle(len(specs), func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
		got := Compute(build(specs), Options{})
		for _, name := range []string{"Gale", "Hale", "Ivy", "Jay"} {
			a, b := findAccount(t, want, name), findAccount(t, got, name)
			a.Index, b.Index = 0, 0
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s after shuffling: %+v, want %+v", name, b, a)
			}
		}
		if !reflect.DeepEqual(got.Approaches, want.Approaches) || !reflect.DeepEqual(got.Periods, want.Periods) || !reflect.DeepEqual(got.Referrers, want.Referrers) {
			t.Fatalf("approach groups or periods change with the order of rows:\n%+v\n%+v", got.Approaches, want.Approaches)
		}
	}
}

func TestCreditsBeforeTheFirstPurchase(t *testing.T) {
	m := Compute(build(firstDaySpecs), Options{})
	byLabel := map[string]PeriodRow{}
	for _, p := range m.Periods {
		byLabel[p.Label] = p
	}
	// 2022: Hale's -50 credit before its first purchase: revenue, not
	// repeat revenue. 2023: new 100+300+50 (Gale) + 200 (Hale) + 200 (Jay)
	// = 850, Ivy's -20 credit is neither new nor repeat. 2024: repeat 80 +
	// 100.
	cases := []struct {
		label                        string
		revenue, nw, repeat, credits float64
	}{
		{"2022", -50, 0, 0, -50},
		{"2023", 830, 850, 0, -20},
		{"2024", 180, 0, 180, 0},
	}
	for _, c := range cases {
		p := byLabel[c.label]
		if p.Revenue != c.revenue || p.NewRevenue != c.nw || p.RepeatRevenue != c.repeat || p.EarlyCredits != c.credits {
			t.Errorf("%s: revenue %v new %v repeat %v early credits %v; want %v %v %v %v",
				c.label, p.Revenue, p.NewRevenue, p.RepeatRevenue, p.EarlyCredits, c.revenue, c.nw, c.repeat, c.credits)
		}
	}
	// Revenue after the first purchase: Hale's 100, not 100 - 50.
	for _, g := range m.Approaches {
		if g.Name == "Collaborative" {
			// Gale 80 + Hale 100 + Jay 0 over 3 accounts.
			if g.RevenuePerAccount.Num != 180 || g.Accounts != 3 {
				t.Errorf("Collaborative: revenue after the first purchase %v over %d accounts, want 180 over 3", g.RevenuePerAccount.Num, g.Accounts)
			}
		}
	}
	// Lifetime revenue keeps the credit.
	if h := findAccount(t, m, "Hale"); h.Revenue != 250 {
		t.Errorf("Hale's lifetime revenue %v, want 250", h.Revenue)
	}
	// The cohort of 2023 holds none of the credits: 850 in its own year.
	for _, c := range m.Cohorts {
		if c.Cohort == "2023" && c.Index == 0 && c.Revenue != 850 {
			t.Errorf("cohort 2023 in 2023: revenue %v, want 850", c.Revenue)
		}
	}
}

func findAccount(t *testing.T, m *Metrics, name string) Account {
	t.Helper()
	for _, a := range m.Accounts {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no account %q", name)
	return Account{}
}
