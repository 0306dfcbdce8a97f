package metrics

import (
	"fmt"
	"math"
	"sort"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// account is the working state of one account.
type account struct {
	key, name     string
	deals         []int32 // indexes into the kept deals, by close date
	periods       []pstat // periods with won deals (purchases or credits), in order
	purchaseDates []ingest.Date
	firstPeriod   Period // period of the first purchase, when there is one
	revenue       float64
	won, lost     int
	referred      bool
	referredBy    string
	referredByKey string
	approach      string
	discount      float64
	hasDiscount   bool
	firstDayRev   float64 // revenue on the first purchase date
}

type pstat struct {
	p      Period
	rev    float64
	active bool // a purchase (not only credits) in p
}

func (a *account) customer() bool { return len(a.purchaseDates) > 0 }

// Compute returns every metric of the history. deals is not modified.
func Compute(deals []ingest.Deal, opts Options) *Metrics {
	m := &Metrics{Period: opts.Period, Target: opts.Target}
	// The as-of date: given, or the latest close of a won or lost deal.
	asOf, any := opts.AsOf, opts.AsOfSet
	for i := range deals {
		d := &deals[i]
		if d.Stage == ingest.Open {
			m.OpenDeals++
			continue
		}
		if !opts.AsOfSet && (!any || d.Close > asOf) {
			asOf, any = d.Close, true
		}
	}
	m.AsOf = asOf
	kept := make([]int32, 0, len(deals))
	for i := range deals {
		d := &deals[i]
		if d.Stage == ingest.Open {
			continue
		}
		if d.Close > asOf {
			m.AfterAsOf++
			continue
		}
		kept = append(kept, int32(i))
	}
	if len(kept) == 0 {
		return m
	}
	k := opts.Period
	accts, byKey := groupAccounts(deals, kept)
	first, last := k.PeriodOf(deals[kept[0]].Close), k.PeriodOf(asOf)
	for _, i := range kept {
		if p := k.PeriodOf(deals[i].Close); p < first {
			first = p
		}
	}
	for _, a := range accts {
		a.summarize(deals, k)
	}
	m.periods(deals, kept, accts, first, last)
	m.cohorts(accts, first, last)
	m.accounts(accts, byKey)
	m.repeatAndConcentration(accts)
	m.referrals(deals, kept, accts, byKey)
	m.winRates(deals, kept)
	m.approaches(deals, kept, accts, byKey, last)
	m.hiddenLoss()
	return m
}

// groupAccounts collects the kept deals of each account, in order of close
// date (ties in input order), accounts in order of first appearance.
func groupAccounts(deals []ingest.Deal, kept []int32) ([]*account, map[string]*account) {
	byKey := map[string]*account{}
	var accts []*account
	for _, i := range kept {
		d := &deals[i]
		a := byKey[d.AccountKey]
		if a == nil {
			a = &account{key: d.AccountKey, name: d.Account}
			byKey[d.AccountKey] = a
			accts = append(accts, a)
		}
		a.deals = append(a.deals, i)
	}
	for _, a := range accts {
		sort.SliceStable(a.deals, func(x, y int) bool { return deals[a.deals[x]].Close < deals[a.deals[y]].Close })
	}
	return accts, byKey
}

// summarize fills an account's purchases, periods and first-deal facts.
func (a *account) summarize(deals []ingest.Deal, k PeriodKind) {
	var firstDay ingest.Date
	for _, i := range a.deals {
		d := &deals[i]
		if d.Stage == ingest.Lost {
			a.lost++
			continue
		}
		purchase := d.Amount >= 0
		a.revenue += d.Amount
		p := k.PeriodOf(d.Close)
		if n := len(a.periods); n == 0 || a.periods[n-1].p != p {
			a.periods = append(a.periods, pstat{p: p})
		}
		ps := &a.periods[len(a.periods)-1]
		ps.rev += d.Amount
		if !purchase {
			continue
		}
		a.won++
		ps.active = true
		if n := len(a.purchaseDates); n == 0 || a.purchaseDates[n-1] != d.Close {
			a.purchaseDates = append(a.purchaseDates, d.Close)
		}
		if len(a.purchaseDates) == 1 {
			// The first purchase date: same-day deals are one purchase.
			if firstDay == 0 {
				firstDay = d.Close
				a.firstPeriod = p
			}
			a.referred = a.referred || d.Referral
			if a.referredBy == "" && d.ReferredBy != "" {
				a.referredBy, a.referredByKey = d.ReferredBy, d.ReferredByKey
			}
			if a.approach == "" {
				a.approach = d.Approach
			}
			if !a.hasDiscount && d.HasDiscount {
				a.discount, a.hasDiscount = d.Discount, true
			}
		}
	}
	if a.customer() {
		for _, i := range a.deals {
			if d := &deals[i]; d.Stage == ingest.Won && d.Close == a.purchaseDates[0] {
				a.firstDayRev += d.Amount
			}
		}
	}
}

// periods computes periods.csv.
func (m *Metrics) periods(deals []ingest.Deal, kept []int32, accts []*account, first, last Period) {
	n := int(last-first) + 1
	rows := make([]PeriodRow, n)
	nrrNum, nrrDen, grrNum := make([]float64, n), make([]float64, n), make([]float64, n)
	retainedRev := make([]float64, n)
	for i := range rows {
		rows[i].Period = first + Period(i)
		rows[i].Label = m.Period.Label(rows[i].Period)
	}
	for _, a := range accts {
		for j, e := range a.periods {
			r := &rows[e.p-first]
			r.Revenue += e.rev
			if a.customer() && e.p == a.firstPeriod {
				r.NewRevenue += e.rev
			}
			if !e.active {
				continue
			}
			r.Active++
			prevActive := j > 0 && a.periods[j-1].p == e.p-1 && a.periods[j-1].active
			switch {
			case e.p == a.firstPeriod:
				r.New++
				if a.referred {
					r.ReferredNew++
				}
			case prevActive:
				r.Retained++
				retainedRev[e.p-first] += e.rev
			default:
				r.Reactivated++
			}
			if e.p == last {
				continue
			}
			// What this account did in the next period.
			next := int(e.p + 1 - first)
			nextRev, nextActive := 0.0, false
			if j+1 < len(a.periods) && a.periods[j+1].p == e.p+1 {
				nextRev, nextActive = a.periods[j+1].rev, a.periods[j+1].active
			}
			nrrDen[next] += e.rev
			nrrNum[next] += nextRev
			grrNum[next] += math.Min(nextRev, e.rev)
			if !nextActive {
				rows[next].Churned++
				rows[next].WalkedOut += e.rev
			}
		}
	}
	for _, i := range kept {
		d := &deals[i]
		r := &rows[m.Period.PeriodOf(d.Close)-first]
		switch {
		case d.Stage == ingest.Lost:
			r.Lost++
			m.LostDeals++
		case d.Amount < 0:
			m.Credits++
		default:
			r.Won++
			m.WonDeals++
		}
	}
	for i := range rows {
		r := &rows[i]
		r.RepeatRevenue = r.Revenue - r.NewRevenue
		r.RepeatShare = ratio(r.RepeatRevenue, r.Revenue)
		r.ReferralRate = countRate(r.ReferredNew, r.New)
		r.WinRate = countRate(r.Won, r.Won+r.Lost)
		r.AvgRetained = ratio(retainedRev[i], float64(r.Retained))
		if i > 0 {
			r.Retention = countRate(r.Retained, rows[i-1].Active)
			r.NRR = ratio(nrrNum[i], nrrDen[i])
			r.GRR = ratio(grrNum[i], nrrDen[i])
		}
		m.Revenue += r.Revenue
	}
	m.Periods = rows
}

// cohorts computes cohorts.csv: every observed cell from each cohort's own
// period to the as-of period.
func (m *Metrics) cohorts(accts []*account, first, last Period) {
	n := int(last-first) + 1
	size := make([]int, n)
	active := make([][]int, n)
	rev := make([][]float64, n)
	for _, a := range accts {
		if !a.customer() {
			continue
		}
		c := int(a.firstPeriod - first)
		if active[c] == nil {
			active[c], rev[c] = make([]int, n-c), make([]float64, n-c)
		}
		size[c]++
		for _, e := range a.periods {
			if e.p < a.firstPeriod {
				continue // a credit before the first purchase
			}
			k := int(e.p - a.firstPeriod)
			rev[c][k] += e.rev
			if e.active {
				active[c][k]++
			}
		}
	}
	for c := 0; c < n; c++ {
		if size[c] == 0 {
			continue
		}
		label := m.Period.Label(first + Period(c))
		for k := 0; k < n-c; k++ {
			m.Cohorts = append(m.Cohorts, CohortCell{
				Cohort: label, Index: k, Period: m.Period.Label(first + Period(c+k)),
				CohortAccounts: size[c], Active: active[c][k], Logo: countRate(active[c][k], size[c]),
				Revenue: rev[c][k], RevenueRetention: ratio(rev[c][k], rev[c][0]),
			})
		}
	}
}

// accounts computes accounts.csv and the status of each account at as-of.
func (m *Metrics) accounts(accts []*account, byKey map[string]*account) {
	made := map[string]int{}
	madeRev := map[string]float64{}
	for _, a := range accts {
		if a.customer() && a.referredByKey != "" {
			made[a.referredByKey]++
			madeRev[a.referredByKey] += a.revenue
		}
	}
	// Active: a purchase in the last period length; lapsed: none in two.
	oneBack, twoBack := m.Period.back(m.AsOf, 1), m.Period.back(m.AsOf, 2)
	for _, a := range accts {
		row := Account{Name: a.name, Key: a.key, Won: a.won, Lost: a.lost, Revenue: a.revenue,
			PurchaseDates: len(a.purchaseDates), Referred: a.customer() && a.referred, ReferredBy: a.referredBy,
			ReferralsMade: made[a.key], ReferralRevenue: madeRev[a.key], FirstApproach: a.approach,
			FirstDiscount: a.discount, HasFirstDiscount: a.hasDiscount, Status: "never won"}
		if a.customer() {
			m.Customers++
			row.FirstWon, row.LastWon = a.purchaseDates[0], a.purchaseDates[len(a.purchaseDates)-1]
			gaps := make([]float64, 0, len(a.purchaseDates)-1)
			for i := 1; i < len(a.purchaseDates); i++ {
				gaps = append(gaps, float64(a.purchaseDates[i]-a.purchaseDates[i-1]))
			}
			sort.Float64s(gaps)
			row.MedianGap, row.HasGap = median(gaps)
			since := float64(m.AsOf - row.LastWon)
			switch {
			case row.LastWon <= twoBack:
				row.Status = "lapsed"
			case row.LastWon <= oneBack:
				row.Status = "lapsing"
			case row.HasGap && since > 1.5*row.MedianGap:
				row.Status = "lapsing"
			default:
				row.Status = "active"
			}
		}
		m.Accounts = append(m.Accounts, row)
	}
	sort.SliceStable(m.Accounts, func(i, j int) bool {
		a, b := m.Accounts[i], m.Accounts[j]
		if a.Revenue != b.Revenue {
			return a.Revenue > b.Revenue
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Key < b.Key
	})
}

// repeatAndConcentration computes the repeat customer rate, the time to a
// second purchase and revenue concentration.
func (m *Metrics) repeatAndConcentration(accts []*account) {
	repeat := 0
	var seconds []float64
	for _, a := range accts {
		if len(a.purchaseDates) >= 2 {
			repeat++
			seconds = append(seconds, float64(a.purchaseDates[1]-a.purchaseDates[0]))
		}
	}
	m.RepeatCustomerRate = countRate(repeat, m.Customers)
	sort.Float64s(seconds)
	t := TimeToSecond{Accounts: len(seconds)}
	t.Median, t.Defined = median(seconds)
	bounds := []struct {
		max   float64
		label string
	}{{30, "0–30 days"}, {90, "31–90 days"}, {180, "91–180 days"}, {365, "181–365 days"}, {730, "1–2 years"}, {math.Inf(1), "over 2 years"}}
	t.Buckets = make([]Bucket, len(bounds))
	for i, b := range bounds {
		t.Buckets[i].Label = b.label
	}
	for _, s := range seconds {
		for i, b := range bounds {
			if s <= b.max {
				t.Buckets[i].Count++
				break
			}
		}
	}
	m.TimeToSecond = t

	// Over customers; m.Accounts is sorted by revenue, largest first.
	var top10, topTenth float64
	tenth := int(math.Ceil(float64(m.Customers) / 10))
	i := 0
	for _, a := range m.Accounts {
		if a.PurchaseDates == 0 {
			continue
		}
		if i < 10 {
			top10 += a.Revenue
		}
		if i < tenth {
			topTenth += a.Revenue
		}
		i++
	}
	m.Concentration = Concentration{Top10: ratio(top10, m.Revenue), TopTenth: ratio(topTenth, m.Revenue), TenthCount: tenth}
}

// referrals computes referrers.csv and the referral rates.
func (m *Metrics) referrals(deals []ingest.Deal, kept []int32, accts []*account, byKey map[string]*account) {
	type agg struct {
		name  string
		n     int
		rev   float64
		names map[string]int
	}
	refs := map[string]*agg{}
	var referredRev float64
	for _, a := range accts {
		if !a.customer() || !a.referred {
			continue
		}
		m.ReferredAccounts++
		referredRev += a.revenue
		if a.referredByKey == "" {
			continue
		}
		r := refs[a.referredByKey]
		if r == nil {
			r = &agg{names: map[string]int{}}
			refs[a.referredByKey] = r
		}
		r.n++
		r.rev += a.revenue
		r.names[a.referredBy]++
	}
	referring := 0
	for key, r := range refs {
		name := ""
		if a := byKey[key]; a != nil {
			name = a.name
		} else {
			best := -1
			for n, c := range r.names {
				if c > best || c == best && n < name {
					name, best = n, c
				}
			}
		}
		isCustomer := byKey[key] != nil && byKey[key].customer()
		if isCustomer {
			referring++
		}
		m.Referrers = append(m.Referrers, Referrer{Name: name, IsCustomer: isCustomer, Referred: r.n, ReferredRevenue: r.rev})
	}
	sort.Slice(m.Referrers, func(i, j int) bool {
		a, b := m.Referrers[i], m.Referrers[j]
		if a.ReferredRevenue != b.ReferredRevenue {
			return a.ReferredRevenue > b.ReferredRevenue
		}
		if a.Referred != b.Referred {
			return a.Referred > b.Referred
		}
		return a.Name < b.Name
	})
	m.ReferringCustomerRate = countRate(referring, m.Customers)
	m.ReferralRevenueShare = ratio(referredRev, m.Revenue)
	var rw, rl, ow, ol int
	for _, i := range kept {
		d := &deals[i]
		won := d.Stage == ingest.Won
		if won && d.Amount < 0 {
			continue
		}
		switch {
		case d.Referral && won:
			rw++
		case d.Referral:
			rl++
		case won:
			ow++
		default:
			ol++
		}
	}
	m.ReferredWinRate = countRate(rw, rw+rl)
	m.OtherWinRate = countRate(ow, ow+ol)
}

// winRates computes win rates by lead source and by owner.
func (m *Metrics) winRates(deals []ingest.Deal, kept []int32) {
	m.WinRateBySource = groupWinRates(deals, kept, func(d *ingest.Deal) string { return d.LeadSource })
	m.WinRateByOwner = groupWinRates(deals, kept, func(d *ingest.Deal) string { return d.Owner })
}

// noValue names the group of deals without a value.
const noValue = "(not recorded)"

func groupWinRates(deals []ingest.Deal, kept []int32, field func(*ingest.Deal) string) []Group {
	idx := map[string]int{}
	var out []Group
	for _, i := range kept {
		d := &deals[i]
		if d.Stage == ingest.Won && d.Amount < 0 {
			continue
		}
		name := field(d)
		if name == "" {
			name = noValue
		}
		j, ok := idx[name]
		if !ok {
			j = len(out)
			idx[name] = j
			out = append(out, Group{Name: name})
		}
		if d.Stage == ingest.Won {
			out[j].Won++
		} else {
			out[j].Lost++
		}
	}
	for i := range out {
		out[i].WinRate = countRate(out[i].Won, out[i].Won+out[i].Lost)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Won+a.Lost != b.Won+b.Lost {
			return a.Won+a.Lost > b.Won+b.Lost
		}
		return a.Name < b.Name
	})
	return out
}

// hiddenLoss computes the revenue lost to retention below the benchmark.
func (m *Metrics) hiddenLoss() {
	h := HiddenLoss{Formula: "hidden revenue loss(P) = max(0, benchmark retention - retention(P)) × active accounts(P-1) × average revenue in P of a retained account; total = sum over periods"}
	if m.Target != nil {
		h.Benchmark, h.BenchmarkSource, h.Defined = *m.Target, "target_retention", true
	} else {
		for _, r := range m.Periods {
			if v, ok := r.Retention.Value(); ok && (!h.Defined || v > h.Benchmark) {
				h.Benchmark, h.BenchmarkSource, h.Defined = v, fmt.Sprintf("best observed (%s)", r.Label), true
			}
		}
	}
	for i := range m.Periods {
		r := &m.Periods[i]
		h.WalkedOut += r.WalkedOut
		ret, ok := r.Retention.Value()
		avg, okAvg := r.AvgRetained.Value()
		if !h.Defined || !ok || !okAvg {
			continue
		}
		prev := m.Periods[i-1].Active
		r.Loss, r.LossDefined = math.Max(0, h.Benchmark-ret)*float64(prev)*avg, true
		h.Total += r.Loss
	}
	m.HiddenLoss = h
}
