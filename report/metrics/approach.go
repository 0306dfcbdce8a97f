package metrics

import (
	"sort"

	"github.com/dealaudit/dealaudit/report/stats"
)

// MinGroup is the number of accounts below which an approach group is
// flagged as too small to compare.
const MinGroup = 10

// Discount bands, used when the history has no approach column.
const (
	bandLow  = "discount under 10%"
	bandMid  = "discount 10–20%"
	bandHigh = "discount over 20%"
)

func discountBand(d float64) string {
	switch {
	case d < 0.10:
		return bandLow
	case d <= 0.20:
		return bandMid
	}
	return bandHigh
}

// approaches groups customers by how their first purchase was negotiated:
// the approach column, or without one the first-deal discount band.
func (m *Metrics) approaches(accts []*account, refs referrals, last Period, t *tallies) {
	useApproach := t.anyApproach
	m.ApproachBasis = "discount band"
	if useApproach {
		m.ApproachBasis = "approach"
	}
	wins := &t.band
	if useApproach {
		wins = &t.approach
	}
	var outcomes []outcome
	var samples map[string]*groupSamples
	m.Approaches, samples = customerGroups(accts, refs, last, wins, m.approachOf, func(a *account, group string) { outcomes = append(outcomes, outcomeOf(a, group, last, m.AsOf)) })
	restTests(m.Approaches, samples)
	sortApproaches(m.Approaches, useApproach)
	adjustedRetention(m.Approaches, outcomes)
	m.NextPurchase = nextPurchase(m.Approaches, outcomes)
}

// customerGroups groups customers by groupOf and returns each group's
// figures (in no order) with its samples for the per-account intervals:
// accounts, repeat purchase, retention pooled over periods up to last,
// revenue after the first purchase, customers they referred (counted in
// the referrer's group), and the win rate of the group's name in wins.
// each, when not nil, is called with every customer and its group.
func customerGroups(accts []*account, refs referrals, last Period, wins *winTally,
	groupOf func(*account) string, each func(a *account, group string)) ([]ApproachGroup, map[string]*groupSamples) {
	type agg struct {
		ApproachGroup
		discounts        []float64
		afterFirst       float64
		samples          groupSamples
		repeat           int
		retained, before int
	}
	groups := map[string]*agg{}
	get := func(name string) *agg {
		g := groups[name]
		if g == nil {
			g = &agg{ApproachGroup: ApproachGroup{Name: name}}
			groups[name] = g
		}
		return g
	}
	for _, a := range accts {
		if !a.customer() {
			continue
		}
		g := get(groupOf(a))
		given := refs.byReferrer[a.key].n // the customers a referred
		g.samples.referrals.Add(float64(given), 1)
		if each != nil {
			each(a, g.Name)
		}
		g.Accounts++
		if a.hasDiscount {
			g.discounts = append(g.discounts, a.discount)
		}
		if len(a.purchaseDates) >= 2 {
			g.repeat++
		}
		g.afterFirst += a.afterFirst()
		g.samples.after.Add(a.afterFirst(), 1)
		retained, before := a.retention(last)
		g.retained += retained
		g.before += before
		g.ReferralsGiven += given
	}
	out := make([]ApproachGroup, 0, len(groups))
	samples := map[string]*groupSamples{}
	for _, g := range groups {
		sort.Float64s(g.discounts)
		g.MedianDiscount, g.HasMedianDiscount = median(g.discounts)
		g.RepeatRate = countRate(g.repeat, g.Accounts)
		g.Retention = countRate(g.retained, g.before)
		g.RevenuePerAccount = withInterval(ratio(g.afterFirst, float64(g.Accounts)), &g.samples.after, seedOf(0, 3))
		won, lost := wins.get(g.Name)
		g.WinRate = countRate(won, won+lost)
		g.TooSmall = g.Accounts < MinGroup
		out = append(out, g.ApproachGroup)
		samples[g.Name] = &g.samples
	}
	return out, samples
}

// groupSamples are a group's accounts' revenue after the first purchase
// and customers referred, each over 1, for the per-account intervals.
type groupSamples struct{ after, referrals stats.RatioSample }

// restTests compares each group of at least MinGroup accounts with the
// customers of every other group with a value, on repeat purchase and
// retention; with the groups' samples (nil: none), the rest's revenue
// and referrals per account get their intervals too.
func restTests(gs []ApproachGroup, samples map[string]*groupSamples) {
	var repeat, accounts, retained, before, after, referrals float64
	for _, g := range gs {
		if g.Name != NoValue {
			repeat, accounts = repeat+g.RepeatRate.Num, accounts+g.RepeatRate.Den
			retained, before = retained+g.Retention.Num, before+g.Retention.Den
			after += g.RevenuePerAccount.Num
			referrals += float64(g.ReferralsGiven)
		}
	}
	for i := range gs {
		g := &gs[i]
		if g.Name == NoValue || g.TooSmall {
			continue
		}
		g.RepeatRest = countRate(int(repeat-g.RepeatRate.Num), int(accounts-g.RepeatRate.Den))
		g.RetentionRest = countRate(int(retained-g.Retention.Num), int(before-g.Retention.Den))
		g.RevenueRest = ratio(after-g.RevenuePerAccount.Num, accounts-g.RepeatRate.Den)
		g.ReferralsPer = ratio(float64(g.ReferralsGiven), float64(g.Accounts))
		g.ReferralsRest = ratio(referrals-float64(g.ReferralsGiven), accounts-g.RepeatRate.Den)
		if samples != nil {
			var rest groupSamples
			for _, o := range gs {
				if o.Name != NoValue && o.Name != g.Name && samples[o.Name] != nil {
					rest.after.Merge(&samples[o.Name].after)
					rest.referrals.Merge(&samples[o.Name].referrals)
				}
			}
			g.ReferralsPer = withInterval(g.ReferralsPer, &samples[g.Name].referrals, seedOf(0, 4))
			g.RevenueRest = withInterval(g.RevenueRest, &rest.after, seedOf(0, 5))
			g.ReferralsRest = withInterval(g.ReferralsRest, &rest.referrals, seedOf(0, 6))
		}
		g.RepeatTest = compare(g.RepeatRate, g.RepeatRest)
		g.RetentionTest = compare(g.Retention, g.RetentionRest)
	}
}

// sortApproaches orders the groups: discount bands low to high, approaches
// by accounts, most first; the group without a value last.
func sortApproaches(gs []ApproachGroup, byApproach bool) {
	order := map[string]int{bandLow: 0, bandMid: 1, bandHigh: 2, NoValue: 4}
	sort.Slice(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if !byApproach || a.Name == NoValue || b.Name == NoValue {
			if oa, ob := order[a.Name], order[b.Name]; oa != ob {
				return oa < ob
			}
		}
		if a.Accounts != b.Accounts {
			return a.Accounts > b.Accounts
		}
		return a.Name < b.Name
	})
}
