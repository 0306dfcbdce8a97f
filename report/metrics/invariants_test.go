package metrics

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// randomHistory makes a history with every kind of deal: purchases, zero
// amounts, credits, lost and open deals, same-day deals, referrals.
func randomHistory(r *rand.Rand, n int) *ingest.History {
	var specs []dealSpec
	names := []string{"Acme", "Birch", "Cedar", "Dune", "Elm", "Fir", "Gale", "Hazel", "Iris", "Juniper", "Kelp", "Lark"}
	base := d(2019, 1, 1)
	for i := 0; i < n; i++ {
		s := dealSpec{account: names[r.IntN(len(names))], date: base + ingest.Date(r.IntN(6*365)), discount: -1}
		switch x := r.Float64(); {
		case x < 0.6:
			s.stage, s.amount = won, math.Round(r.Float64()*1000)
		case x < 0.65:
			s.stage, s.amount = won, 0
		case x < 0.72:
			s.stage, s.amount = won, -math.Round(r.Float64()*200)
		case x < 0.92:
			s.stage, s.amount = lost, math.Round(r.Float64()*1000)
		default:
			s.stage = open
		}
		if r.Float64() < 0.15 {
			s.refBy = names[r.IntN(len(names))]
		}
		if r.Float64() < 0.5 {
			s.approach = []string{"Collaborative", "Competitive"}[r.IntN(2)]
			s.discount = r.Float64() * 0.4
		}
		s.owner = []string{"Ann", "Bob", ""}[r.IntN(3)]
		specs = append(specs, s)
		if r.Float64() < 0.1 { // a same-day deal
			s2 := s
			s2.amount = math.Round(r.Float64() * 100)
			specs = append(specs, s2)
		}
	}
	return build(specs)
}

func checkInvariants(t *testing.T, h *ingest.History, opts Options) {
	t.Helper()
	m := Compute(h, opts)
	const eps = 1e-6
	// Every account knows its index in the history; Positions finds it.
	position := Positions(m.Accounts)
	for i, a := range m.Accounts {
		if a.Index < 0 || int(a.Index) >= len(h.Accounts) || h.Accounts[a.Index].Key != a.Key {
			t.Fatalf("account %q has index %d", a.Key, a.Index)
		}
		if p := position(a.Index, a.Key); p != i {
			t.Fatalf("Positions(%d, %q) = %d, want %d", a.Index, a.Key, p, i)
		}
	}
	var revenue float64
	var won, lost, newAccounts int
	for i, p := range m.Periods {
		if p.New+p.Retained+p.Reactivated != p.Active {
			t.Errorf("%s: new %d + retained %d + reactivated %d != active %d", p.Label, p.New, p.Retained, p.Reactivated, p.Active)
		}
		if i > 0 && p.Retained+p.Churned != m.Periods[i-1].Active {
			t.Errorf("%s: retained %d + churned %d != active before %d", p.Label, p.Retained, p.Churned, m.Periods[i-1].Active)
		}
		if math.Abs(p.NewRevenue+p.RepeatRevenue+p.EarlyCredits-p.Revenue) > eps {
			t.Errorf("%s: new + repeat revenue + credits before a first purchase != revenue", p.Label)
		}
		if p.EarlyCredits > eps {
			t.Errorf("%s: credits before a first purchase sum to %v > 0", p.Label, p.EarlyCredits)
		}
		if v, ok := p.GRR.Value(); ok && v > 1+eps {
			t.Errorf("%s: GRR %v > 1", p.Label, v)
		}
		if v, ok := p.Retention.Value(); ok && (v < 0 || v > 1) {
			t.Errorf("%s: retention %v", p.Label, v)
		}
		for _, r := range []Rate{p.Retention, p.RepeatShare, p.ReferralRate, p.NRR, p.GRR, p.WinRate, p.AvgRetained} {
			if v, ok := r.Value(); ok && (math.IsNaN(v) || math.IsInf(v, 0)) || r.Defined && r.Den <= 0 {
				t.Errorf("%s: rate %+v", p.Label, r)
			}
		}
		if p.Loss < 0 {
			t.Errorf("%s: negative loss %v", p.Label, p.Loss)
		}
		revenue += p.Revenue
		won += p.Won
		lost += p.Lost
		newAccounts += p.New
	}
	if len(m.Periods) > 0 && m.Periods[0].Retention.Defined {
		t.Error("the first period has a retention rate")
	}
	var accRevenue float64
	var accWon, accLost int
	for _, a := range m.Accounts {
		accRevenue += a.Revenue
		accWon += a.Won
		accLost += a.Lost
	}
	if math.Abs(accRevenue-revenue) > eps || math.Abs(m.Revenue-revenue) > eps {
		t.Errorf("revenue: accounts %v, periods %v, total %v", accRevenue, revenue, m.Revenue)
	}
	if accWon != won || accLost != lost || won != m.WonDeals || lost != m.LostDeals {
		t.Errorf("deals: accounts %d/%d, periods %d/%d, totals %d/%d", accWon, accLost, won, lost, m.WonDeals, m.LostDeals)
	}
	if newAccounts != m.Customers {
		t.Errorf("new accounts over all periods %d != customers %d", newAccounts, m.Customers)
	}
	cohortSize := 0
	for _, c := range m.Cohorts {
		if c.Index == 0 {
			cohortSize += c.CohortAccounts
			if v, ok := c.Logo.Value(); !ok || v != 1 {
				t.Errorf("cohort %s index 0 logo retention %v", c.Cohort, v)
			}
		}
		if c.Active > c.CohortAccounts {
			t.Errorf("cohort %s: %d active of %d", c.Cohort, c.Active, c.CohortAccounts)
		}
	}
	if cohortSize != m.Customers {
		t.Errorf("cohorts hold %d accounts, customers %d", cohortSize, m.Customers)
	}
	var referredRev float64
	for _, p := range m.Periods {
		referredRev += p.ReferredRevenue
	}
	if math.Abs(referredRev-m.ReferralRevenueShare.Num) > eps {
		t.Errorf("referred revenue over periods %v, lifetime %v", referredRev, m.ReferralRevenueShare.Num)
	}
	referred := 0
	for _, r := range m.Referrers {
		referred += r.Referred
	}
	if referred > m.ReferredAccounts {
		t.Errorf("referrers brought %d, referred accounts %d", referred, m.ReferredAccounts)
	}
	groupAccounts := 0
	for _, g := range m.Approaches {
		groupAccounts += g.Accounts
	}
	if groupAccounts != m.Customers {
		t.Errorf("approach groups hold %d accounts, customers %d", groupAccounts, m.Customers)
	}
	// Retention pooled over the periods is the same summed by period, by
	// account (PooledRetention) and over the approach groups.
	var kept, base int
	for i := 1; i < len(m.Periods); i++ {
		kept += m.Periods[i].Retained
		base += m.Periods[i-1].Active
	}
	var gKept, gBase float64
	for _, g := range m.Approaches {
		gKept, gBase = gKept+g.Retention.Num, gBase+g.Retention.Den
	}
	if pr := m.PooledRetention; pr.Num != float64(kept) || pr.Den != float64(base) || pr.Num != gKept || pr.Den != gBase {
		t.Errorf("pooled retention %v/%v; by period %d/%d; over approach groups %v/%v", pr.Num, pr.Den, kept, base, gKept, gBase)
	}
	// ByStatus counts every account once, with its revenue.
	var byStatus [NumStatus]StatusCount
	for _, a := range m.Accounts {
		byStatus[a.Status].Accounts++
		byStatus[a.Status].Revenue += a.Revenue
		if (a.Status == NeverWon) != (a.PurchaseDates == 0) {
			t.Errorf("%s: status %s with %d purchase dates", a.Name, a.Status, a.PurchaseDates)
		}
	}
	if byStatus != m.ByStatus {
		t.Errorf("by status %+v, counted %+v", m.ByStatus, byStatus)
	}
	if again := Compute(h, opts); !reflect.DeepEqual(m, again) {
		t.Error("two computations differ")
	}
}

func TestInvariantsRandom(t *testing.T) {
	target := 0.9
	for seed := uint64(1); seed <= 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 42))
		deals := randomHistory(r, 1+r.IntN(300))
		opts := Options{Period: PeriodKind(seed % 3)}
		if seed%4 == 0 {
			opts.AsOf, opts.AsOfSet = d(2022, 6, 30), true
		}
		if seed%5 == 0 {
			opts.Target = &target
		}
		checkInvariants(t, deals, opts)
		// Hidden revenue loss is by calendar year whatever the period.
		loss := Compute(deals, opts).HiddenLoss
		for _, k := range []PeriodKind{Year, Quarter, Month} {
			o := opts
			o.Period = k
			if other := Compute(deals, o).HiddenLoss; !reflect.DeepEqual(other, loss) {
				t.Errorf("hidden loss by %v: %+v, by %v: %+v", k, other, opts.Period, loss)
			}
		}
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

func TestInvariantsSample(t *testing.T) {
	res, err := ingest.Read(context.Background(), []string{filepath.Join("..", "..", "sample-data", "deals.xlsx")}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []PeriodKind{Year, Quarter, Month} {
		checkInvariants(t, &res.History, Options{Period: k})
	}
	m := Compute(&res.History, Options{})
	// The sample is built so that collaborative first deals bring more
	// repeat business than competitive ones.
	rate := map[string]float64{}
	for _, g := range m.Approaches {
		rate[g.Name], _ = g.RepeatRate.Value()
	}
	if rate["Collaborative"] <= rate["Competitive"] {
		t.Errorf("repeat rate by approach %v", rate)
	}
}

// Compute sizes each account's periods and purchase dates before filling
// them: counts must find exactly what summarize keeps, or the arrays are
// grown one append at a time again.
func TestCountsMatchSummarize(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		h := randomHistory(r, 1+r.IntN(300))
		asOf := AsOf(h.Deals, Options{})
		_, accts, _, _ := collect(h, asOf, PeriodKind(seed%3))
		for _, a := range accts {
			np, nd := a.counts()
			a.summarize(h)
			if len(a.periods) != np || len(a.purchaseDates) != nd {
				t.Fatalf("seed %d, %s: counts %d periods and %d dates, summarize keeps %d and %d",
					seed, a.key, np, nd, len(a.periods), len(a.purchaseDates))
			}
		}
	}
}
