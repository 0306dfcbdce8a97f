package metrics

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/stats"
)

// rec is the part of a kept deal the computation reads over and over,
// small so that a million of them stay in cache-friendly order.
type rec struct {
	amount float64
	p      int32 // Period, in 4 bytes: a million records are 24 MB
	close  ingest.Date
	deal   int32 // index into the deals
	stage  ingest.Stage
}

// account is the working state of one account.
type account struct {
	key, name     string
	index         int32   // in ingest.History.Accounts
	recs          []rec   // its deals, by close date (ties in recOrder)
	periods       []pstat // periods with won deals (purchases or credits), in order
	purchaseDates []ingest.Date
	firstPeriod   Period // period of the first purchase, when there is one
	revenue       float64
	won, lost     int
	referred      bool
	referredBy    string
	referredByKey string
	approach      string
	segment       string
	owner         string // of the first purchase: who first won the account
	lastOwner     string // of the latest purchase naming one
	discount      float64
	hasDiscount   bool
	firstDayRev   float64 // revenue on the first purchase date
	cents         float64 // revenue in whole cents, to sort by
	// early is the credits dated before the first purchase (all of an
	// account's credits when it has no purchase): revenue of their
	// period, but neither new nor repeat revenue.
	early float64
}

type pstat struct {
	p      Period
	rev    float64
	early  float64 // the part of rev that is credits before the first purchase
	active bool    // a purchase (not only credits) in p
}

func (a *account) customer() bool { return len(a.purchaseDates) > 0 }

// retention counts, for one account, the periods before last in which it
// was active (before) and of those the ones it was active in the next
// period too (retained): its part of customer retention pooled over the
// periods, retained / active the period before.
func (a *account) retention(last Period) (retained, before int) {
	for j, e := range a.periods {
		if !e.active || e.p == last {
			continue
		}
		before++
		if j+1 < len(a.periods) && a.periods[j+1].p == e.p+1 && a.periods[j+1].active {
			retained++
		}
	}
	return retained, before
}

// pooledRetention is customer retention over all periods: accounts
// retained / accounts active the period before, summed over the periods.
func pooledRetention(accts []*account, last Period) Rate {
	var retained, before int
	for _, a := range accts {
		r, b := a.retention(last)
		retained += r
		before += b
	}
	return countRate(retained, before)
}

// AsOf is the date the figures are taken at: the one given, or the latest
// close of a won or lost deal (0 when there is none).
func AsOf(deals []ingest.Deal, opts Options) ingest.Date {
	if opts.AsOfSet {
		return opts.AsOf
	}
	var asOf ingest.Date
	any := false
	for i := range deals {
		d := &deals[i]
		if d.Stage != ingest.Open && (!any || d.Close > asOf) {
			asOf, any = d.Close, true
		}
	}
	return asOf
}

// Compute returns every metric of the history, which it does not modify.
func Compute(h *ingest.History, opts Options) *Metrics {
	deals := h.Deals
	m := &Metrics{Period: opts.Period, Target: opts.Target, Latest: -1}
	asOf := AsOf(deals, opts)
	for i := range deals {
		if deals[i].Stage == ingest.Open {
			m.OpenDeals++
		}
	}
	m.AsOf = asOf
	k := opts.Period
	recs, accts, byKey, tally := collect(h, asOf, k)
	m.AfterAsOf = len(deals) - m.OpenDeals - len(recs)
	if len(recs) == 0 {
		m.Enough = m.enough()
		return m
	}
	first, last := Period(recs[0].p), k.PeriodOf(asOf)
	for _, r := range recs {
		first = min(first, Period(r.p))
	}
	// Each account's periods and purchase dates are carved from two
	// arrays sized exactly, not grown one append at a time.
	var nPeriods, nDates int
	for _, a := range accts {
		np, nd := a.counts()
		nPeriods, nDates = nPeriods+np, nDates+nd
	}
	periods, dates := make([]pstat, 0, nPeriods), make([]ingest.Date, 0, nDates)
	for _, a := range accts {
		np, nd := a.counts()
		a.periods, periods = periods[:0:np], periods[np:np]
		a.purchaseDates, dates = dates[:0:nd], dates[nd:nd]
		a.summarize(h)
	}
	m.periods(recs, accts, first, last)
	dataStart := recs[0].close
	for _, r := range recs {
		dataStart = min(dataStart, r.close)
	}
	cover := coverage{start: dataStart, asOf: asOf, slack: endSlack(recs, opts.AsOfSet)}
	if w := opts.Whole; w != nil {
		cover.start, cover.slack = w.Start, w.Slack
	}
	m.Coverage = Coverage{Start: cover.start, Slack: cover.slack}
	m.markPartial(cover)
	m.PooledRetention = pooledRetention(accts, last)
	m.Changes = changes(m.Periods, m.Latest)
	m.ToDate = m.toDate(accts)
	m.cohorts(accts, first, last)
	refs := referralsOf(accts, byKey, opts.Whole)
	m.accounts(accts, refs)
	m.repeatAndConcentration(accts)
	m.referrals(accts, byKey, refs, tally)
	m.WinRateBySource = tally.source.groups()
	m.WinRateByOwner = tally.owner.groups()
	m.approaches(accts, refs, last, tally)
	m.owners(accts, refs, last, tally)
	m.CohortTest = m.cohortTest()
	if m.Latest > 0 {
		m.ReferralTest = compare(m.Periods[m.Latest].ReferralRate, m.Periods[0].ReferralRate)
	}
	m.HiddenLoss = hiddenLoss(accts, cover, m.Target)
	if k == Year {
		m.yearLosses()
	}
	m.adjust()
	m.Enough = m.enough()
	return m
}

// collect returns the won and lost deals up to asOf as records grouped by
// account (accounts in order of first appearance), each account's records
// by close date.
func collect(h *ingest.History, asOf ingest.Date, k PeriodKind) ([]rec, []*account, map[string]*account, *tallies) {
	deals := h.Deals
	t := &tallies{}
	byKey := make(map[string]*account, len(h.Accounts))
	// slot is the index in accts of each of h.Accounts, -1 until its
	// first deal counted.
	slot := make([]int32, len(h.Accounts))
	for i := range slot {
		slot[i] = -1
	}
	var accts []*account
	// Pass 1: each deal's account (-1 when it is not counted), and how many
	// deals each account has; pass 2 places the records grouped by account,
	// and each group is then sorted by recOrder, which does not depend on
	// the order of the input.
	acctOf := make([]int32, len(deals))
	var count []int
	for i := range deals {
		d := &deals[i]
		acctOf[i] = -1
		if d.Stage == ingest.Open || d.Close > asOf {
			continue
		}
		ai := slot[d.Account]
		if ai < 0 {
			ha := h.AccountOf(d)
			a := &account{key: ha.Key, name: ha.Name, index: d.Account}
			byKey[ha.Key] = a
			ai = int32(len(accts))
			accts = append(accts, a)
			count = append(count, 0)
			slot[d.Account] = ai
		}
		acctOf[i] = ai
		count[ai]++
		t.add(d, h.AttrsOf(d))
	}
	start := make([]int, len(accts)+1)
	for j, n := range count {
		start[j+1] = start[j] + n
	}
	recs := make([]rec, start[len(accts)])
	next := append([]int(nil), start[:len(accts)]...)
	for i, ai := range acctOf {
		if ai < 0 {
			continue
		}
		d := &deals[i]
		recs[next[ai]] = rec{close: d.Close, p: int32(k.PeriodOf(d.Close)), amount: d.Amount, deal: int32(i), stage: d.Stage}
		next[ai]++
	}
	order := recOrder(h)
	for j := range accts {
		slices.SortStableFunc(recs[start[j]:start[j+1]], order)
	}
	for j, a := range accts {
		a.recs = recs[start[j]:start[j+1]]
	}
	return recs, accts, byKey, t
}

// tallies are the win and loss counts of deal-level groups, taken in one
// pass over the deals in input order.
type tallies struct {
	source, owner   winTally
	approach, band  winTally // by the deal's approach; by its discount band
	anyApproach     bool
	referral, other [2]int // won, lost
}

// add counts one won or lost deal, whose descriptive fields are at; credits
// are not deals.
func (t *tallies) add(d *ingest.Deal, at *ingest.Attrs) {
	if d.Stage == ingest.Won && !d.IsPurchase() {
		return
	}
	w := 0
	if d.Stage == ingest.Lost {
		w = 1
	}
	t.source.add(at.LeadSource, w)
	t.owner.add(at.Owner, w)
	t.approach.add(at.Approach, w)
	t.anyApproach = t.anyApproach || at.Approach != ""
	band := ""
	if d.HasDiscount {
		band = discountBand(d.Discount)
	}
	t.band.add(band, w)
	if d.Referral {
		t.referral[w]++
	} else {
		t.other[w]++
	}
}

// winTally counts won ([0]) and lost ([1]) deals per value of a field.
type winTally struct {
	idx    groupIndex
	counts [][2]int
	names  []string
}

func (w *winTally) add(name string, lost int) {
	if name == "" {
		name = NoValue
	}
	j, ok := w.idx.find(name)
	if !ok {
		j = len(w.counts)
		w.idx.add(name, j)
		w.counts = append(w.counts, [2]int{})
		w.names = append(w.names, name)
	}
	w.counts[j][lost]++
}

func (w *winTally) get(name string) (won, lost int) {
	if j, ok := w.idx.find(name); ok {
		return w.counts[j][0], w.counts[j][1]
	}
	return 0, 0
}

// groups returns the win rate of every value, most deals first.
func (w *winTally) groups() []Group {
	out := make([]Group, len(w.counts))
	for j, c := range w.counts {
		out[j] = Group{Name: w.names[j], Won: c[0], Lost: c[1], WinRate: countRate(c[0], c[0]+c[1])}
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

// summarize fills an account's purchases, periods and first-deal facts.
// counts returns how many periods with won deals and how many purchase
// dates summarize finds in a.recs.
func (a *account) counts() (periods, dates int) {
	var lastP int32
	var lastDate ingest.Date
	for _, r := range a.recs {
		if r.stage == ingest.Lost {
			continue
		}
		if periods == 0 || r.p != lastP {
			periods, lastP = periods+1, r.p
		}
		if r.amount >= 0 && (dates == 0 || r.close != lastDate) {
			dates, lastDate = dates+1, r.close
		}
	}
	return periods, dates
}

// summarize fills an account's purchases, periods, first-deal facts and
// credits before its first purchase.
func (a *account) summarize(h *ingest.History) {
	firstDay := -1 // index in a.recs of the first record on the first purchase date
	for i, r := range a.recs {
		if r.stage == ingest.Lost {
			a.lost++
			continue
		}
		purchase := ingest.PurchaseAmount(r.amount)
		a.revenue += r.amount
		if n := len(a.periods); n == 0 || a.periods[n-1].p != Period(r.p) {
			a.periods = append(a.periods, pstat{p: Period(r.p)})
		}
		ps := &a.periods[len(a.periods)-1]
		ps.rev += r.amount
		if !purchase {
			if len(a.purchaseDates) == 0 {
				ps.early += r.amount
				a.early += r.amount
			}
			continue
		}
		a.won++
		ps.active = true
		if n := len(a.purchaseDates); n == 0 || a.purchaseDates[n-1] != r.close {
			a.purchaseDates = append(a.purchaseDates, r.close)
		}
		if len(a.purchaseDates) == 1 && firstDay < 0 {
			firstDay = i
			a.firstPeriod = Period(r.p)
		}
	}
	if firstDay < 0 {
		return
	}
	end := firstDay
	for end < len(a.recs) && a.recs[end].close == a.purchaseDates[0] {
		if a.recs[end].stage == ingest.Won {
			a.firstDayRev += a.recs[end].amount
		}
		end++
	}
	a.firstDay(h, a.recs[firstDay:end])
	a.lastOwner = lastOwner(h, a.recs)
}

// lastOwner is the owner of the latest won purchase that names one (of
// the latest date's, the first in recOrder): who handled the account
// last, for the call list.
func lastOwner(h *ingest.History, recs []rec) string {
	owner, day := "", ingest.Date(0)
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		if owner != "" && r.close != day {
			break
		}
		if r.stage != ingest.Won || !ingest.PurchaseAmount(r.amount) {
			continue
		}
		if o := h.AttrsOf(&h.Deals[r.deal]).Owner; o != "" {
			owner, day = o, r.close
		}
	}
	return owner
}

// afterFirst is the account's revenue after its first purchase date.
func (a *account) afterFirst() float64 { return a.revenue - a.firstDayRev - a.early }

// periods computes periods.csv.
func (m *Metrics) periods(recs []rec, accts []*account, first, last Period) {
	n := int(last-first) + 1
	t := &periodTally{rows: make([]PeriodRow, n), first: first, last: last,
		nrrNum: make([]float64, n), nrrDen: make([]float64, n), grrNum: make([]float64, n), retainedRev: make([]float64, n),
		parts: make([]accountParts, n)}
	for i := range t.rows {
		t.rows[i].Period = first + Period(i)
		t.rows[i].Label = m.Period.Label(t.rows[i].Period)
	}
	for _, a := range accts {
		t.addAccount(a)
	}
	for _, rc := range recs {
		r := &t.rows[Period(rc.p)-first]
		switch {
		case rc.stage == ingest.Lost:
			r.Lost++
			m.LostDeals++
		case !ingest.PurchaseAmount(rc.amount):
			m.Credits++
		default:
			r.Won++
			m.WonDeals++
		}
	}
	rows := t.rows
	for i := range rows {
		r := &rows[i]
		r.RepeatRevenue = r.Revenue - r.NewRevenue - r.EarlyCredits
		pa := &t.parts[i]
		r.RepeatShare = withInterval(ratio(r.RepeatRevenue, r.Revenue), &pa.repeatShare, seedOf(i, 0))
		r.ReferralRate = countRate(r.ReferredNew, r.New)
		r.ReferredShare = ratio(r.ReferredRevenue, r.Revenue)
		r.WinRate = countRate(r.Won, r.Won+r.Lost)
		r.AvgRetained = ratio(t.retainedRev[i], float64(r.Retained))
		if i > 0 {
			r.Retention = countRate(r.Retained, rows[i-1].Active)
			r.NRR = withInterval(ratio(t.nrrNum[i], t.nrrDen[i]), &pa.nrr, seedOf(i, 1))
			r.GRR = withInterval(ratio(t.grrNum[i], t.nrrDen[i]), &pa.grr, seedOf(i, 2))
		}
		m.Revenue += r.Revenue
	}
	m.Periods = rows
}

// periodTally sums the accounts' periods into the rows of periods.csv;
// the NRR and GRR sums and the retained accounts' revenue are by the
// period they are counted in.
type periodTally struct {
	rows                                []PeriodRow
	first, last                         Period
	nrrNum, nrrDen, grrNum, retainedRev []float64
	parts                               []accountParts // by period, for the ratios' intervals
}

// accountParts are each account's parts of a period's revenue ratios:
// its repeat revenue and revenue (repeat share); for the accounts active
// the period before, their revenue then, now, and now capped at then (NRR,
// GRR).
type accountParts struct {
	repeatShare, nrr, grr stats.RatioSample
}

// addAccount counts one account's periods: revenue, whether it was new,
// retained or reactivated, and what it did in the period after each.
func (t *periodTally) addAccount(a *account) {
	for j, e := range a.periods {
		r := &t.rows[e.p-t.first]
		r.Revenue += e.rev
		if a.customer() && a.referred {
			r.ReferredRevenue += e.rev
		}
		r.EarlyCredits += e.early
		repeat := e.rev - e.early
		if a.customer() && e.p == a.firstPeriod {
			r.NewRevenue += e.rev - e.early
			repeat = 0
		}
		t.parts[e.p-t.first].repeatShare.Add(repeat, e.rev)
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
			t.retainedRev[e.p-t.first] += e.rev
		default:
			r.Reactivated++
		}
		if e.p != t.last {
			t.addNext(a, j)
		}
	}
}

// addNext counts what an account active in its j-th period did in the
// period after it: revenue kept (NRR, GRR), or churned.
func (t *periodTally) addNext(a *account, j int) {
	e := a.periods[j]
	next := int(e.p + 1 - t.first)
	nextRev, nextActive := 0.0, false
	if j+1 < len(a.periods) && a.periods[j+1].p == e.p+1 {
		nextRev, nextActive = a.periods[j+1].rev, a.periods[j+1].active
	}
	t.nrrDen[next] += e.rev
	t.nrrNum[next] += nextRev
	t.grrNum[next] += math.Min(nextRev, e.rev)
	pa := &t.parts[next]
	pa.nrr.Add(nextRev, e.rev)
	pa.grr.Add(math.Min(nextRev, e.rev), e.rev)
	if !nextActive {
		t.rows[next].Churned++
		t.rows[next].WalkedOut += e.rev
	}
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
			rev[c][k] += e.rev - e.early
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
func (m *Metrics) accounts(accts []*account, refs referrals) {
	// Current: a purchase in the last period length; lapsed: none in two.
	oneBack, twoBack := m.Period.back(m.AsOf, 1), m.Period.back(m.AsOf, 2)
	// Largest lifetime revenue first, then by name: revenue in whole
	// cents, so that sums equal to the cent sort by name whatever the
	// order their amounts were added in.
	sorted := slices.Clone(accts)
	for _, a := range sorted {
		a.cents = math.Round(a.revenue * 100)
	}
	slices.SortFunc(sorted, func(a, b *account) int {
		if c := cmp.Compare(b.cents, a.cents); c != 0 {
			return c
		}
		if a.name != b.name {
			return strings.Compare(a.name, b.name)
		}
		return strings.Compare(a.key, b.key)
	})
	m.Accounts = make([]Account, 0, len(accts))
	var gaps []float64 // one account's at a time
	for _, a := range sorted {
		row := Account{Name: a.name, Key: a.key, Index: a.index, Won: a.won, Lost: a.lost, Revenue: a.revenue,
			PurchaseDates: len(a.purchaseDates), Referred: a.customer() && a.referred, ReferredBy: a.referredBy,
			FirstApproach: a.approach, FirstDiscount: a.discount, HasFirstDiscount: a.hasDiscount, Owner: a.lastOwner}
		if r, ok := refs.byReferrer[a.key]; ok {
			row.ReferralsMade, row.ReferralRevenue = r.n, r.rev
		}
		if a.customer() {
			m.Customers++
			row.FirstWon, row.LastWon = a.purchaseDates[0], a.purchaseDates[len(a.purchaseDates)-1]
			gaps = gaps[:0]
			for i := 1; i < len(a.purchaseDates); i++ {
				gaps = append(gaps, float64(a.purchaseDates[i]-a.purchaseDates[i-1]))
			}
			sort.Float64s(gaps)
			row.MedianGap, row.HasGap = median(gaps)
			row.Status = status(row.LastWon, m.AsOf, oneBack, twoBack, row.MedianGap, row.HasGap)
		}
		c := &m.ByStatus[row.Status]
		c.Accounts++
		c.Revenue += row.Revenue
		m.Accounts = append(m.Accounts, row)
	}
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
func (m *Metrics) referrals(accts []*account, byKey map[string]*account, given referrals, t *tallies) {
	type agg struct {
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
	for _, a := range accts {
		if a.customer() && given.byReferrer[a.key].n > 0 {
			referring++
		}
	}
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
		m.Referrers = append(m.Referrers, Referrer{Name: name, IsCustomer: given.customer(key), Referred: r.n, ReferredRevenue: r.rev})
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
	rw, rl, ow, ol := t.referral[0], t.referral[1], t.other[0], t.other[1]
	m.ReferredWinRate = countRate(rw, rw+rl)
	m.OtherWinRate = countRate(ow, ow+ol)
}

// NoValue names the group of deals without a value.
const NoValue = "(not recorded)"

// groupIndex finds a group by name: a list while there are few groups (the
// usual owners and lead sources), a map beyond.
type groupIndex struct {
	names []string
	m     map[string]int
}

func (g *groupIndex) find(name string) (int, bool) {
	if g.m != nil {
		i, ok := g.m[name]
		return i, ok
	}
	for i, n := range g.names {
		if n == name {
			return i, true
		}
	}
	return 0, false
}

func (g *groupIndex) add(name string, i int) {
	if g.m == nil && len(g.names) < 32 {
		g.names = append(g.names, name)
		return
	}
	if g.m == nil {
		g.m = make(map[string]int, 64)
		for j, n := range g.names {
			g.m[n] = j
		}
	}
	g.m[name] = i
}
