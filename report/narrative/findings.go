package narrative

import (
	"fmt"
	"math"
	"sort"

	"github.com/dealaudit/dealaudit/report/format"

	"github.com/dealaudit/dealaudit/report/metrics"
)

type finding struct {
	title, body string
	weight      float64 // larger first
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
	for _, find := range finders {
		out = append(out, find(v)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// finders each return the finding of one kind, or none.
var finders = []func(*View) []finding{retentionFinding, repeatShareFinding, lossFinding, cohortFinding, referralFinding, approachFinding}

// retentionFinding: the latest change in retention.
func retentionFinding(v *View) (out []finding) {
	if v.Prev != nil && v.Latest.Retention.Defined && v.Prev.Retention.Defined {
		a, _ := v.Prev.Retention.Value()
		b, _ := v.Latest.Retention.Value()
		dir := "rose"
		if b < a {
			dir = "fell"
		}
		out = append(out, finding{
			title: fmt.Sprintf("Customer retention %s to %s in %s", dir, format.Pct(v.Latest.Retention), Escape(v.Latest.Label)),
			body: fmt.Sprintf("%s of the %s customers who bought in %s bought again in %s (%s), against %s a period earlier (%s). "+
				"%s customers who bought in %s did not buy in %s; every customer kept is revenue that needs no new sale.",
				format.Count(v.Latest.Retained), format.Count(int(v.Latest.Retention.Den)), Escape(v.Prev.Label), Escape(v.Latest.Label), format.Pct(v.Latest.Retention),
				format.Pct(v.Prev.Retention), format.Points(v.M.Changes.Retention),
				format.Count(v.Latest.Churned), Escape(v.Prev.Label), Escape(v.Latest.Label)),
			weight: 50 + math.Abs(b-a)*200,
		})
	}
	return out
}

// repeatShareFinding: the share of revenue from existing customers.
func repeatShareFinding(v *View) (out []finding) {
	if s, ok := v.Latest.RepeatShare.Value(); ok && v.Periods > 1 {
		out = append(out, finding{
			title: fmt.Sprintf("%s of %s revenue came from existing customers", format.Pct(v.Latest.RepeatShare), Escape(v.Latest.Label)),
			body: fmt.Sprintf("Repeat customers brought %s of %s in revenue. %s",
				format.Money(v.Latest.RepeatRevenue), format.Money(v.Latest.Revenue), repeatMeaning(s)),
			weight: 40 + s*20,
		})
	}
	return out
}

// lossFinding: hidden revenue loss, or else revenue that walked out.
func lossFinding(v *View) (out []finding) {
	if v.Loss.Defined && v.Loss.Total > 0 {
		out = append(out, finding{
			title: fmt.Sprintf("About %s in revenue was lost to retention below %s", format.Money(v.Loss.Total), format.Pct(metrics.Rate{Num: v.Loss.Benchmark, Den: 1, Defined: true})),
			body: fmt.Sprintf("Had every period kept customers at the benchmark retention of %s (%s), the retained customers' average spend implies about %s more revenue over the history. "+
				"Separately, customers who stopped buying had brought %s in their last active period. "+
				"This is an estimate of what better relationships were worth, not a forecast.",
				format.Pct(metrics.Rate{Num: v.Loss.Benchmark, Den: 1, Defined: true}), Escape(v.Loss.BenchmarkSource), format.Money(v.Loss.Total), format.Money(v.Loss.WalkedOut)),
			weight: 60,
		})
	} else if v.Loss.WalkedOut > 0 {
		out = append(out, finding{
			title:  fmt.Sprintf("Customers who left had brought %s", format.Money(v.Loss.WalkedOut)),
			body:   fmt.Sprintf("Summed over the history, accounts that stopped buying had brought %s in their last active period.", format.Money(v.Loss.WalkedOut)),
			weight: 45,
		})
	}
	return out
}

// cohortFinding: the best and worst cohort, one period after the first
// purchase.
func cohortFinding(v *View) (out []finding) {
	m := v.M
	type cohort struct {
		label string
		r     metrics.Rate
	}
	var cs []cohort
	for _, c := range m.Cohorts {
		if c.Index == 1 && c.CohortAccounts >= minSample {
			cs = append(cs, cohort{c.Cohort, c.Logo})
		}
	}
	if len(cs) >= 2 {
		sort.SliceStable(cs, func(i, j int) bool {
			a, _ := cs[i].r.Value()
			b, _ := cs[j].r.Value()
			return a > b
		})
		best, worst := cs[0], cs[len(cs)-1]
		bv, _ := best.r.Value()
		wv, _ := worst.r.Value()
		if bv > wv {
			out = append(out, finding{
				title: fmt.Sprintf("The %s customers came back best, the %s customers least", Escape(best.label), Escape(worst.label)),
				body: fmt.Sprintf("One period after their first purchase, %s of the %s cohort bought again (%s), against %s of the %s cohort (%s). "+
					"What changed in how those customers were won and served is worth asking.",
					format.Pct(best.r), Escape(best.label), format.Parts(best.r), format.Pct(worst.r), Escape(worst.label), format.Parts(worst.r)),
				weight: 30 + (bv-wv)*100,
			})
		}
	}
	return out
}

// referralFinding: the referred customers' share of revenue.
func referralFinding(v *View) (out []finding) {
	m := v.M
	if s, ok := m.ReferralRevenueShare.Value(); ok && m.ReferredAccounts > 0 {
		body := fmt.Sprintf("%s customers came by referral and brought %s of all revenue (%s of %s).",
			format.Count(m.ReferredAccounts), format.Pct(m.ReferralRevenueShare), format.Money(m.ReferralRevenueShare.Num), format.Money(m.ReferralRevenueShare.Den))
		if v.First != v.Latest && v.First.ReferralRate.Defined && v.Latest.ReferralRate.Defined {
			body += fmt.Sprintf(" The share of new customers who were referred went from %s in %s to %s in %s.",
				format.Pct(v.First.ReferralRate), Escape(v.First.Label), format.Pct(v.Latest.ReferralRate), Escape(v.Latest.Label))
		}
		body += " Referrals are revenue that customers' goodwill brings in without a sales cost."
		out = append(out, finding{title: fmt.Sprintf("Referred customers brought %s of revenue", format.Pct(m.ReferralRevenueShare)), body: body, weight: 35 + s*40})
	}
	return out
}

// approachFinding: the gap in repeat rate between approach groups, with
// their sample sizes.
func approachFinding(v *View) (out []finding) {
	m := v.M
	var big []metrics.ApproachGroup
	for _, g := range m.Approaches {
		if !g.TooSmall && g.Name != "(not recorded)" && g.RepeatRate.Defined {
			big = append(big, g)
		}
	}
	if len(big) >= 2 {
		sort.SliceStable(big, func(i, j int) bool {
			a, _ := big[i].RepeatRate.Value()
			b, _ := big[j].RepeatRate.Value()
			return a > b
		})
		hi, lo := big[0], big[len(big)-1]
		a, _ := hi.RepeatRate.Value()
		b, _ := lo.RepeatRate.Value()
		if a-b >= 0.05 {
			out = append(out, finding{
				title: fmt.Sprintf("Customers first won by “%s” bought again more often than those won by “%s”", Escape(hi.Name), Escape(lo.Name)),
				body: fmt.Sprintf("%s of %s (%s) against %s of %s (%s) came back for a second purchase. "+
					"The groups differ in more than negotiation, so this shows an association, not a cause; it is a reason to look at how first deals are negotiated.",
					format.Count(int(hi.RepeatRate.Num)), format.Count(hi.Accounts), format.Pct(hi.RepeatRate), format.Count(int(lo.RepeatRate.Num)), format.Count(lo.Accounts), format.Pct(lo.RepeatRate)),
				weight: 45 + (a-b)*100,
			})
		}
	}
	return out
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
