// Package metrics computes the relationship metrics of DESIGN.md from a
// deal history: retention, cohorts, repeat and new revenue, referrals, win
// rates, account status, negotiation approach and hidden revenue loss. Every
// function here is pure: deals and options in, figures out.
package metrics

import (
	"fmt"
	"time"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// PeriodKind is the length of a reporting period.
type PeriodKind uint8

const (
	Year PeriodKind = iota
	Quarter
	Month
)

func (k PeriodKind) String() string {
	switch k {
	case Quarter:
		return "quarter"
	case Month:
		return "month"
	}
	return "year"
}

// ParsePeriodKind reads "year", "quarter" or "month" ("" is year).
func ParsePeriodKind(s string) (PeriodKind, bool) {
	switch s {
	case "", "year":
		return Year, true
	case "quarter":
		return Quarter, true
	case "month":
		return Month, true
	}
	return Year, false
}

// months is the period's length in months.
func (k PeriodKind) months() int {
	switch k {
	case Quarter:
		return 3
	case Month:
		return 1
	}
	return 12
}

// Period is a period number: consecutive periods differ by one.
type Period int

// PeriodOf returns the period a date falls in.
func (k PeriodKind) PeriodOf(d ingest.Date) Period {
	y, m, _ := d.Civil()
	switch k {
	case Quarter:
		return Period(y*4 + (int(m)-1)/3)
	case Month:
		return Period(y*12 + int(m) - 1)
	}
	return Period(y)
}

// Label names a period as every table shows it: 2024, 2024-Q3, 2024-07.
func (k PeriodKind) Label(p Period) string {
	switch k {
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", int(p)/4, int(p)%4+1)
	case Month:
		return fmt.Sprintf("%04d-%02d", int(p)/12, int(p)%12+1)
	}
	return fmt.Sprintf("%04d", int(p))
}

// back returns the date n period lengths before d.
func (k PeriodKind) back(d ingest.Date, n int) ingest.Date {
	t := d.Time().AddDate(0, -n*k.months(), 0)
	return ingest.Date(t.Unix() / 86400)
}

// Start returns the first day of period p.
func (k PeriodKind) Start(p Period) ingest.Date {
	var y, m int
	switch k {
	case Quarter:
		y, m = int(p)/4, int(p)%4*3+1
	case Month:
		y, m = int(p)/12, int(p)%12+1
	default:
		y, m = int(p), 1
	}
	d, _ := ingest.DateOf(y, time.Month(m), 1)
	return d
}

// End returns the last day of period p.
func (k PeriodKind) End(p Period) ingest.Date { return k.Start(p+1) - 1 }
