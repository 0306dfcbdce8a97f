package metrics

import "testing"

// partialSpecs, by hand:
//
//	A  2023-03-01 100   2024-02-01 50   2024-09-01 70   2025-03-01 40
//	B  2023-05-01 200   2024-08-01 30
//	C  2024-04-01 80    2025-06-30 60
//	D  2025-01-15 90
//	E  2024-06-30 10    (bought only in 2024, up to 30 June)
//
// With --as-of 2025-06-30, 2025 is partial ("2025 to 30 Jun"), 2024 is the
// latest complete year. The same days of 2024 (1 Jan to 30 Jun): A (50),
// C (80), E (10) active, 140 in revenue, C and E new; of 2023's customers
// (A, B) A bought again by 30 June: 1 of 2. 2025 to date: A (40), C (60), D
// (90): 190; of 2024's customers (A, B, C, E) A and C bought again: 2 of 4.
var partialSpecs = []dealSpec{
	{"A", d(2023, 3, 1), 100, won, "", "", "", "", -1},
	{"A", d(2024, 2, 1), 50, won, "", "", "", "", -1},
	{"A", d(2024, 9, 1), 70, won, "", "", "", "", -1},
	{"A", d(2025, 3, 1), 40, won, "", "", "", "", -1},
	{"B", d(2023, 5, 1), 200, won, "", "", "", "", -1},
	{"B", d(2024, 8, 1), 30, won, "", "", "", "", -1},
	{"C", d(2024, 4, 1), 80, won, "", "", "", "", -1},
	{"C", d(2025, 6, 30), 60, won, "", "", "", "", -1},
	{"D", d(2025, 1, 15), 90, won, "", "", "", "", -1},
	{"E", d(2024, 6, 30), 10, won, "", "", "", "", -1},
}

func TestPartialPeriods(t *testing.T) {
	m := Compute(build(partialSpecs), Options{AsOf: d(2025, 6, 30), AsOfSet: true})
	if len(m.Periods) != 3 {
		t.Fatalf("%d periods", len(m.Periods))
	}
	first, last := m.Periods[0], m.Periods[2]
	// The data starts on 1 March 2023: 2023 is partial at its start.
	if !first.Partial || first.Display != "2023 from 1 Mar" || first.Span.From != d(2023, 3, 1) {
		t.Errorf("2023: partial %v, %q, from %v", first.Partial, first.Display, first.Span.From)
	}
	if !last.Partial || last.Display != "2025 to 30 Jun" || last.Span.To != d(2025, 6, 30) {
		t.Errorf("2025: partial %v, %q, to %v", last.Partial, last.Display, last.Span.To)
	}
	if m.Latest != 1 || m.Periods[1].Partial {
		t.Errorf("latest complete period %d, want 1 (2024)", m.Latest)
	}
	// 2024 against 2023, which is partial: no headline change.
	if m.Changes.Defined {
		t.Errorf("changes against a partial year: %+v", m.Changes)
	}
	td := m.ToDate
	if td == nil {
		t.Fatal("no like-for-like comparison of 2025")
	}
	if td.Label != "2025 to 30 Jun" || td.PrevLabel != "2024 to 30 Jun" {
		t.Errorf("labels %q, %q", td.Label, td.PrevLabel)
	}
	want := SpanFigures{Active: 3, New: 2, Retained: 1, Revenue: 140}
	got := td.Prev
	if got.Active != want.Active || got.New != want.New || got.Retained != want.Retained || got.Revenue != want.Revenue || got.Retention.Num != 1 || got.Retention.Den != 2 {
		t.Errorf("2024 to 30 Jun: %+v, want %+v and retention 1 of 2", got, want)
	}
	if c := td.Cur; c.Active != 3 || c.Revenue != 190 || c.Retention.Num != 2 || c.Retention.Den != 4 {
		t.Errorf("2025 to 30 Jun: %+v, want 3 active, 190, retention 2 of 4", c)
	}
	// (190 - 140) / 140.
	if v, _ := td.Revenue.Value(); v != 50.0/140 {
		t.Errorf("revenue change %v", v)
	}
}

func TestEndSlack(t *testing.T) {
	// Deals every other day up to 30 December: the year is complete when
	// the as-of date comes from the data, partial when it is given.
	var specs []dealSpec
	for day := d(2023, 1, 1); day <= d(2024, 12, 30); day += 2 {
		specs = append(specs, dealSpec{"A", day, 10, won, "", "", "", "", -1})
	}
	h := build(specs)
	if m := Compute(h, Options{}); m.Periods[1].Partial || m.Latest != 1 {
		t.Errorf("2024 to 30 December with a deal every other day: partial %v", m.Periods[1].Partial)
	}
	if m := Compute(h, Options{AsOf: d(2024, 12, 30), AsOfSet: true}); !m.Periods[1].Partial || m.Latest != 0 {
		t.Errorf("--as-of 2024-12-30: 2024 not partial")
	}
	// A last deal on 11 January: 2025 is partial.
	specs = append(specs, dealSpec{"A", d(2025, 1, 11), 10, won, "", "", "", "", -1})
	if m := Compute(build(specs), Options{}); !m.Periods[2].Partial || m.Latest != 1 || m.Periods[2].Display != "2025 to 11 Jan" {
		t.Errorf("2025 to 11 January: partial %v, latest %d, %q", m.Periods[2].Partial, m.Latest, m.Periods[2].Display)
	}
}
