package site

import (
	"bytes"
	"encoding/csv"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// The data tables of DIR/data/, with the stable columns of DESIGN.md's
// output contract (extra columns only ever come after them). Rates are
// fractions with four decimals, money has two, n/a is an empty cell.

// table renders a CSV with its header; row is called with a function that
// writes one record.
func table(header []string, rows func(add func(...string))) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	records(w, rows)
	return b.Bytes()
}

func records(w *csv.Writer, rows func(add func(...string))) {
	rows(func(cells ...string) {
		for i, c := range cells {
			cells[i] = csvCell(c)
		}
		w.Write(cells)
	})
	w.Flush()
}

// longTable is table for n records, record i written by row(i, add), in
// chunks on every core and joined in order: the same bytes, sooner.
func longTable(header []string, n int, row func(i int, add func(...string))) []byte {
	const chunk = 4096
	parts := make([][]byte, (n+chunk-1)/chunk)
	next := make(chan int, len(parts))
	for p := range parts {
		next <- p
	}
	close(next)
	var wg sync.WaitGroup
	for range min(len(parts), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for p := range next {
				var b bytes.Buffer
				records(csv.NewWriter(&b), func(add func(...string)) {
					for i := p * chunk; i < min(n, (p+1)*chunk); i++ {
						row(i, add)
					}
				})
				parts[p] = b.Bytes()
			}
		})
	}
	wg.Wait()
	return slices.Concat(append([][]byte{table(header, func(func(...string)) {})}, parts...)...)
}

func money(v float64) string { return strconv.FormatFloat(metrics.Round(v, 2), 'f', 2, 64) }

func rate(r metrics.Rate) string {
	v, ok := r.Value()
	if !ok {
		return ""
	}
	return strconv.FormatFloat(metrics.Round(v, 4), 'f', 4, 64)
}

func num(n int) string { return strconv.Itoa(n) }

func boolean(b bool) string { return strconv.FormatBool(b) }

func date(d ingest.Date, ok bool) string {
	if !ok {
		return ""
	}
	return d.String()
}

// PeriodsCSV renders periods.csv.
func PeriodsCSV(m *metrics.Metrics) []byte {
	return table([]string{"period", "active_accounts", "new_accounts", "retained_accounts", "reactivated_accounts",
		"churned_accounts", "retention_rate", "revenue", "new_revenue", "repeat_revenue", "repeat_revenue_share",
		"referred_new_accounts", "referral_rate", "nrr", "grr", "won_deals", "lost_deals", "win_rate",
		"hidden_revenue_loss", "revenue_walked_out", "referred_revenue_share"}, func(add func(...string)) {
		for _, p := range m.Periods {
			loss := ""
			if p.LossDefined {
				loss = money(p.Loss)
			}
			add(p.Label, num(p.Active), num(p.New), num(p.Retained), num(p.Reactivated), num(p.Churned),
				rate(p.Retention), money(p.Revenue), money(p.NewRevenue), money(p.RepeatRevenue), rate(p.RepeatShare),
				num(p.ReferredNew), rate(p.ReferralRate), rate(p.NRR), rate(p.GRR), num(p.Won), num(p.Lost), rate(p.WinRate),
				loss, money(p.WalkedOut), rate(p.ReferredShare))
		}
	})
}

// CohortsCSV renders cohorts.csv: observed cells only.
func CohortsCSV(m *metrics.Metrics) []byte {
	return table([]string{"cohort", "period_index", "period", "cohort_accounts", "active_accounts", "logo_retention",
		"revenue", "revenue_retention"}, func(add func(...string)) {
		for _, c := range m.Cohorts {
			add(c.Cohort, num(c.Index), c.Period, num(c.CohortAccounts), num(c.Active), rate(c.Logo), money(c.Revenue), rate(c.RevenueRetention))
		}
	})
}

// AccountsCSV renders accounts.csv, largest lifetime revenue first, with
// the forecast's columns last (empty where an account has no forecast).
func AccountsCSV(m *metrics.Metrics, f *forecast.Result) []byte {
	byKey := map[string]*forecast.Account{}
	if f != nil {
		for i := range f.Rows {
			byKey[f.Rows[i].Key] = &f.Rows[i]
		}
	}
	return longTable(append([]string{"account", "first_won", "last_won", "won_deals", "lost_deals", "revenue", "purchase_dates",
		"median_gap_days", "status", "referred", "referred_by", "referrals_made", "referral_revenue", "first_approach",
		"first_discount"}, forecastCols...), len(m.Accounts), func(i int, add func(...string)) {
		a := &m.Accounts[i]
		customer := a.PurchaseDates > 0
		gap := ""
		if a.HasGap {
			gap = strconv.FormatFloat(a.MedianGap, 'f', 1, 64)
		}
		disc := ""
		if a.HasFirstDiscount {
			disc = strconv.FormatFloat(metrics.Round(a.FirstDiscount, 4), 'f', 4, 64)
		}
		add(append([]string{a.Name, date(a.FirstWon, customer), date(a.LastWon, customer), num(a.Won), num(a.Lost), money(a.Revenue),
			num(a.PurchaseDates), gap, a.Status, boolean(a.Referred), a.ReferredBy, num(a.ReferralsMade),
			money(a.ReferralRevenue), a.FirstApproach, disc}, forecastCells(byKey[a.Key])...)...)
	})
}

// ReferrersCSV renders referrers.csv, most referred revenue first.
func ReferrersCSV(m *metrics.Metrics) []byte {
	return table([]string{"referrer", "is_customer", "referred_accounts", "referred_revenue"}, func(add func(...string)) {
		for _, r := range m.Referrers {
			add(r.Name, boolean(r.IsCustomer), num(r.Referred), money(r.ReferredRevenue))
		}
	})
}

// ApproachCSV renders approach.csv.
func ApproachCSV(m *metrics.Metrics) []byte {
	return table([]string{"group", "basis", "accounts", "median_first_discount", "repeat_rate", "retention",
		"revenue_per_account_after_first", "referrals_given", "win_rate", "too_small"}, func(add func(...string)) {
		for _, g := range m.Approaches {
			disc := ""
			if g.HasMedianDiscount {
				disc = strconv.FormatFloat(metrics.Round(g.MedianDiscount, 4), 'f', 4, 64)
			}
			perAccount := ""
			if v, ok := g.RevenuePerAccount.Value(); ok {
				perAccount = money(v)
			}
			add(g.Name, m.ApproachBasis, num(g.Accounts), disc, rate(g.RepeatRate), rate(g.Retention), perAccount,
				num(g.ReferralsGiven), rate(g.WinRate), boolean(g.TooSmall))
		}
	})
}
