package site

import (
	"fmt"

	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// keyPeriod is the period a chart's alt text quotes: the latest complete
// one, or the last when none is complete; false without periods.
func keyPeriod(m *metrics.Metrics) (metrics.PeriodRow, bool) {
	switch {
	case m.Latest >= 0:
		return m.Periods[m.Latest], true
	case len(m.Periods) > 0:
		return m.Periods[len(m.Periods)-1], true
	}
	return metrics.PeriodRow{}, false
}

// span is "2019 – 2025", the periods a chart covers (a dash, as partial
// periods' names hold words: "2023 from 1 Feb – 2025").
func span(m *metrics.Metrics) string {
	if len(m.Periods) == 1 {
		return m.Periods[0].Display
	}
	return m.Periods[0].Display + " – " + m.Periods[len(m.Periods)-1].Display
}

func retentionAlt(m *metrics.Metrics, st *format.Style) string {
	p, ok := keyPeriod(m)
	if !ok {
		return "Active accounts and customer retention by " + m.Period.String() + ": no periods to show."
	}
	s := fmt.Sprintf("Bars of active accounts and a line of customer retention by %s, %s: %s active accounts in %s",
		m.Period, span(m), st.Count(p.Active), p.Display)
	if p.Retention.Defined {
		s += fmt.Sprintf(", and %s of the accounts of the %s before bought again (%s)", st.Pct(p.Retention), m.Period, st.Parts(p.Retention))
	}
	return s + "."
}

func revenueAlt(m *metrics.Metrics, st *format.Style) string {
	p, ok := keyPeriod(m)
	if !ok {
		return "Revenue from new and from repeat customers by " + m.Period.String() + ": no periods to show."
	}
	s := fmt.Sprintf("Stacked bars of revenue from new and from repeat customers by %s, %s: %s in %s",
		m.Period, span(m), st.Money(p.Revenue), p.Display)
	if p.RepeatShare.Defined {
		s += fmt.Sprintf(", %s of it from repeat customers", st.Pct(p.RepeatShare))
	}
	return s + "."
}
