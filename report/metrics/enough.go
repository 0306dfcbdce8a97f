package metrics

// MinCustomers is the fewest customers, and MinCompletePeriods the fewest
// complete periods, from which the report draws conclusions; below either
// it shows the figures but says what cannot be concluded.
const (
	MinCustomers       = 30
	MinCompletePeriods = 2
)

// Enough says whether the data is large enough to conclude from.
type Enough struct {
	Customers, CompletePeriods int
	FewCustomers, FewPeriods   bool
}

// OK reports whether neither limit is crossed.
func (e Enough) OK() bool { return !e.FewCustomers && !e.FewPeriods }

// enough counts the customers and complete periods against the limits.
func (m *Metrics) enough() Enough {
	e := Enough{Customers: m.Customers}
	for _, p := range m.Periods {
		if !p.Partial {
			e.CompletePeriods++
		}
	}
	e.FewCustomers = e.Customers < MinCustomers
	e.FewPeriods = e.CompletePeriods < MinCompletePeriods
	return e
}
