package narrative

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/dealaudit/dealaudit/report/metrics"
)

type finding struct {
	kind, title, body string
	weight            float64 // larger first
}

// minSample is the smallest group a finding compares.
const minSample = 10

// findings picks the three to five things that matter most, each with its
// numbers and what it means for the client. They describe associations in
// the data and never claim a cause.
func findings(v *View) []finding {
	if v.Latest == nil {
		return nil
	}
	var out []finding
	if t := tooLittle(v.M.Enough, v.M.Period, v.Fmt); t != "" {
		out = append(out, finding{kind: "too little data", title: "Too little data to draw conclusions", body: Escape(t), weight: 1000})
	}
	for _, f := range finders {
		for _, found := range f.find(v) {
			found.kind = f.kind
			out = append(out, found)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// finders each return the findings of one kind, or none; the kind names
// them in metrics.json, where compare matches the findings of two audits.
var finders = []struct {
	kind string
	find func(*View) []finding
}{
	{"retention", retentionFinding}, {"repeat revenue", repeatShareFinding}, {"hidden revenue loss", lossFinding},
	{"cohorts", cohortFinding}, {"referrals", referralFinding}, {"negotiation approach", approachFinding},
}

// retentionFinding: the change in retention between the latest two
// complete periods, called a change only when it is clear.
func retentionFinding(v *View) (out []finding) {
	if v.Prev == nil || !v.Latest.Retention.Defined || !v.Prev.Retention.Defined {
		return nil
	}
	cur, prev, test := v.Latest, v.Prev, v.M.Changes.RetentionTest
	a, _ := prev.Retention.Value()
	b, _ := cur.Retention.Value()
	figures := fmt.Sprintf("%s of the %s customers who bought in %s bought again in %s (%s, %s), against %s a %s earlier (%s, %s)",
		v.Fmt.Count(cur.Retained), v.Fmt.Count(int(cur.Retention.Den)), Escape(prev.Label), Escape(cur.Label), v.Fmt.Pct(cur.Retention), v.Fmt.Interval(cur.Retention),
		v.Fmt.Parts(prev.Retention), v.M.Period, v.Fmt.Pct(prev.Retention), v.Fmt.Interval(prev.Retention))
	if !test.Clear() {
		return []finding{{
			title: fmt.Sprintf("No clear change in customer retention in %s", Escape(cur.Label)),
			body: fmt.Sprintf("%s. A difference this size is within what chance gives with these numbers (%s, %s after correction for the %s comparisons this report makes), so it is not called a change.",
				figures, test.Test, v.Fmt.PValue(test.Adjusted), v.Fmt.Count(v.Tests)),
			weight: 35,
		}}
	}
	dir := "rose"
	if b < a {
		dir = "fell"
	}
	return []finding{{
		title: fmt.Sprintf("Customer retention %s to %s in %s", dir, v.Fmt.Pct(cur.Retention), Escape(cur.Label)),
		body: fmt.Sprintf("%s: %s, a clear change (%s, %s after correction for the %s comparisons this report makes). "+
			"%s customers who bought in %s did not buy in %s; every customer kept is revenue that needs no new sale.",
			figures, v.Fmt.Points(v.M.Changes.Retention), test.Test, v.Fmt.PValue(test.Adjusted), v.Fmt.Count(v.Tests),
			v.Fmt.Count(cur.Churned), Escape(prev.Label), Escape(cur.Label)),
		weight: 50 + math.Abs(b-a)*200,
	}}
}

// repeatShareFinding: the share of revenue from existing customers.
func repeatShareFinding(v *View) (out []finding) {
	if s, ok := v.Latest.RepeatShare.Value(); ok && v.Periods > 1 {
		out = append(out, finding{
			title: fmt.Sprintf("%s of %s revenue came from existing customers", v.Fmt.Pct(v.Latest.RepeatShare), Escape(v.Latest.Label)),
			body: fmt.Sprintf("Repeat customers brought %s of %s in revenue. %s",
				v.Fmt.Money(v.Latest.RepeatRevenue), v.Fmt.Money(v.Latest.Revenue), repeatMeaning(s)),
			weight: 40 + s*20,
		})
	}
	return out
}

// lossFinding: hidden revenue loss, or else revenue that walked out.
func lossFinding(v *View) (out []finding) {
	l := v.Loss
	walked := fmt.Sprintf("Separately, customers who stopped buying for a year had brought %s in the year before: %s from customers who never bought again, %s from customers who came back later.",
		v.Fmt.Money(l.WalkedOut), v.Fmt.Money(l.Gone), v.Fmt.Money(l.Returned))
	if l.Defined && l.Total > 0 {
		bench := v.Fmt.Pct(metrics.Rate{Num: l.Benchmark, Den: 1, Defined: true})
		return []finding{{
			title: fmt.Sprintf("About %s in revenue was lost to retention below %s", v.Fmt.Money(l.Total), bench),
			body: fmt.Sprintf("Had every complete year kept customers at the benchmark retention of %s (%s), the retained customers' average spend implies about %s more revenue over %s; the summary's table gives each year. %s "+
				"This is an estimate of what better relationships were worth, not a forecast.",
				bench, Escape(l.BenchmarkSource), v.Fmt.Money(l.Total), yearsSpan(l.Years), walked),
			weight: 60,
		}}
	}
	if l.Gone > 0 {
		return []finding{{
			title:  fmt.Sprintf("Customers who never came back had brought %s", v.Fmt.Money(l.Gone)),
			body:   walked,
			weight: 45,
		}}
	}
	return nil
}

// yearsSpan names the years a loss is summed over: "2020–2025", "2024".
func yearsSpan(ys []metrics.LossYear) string {
	if len(ys) == 0 {
		return "no complete year"
	}
	if len(ys) == 1 {
		return ys[0].Year
	}
	return ys[0].Year + "–" + ys[len(ys)-1].Year
}

// cohortFinding: the best and worst cohort one period after the first
// purchase, only when the cohorts clearly differ.
func cohortFinding(v *View) (out []finding) {
	t := v.M.CohortTest
	if !t.Clear() {
		return nil
	}
	best, worst := t.Best, t.Worst
	bv, _ := best.Logo.Value()
	wv, _ := worst.Logo.Value()
	return []finding{{
		title: fmt.Sprintf("The %s customers came back best, the %s customers least", Escape(best.Cohort), Escape(worst.Cohort)),
		body: fmt.Sprintf("One %s after their first purchase, %s of the %s cohort bought again (%s, %s), against %s of the %s cohort (%s, %s). "+
			"The %s cohorts clearly differ (%s, %s after correction). What changed in how those customers were won and served is worth asking.",
			v.M.Period, v.Fmt.Pct(best.Logo), Escape(best.Cohort), v.Fmt.Parts(best.Logo), v.Fmt.Interval(best.Logo),
			v.Fmt.Pct(worst.Logo), Escape(worst.Cohort), v.Fmt.Parts(worst.Logo), v.Fmt.Interval(worst.Logo),
			v.Fmt.Count(t.Cohorts), t.Test, v.Fmt.PValue(t.Adjusted)),
		weight: 30 + (bv-wv)*100,
	}}
}

// referralFinding: the referred customers' share of revenue.
func referralFinding(v *View) (out []finding) {
	m := v.M
	if s, ok := m.ReferralRevenueShare.Value(); ok && m.ReferredAccounts > 0 {
		body := fmt.Sprintf("%s customers came by referral and brought %s of all revenue (%s of %s).",
			v.Fmt.Count(m.ReferredAccounts), v.Fmt.Pct(m.ReferralRevenueShare), v.Fmt.Money(m.ReferralRevenueShare.Num), v.Fmt.Money(m.ReferralRevenueShare.Den))
		if t := m.ReferralTest; t.Defined {
			change := "no clear change"
			if t.Clear() {
				change = "a clear change"
			}
			body += fmt.Sprintf(" The share of new customers who were referred was %s in %s (%s) and %s in %s (%s): %s (%s, %s after correction).",
				v.Fmt.Pct(v.First.ReferralRate), Escape(v.First.Label), v.Fmt.Parts(v.First.ReferralRate),
				v.Fmt.Pct(v.Latest.ReferralRate), Escape(v.Latest.Label), v.Fmt.Parts(v.Latest.ReferralRate), change, t.Test, v.Fmt.PValue(t.Adjusted))
		}
		body += " Referrals are revenue that customers' goodwill brings in without a sales cost."
		out = append(out, finding{title: fmt.Sprintf("Referred customers brought %s of revenue", v.Fmt.Pct(m.ReferralRevenueShare)), body: body, weight: 35 + s*40})
	}
	return out
}

// approachFinding answers the negotiation question: the approach group
// whose customers clearly came back less than the rest's (repeat purchase,
// retention), or else the one that clearly came back more, or else that no
// group clearly differs.
func approachFinding(v *View) (out []finding) {
	var tested []metrics.ApproachGroup
	for _, g := range v.M.Approaches {
		if g.RepeatTest.Defined || g.RetentionTest.Defined {
			tested = append(tested, g)
		}
	}
	if len(tested) == 0 {
		return nil
	}
	// score counts the outcomes on which g clearly differs from the rest
	// in the direction sign (-1 below, +1 above).
	score := func(g metrics.ApproachGroup, sign float64) int {
		n := 0
		for _, o := range [...]struct {
			r, rest metrics.Rate
			t       metrics.Comparison
		}{{g.RepeatRate, g.RepeatRest, g.RepeatTest}, {g.Retention, g.RetentionRest, g.RetentionTest}} {
			a, _ := o.r.Value()
			b, _ := o.rest.Value()
			if o.t.Clear() && (a-b)*sign > 0 {
				n++
			}
		}
		return n
	}
	gap := func(g metrics.ApproachGroup) float64 {
		a, _ := g.RepeatRate.Value()
		b, _ := g.RepeatRest.Value()
		return a - b
	}
	pick := func(sign float64) (metrics.ApproachGroup, bool) {
		best, found := metrics.ApproachGroup{}, false
		for _, g := range tested {
			if s := score(g, sign); s > 0 && (!found || s > score(best, sign) || s == score(best, sign) && gap(g)*sign > gap(best)*sign) {
				best, found = g, true
			}
		}
		return best, found
	}
	basis := "approach"
	if v.M.ApproachBasis != "approach" {
		basis = "first-deal discount"
	}
	if g, ok := pick(-1); ok {
		return []finding{{
			title:  fmt.Sprintf("Customers first won by “%s” came back less than the rest", Escape(g.Name)),
			body:   approachBody(v, g) + " This is the group with the weakest relationships by " + basis + ".",
			weight: 70,
		}}
	}
	if g, ok := pick(+1); ok {
		return []finding{{
			title:  fmt.Sprintf("Customers first won by “%s” came back more than the rest", Escape(g.Name)),
			body:   approachBody(v, g) + " No group came back clearly less than the rest.",
			weight: 55,
		}}
	}
	sort.SliceStable(tested, func(i, j int) bool { return math.Abs(gap(tested[i])) > math.Abs(gap(tested[j])) })
	return []finding{{
		title: fmt.Sprintf("No %s to first deals shows clearly different repeat business", basis),
		body: approachBody(v, tested[0]) + fmt.Sprintf(" That is the largest gap in repeat purchase between a group and the rest, and it is within what chance gives with these numbers; "+
			"the data do not show that how first deals are negotiated changes whether customers come back."),
		weight: 45,
	}}
}

// approachBody gives one group's outcomes against the rest's, with
// intervals and tests.
func approachBody(v *View, g metrics.ApproachGroup) string {
	outcome := func(what string, r, rest metrics.Rate, t metrics.Comparison) string {
		verdict := "no clear difference"
		if t.Clear() {
			verdict = "a clear difference"
		}
		return fmt.Sprintf("%s %s of %s (%s, %s) against %s of %s for the rest (%s): %s (%s, %s after correction)",
			what, v.Fmt.Count(int(r.Num)), v.Fmt.Count(int(r.Den)), v.Fmt.Pct(r), v.Fmt.Interval(r),
			v.Fmt.Count(int(rest.Num)), v.Fmt.Count(int(rest.Den)), v.Fmt.Pct(rest), verdict, t.Test, v.Fmt.PValue(t.Adjusted))
	}
	parts := []string{}
	if g.RepeatTest.Defined {
		parts = append(parts, outcome("Bought again:", g.RepeatRate, g.RepeatRest, g.RepeatTest))
	}
	if g.RetentionTest.Defined {
		parts = append(parts, outcome("Kept from one "+v.M.Period.String()+" to the next:", g.Retention, g.RetentionRest, g.RetentionTest))
	}
	body := strings.Join(parts, ". ") + "."
	if a, ok := g.RevenuePerAccount.Value(); ok {
		if b, ok := g.RevenueRest.Value(); ok {
			body += fmt.Sprintf(" Revenue after the first purchase: %s per account%s against %s%s.",
				v.Fmt.Money(a), moneyInterval(v, g.RevenuePerAccount), v.Fmt.Money(b), moneyInterval(v, g.RevenueRest))
		}
	}
	if a, ok := g.ReferralsPer.Value(); ok {
		if b, ok := g.ReferralsRest.Value(); ok {
			body += fmt.Sprintf(" Customers referred: %s per 100 customers%s against %s for the rest%s.",
				v.Fmt.Num(metrics.Round(a*100, 1)), per100Interval(v, g.ReferralsPer), v.Fmt.Num(metrics.Round(b*100, 1)), per100Interval(v, g.ReferralsRest))
		}
	}
	if adj := g.RetentionAdjusted; adj.Defined {
		verdict := "no clear difference"
		if adj.Clear() {
			verdict = "a clear difference"
		}
		body += fmt.Sprintf(" Compared within the same first-purchase %s and segment, the retention difference is %+.1f points against %+.1f points overall: %s (%s, %s after correction).",
			v.M.Period, adj.Difference*100, adj.Raw*100, verdict, adj.Test, v.Fmt.PValue(adj.Adjusted))
		if adj.Disagrees {
			body += " The two disagree: part of the overall gap comes from when and to whom these customers were sold, not from the group alone."
		}
	}
	return body + " The groups differ in more than negotiation, so this shows an association, not a cause."
}

// moneyInterval is " (95% interval $1,200–$3,400)" for an amount per
// account with an interval, "" without.
func moneyInterval(v *View, r metrics.Rate) string {
	lo, hi, ok := r.Interval()
	if !ok {
		return ""
	}
	return " (95% interval " + v.Fmt.Money(lo) + "–" + v.Fmt.Money(hi) + ")"
}

// per100Interval is moneyInterval for a count per 100 customers.
func per100Interval(v *View, r metrics.Rate) string {
	lo, hi, ok := r.Interval()
	if !ok {
		return ""
	}
	return " (95% interval " + v.Fmt.Num(metrics.Round(max(0, lo)*100, 1)) + "–" + v.Fmt.Num(metrics.Round(hi*100, 1)) + ")"
}

func repeatMeaning(share float64) string {
	switch {
	case share >= 0.6:
		return "Most revenue depends on keeping customers: retention is the lever that matters most."
	case share >= 0.3:
		return "Revenue rests on both new and existing customers; losing existing ones would show quickly."
	}
	return "Revenue depends mostly on winning new customers each period, which is the more expensive way to grow."
}
