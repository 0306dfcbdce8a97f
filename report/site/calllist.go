package site

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// callEntry is one account on the call list, with its forecast when it
// has one.
type callEntry struct {
	a  *metrics.Account
	fc *forecast.Account
}

// stake is the value an entry is sorted by: the forecast's 12-month value
// at stake, or without one -1 (after every account that has one).
func (e callEntry) stake() float64 {
	if e.fc == nil || math.IsNaN(e.fc.ValueAtStake) {
		return -1
	}
	return e.fc.ValueAtStake
}

// callList is the accounts to call: those lapsing, and those the forecast
// flags at risk; by owner (accounts naming none last) when the history
// names owners, then most value at stake first, then most lifetime
// revenue, then by name.
func callList(m *metrics.Metrics, f *forecast.Result) []callEntry {
	fc := forecastOf(m, f)
	var out []callEntry
	for i := range m.Accounts {
		a := &m.Accounts[i]
		if a.Status == metrics.Lapsing || fc[i] != nil && fc[i].AtRisk {
			out = append(out, callEntry{a, fc[i]})
		}
	}
	slices.SortFunc(out, func(x, y callEntry) int {
		if (x.a.Owner == "") != (y.a.Owner == "") {
			if x.a.Owner == "" {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(x.a.Owner, y.a.Owner); c != 0 {
			return c
		}
		if c := cmp.Compare(y.stake(), x.stake()); c != 0 {
			return c
		}
		if c := cmp.Compare(y.a.Revenue, x.a.Revenue); c != 0 {
			return c
		}
		return cmp.Compare(x.a.Key, y.a.Key)
	})
	return out
}

// forecastOf is each account's forecast (nil where there is none), found
// from the forecast's side: every account it predicts has figures, not
// every account with figures was predicted.
func forecastOf(m *metrics.Metrics, f *forecast.Result) []*forecast.Account {
	fc := make([]*forecast.Account, len(m.Accounts))
	if f != nil {
		position := metrics.Positions(m.Accounts)
		for i := range f.Rows {
			if j := position(f.Rows[i].Index, f.Rows[i].Key); j >= 0 {
				fc[j] = &f.Rows[i]
			}
		}
	}
	return fc
}

// maxCallRows is the most call-list rows on the Accounts page; every one
// is in data/calllist.csv.
const maxCallRows = 100

// callListTable is the call list as the Accounts page shows it.
func callListTable(m *metrics.Metrics, f *forecast.Result, st *format.Style) Table {
	entries := callList(m, f)
	owners := len(m.Owners) > 0
	forecasted := f != nil && f.Skipped == ""
	var t Table
	if owners {
		t.Head = append(t.Head, "owner")
	}
	t.Head = append(t.Head, "account", "status", "last purchase", "usual gap (days)", "lifetime revenue")
	if forecasted {
		t.Head = append(t.Head, "P(alive)", "value at stake, 12 months")
	}
	for i, e := range entries {
		if i == maxCallRows {
			t.Note = fmt.Sprintf("The first %d of %s accounts to call; all are in data/calllist.csv.", maxCallRows, st.Count(len(entries)))
			break
		}
		var row []string
		if owners {
			row = append(row, first(e.a.Owner, "(no owner)"))
		}
		status := e.a.Status.String()
		if e.fc != nil && e.fc.AtRisk {
			status += ", at risk"
		}
		gap := "n/a"
		if e.a.HasGap {
			gap = st.Count(int(math.Round(e.a.MedianGap)))
		}
		row = append(row, e.a.Name, status, e.a.LastWon.String(), gap, st.Money(e.a.Revenue))
		if forecasted {
			if e.fc != nil {
				row = append(row, strconv.FormatFloat(e.fc.PAlive, 'f', 2, 64), moneyOrNA(e.fc.ValueAtStake, st))
			} else {
				row = append(row, "n/a", "n/a")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// CallListCSV renders calllist.csv: every account of the call list, in
// its order, the forecast's columns empty where an account has none.
func CallListCSV(m *metrics.Metrics, f *forecast.Result) []byte {
	header := []string{"owner", "account", "status", "at_risk", "last_purchase", "usual_gap_days", "lifetime_revenue", "p_alive", "value_at_stake_12m"}
	return table(header, func(add func(...string)) {
		for _, e := range callList(m, f) {
			gap, palive, stake, atRisk := "", "", "", false
			if e.a.HasGap {
				gap = strconv.FormatFloat(metrics.Round(e.a.MedianGap, 1), 'f', 1, 64)
			}
			if e.fc != nil {
				palive, atRisk = strconv.FormatFloat(metrics.Round(e.fc.PAlive, 4), 'f', 4, 64), e.fc.AtRisk
				if !math.IsNaN(e.fc.ValueAtStake) {
					stake = money(e.fc.ValueAtStake)
				}
			}
			add(e.a.Owner, e.a.Name, e.a.Status.String(), boolean(atRisk), e.a.LastWon.String(), gap, money(e.a.Revenue), palive, stake)
		}
	})
}
