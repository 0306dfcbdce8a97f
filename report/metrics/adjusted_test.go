package metrics

import (
	"fmt"
	"math"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// simpson is a history where approach and segment go together: within each
// segment both approaches keep the same share of customers (Retail 20%,
// Health 80%), but Competitive was sold mostly in Retail.
//
//	Competitive    40 Retail (8 kept)  10 Health (8 kept): 16 of 50
//	Collaborative  10 Retail (2 kept)  40 Health (32 kept): 34 of 50
//
// Everyone buys on 1 March 2020; those kept again on 1 March 2021.
func simpson() *ingest.History {
	var b ingest.Builder
	add := func(approach, segment string, n, kept int) {
		for i := range n {
			name := fmt.Sprintf("%s %s %d", approach, segment, i)
			at := ingest.Attrs{Approach: approach, Segment: segment}
			b.Add(ingest.Deal{Close: d(2020, 3, 1), Amount: 100, Stage: won}, name, at, "")
			if i < kept {
				b.Add(ingest.Deal{Close: d(2021, 3, 1), Amount: 100, Stage: won}, name, ingest.Attrs{}, "")
			}
		}
	}
	add("Competitive", "Retail", 40, 8)
	add("Competitive", "Health", 10, 8)
	add("Collaborative", "Retail", 10, 2)
	add("Collaborative", "Health", 40, 32)
	return b.History()
}

func TestAdjustedRetention(t *testing.T) {
	m := Compute(simpson(), Options{AsOf: d(2021, 12, 31), AsOfSet: true})
	var comp ApproachGroup
	for _, g := range m.Approaches {
		if g.Name == "Competitive" {
			comp = g
		}
	}
	wantRate(t, "Competitive retention", comp.Retention, 16, 50)
	wantRate(t, "the rest's", comp.RetentionRest, 34, 50)
	a := comp.RetentionAdjusted
	// Raw: 0.32 - 0.68. Within each segment the difference is 0, so the
	// Mantel–Haenszel difference is 0 and the CMH test finds nothing (with
	// continuity correction the statistic is 0, p = 1).
	if math.Abs(a.Raw+0.36) > 1e-12 || math.Abs(a.Difference) > 1e-12 || a.Strata != 2 || !a.Defined || a.P != 1 {
		t.Errorf("adjusted %+v; want raw -0.36, difference 0 over 2 strata, p 1", a)
	}
	if !comp.RetentionTest.Clear() || !a.Disagrees {
		t.Errorf("raw test clear %v, disagrees %v; want both", comp.RetentionTest.Clear(), a.Disagrees)
	}
	// Time to a second purchase: 16 of 50 Competitive customers after 365
	// days (S = 0.68), 34 of 50 Collaborative (S = 0.32, past its median).
	np := m.NextPurchase
	if len(np.Groups) != 2 || !np.Test.Defined || np.DF != 1 {
		t.Fatalf("next purchase %+v", np)
	}
	for _, g := range np.Groups {
		s := g.Steps[0]
		switch g.Name {
		case "Competitive":
			if s.Time != 365 || math.Abs(s.Survival-0.68) > 1e-12 || g.HasMedian || g.Second != 16 {
				t.Errorf("Competitive curve %+v", g)
			}
		case "Collaborative":
			if math.Abs(s.Survival-0.32) > 1e-12 || !g.HasMedian || g.Median != 365 {
				t.Errorf("Collaborative curve %+v", g)
			}
		}
	}
	if !np.Test.Clear() {
		t.Errorf("log-rank: %+v, want a clear difference", np.Test)
	}
}

// Each group against the customers of every other group with a value.
func TestRestTests(t *testing.T) {
	gs := []ApproachGroup{
		{Name: "A", Accounts: 20, RepeatRate: countRate(15, 20), Retention: countRate(30, 40), RevenuePerAccount: ratio(2000, 20), ReferralsGiven: 5},
		{Name: "B", Accounts: 30, RepeatRate: countRate(10, 30), Retention: countRate(20, 60), RevenuePerAccount: ratio(900, 30), ReferralsGiven: 3},
		{Name: NoValue, Accounts: 10, RepeatRate: countRate(9, 10), Retention: countRate(9, 10), RevenuePerAccount: ratio(5000, 10), ReferralsGiven: 7},
		{Name: "C", Accounts: 5, TooSmall: true, RepeatRate: countRate(1, 5), Retention: countRate(1, 5), RevenuePerAccount: ratio(100, 5), ReferralsGiven: 1},
	}
	restTests(gs, nil)
	a := gs[0]
	// The rest of A: B and C (not the group without a value).
	wantRate(t, "A's rest repeat", a.RepeatRest, 11, 35)
	wantRate(t, "A's rest retention", a.RetentionRest, 21, 65)
	wantRate(t, "A's rest revenue per account", a.RevenueRest, 1000, 35)
	wantRate(t, "A's referrals per customer", a.ReferralsPer, 5, 20)
	wantRate(t, "A's rest referrals per customer", a.ReferralsRest, 4, 35)
	if !a.RepeatTest.Defined || gs[2].RepeatTest.Defined || gs[3].RepeatTest.Defined {
		t.Error("tested: the group without a value or a group too small")
	}
}

// Cohorts that clearly differ one year after their first purchase: 36 of
// 40 against 8 of 40 (R: prop.test(c(36, 8), c(40, 40), correct =
// FALSE)$p.value = 3.12328814179372e-10).
func TestCohortTest(t *testing.T) {
	var b ingest.Builder
	add := func(cohort, n, back int) {
		for i := range n {
			name := fmt.Sprintf("C%d-%d", cohort, i)
			b.Add(ingest.Deal{Close: d(cohort, 2, 1), Amount: 10, Stage: won}, name, ingest.Attrs{}, "")
			if i < back {
				b.Add(ingest.Deal{Close: d(cohort+1, 2, 1), Amount: 10, Stage: won}, name, ingest.Attrs{}, "")
			}
		}
	}
	add(2020, 40, 36)
	add(2021, 40, 8)
	m := Compute(b.History(), Options{AsOf: d(2022, 12, 31), AsOfSet: true})
	c := m.CohortTest
	if c.Cohorts != 2 || c.Best.Cohort != "2020" || c.Worst.Cohort != "2021" || !c.Clear() || math.Abs(c.P-3.12328814179372e-10) > 1e-20 {
		t.Errorf("cohort test %+v", c)
	}
}
