package site

import (
	"fmt"
	"strings"

	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// OwnersView is the owners page: the customers each owner first won and
// how those relationships went, owners by name (the page does not rank
// them), with the differences from the other owners' customers that are
// clear after the report's correction for multiple comparisons.
type OwnersView struct {
	Shown    bool     // the history names owners
	Table    Table    // one row per owner
	Clear    []string // sentences, one per clear difference; none when there is none
	TooSmall int      // owners with too few customers to compare
	MinGroup int      // the number of customers below which an owner is not compared
}

// Compares says whether the owners page is written: it compares owners,
// so it needs two rows (an owner's own sub-report has one).
func (v OwnersView) Compares() bool { return len(v.Table.Rows) >= 2 }

func ownersView(m *metrics.Metrics, st *format.Style) OwnersView {
	if len(m.Owners) == 0 {
		return OwnersView{}
	}
	v := OwnersView{Shown: true, MinGroup: metrics.MinGroup}
	groups := mixColumns(m)
	v.Table = Table{Head: []string{"owner", "customers first won", "repeat purchase", "retention", "revenue per customer after the first purchase",
		"customers referred", "win rate"}}
	if groups == nil {
		v.Table.Head = append(v.Table.Head, m.ApproachBasis+" of the first purchase")
	}
	for _, name := range groups {
		v.Table.Head = append(v.Table.Head, "first won "+format.Isolate(name))
	}
	for _, g := range m.Owners {
		name := g.Name
		if g.TooSmall && g.Name != metrics.NoValue {
			name, v.TooSmall = name+" (too few to compare)", v.TooSmall+1
		}
		row := []string{name, st.Count(g.Accounts), pct(g.RepeatRate, st), pct(g.Retention, st),
			moneyInterval(g.RevenuePerAccount, st), st.Count(g.ReferralsGiven), pct(g.WinRate, st)}
		if groups == nil {
			row = append(row, mix(g.Approaches, st))
		}
		for _, name := range groups {
			n := 0
			for _, s := range g.Approaches {
				if s.Name == name {
					n = s.Accounts
				}
			}
			row = append(row, st.Count(n))
		}
		v.Table.Rows = append(v.Table.Rows, row)
		v.Clear = append(v.Clear, clearDifferences(g, st)...)
	}
	return v
}

// maxMixColumns is the most approach groups given a column each on the
// owners page; with more, the mix is one column of text.
const maxMixColumns = 4

// mixColumns are the approach groups that get a column each, in the
// approach page's order, or nil when there are more than maxMixColumns.
func mixColumns(m *metrics.Metrics) []string {
	if len(m.Approaches) > maxMixColumns {
		return nil
	}
	names := make([]string, len(m.Approaches))
	for i, g := range m.Approaches {
		names[i] = g.Name
	}
	return names
}

// clearDifferences are the sentences for an owner's clear differences.
func clearDifferences(g metrics.OwnerGroup, st *format.Style) []string {
	var out []string
	for _, d := range []struct {
		what       string
		own, other metrics.Rate
		test       metrics.Comparison
	}{
		{"bought again", g.RepeatRate, g.RepeatRest, g.RepeatTest},
		{"stayed from one period to the next", g.Retention, g.RetentionRest, g.RetentionTest},
	} {
		if !d.test.Clear() {
			continue
		}
		dir := "more"
		if rateValueOf(d.own) < rateValueOf(d.other) {
			dir = "less"
		}
		out = append(out, fmt.Sprintf("The customers %s first won %s %s often than the other owners' customers: %s (%s) against %s (%s), a clear difference (%s, %s after correction).",
			format.Isolate(g.Name), d.what, dir, st.Pct(d.own), st.Parts(d.own), st.Pct(d.other), st.Parts(d.other), d.test.Test, st.PValue(d.test.Adjusted)))
	}
	return out
}

func rateValueOf(r metrics.Rate) float64 {
	v, _ := r.Value()
	return v
}

// mix writes an approach mix as "Collaborative 12, Competitive 5".
func mix(shares []metrics.Share, st *format.Style) string {
	parts := make([]string, len(shares))
	for i, s := range shares {
		parts[i] = s.Name + " " + st.Count(s.Accounts)
	}
	return strings.Join(parts, ", ")
}

// moneyInterval is an amount with its interval when it has one.
func moneyInterval(r metrics.Rate, st *format.Style) string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	if lo, hi, ok := r.Interval(); ok {
		return st.Money(v) + " (" + st.Money(lo) + "–" + st.Money(hi) + ")"
	}
	return st.Money(v)
}
