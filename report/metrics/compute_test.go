package metrics

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dealaudit/dealaudit/report/ingest"
)

func d(y int, m time.Month, day int) ingest.Date {
	v, ok := ingest.DateOf(y, m, day)
	if !ok {
		panic("bad date")
	}
	return v
}

type dealSpec struct {
	account  string
	date     ingest.Date
	amount   float64
	stage    ingest.Stage
	source   string
	refBy    string
	owner    string
	approach string
	discount float64 // < 0: none
}

func build(specs []dealSpec) *ingest.History {
	var b ingest.Builder
	for i, s := range specs {
		dl := ingest.Deal{Close: s.date, Amount: s.amount, Stage: s.stage, Row: int32(i + 2)}
		dl.Referral = s.refBy != "" || s.source == "Referral"
		if s.discount >= 0 {
			dl.Discount, dl.HasDiscount = s.discount, true
		}
		b.Add(dl, s.account, ingest.Attrs{LeadSource: s.source, Owner: s.owner, Approach: s.approach}, s.refBy)
	}
	return b.History()
}

const won, lost, open = ingest.Won, ingest.Lost, ingest.Open

// history is the small history every figure below is worked out from, by
// hand, in the comments of the tests.
//
//	#  account  date        amount  stage  notes
//	1  Acme     2021-03-01  100     won    Ann, Collaborative, 5% discount
//	2  Birch    2021-05-01  300     won    Bob, source Referral, referred by Acme, Competitive, 25%
//	3  Acme     2021-06-01   50     won    Ann
//	4  Cedar    2021-08-01   70     lost   Bob, Competitive
//	5  Acme     2022-02-01  200     won    Ann
//	6  Cedar    2022-04-01   80     won    Bob, referred by "Acme Inc" (folds to Acme)
//	7  Cedar    2022-04-01   20     won    Bob, same day: one purchase; Collaborative, 10%
//	8  Dune     2022-09-01   40     lost   Bob, Collaborative: never won
//	9  Birch    2023-01-10  100     won    (no owner): back after a year away
//	10 Elm      2023-02-01    0     won    Competitive, 30%: a zero amount is a purchase
//	11 Acme     2023-05-01  100     won    Ann
//	12 Acme     2023-07-01  -30     won    Ann: a credit
//	13 Fir      2024-01-01  999     open   never used
func history() *ingest.History {
	return build([]dealSpec{
		{"Acme", d(2021, 3, 1), 100, won, "", "", "Ann", "Collaborative", 0.05},
		{"Birch", d(2021, 5, 1), 300, won, "Referral", "Acme", "Bob", "Competitive", 0.25},
		{"Acme", d(2021, 6, 1), 50, won, "", "", "Ann", "", -1},
		{"Cedar", d(2021, 8, 1), 70, lost, "", "", "Bob", "Competitive", -1},
		{"Acme", d(2022, 2, 1), 200, won, "", "", "Ann", "", -1},
		{"Cedar", d(2022, 4, 1), 80, won, "", "Acme Inc", "Bob", "", -1},
		{"Cedar", d(2022, 4, 1), 20, won, "", "", "Bob", "Collaborative", 0.10},
		{"Dune", d(2022, 9, 1), 40, lost, "", "", "Bob", "Collaborative", -1},
		{"Birch", d(2023, 1, 10), 100, won, "", "", "", "", -1},
		{"Elm", d(2023, 2, 1), 0, won, "", "", "", "Competitive", 0.30},
		{"Acme", d(2023, 5, 1), 100, won, "", "", "Ann", "", -1},
		{"Acme", d(2023, 7, 1), -30, won, "", "", "Ann", "", -1},
		{"Fir", d(2024, 1, 1), 999, open, "", "", "", "", -1},
	})
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func wantRate(t *testing.T, what string, r Rate, num, den float64) {
	t.Helper()
	if !r.Defined || !near(r.Num, num) || !near(r.Den, den) {
		t.Errorf("%s = %+v, want %v/%v", what, r, num, den)
	}
}

func wantNA(t *testing.T, what string, r Rate) {
	t.Helper()
	if r.Defined {
		t.Errorf("%s = %+v, want n/a", what, r)
	}
}

func TestPeriodsByYear(t *testing.T) {
	m := Compute(history(), Options{})
	if m.AsOf != d(2023, 7, 1) {
		t.Errorf("as of %s, want the latest won or lost close, 2023-07-01 (open deals do not count)", m.AsOf)
	}
	if m.WonDeals != 9 || m.Credits != 1 || m.LostDeals != 2 || m.OpenDeals != 1 || m.AfterAsOf != 0 {
		t.Errorf("won %d credits %d lost %d open %d after %d; want 9 1 2 1 0", m.WonDeals, m.Credits, m.LostDeals, m.OpenDeals, m.AfterAsOf)
	}
	if m.Customers != 4 || !near(m.Revenue, 920) { // 450 + 300 + 170
		t.Errorf("customers %d revenue %v; want 4, 920", m.Customers, m.Revenue)
	}
	if len(m.Periods) != 3 {
		t.Fatalf("%d periods, want 2021-2023", len(m.Periods))
	}
	p21, p22, p23 := m.Periods[0], m.Periods[1], m.Periods[2]
	if p21.Label != "2021" || p22.Label != "2022" || p23.Label != "2023" {
		t.Errorf("labels %s %s %s", p21.Label, p22.Label, p23.Label)
	}
	// 2021: Acme and Birch both new; nothing before it.
	check := func(r PeriodRow, active, new, retained, reactivated, churned int) {
		t.Helper()
		if r.Active != active || r.New != new || r.Retained != retained || r.Reactivated != reactivated || r.Churned != churned {
			t.Errorf("%s: active %d new %d retained %d reactivated %d churned %d; want %d %d %d %d %d", r.Label,
				r.Active, r.New, r.Retained, r.Reactivated, r.Churned, active, new, retained, reactivated, churned)
		}
	}
	check(p21, 2, 2, 0, 0, 0)
	wantNA(t, "retention 2021 (first period)", p21.Retention)
	wantNA(t, "NRR 2021", p21.NRR)
	wantNA(t, "GRR 2021", p21.GRR)
	if !near(p21.Revenue, 450) || !near(p21.NewRevenue, 450) || !near(p21.RepeatRevenue, 0) {
		t.Errorf("2021 revenue %v new %v repeat %v; want 450 450 0", p21.Revenue, p21.NewRevenue, p21.RepeatRevenue)
	}
	wantRate(t, "repeat share 2021", p21.RepeatShare, 0, 450)
	wantRate(t, "referral rate 2021", p21.ReferralRate, 1, 2) // Birch
	if p21.Won != 3 || p21.Lost != 1 {
		t.Errorf("2021 won %d lost %d", p21.Won, p21.Lost)
	}
	wantRate(t, "win rate 2021", p21.WinRate, 3, 4)

	// 2022: Acme retained, Cedar new (referred), Birch churned.
	check(p22, 2, 1, 1, 0, 1)
	wantRate(t, "retention 2022", p22.Retention, 1, 2)
	if !near(p22.Revenue, 300) || !near(p22.NewRevenue, 100) || !near(p22.RepeatRevenue, 200) {
		t.Errorf("2022 revenue %v new %v repeat %v; want 300 100 200", p22.Revenue, p22.NewRevenue, p22.RepeatRevenue)
	}
	wantRate(t, "repeat share 2022", p22.RepeatShare, 200, 300)
	wantRate(t, "referral rate 2022", p22.ReferralRate, 1, 1)
	wantRate(t, "referred revenue share 2022", p22.ReferredShare, 100, 300) // Cedar; Birch bought nothing
	wantRate(t, "referred revenue share 2021", p21.ReferredShare, 300, 450) // Birch
	// Active in 2021: Acme (150 in 2021, 200 in 2022) and Birch (300, then 0).
	wantRate(t, "NRR 2022", p22.NRR, 200, 450)
	wantRate(t, "GRR 2022", p22.GRR, 150, 450) // min(200,150) + min(0,300)
	wantRate(t, "win rate 2022", p22.WinRate, 3, 4)
	if !near(p22.WalkedOut, 300) {
		t.Errorf("walked out 2022 = %v, want Birch's 300", p22.WalkedOut)
	}

	// 2023: Elm new, Acme retained, Birch reactivated, Cedar churned.
	check(p23, 3, 1, 1, 1, 1)
	wantRate(t, "retention 2023", p23.Retention, 1, 2)
	// 100 (Birch) + 0 (Elm) + 100 - 30 (Acme, with its credit).
	if !near(p23.Revenue, 170) || !near(p23.NewRevenue, 0) || !near(p23.RepeatRevenue, 170) {
		t.Errorf("2023 revenue %v new %v repeat %v; want 170 0 170", p23.Revenue, p23.NewRevenue, p23.RepeatRevenue)
	}
	wantRate(t, "referral rate 2023", p23.ReferralRate, 0, 1)
	// Active in 2022: Acme (200, then 70) and Cedar (100, then 0).
	wantRate(t, "NRR 2023", p23.NRR, 70, 300)
	wantRate(t, "GRR 2023", p23.GRR, 70, 300)
	if p23.Won != 3 || p23.Lost != 0 { // the credit is not a won deal
		t.Errorf("2023 won %d lost %d", p23.Won, p23.Lost)
	}
	if !near(p23.WalkedOut, 100) {
		t.Errorf("walked out 2023 = %v, want Cedar's 100", p23.WalkedOut)
	}
}

func TestCohorts(t *testing.T) {
	m := Compute(history(), Options{})
	type cell struct {
		cohort       string
		index        int
		period       string
		size, active int
		revenue      float64
	}
	want := []cell{
		{"2021", 0, "2021", 2, 2, 450},
		{"2021", 1, "2022", 2, 1, 200}, // Acme only
		{"2021", 2, "2023", 2, 2, 170}, // Acme 70 + Birch 100
		{"2022", 0, "2022", 1, 1, 100},
		{"2022", 1, "2023", 1, 0, 0},
		{"2023", 0, "2023", 1, 1, 0}, // Elm's zero-amount purchase
	}
	if len(m.Cohorts) != len(want) {
		t.Fatalf("%d cells, want %d: %+v", len(m.Cohorts), len(want), m.Cohorts)
	}
	for i, w := range want {
		c := m.Cohorts[i]
		if c.Cohort != w.cohort || c.Index != w.index || c.Period != w.period || c.CohortAccounts != w.size || c.Active != w.active || !near(c.Revenue, w.revenue) {
			t.Errorf("cell %d = %+v, want %+v", i, c, w)
		}
	}
	wantRate(t, "logo 2021+1", m.Cohorts[1].Logo, 1, 2)
	wantRate(t, "revenue retention 2021+1", m.Cohorts[1].RevenueRetention, 200, 450)
	wantRate(t, "revenue retention 2021+2", m.Cohorts[2].RevenueRetention, 170, 450)
	wantRate(t, "logo 2022+1", m.Cohorts[4].Logo, 0, 1)
	wantRate(t, "logo 2023+0", m.Cohorts[5].Logo, 1, 1)
	wantNA(t, "revenue retention of a cohort with no revenue", m.Cohorts[5].RevenueRetention)
}

func TestAccounts(t *testing.T) {
	m := Compute(history(), Options{})
	if len(m.Accounts) != 5 {
		t.Fatalf("%d accounts, want 5 (Fir has only an open deal)", len(m.Accounts))
	}
	byName := map[string]Account{}
	var order []string
	for _, a := range m.Accounts {
		byName[a.Name] = a
		order = append(order, a.Name)
	}
	if got := order; got[0] != "Acme" || got[1] != "Birch" || got[2] != "Cedar" || got[3] != "Dune" || got[4] != "Elm" {
		t.Errorf("order %v, want by revenue then name", got)
	}
	acme := byName["Acme"]
	// Gaps: 2021-03-01→06-01 92 days, →2022-02-01 245, →2023-05-01 454.
	if acme.FirstWon != d(2021, 3, 1) || acme.LastWon != d(2023, 5, 1) || acme.Won != 4 || acme.Lost != 0 ||
		!near(acme.Revenue, 420) || acme.PurchaseDates != 4 || !acme.HasGap || acme.MedianGap != 245 || acme.Status != Current {
		t.Errorf("Acme %+v", acme)
	}
	if acme.ReferralsMade != 2 || !near(acme.ReferralRevenue, 500) || acme.Referred || acme.FirstApproach != "Collaborative" || acme.FirstDiscount != 0.05 {
		t.Errorf("Acme referrals %+v", acme)
	}
	birch := byName["Birch"]
	// One gap, 2021-05-01 → 2023-01-10: 619 days; 172 days since, under 1.5 × 619.
	if birch.MedianGap != 619 || birch.Status != Current || !birch.Referred || birch.ReferredBy != "Acme" || !near(birch.Revenue, 400) {
		t.Errorf("Birch %+v", birch)
	}
	cedar := byName["Cedar"]
	// Two deals on one day: one purchase date, no gap; last purchase more than
	// a year before as-of but less than two: lapsing.
	if cedar.PurchaseDates != 1 || cedar.HasGap || cedar.Won != 2 || cedar.Lost != 1 || cedar.Status != Lapsing ||
		!cedar.Referred || cedar.ReferredBy != "Acme Inc" || cedar.FirstApproach != "Collaborative" || cedar.FirstDiscount != 0.10 {
		t.Errorf("Cedar %+v", cedar)
	}
	if dune := byName["Dune"]; dune.Status != NeverWon || dune.Lost != 1 || dune.Won != 0 || dune.FirstWon != 0 {
		t.Errorf("Dune %+v", dune)
	}
	if elm := byName["Elm"]; elm.Status != Current || elm.Won != 1 || elm.Revenue != 0 || elm.PurchaseDates != 1 {
		t.Errorf("Elm %+v", elm)
	}
}

func TestRepeatConcentrationReferrals(t *testing.T) {
	m := Compute(history(), Options{})
	wantRate(t, "repeat customer rate", m.RepeatCustomerRate, 2, 4)   // Acme, Birch
	if tt := m.TimeToSecond; tt.Accounts != 2 || tt.Median != 355.5 { // (92 + 619) / 2
		t.Errorf("time to second %+v", tt)
	}
	counts := map[string]int{}
	for _, b := range m.TimeToSecond.Buckets {
		counts[b.Label] = b.Count
	}
	if counts["91–180 days"] != 1 || counts["1–2 years"] != 1 {
		t.Errorf("buckets %v", m.TimeToSecond.Buckets)
	}
	wantRate(t, "top 10", m.Concentration.Top10, 920, 920)
	wantRate(t, "top 10%", m.Concentration.TopTenth, 420, 920) // ceil(4/10) = 1 account: Acme
	if m.ReferredAccounts != 2 {
		t.Errorf("referred accounts %d", m.ReferredAccounts)
	}
	wantRate(t, "referral revenue share", m.ReferralRevenueShare, 500, 920) // Birch 400 + Cedar 100
	wantRate(t, "referring-customer rate", m.ReferringCustomerRate, 1, 4)
	if len(m.Referrers) != 1 || m.Referrers[0] != (Referrer{Name: "Acme", IsCustomer: true, Referred: 2, ReferredRevenue: 500}) {
		t.Errorf("referrers %+v", m.Referrers)
	}
	// Referred deals: #2 and #6, both won. Others: 7 won, 2 lost.
	wantRate(t, "referred win rate", m.ReferredWinRate, 2, 2)
	wantRate(t, "other win rate", m.OtherWinRate, 7, 9)
}

func TestWinRatesByGroup(t *testing.T) {
	m := Compute(history(), Options{})
	want := []Group{
		{Name: "Bob", Won: 3, Lost: 2},
		{Name: "Ann", Won: 4, Lost: 0}, // the credit is not a deal
		{Name: "(not recorded)", Won: 2, Lost: 0},
	}
	if len(m.WinRateByOwner) != 3 {
		t.Fatalf("by owner %+v", m.WinRateByOwner)
	}
	for i, w := range want {
		g := m.WinRateByOwner[i]
		if g.Name != w.Name || g.Won != w.Won || g.Lost != w.Lost {
			t.Errorf("owner %d = %+v, want %+v", i, g, w)
		}
	}
	wantRate(t, "Bob", m.WinRateByOwner[0].WinRate, 3, 5)
	if s := m.WinRateBySource; len(s) != 2 || s[0].Name != "(not recorded)" || s[0].Won != 8 || s[0].Lost != 2 || s[1].Name != "Referral" || s[1].Won != 1 {
		t.Errorf("by source %+v", s)
	}
}

func TestApproaches(t *testing.T) {
	m := Compute(history(), Options{})
	if m.ApproachBasis != "approach" || len(m.Approaches) != 2 {
		t.Fatalf("basis %q groups %+v", m.ApproachBasis, m.Approaches)
	}
	col, comp := m.Approaches[0], m.Approaches[1]
	if col.Name != "Collaborative" || col.Accounts != 2 || !near(col.MedianDiscount, 0.075) || col.ReferralsGiven != 2 || !col.TooSmall {
		t.Errorf("Collaborative %+v", col)
	}
	wantRate(t, "Collaborative repeat", col.RepeatRate, 1, 2)
	// Acme active 2021→2022 and 2022→2023 (both retained), Cedar 2022→2023 (not).
	wantRate(t, "Collaborative retention", col.Retention, 2, 3)
	// After the first purchase date: Acme 420 - 100, Cedar 100 - 100.
	wantRate(t, "Collaborative revenue per account", col.RevenuePerAccount, 320, 2)
	wantRate(t, "Collaborative win rate", col.WinRate, 2, 3) // #1, #7 won; #8 lost
	if comp.Name != "Competitive" || comp.Accounts != 2 || !near(comp.MedianDiscount, 0.275) || comp.ReferralsGiven != 0 {
		t.Errorf("Competitive %+v", comp)
	}
	wantRate(t, "Competitive retention", comp.Retention, 0, 1) // Birch 2021→2022 lost
	wantRate(t, "Competitive revenue per account", comp.RevenuePerAccount, 100, 2)
	wantRate(t, "Competitive win rate", comp.WinRate, 2, 3) // #2, #10 won; #4 lost
}

func TestApproachByDiscountBand(t *testing.T) {
	deals := build([]dealSpec{
		{"A", d(2024, 1, 1), 90, won, "", "", "", "", 0.05},
		{"B", d(2024, 1, 2), 80, won, "", "", "", "", 0.10}, // 10% is in 10–20%
		{"C", d(2024, 1, 3), 70, won, "", "", "", "", 0.25},
		{"D", d(2024, 1, 4), 70, won, "", "", "", "", -1},
		{"E", d(2024, 1, 5), 70, lost, "", "", "", "", 0.30},
	})
	m := Compute(deals, Options{})
	var names []string
	for _, g := range m.Approaches {
		names = append(names, g.Name)
	}
	if m.ApproachBasis != "discount band" || len(names) != 4 || names[0] != bandLow || names[1] != bandMid || names[2] != bandHigh || names[3] != NoValue {
		t.Errorf("basis %q groups %v", m.ApproachBasis, names)
	}
	wantRate(t, "over 20% win rate", m.Approaches[2].WinRate, 1, 2)
}

func TestHiddenLoss(t *testing.T) {
	// The history starts on 1 March 2021 and ends on 1 July 2023: only 2022
	// is a complete year, with 2 accounts active the year before, too few
	// for a benchmark.
	m := Compute(history(), Options{})
	h := m.HiddenLoss
	if h.Defined || len(h.Years) != 1 || h.Years[0].Year != "2022" || h.Total != 0 {
		t.Errorf("hidden loss %+v", h)
	}
	// Birch bought in 2021, not in 2022, and came back in 2023: its 300 of
	// 2021 walked out and returned.
	if !near(h.Returned, 300) || h.Gone != 0 || !near(h.WalkedOut, 300) {
		t.Errorf("walked out %v: gone %v, returned %v; want 300 returned", h.WalkedOut, h.Gone, h.Returned)
	}
	target := 0.8
	m = Compute(history(), Options{Target: &target, AsOf: d(2023, 12, 31), AsOfSet: true})
	// 2022: (0.8 - 0.5) × 2 active in 2021 × 200 (Acme, the one retained) = 120.
	// 2023: (0.8 - 0.5) × 2 active in 2022 × 70 (Acme, net of its credit) = 42.
	h = m.HiddenLoss
	if len(h.Years) != 2 || !near(h.Years[0].Loss, 120) || !near(h.Years[1].Loss, 42) || !near(h.Total, 162) || h.BenchmarkSource != "target_retention" {
		t.Errorf("loss %+v", h)
	}
	if !near(m.Periods[1].Loss, 120) || !near(m.Periods[2].Loss, 42) || m.Periods[0].LossDefined {
		t.Errorf("periods' losses %v %v %v", m.Periods[0].Loss, m.Periods[1].Loss, m.Periods[2].Loss)
	}
	// Cedar bought in 2022 and never again: its 100 is gone.
	if !near(h.Gone, 100) || !near(h.WalkedOut, 400) {
		t.Errorf("gone %v, walked out %v; want 100, 400", h.Gone, h.WalkedOut)
	}
	wantRate(t, "average retained revenue 2023", m.Periods[2].AvgRetained, 70, 1)
}

func TestHiddenLossBenchmark(t *testing.T) {
	// 2020: 5 of 5 kept (100%, too few to be the benchmark). 2021: 30 of 40
	// (75%, the benchmark). 2022: 20 of 40 (50%): (0.75 - 0.5) × 40 × 100 =
	// 1,000 lost. The same in years, quarters and months.
	var specs []dealSpec
	buy := func(name string, years ...int) {
		for _, y := range years {
			specs = append(specs, dealSpec{name, d(y, 1, 1), 100, won, "", "", "", "", -1})
		}
	}
	for i := range 5 {
		buy(fmt.Sprint("S", i), 2019, 2020, 2021, 2022)
	}
	for i := range 35 {
		switch {
		case i < 15:
			buy(fmt.Sprint("A", i), 2020, 2021, 2022)
		case i < 25:
			buy(fmt.Sprint("A", i), 2020, 2021)
		default:
			buy(fmt.Sprint("A", i), 2020)
		}
	}
	for i := range 10 {
		buy(fmt.Sprint("N", i), 2021)
	}
	h := build(specs)
	for _, k := range []PeriodKind{Year, Quarter, Month} {
		m := Compute(h, Options{Period: k, AsOf: d(2022, 12, 31), AsOfSet: true})
		l := m.HiddenLoss
		if !l.Defined || l.Benchmark != 0.75 || !strings.HasSuffix(l.BenchmarkSource, ": 2021") || !near(l.Total, 1000) {
			t.Errorf("%v: benchmark %v (%s), total %v; want 0.75 (2021), 1000", k, l.Benchmark, l.BenchmarkSource, l.Total)
		}
	}
}

func TestAsOfCutsTheData(t *testing.T) {
	m := Compute(history(), Options{AsOf: d(2022, 12, 31), AsOfSet: true})
	if m.AfterAsOf != 4 || len(m.Periods) != 2 || !near(m.Revenue, 750) {
		t.Errorf("after as-of %d, periods %d, revenue %v; want 4, 2, 750", m.AfterAsOf, len(m.Periods), m.Revenue)
	}
	status := map[string]string{}
	for _, a := range m.Accounts {
		status[a.Name] = a.Status.String()
	}
	// Acme: gaps 92 and 245 (median 168.5); 333 days since 2022-02-01 > 1.5 × 168.5.
	// Birch: last bought 2021-05-01, more than a year before. Cedar: 274 days, no gap.
	want := map[string]string{"Acme": "lapsing", "Birch": "lapsing", "Cedar": "current", "Dune": "never won"}
	if len(status) != len(want) {
		t.Errorf("accounts %v", status)
	}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("%s: %q, want %q", k, status[k], v)
		}
	}
	// Lapsed: nothing in two period lengths.
	m = Compute(history(), Options{AsOf: d(2025, 7, 2), AsOfSet: true})
	for _, a := range m.Accounts {
		if a.Name == "Birch" && a.Status != Lapsed {
			t.Errorf("Birch at 2025-07-02: %s, want lapsed", a.Status)
		}
	}
}

func TestQuarters(t *testing.T) {
	m := Compute(history(), Options{Period: Quarter})
	if len(m.Periods) != 11 || m.Periods[0].Label != "2021-Q1" || m.Periods[10].Label != "2023-Q3" {
		t.Fatalf("%d periods %s..%s", len(m.Periods), m.Periods[0].Label, m.Periods[len(m.Periods)-1].Label)
	}
	q2, q3, q4 := m.Periods[1], m.Periods[2], m.Periods[3]
	// 2021-Q2: Birch new, Acme bought again (retained from Q1).
	if q2.Active != 2 || q2.New != 1 || q2.Retained != 1 {
		t.Errorf("2021-Q2 %+v", q2)
	}
	wantRate(t, "retention 2021-Q2", q2.Retention, 1, 1)
	// 2021-Q3: only a lost deal; both churn.
	wantRate(t, "retention 2021-Q3", q3.Retention, 0, 2)
	if q3.Churned != 2 || q3.Lost != 1 {
		t.Errorf("2021-Q3 %+v", q3)
	}
	// 2021-Q4: nobody was active in Q3: n/a, not 0.
	wantNA(t, "retention 2021-Q4", q4.Retention)
	wantNA(t, "repeat share 2021-Q4 (no revenue)", q4.RepeatShare)
	// 2022-Q1: Acme comes back: reactivated.
	if r := m.Periods[4]; r.Reactivated != 1 || r.Active != 1 {
		t.Errorf("2022-Q1 %+v", r)
	}
}

func TestPeriodLabels(t *testing.T) {
	day := d(2024, 7, 15)
	for _, tt := range []struct {
		k    PeriodKind
		want string
	}{{Year, "2024"}, {Quarter, "2024-Q3"}, {Month, "2024-07"}} {
		p := tt.k.PeriodOf(day)
		if got := tt.k.Label(p); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.k, got, tt.want)
		}
		if tt.k.Label(p-1) == tt.k.Label(p) || tt.k.PeriodOf(d(2024, 1, 1)) > p {
			t.Errorf("%s: periods out of order", tt.k)
		}
	}
	if got := Month.Label(Month.PeriodOf(d(2024, 1, 31)) - 1); got != "2023-12" {
		t.Errorf("month before 2024-01: %q", got)
	}
	if got := Quarter.Label(Quarter.PeriodOf(d(2024, 2, 1)) - 1); got != "2023-Q4" {
		t.Errorf("quarter before 2024-Q1: %q", got)
	}
}

func TestOnlyLostAndEmpty(t *testing.T) {
	m := Compute(&ingest.History{}, Options{})
	if len(m.Periods) != 0 || m.Customers != 0 {
		t.Errorf("empty history: %+v", m)
	}
	m = Compute(build([]dealSpec{{"A", d(2024, 1, 1), 10, lost, "", "", "", "", -1}}), Options{})
	if m.Customers != 0 || len(m.Periods) != 1 || m.Periods[0].Lost != 1 || len(m.Accounts) != 1 || m.Accounts[0].Status != NeverWon {
		t.Errorf("only lost: %+v", m)
	}
	wantRate(t, "win rate", m.Periods[0].WinRate, 0, 1)
	wantNA(t, "repeat customer rate", m.RepeatCustomerRate)
	wantNA(t, "referral rate", m.Periods[0].ReferralRate)
	if m.HiddenLoss.Defined {
		t.Error("hidden loss defined without any retention")
	}
}

// TestPositions: by index when index and key agree, by key when they do
// not (accounts of another history), -1 for an account not there.
func TestPositions(t *testing.T) {
	accts := []Account{{Key: "a", Index: 2}, {Key: "b", Index: 0}, {Key: "c", Index: 5}}
	position := Positions(accts)
	for _, c := range []struct {
		index int32
		key   string
		want  int
	}{{2, "a", 0}, {0, "b", 1}, {5, "c", 2}, {0, "a", 0}, {9, "c", 2}, {-1, "b", 1}, {1, "z", -1}, {2, "z", -1}} {
		if got := position(c.index, c.key); got != c.want {
			t.Errorf("position(%d, %q) = %d, want %d", c.index, c.key, got, c.want)
		}
	}
}

// TestRoundPowers: Round's table of powers of ten holds what math.Pow
// gives, so rounding is the same with it as without.
func TestRoundPowers(t *testing.T) {
	for n, p := range pow10 {
		if q := math.Pow(10, float64(n)); p != q {
			t.Errorf("pow10[%d] = %v, math.Pow gives %v", n, p, q)
		}
	}
	for _, c := range []struct {
		v    float64
		n    int
		want float64
	}{{2.345, 2, 2.35}, {-1.005, 2, -1}, {0.00004, 4, 0}, {-0.00004, 4, 0}, {123.456, 0, 123}, {1.5, 20, 1.5}, {1234.5, -2, 1200}} {
		if got := Round(c.v, c.n); got != c.want || math.Signbit(got) != math.Signbit(c.want) {
			t.Errorf("Round(%v, %d) = %v, want %v", c.v, c.n, got, c.want)
		}
	}
}

func TestIsPurchase(t *testing.T) {
	for _, tt := range []struct {
		stage  ingest.Stage
		amount float64
		want   bool
	}{
		{ingest.Won, 10, true}, {ingest.Won, 0, true}, {ingest.Won, -5, false},
		{ingest.Lost, 10, false}, {ingest.Open, 10, false},
	} {
		if got := (&ingest.Deal{Stage: tt.stage, Amount: tt.amount}).IsPurchase(); got != tt.want {
			t.Errorf("%v %v: %v, want %v", tt.stage, tt.amount, got, tt.want)
		}
	}
}
