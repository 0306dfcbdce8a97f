package site

import (
	"bytes"
	"encoding/csv"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// longTable is table for n records, record i written by row(i, r) with
// typed cells, in chunks on every core and joined in order: the same bytes
// as table's, sooner and without a string per cell.
func longTable(header []string, n int, row func(i int, r *csvRow)) []byte {
	const chunk = 4096
	// Chunks are taken in order and joined as they come, each let go once
	// copied: a table's worth of chunks is never held beside the table.
	done := make([]chan []byte, (n+chunk-1)/chunk)
	next := make(chan int, len(done))
	for p := range done {
		done[p] = make(chan []byte, 1)
		next <- p
	}
	close(next)
	for range min(len(done), runtime.GOMAXPROCS(0)) {
		go func() {
			var r csvRow
			for p := range next {
				// The size of the last chunk, and an eighth, for this one.
				r.b = make([]byte, 0, len(r.b)+len(r.b)/8)
				for i := p * chunk; i < min(n, (p+1)*chunk); i++ {
					row(i, &r)
					r.end()
				}
				done[p] <- r.b
			}
		}()
	}
	out := table(header, func(func(...string)) {})
	for p := range done {
		b := <-done[p]
		if p == 0 {
			out = slices.Grow(out, len(b)*len(done)+len(b)/8)
		}
		out = append(out, b...)
	}
	return out
}

// csvRow appends records as table writes them: each cell through csvCell,
// then quoted where encoding/csv quotes (a comma, a quote, a line break, a
// leading space, or the cell \.), a comma between cells, "\n" after each.
type csvRow struct {
	b     []byte
	cells int    // in the record being written
	tmp   []byte // a cell being formatted
}

func (r *csvRow) sep() {
	if r.cells > 0 {
		r.b = append(r.b, ',')
	}
	r.cells++
}

func (r *csvRow) end() {
	r.b = append(r.b, '\n')
	r.cells = 0
}

func (r *csvRow) text(s string) {
	r.sep()
	s = csvCell(s)
	if !csvNeedsQuotes(s) {
		r.b = append(r.b, s...)
		return
	}
	r.b = append(r.b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			r.b = append(r.b, '"')
		}
		r.b = append(r.b, s[i])
	}
	r.b = append(r.b, '"')
}

// formatted writes r.tmp, a formatted number or date, as
// text(string(r.tmp)) would: straight from the bytes when csvCell leaves it
// as it is and it needs no quotes (a number or date that starts with a digit
// always), through text otherwise.
func (r *csvRow) formatted() {
	t := r.tmp
	if len(t) > 0 && '0' <= t[0] && t[0] <= '9' { // a number or a date: no formula, no quotes
		r.sep()
		r.b = append(r.b, t...)
		return
	}
	prefixed := len(t) > 0 && strings.IndexByte(csvFormulaStarts, t[0]) >= 0 && !isNumber(string(t))
	if prefixed || csvNeedsQuotes(string(t)) {
		r.text(string(t))
		return
	}
	r.sep()
	r.b = append(r.b, t...)
}

func (r *csvRow) num(n int) {
	r.tmp = strconv.AppendInt(r.tmp[:0], int64(n), 10)
	r.formatted()
}

// decimal writes v with prec decimals, as strconv formats it.
func (r *csvRow) decimal(v float64, prec int) {
	r.tmp = strconv.AppendFloat(r.tmp[:0], v, 'f', prec, 64)
	r.formatted()
}

// money writes v as money does.
func (r *csvRow) money(v float64) { r.decimal(metrics.Round(v, 2), 2) }

func (r *csvRow) date(d ingest.Date, ok bool) {
	if !ok {
		r.text("")
		return
	}
	r.tmp = d.AppendText(r.tmp[:0])
	r.formatted()
}

func (r *csvRow) boolean(b bool) { r.text(strconv.FormatBool(b)) }

// csvNeedsQuotes is encoding/csv's rule for a comma-separated cell.
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, "\"\r\n,") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func money(v float64) string { return strconv.FormatFloat(metrics.Round(v, 2), 'f', 2, 64) }

func rate(r metrics.Rate) string {
	v, ok := r.Value()
	if !ok {
		return ""
	}
	return strconv.FormatFloat(metrics.Round(v, 4), 'f', 4, 64)
}

// bounds returns each rate's interval as two cells, low then high (empty
// without one), for the _low and _high columns after a table's stable ones.
func bounds(rs ...metrics.Rate) []string {
	out := make([]string, 0, 2*len(rs))
	for _, r := range rs {
		lo, hi, ok := r.Interval()
		if !ok {
			out = append(out, "", "")
			continue
		}
		out = append(out, strconv.FormatFloat(metrics.Round(lo, 4), 'f', 4, 64), strconv.FormatFloat(metrics.Round(hi, 4), 'f', 4, 64))
	}
	return out
}

// boundHeaders returns the _low and _high headers of columns.
func boundHeaders(columns ...string) []string {
	out := make([]string, 0, 2*len(columns))
	for _, c := range columns {
		out = append(out, c+"_low", c+"_high")
	}
	return out
}

// moneyBounds is bounds for a rate that is an amount of money (revenue
// per account).
func moneyBounds(r metrics.Rate) []string {
	lo, hi, ok := r.Interval()
	if !ok {
		return []string{"", ""}
	}
	return []string{money(lo), money(hi)}
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
	header := append([]string{"period", "active_accounts", "new_accounts", "retained_accounts", "reactivated_accounts",
		"churned_accounts", "retention_rate", "revenue", "new_revenue", "repeat_revenue", "repeat_revenue_share",
		"referred_new_accounts", "referral_rate", "nrr", "grr", "won_deals", "lost_deals", "win_rate",
		"hidden_revenue_loss", "revenue_walked_out", "referred_revenue_share", "credits_before_first_purchase"},
		boundHeaders("retention_rate", "repeat_revenue_share", "referral_rate", "nrr", "grr", "win_rate", "referred_revenue_share")...)
	return table(header, func(add func(...string)) {
		for _, p := range m.Periods {
			loss := ""
			if p.LossDefined {
				loss = money(p.Loss)
			}
			add(append([]string{p.Label, num(p.Active), num(p.New), num(p.Retained), num(p.Reactivated), num(p.Churned),
				rate(p.Retention), money(p.Revenue), money(p.NewRevenue), money(p.RepeatRevenue), rate(p.RepeatShare),
				num(p.ReferredNew), rate(p.ReferralRate), rate(p.NRR), rate(p.GRR), num(p.Won), num(p.Lost), rate(p.WinRate),
				loss, money(p.WalkedOut), rate(p.ReferredShare), money(p.EarlyCredits)},
				bounds(p.Retention, p.RepeatShare, p.ReferralRate, p.NRR, p.GRR, p.WinRate, p.ReferredShare)...)...)
		}
	})
}

// CohortsCSV renders cohorts.csv: observed cells only.
func CohortsCSV(m *metrics.Metrics) []byte {
	header := append([]string{"cohort", "period_index", "period", "cohort_accounts", "active_accounts", "logo_retention",
		"revenue", "revenue_retention"}, boundHeaders("logo_retention", "revenue_retention")...)
	return table(header, func(add func(...string)) {
		for _, c := range m.Cohorts {
			add(append([]string{c.Cohort, num(c.Index), c.Period, num(c.CohortAccounts), num(c.Active), rate(c.Logo), money(c.Revenue), rate(c.RevenueRetention)},
				bounds(c.Logo, c.RevenueRetention)...)...)
		}
	})
}

// AccountsCSV renders accounts.csv, largest lifetime revenue first, with
// the forecast's columns last (empty where an account has no forecast).
func AccountsCSV(m *metrics.Metrics, f *forecast.Result) []byte {
	fc := forecastOf(m, f)
	return longTable(append([]string{"account", "first_won", "last_won", "won_deals", "lost_deals", "revenue", "purchase_dates",
		"median_gap_days", "status", "referred", "referred_by", "referrals_made", "referral_revenue", "first_approach",
		"first_discount"}, forecastCols...), len(m.Accounts), func(i int, r *csvRow) {
		a := &m.Accounts[i]
		customer := a.PurchaseDates > 0
		r.text(a.Name)
		r.date(a.FirstWon, customer)
		r.date(a.LastWon, customer)
		r.num(a.Won)
		r.num(a.Lost)
		r.money(a.Revenue)
		r.num(a.PurchaseDates)
		if a.HasGap {
			r.decimal(a.MedianGap, 1)
		} else {
			r.text("")
		}
		r.text(a.Status.String())
		r.boolean(a.Referred)
		r.text(a.ReferredBy)
		r.num(a.ReferralsMade)
		r.money(a.ReferralRevenue)
		r.text(a.FirstApproach)
		if a.HasFirstDiscount {
			r.decimal(metrics.Round(a.FirstDiscount, 4), 4)
		} else {
			r.text("")
		}
		forecastCells(r, fc[i])
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
	return table(groupHeader("group"), func(add func(...string)) {
		for _, g := range m.Approaches {
			add(groupCells(g, m.ApproachBasis)...)
		}
	})
}

// OwnersCSV renders owners.csv: the approach table's columns for the
// customers each owner first won (basis is that of the mix), then the
// mix of their first purchases. Only the header without owners.
func OwnersCSV(m *metrics.Metrics) []byte {
	return table(append(groupHeader("owner"), "first_purchase_mix"), func(add func(...string)) {
		for _, g := range m.Owners {
			add(append(groupCells(g.ApproachGroup, m.ApproachBasis), mixCell(g.Approaches))...)
		}
	})
}

func groupHeader(first string) []string {
	return append([]string{first, "basis", "accounts", "median_first_discount", "repeat_rate", "retention",
		"revenue_per_account_after_first", "referrals_given", "win_rate", "too_small"},
		boundHeaders("repeat_rate", "retention", "revenue_per_account_after_first", "win_rate")...)
}

func groupCells(g metrics.ApproachGroup, basis string) []string {
	disc := ""
	if g.HasMedianDiscount {
		disc = strconv.FormatFloat(metrics.Round(g.MedianDiscount, 4), 'f', 4, 64)
	}
	perAccount := ""
	if v, ok := g.RevenuePerAccount.Value(); ok {
		perAccount = money(v)
	}
	cells := []string{g.Name, basis, num(g.Accounts), disc, rate(g.RepeatRate), rate(g.Retention), perAccount,
		num(g.ReferralsGiven), rate(g.WinRate), boolean(g.TooSmall)}
	cells = append(cells, bounds(g.RepeatRate, g.Retention)...)
	cells = append(cells, moneyBounds(g.RevenuePerAccount)...)
	return append(cells, bounds(g.WinRate)...)
}

// mixCell writes a mix as "Collaborative: 12; Competitive: 5".
func mixCell(shares []metrics.Share) string {
	parts := make([]string, len(shares))
	for i, s := range shares {
		parts[i] = s.Name + ": " + num(s.Accounts)
	}
	return strings.Join(parts, "; ")
}
