package metrics

import (
	"fmt"
	"slices"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// PartialRule states when a period is partial and what that changes, for
// the method section and metrics.json.
const PartialRule = "A period is partial when the data starts after its start, or when the as-of date is before its end " +
	"(by more than the median gap between dates with a deal, at most 7 days, when the as-of date is taken from the data). " +
	"Partial periods are shown, labelled with the days they cover, and a partial last period is compared with the same days of the period before; " +
	"headline figures, changes, findings and the hidden revenue loss use complete periods only."

// Span is the days of a period that the data covers.
type Span struct{ From, To ingest.Date }

// markPartial sets each period's span and whether it is partial: the data
// starts after the period's start, or the as-of date is before its end by
// more than the coverage's slack. Latest is the last complete period.
func (m *Metrics) markPartial(c coverage) {
	m.Latest = -1
	for i := range m.Periods {
		r := &m.Periods[i]
		r.Span = Span{m.Period.Start(r.Period), m.Period.End(r.Period)}
		from, to := c.startsLate(r.Span), c.endsEarly(r.Span)
		if from {
			r.Span.From = c.start
		}
		r.Span.To = min(r.Span.To, m.AsOf)
		r.Partial = from || to
		r.Display = spanLabel(r.Label, r.Span, from, to)
		if !r.Partial {
			m.Latest = i
		}
	}
}

// spanLabel names a partial period by the days it covers: "2025 to 30
// Jun", "2019 from 15 Mar", "2019, 15 Mar to 30 Jun".
func spanLabel(label string, s Span, from, to bool) string {
	day := func(d ingest.Date) string { return d.Time().Format("2 Jan") }
	switch {
	case from && to:
		return fmt.Sprintf("%s, %s to %s", label, day(s.From), day(s.To))
	case from:
		return fmt.Sprintf("%s from %s", label, day(s.From))
	case to:
		return fmt.Sprintf("%s to %s", label, day(s.To))
	}
	return label
}

// coverage is the days the data covers: from its first deal to the as-of
// date, which may fall up to slack days before a period's end with the
// period still complete.
type coverage struct {
	start, asOf ingest.Date
	slack       int
}

func (c coverage) startsLate(s Span) bool { return s.From < c.start }
func (c coverage) endsEarly(s Span) bool  { return int(s.To-c.asOf) > c.slack }

// complete reports whether the data covers all of period p of kind k.
func (c coverage) complete(k PeriodKind, p Period) bool {
	s := Span{k.Start(p), k.End(p)}
	return !c.startsLate(s) && !c.endsEarly(s)
}

// endSlack is how many days before a period's end an as-of date taken
// from the data (not given) may fall with the period still complete: the
// median gap between consecutive dates with a deal, at most maxSlack. A
// history with deals most days that ends on 30 December covers its year;
// one that ends on 11 January does not.
func endSlack(recs []rec, given bool) int {
	if given || len(recs) == 0 {
		return 0
	}
	lo, hi := recs[0].close, recs[0].close
	for _, r := range recs {
		lo, hi = min(lo, r.close), max(hi, r.close)
	}
	seen := make([]bool, int(hi-lo)+1)
	for _, r := range recs {
		seen[r.close-lo] = true
	}
	var gaps []int
	last := -1
	for d, ok := range seen {
		if ok {
			if last >= 0 {
				gaps = append(gaps, d-last)
			}
			last = d
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return min(maxSlack, gaps[len(gaps)/2])
}

// maxSlack bounds endSlack.
const maxSlack = 7

// ToDate compares a partial last period with the same days of the period
// before: both from the period's start to the as-of date's day.
type ToDate struct {
	Label, PrevLabel string // "2025 to 30 Jun", "2024 to 30 Jun"
	Cur, Prev        SpanFigures
	// Revenue is the change in revenue over the revenue before.
	Revenue Rate
	// Retention is the change in retention to date, and RetentionTest its
	// test.
	Retention     Points
	RetentionTest Comparison
}

// SpanFigures are a period's figures over part of it.
type SpanFigures struct {
	Active, New, Retained int
	Revenue               float64
	// Retention to date: accounts active the (whole) period before that
	// bought again in the span, over the accounts active the period before.
	Retention Rate
}

// toDate compares the partial last period with the same span of the one
// before, when the last period ends at as-of (not a full period) and one
// comes before it.
func (m *Metrics) toDate(accts []*account) *ToDate {
	n := len(m.Periods)
	if n < 2 || !m.Periods[n-1].Partial || m.Periods[n-1].Span.To == m.Period.End(m.Periods[n-1].Period) {
		return nil
	}
	cur, prev := &m.Periods[n-1], &m.Periods[n-2]
	cutoff := m.Period.back(m.AsOf, 1)
	t := &ToDate{
		Label:     cur.Display,
		PrevLabel: spanLabel(prev.Label, Span{prev.Span.From, cutoff}, prev.Span.From != m.Period.Start(prev.Period), true),
		Cur:       SpanFigures{Active: cur.Active, New: cur.New, Retained: cur.Retained, Revenue: cur.Revenue, Retention: cur.Retention},
	}
	p := &t.Prev
	before := 0 // active in the period before prev
	for _, a := range accts {
		wasActive, active := false, false
		for _, e := range a.periods {
			if e.p == prev.Period-1 && e.active {
				wasActive = true
			}
		}
		for _, r := range a.recs {
			if Period(r.p) != prev.Period || r.close > cutoff || r.stage != ingest.Won {
				continue
			}
			p.Revenue += r.amount
			if ingest.PurchaseAmount(r.amount) {
				active = true
			}
		}
		if wasActive {
			before++
		}
		if active {
			p.Active++
			if a.purchaseDates[0] >= m.Period.Start(prev.Period) {
				p.New++
			}
			if wasActive {
				p.Retained++
			}
		}
	}
	if n >= 3 {
		p.Retention = countRate(p.Retained, before)
	}
	t.Revenue = ratio(t.Cur.Revenue-p.Revenue, p.Revenue)
	t.Retention = PointsBetween(p.Retention, t.Cur.Retention)
	t.RetentionTest = compare(t.Cur.Retention, p.Retention)
	return t
}
