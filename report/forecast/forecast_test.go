package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

func day(y int, m time.Month, d int) ingest.Date {
	v, _ := ingest.DateOf(y, m, d)
	return v
}

// deal is a deal of a test history, with its account's name and segment.
type deal struct {
	ingest.Deal
	acct, segment string
}

func won(acct string, d ingest.Date, amount float64) deal {
	return deal{Deal: ingest.Deal{Close: d, Amount: amount, Stage: ingest.Won}, acct: acct}
}

func historyOf(deals []deal) *ingest.History {
	var b ingest.Builder
	for _, d := range deals {
		b.Add(d.Deal, d.acct, ingest.Attrs{Segment: d.segment}, "")
	}
	return b.History()
}

// The inputs of the models, worked out by hand for a small history.
func TestHistoriesByHand(t *testing.T) {
	end := day(2024, 3, 31)
	deals := []deal{
		// Acme: purchases 1 Jan (100 + 50 the same day: one purchase of 150),
		// 15 Jan (30), 12 Feb (70); a credit on 1 Mar is not a purchase;
		// lost and open deals are not purchases; 10 Apr is in the holdout.
		won("Acme", day(2024, 1, 1), 100),
		won("Acme", day(2024, 1, 1), 50),
		won("Acme", day(2024, 1, 15), 30),
		won("Acme", day(2024, 2, 12), 70),
		won("Acme", day(2024, 3, 1), -20),
		{Deal: ingest.Deal{Close: day(2024, 3, 5), Amount: 999, Stage: ingest.Lost}, acct: "Acme"},
		won("Acme", day(2024, 4, 10), 10),
		won("Acme", day(2024, 4, 10), 5),
		won("Acme", day(2024, 5, 1), 5),
		// Bolt: one purchase on 31 Mar (the last day), one in the holdout.
		won("Bolt", day(2024, 3, 31), 40),
		won("Bolt", day(2024, 4, 2), 40),
		// Cora: first buys in the holdout: not a calibration account.
		won("Cora", day(2024, 4, 5), 10),
	}
	deals[3].segment = "SMB"
	deals[1].segment = "Enterprise"
	hs, to := histories(historyOf(deals), end, Options{Holdout: true, HoldoutFrom: day(2024, 4, 1)})
	if len(hs) != 2 || hs[0].key != "acme" || hs[1].key != "bolt" {
		t.Fatalf("histories: %+v", hs)
	}
	if to != day(2024, 5, 1) {
		t.Errorf("holdout ends %s, want 2024-05-01 (the last purchase after it starts)", to)
	}
	a := rfmOf(hs[0], end)
	// x = 3 dates − 1 = 2; tx = (12 Feb − 1 Jan) = 42 days = 6 weeks;
	// T = (31 Mar − 1 Jan) = 90 days = 90/7 weeks.
	if a != (RFM{2, 6, 90.0 / 7}) {
		t.Errorf("Acme RFM = %+v, want {2 6 12.857}", a)
	}
	// Mean repeat value: (30 + 70) / 2 = 50 (the first purchase, 150, is not a repeat).
	if v := meanRepeat(hs[0]); v != 50 {
		t.Errorf("Acme mean repeat value = %g, want 50", v)
	}
	if hs[0].segment != "SMB" {
		t.Errorf("segment is the latest given: got %q", hs[0].segment)
	}
	// Holdout: 10 Apr (two deals, one date) and 1 May: 2 purchase dates.
	if hs[0].holdoutDates != 2 || hs[1].holdoutDates != 1 {
		t.Errorf("holdout purchase dates %d, %d; want 2, 1", hs[0].holdoutDates, hs[1].holdoutDates)
	}
	b := rfmOf(hs[1], end)
	if b != (RFM{0, 0, 0}) {
		t.Errorf("Bolt RFM = %+v, want zeros", b)
	}
}

// simulatedDeals turns simulated BG/NBD accounts into deals: account i
// first buys on a day in 2023, then at its simulated repeat times; each
// purchase is worth a Gamma-distributed amount.
func simulatedDeals(n int, seed uint64) ([]deal, ingest.Date) {
	r := rand.New(rand.NewPCG(seed, 3))
	start := day(2023, 1, 1)
	end := day(2024, 6, 30)
	var deals []deal
	m := BGNBD{0.5, 6, 0.7, 3}
	for i := range n {
		first := start + ingest.Date(r.IntN(360))
		T := float64(end-first) / 7
		name := fmt.Sprintf("Account %04d", i)
		scale := 50 + 100*r.Float64()
		deals = append(deals, won(name, first, math.Round(scale*(0.5+r.Float64()))))
		for _, w := range drawRepeats(m, T, r) {
			deals = append(deals, won(name, first+ingest.Date(math.Ceil(w*7)), math.Round(scale*(0.5+r.Float64()))))
		}
		deals[len(deals)-1].segment = []string{"SMB", "Mid-market", "Enterprise"}[i%3]
	}
	return deals, end
}

func computeOn(t *testing.T, deals []deal, opts Options) (*metrics.Metrics, *Result) {
	t.Helper()
	h := historyOf(deals)
	m := metrics.Compute(h, metrics.Options{})
	if opts.MonthlyDiscount == 0 {
		opts.MonthlyDiscount = DefaultMonthlyDiscount
	}
	return m, FitModels(h, m.AsOf, opts).Predict(m)
}

// Invariants of a fitted forecast on any history.
func TestComputeInvariants(t *testing.T) {
	deals, _ := simulatedDeals(800, 1)
	m, r := computeOn(t, deals, Options{})
	if r.Skipped != "" || r.SpendSkipped != "" {
		t.Fatalf("skipped: %q / %q", r.Skipped, r.SpendSkipped)
	}
	if r.Accounts != m.Customers || len(r.Rows) != r.Accounts {
		t.Errorf("accounts %d, rows %d, customers %d: every customer is forecast", r.Accounts, len(r.Rows), m.Customers)
	}
	var sum, seg, app float64
	for _, a := range r.Rows {
		if a.PAlive < 0 || a.PAlive > 1 || a.Purchases12m < 0 || a.ValuePerPurchase <= 0 {
			t.Errorf("%s: out of range: %+v", a.Name, a)
		}
		if a.RFM.X == 0 && a.PAlive != 1 {
			t.Errorf("%s: no repeat purchase but P(alive) %g", a.Name, a.PAlive)
		}
		// Discounting only lowers the value; the undiscounted value is E[Y]·value.
		if und := a.Purchases12m * a.ValuePerPurchase; a.CLV12m > und+1e-9 || a.CLV12m < und/math.Pow(1+r.MonthlyDiscount, 12)-1e-9 {
			t.Errorf("%s: CLV %g outside [%g, %g]", a.Name, a.CLV12m, und/math.Pow(1.01, 12), und)
		}
		if a.AtRisk && a.PAlive >= AtRiskPAlive {
			t.Errorf("%s flagged at risk with P(alive) %g", a.Name, a.PAlive)
		}
		sum += a.Purchases12m * a.ValuePerPurchase
		// Accounts that share x and T share their expectations, computed
		// once: they are the model's own for each account.
		if want := r.BG.Expected(a.RFM, HorizonWeeks); a.Purchases12m != want {
			t.Errorf("%s: expected purchases %g, the model says %g", a.Name, a.Purchases12m, want)
		}
		var clv, prev float64
		for mo := 1; mo <= 12; mo++ {
			e := r.BG.Expected(a.RFM, float64(mo)*MonthWeeks)
			clv += (e - prev) * a.ValuePerPurchase / math.Pow(1+r.MonthlyDiscount, float64(mo))
			prev = e
		}
		if math.Abs(clv-a.CLV12m) > 1e-9*math.Max(1, clv) {
			t.Errorf("%s: CLV %g, from the model month by month %g", a.Name, a.CLV12m, clv)
		}
	}
	shared := map[[2]float64]int{}
	for _, a := range r.Rows {
		shared[[2]float64{a.RFM.X, a.RFM.T}]++
	}
	if len(shared) == len(r.Rows) {
		t.Error("no two accounts share x and T: the test does not reach shared expectations")
	}
	for _, g := range r.BySegment {
		seg += g.Revenue
	}
	for _, g := range r.ByApproach {
		app += g.Revenue
	}
	if math.Abs(sum-r.ExpectedRevenue) > 1e-6*sum || math.Abs(seg-sum) > 1e-6*sum || math.Abs(app-sum) > 1e-6*sum {
		t.Errorf("expected revenue %g; by segment %g, by approach %g, accounts %g", r.ExpectedRevenue, seg, app, sum)
	}
	if len(r.AtRisk) == 0 {
		t.Error("no account at risk in a history where many accounts stopped buying")
	}
	for i := 1; i < len(r.AtRisk); i++ {
		if r.AtRisk[i].ValueAtStake > r.AtRisk[i-1].ValueAtStake {
			t.Fatal("at-risk accounts not ranked by value at stake")
		}
	}
	// Same input, same numbers (the fit runs on several goroutines).
	_, again := computeOn(t, deals, Options{})
	if again.BGFit.LogLik != r.BGFit.LogLik || again.Rows[7] != r.Rows[7] {
		t.Error("two runs differ")
	}
}

func TestComputeHoldout(t *testing.T) {
	deals, _ := simulatedDeals(800, 2)
	from := day(2024, 1, 1)
	_, r := computeOn(t, deals, Options{Holdout: true, HoldoutFrom: from})
	if r.Skipped != "" {
		t.Fatal(r.Skipped)
	}
	h := r.Holdout
	if r.End != from-1 || h.From != from || h.To > day(2024, 6, 30) || h.Weeks <= 0 {
		t.Errorf("windows: calibration to %s, holdout %s–%s (%g weeks)", r.End, h.From, h.To, h.Weeks)
	}
	// Actual holdout purchase dates, counted directly from the deals.
	first := map[string]ingest.Date{}
	dates := map[string]map[ingest.Date]bool{}
	for _, d := range deals {
		if f, ok := first[d.acct]; !ok || d.Close < f {
			first[d.acct] = d.Close
		}
	}
	for _, d := range deals {
		if d.Close >= from && first[d.acct] < from {
			if dates[d.acct] == nil {
				dates[d.acct] = map[ingest.Date]bool{}
			}
			dates[d.acct][d.Close] = true
		}
	}
	want := 0
	for _, s := range dates {
		want += len(s)
	}
	var acc, act int
	var pred float64
	for _, g := range h.Groups {
		acc += g.Accounts
		act += g.Actual
		pred += g.Predicted
	}
	if h.Actual != want || act != want || acc != r.Accounts || math.Abs(pred-h.Predicted) > 1e-9 {
		t.Errorf("holdout: actual %d (groups %d), want %d; accounts %d of %d", h.Actual, act, want, acc, r.Accounts)
	}
	// Simulated from the model itself, the prediction is close to what happened.
	if rel := math.Abs(h.Predicted-float64(h.Actual)) / float64(h.Actual); rel > 0.15 {
		t.Errorf("predicted %.1f repeat purchases, actual %d (%.0f%% off)", h.Predicted, h.Actual, rel*100)
	}
	t.Logf("holdout %s–%s: predicted %.1f, actual %d", h.From, h.To, h.Predicted, h.Actual)
}

// A holdout after the last purchase has nothing to compare with: it is
// skipped with the reason, and the forecast still made.
func TestComputeHoldoutAfterTheData(t *testing.T) {
	deals, _ := simulatedDeals(300, 4)
	_, r := computeOn(t, deals, Options{Holdout: true, HoldoutFrom: day(2030, 1, 1)})
	if r.Skipped != "" || r.Holdout != nil || r.HoldoutSkipped != "no purchases on or after 2030-01-01 to compare with" {
		t.Errorf("skipped %q, holdout %v, holdout skipped %q", r.Skipped, r.Holdout, r.HoldoutSkipped)
	}
}

func TestComputeSkips(t *testing.T) {
	few, _ := simulatedDeals(30, 3)
	_, r := computeOn(t, few, Options{})
	if !strings.Contains(r.Skipped, "only 30 accounts") {
		t.Errorf("30 accounts: skipped = %q", r.Skipped)
	}
	var once []deal
	for i := range 200 {
		once = append(once, won(fmt.Sprint("A", i), day(2024, 1, 1)+ingest.Date(i), 10))
	}
	once = append(once, won("A1", day(2024, 12, 1), 10))
	_, r = computeOn(t, once, Options{})
	if !strings.Contains(r.Skipped, "only 1 of 200 accounts bought more than once") {
		t.Errorf("no repeat buyers: skipped = %q", r.Skipped)
	}
	if r.Rows != nil {
		t.Error("a skipped forecast has no per-account numbers")
	}
}

// TestSortedByKey: the sort by 16-byte prefixes gives the order of the
// keys as strings, with keys that share long prefixes, are prefixes of
// one another, are short or hold zero bytes.
func TestSortedByKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 3))
	seen := map[string]bool{}
	var hs []history
	for _, k := range []string{"", "a", "ab", "ab\x00", "ab\x00x", "ab c", "highland medical 1", "highland medical 10",
		"highland medical 2", "highland medical", "highland systems", "zz", "\xff"} {
		seen[k] = true
		hs = append(hs, history{key: k})
	}
	for len(hs) < 3000 {
		b := []byte("highland medical ")[:rng.IntN(18)]
		for range rng.IntN(6) {
			b = append(b, "ab \x00z9é"[rng.IntN(8)])
		}
		if k := string(b); !seen[k] {
			seen[k] = true
			hs = append(hs, history{key: k})
		}
	}
	got := sortedByKey(hs)
	want := slices.Clone(hs)
	slices.SortFunc(want, func(a, b history) int { return strings.Compare(a.key, b.key) })
	for i := range want {
		if got[i].key != want[i].key {
			t.Fatalf("position %d: %q, want %q", i, got[i].key, want[i].key)
		}
	}
}

func TestAtRiskIsRecoverable(t *testing.T) {
	// Rhythm: 3 repeat purchases over 30 weeks, one every 10 weeks.
	for _, c := range []struct {
		name string
		p    float64
		rfm  RFM
		want bool
	}{
		{"last purchase 15 weeks ago, within two rhythms", 0.3, RFM{X: 3, Tx: 30, T: 45}, true},
		{"last purchase 20 weeks ago, exactly two rhythms", 0.3, RFM{X: 3, Tx: 30, T: 50}, true},
		{"last purchase 21 weeks ago: lapsed", 0.3, RFM{X: 3, Tx: 30, T: 51}, false},
		{"P(alive) under 0.1: lapsed", 0.09, RFM{X: 3, Tx: 30, T: 45}, false},
		{"P(alive) 0.5: not at risk", 0.5, RFM{X: 3, Tx: 30, T: 45}, false},
		{"one purchase: no rhythm", 0.3, RFM{X: 0, Tx: 0, T: 45}, false},
	} {
		if got := atRisk(&Account{PAlive: c.p, RFM: c.rfm}); got != c.want {
			t.Errorf("%s: at risk %v", c.name, got)
		}
	}
}

// The 12-month revenue's interval holds the estimate, is the same on every
// run, and narrows as the parameters are pinned down by more accounts.
func TestRevenueInterval(t *testing.T) {
	width := func(n int) float64 {
		deals, _ := simulatedDeals(n, 3)
		_, r := computeOn(t, deals, Options{})
		if !r.HasInterval || r.ExpectedLow >= r.ExpectedRevenue || r.ExpectedHigh <= r.ExpectedRevenue {
			t.Fatalf("%d accounts: %v in %v–%v (%v)", n, r.ExpectedRevenue, r.ExpectedLow, r.ExpectedHigh, r.HasInterval)
		}
		_, again := computeOn(t, deals, Options{})
		if again.ExpectedLow != r.ExpectedLow || again.ExpectedHigh != r.ExpectedHigh {
			t.Errorf("%d accounts: two runs give different intervals", n)
		}
		return (r.ExpectedHigh - r.ExpectedLow) / r.ExpectedRevenue
	}
	// Parameter uncertainty shrinks as 1/√n: 8 times the accounts, about
	// a third of the width.
	small, large := width(400), width(3200)
	if large > 0.6*small {
		t.Errorf("relative width %.3f with 400 accounts, %.3f with 3,200", small, large)
	}
}

// The default self-check: fitted on all but the last 12 months, checked
// against the purchases of those months up to the as-of date.
func TestSelfCheck(t *testing.T) {
	deals, _ := simulatedDeals(800, 4)
	if FitModels(historyOf(deals), day(2024, 6, 30), Options{}).SelfCheck() != nil {
		t.Error("a history of a year and a half is self-checked")
	}
	deals = append(deals, won("Old Account", day(2022, 5, 1), 100))
	h := historyOf(deals)
	m := metrics.Compute(h, metrics.Options{})
	if FitModels(h, m.AsOf, Options{Holdout: true, HoldoutFrom: day(2024, 1, 1)}).SelfCheck() != nil {
		t.Error("self-checked although a holdout was asked for")
	}
	model := FitModels(h, m.AsOf, Options{MonthlyDiscount: DefaultMonthlyDiscount})
	check := model.SelfCheck().Predict(m)
	// The same as fitting the deals with the holdout from the start.
	direct := FitModels(h, m.AsOf, Options{MonthlyDiscount: DefaultMonthlyDiscount, Holdout: true, HoldoutFrom: day(2023, 7, 1), HoldoutTo: m.AsOf}).Predict(m)
	if direct.Holdout == nil || check.Holdout == nil || direct.Holdout.Actual != check.Holdout.Actual || direct.BGFit.LogLik != check.BGFit.LogLik {
		t.Errorf("self-check from cut histories: %+v, fitted from the deals: %+v", check.Holdout, direct.Holdout)
	}
	ho := check.Holdout
	from := day(2023, 7, 1) // 12 months before 2024-06-30, the day after
	if ho == nil || ho.From != from || ho.To > m.AsOf || check.End != from-1 {
		t.Fatalf("self-check %+v, calibration to %v", ho, check.End)
	}
	// Its actual purchases, counted here: distinct purchase dates in the
	// 12 months of accounts that bought before them.
	type key struct {
		acct string
		d    ingest.Date
	}
	before, dates := map[string]bool{}, map[key]bool{}
	for _, d := range deals {
		if d.Close < from {
			before[d.acct] = true
		}
	}
	for _, d := range deals {
		if d.Close >= from && d.Close <= m.AsOf && before[d.acct] {
			dates[key{d.acct, d.Close}] = true
		}
	}
	if ho.Actual != len(dates) {
		t.Errorf("self-check counts %d purchases, the data %d", ho.Actual, len(dates))
	}
	r := model.Predict(m)
	r.WithSelfCheck(check)
	if !r.SelfCheck || r.Holdout != ho || r.End != m.AsOf || r.SelfCheckEnd != from-1 {
		t.Errorf("the forecast with its self-check: %v %v %v", r.SelfCheck, r.End, r.SelfCheckEnd)
	}
}
