package metrics

import "github.com/dealaudit/dealaudit/report/stats"

// Comparison is the test of whether two rates of counts differ: the one a
// figure is compared with, and the rate it is compared to.
type Comparison struct {
	Test string  // the test used: Fisher's exact test or the two-proportion z-test
	P    float64 // its two-sided p-value
	// Adjusted is P after Holm's correction over every comparison the
	// findings consider (Metrics.comparisons), so that picking the largest
	// of many differences does not make noise a finding.
	Adjusted float64
	Defined  bool
}

// Clear reports whether the difference is clear after the correction.
func (c Comparison) Clear() bool { return c.Defined && c.Adjusted < stats.Alpha }

// compare tests rate a against rate b, both shares of counts.
func compare(a, b Rate) Comparison {
	if !a.Defined || !b.Defined {
		return Comparison{}
	}
	p, test := stats.Difference(int(a.Num), int(a.Den), int(b.Num), int(b.Den))
	return Comparison{Test: test, P: p, Adjusted: p, Defined: true}
}

// comparisons returns every comparison the findings consider, for the
// Holm correction.
func (m *Metrics) comparisons() []*Comparison {
	var out []*Comparison
	add := func(c *Comparison) {
		if c.Defined {
			out = append(out, c)
		}
	}
	add(&m.Changes.RetentionTest)
	if m.ToDate != nil {
		add(&m.ToDate.RetentionTest)
	}
	add(&m.CohortTest.Comparison)
	add(&m.ReferralTest)
	for i := range m.Approaches {
		g := &m.Approaches[i]
		add(&g.RepeatTest)
		add(&g.RetentionTest)
		add(&g.RetentionAdjusted.Comparison)
	}
	add(&m.NextPurchase.Test)
	for i := range m.Owners {
		add(&m.Owners[i].RepeatTest)
		add(&m.Owners[i].RetentionTest)
	}
	return out
}

// adjust applies Holm's correction to the comparisons.
func (m *Metrics) adjust() {
	cs := m.comparisons()
	m.Compared = len(cs)
	p := make([]float64, len(cs))
	for i, c := range cs {
		p[i] = c.P
	}
	for i, a := range stats.Holm(p) {
		cs[i].Adjusted = a
	}
	markDisagreement(m.Approaches)
}
