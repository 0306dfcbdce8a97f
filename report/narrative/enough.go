package narrative

import (
	"strings"

	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// tooLittle says, in plain text, what the data is too small to conclude,
// "" when it is large enough.
func tooLittle(e metrics.Enough, k metrics.PeriodKind, st *format.Style) string {
	if e.OK() {
		return ""
	}
	var why []string
	if e.FewCustomers {
		why = append(why, plural(st, e.Customers, "customer")+" (conclusions need "+st.Count(metrics.MinCustomers)+")")
	}
	if e.FewPeriods {
		why = append(why, plural(st, e.CompletePeriods, "complete "+k.String())+" (trends need "+st.Count(metrics.MinCompletePeriods)+")")
	}
	return "Too little data to conclude from: " + strings.Join(why, " and ") + ". " +
		"The figures are shown as they are, but no change, trend or difference between groups in them can be told apart from chance, and no trend is shown in the headline cards."
}

func plural(st *format.Style, n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return st.Count(n) + " " + what + "s"
}
