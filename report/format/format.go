// Package format writes the report's numbers as text, the same way
// wherever they appear: counts with thousands separators, money, rates as
// percentages, changes in percentage points, model figures.
package format

import (
	"math"
	"strconv"
	"strings"

	"github.com/dealaudit/dealaudit/report/metrics"
)

// Num formats a model figure to three significant digits: 0.243, 4.41, 1,226.
func Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	if math.Abs(v) >= 1000 {
		return Count(int(math.Round(v)))
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// Pct formats a rate as a percentage with one decimal, or "n/a".
func Pct(r metrics.Rate) string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// Parts shows a count rate's numerator and denominator: "80 of 109".
func Parts(r metrics.Rate) string {
	return Count(int(r.Num)) + " of " + Count(int(r.Den))
}

// Points describes a change in percentage points: "up 3.2 points", "down
// 0.4 points", "unchanged"; "" when it is not defined.
func Points(p metrics.Points) string {
	if !p.Defined {
		return ""
	}
	d := p.Value
	switch {
	case d > 0:
		return "up " + strconv.FormatFloat(d, 'f', 1, 64) + " points"
	case d < 0:
		return "down " + strconv.FormatFloat(-d, 'f', 1, 64) + " points"
	}
	return "unchanged"
}

// Count formats an integer with thousands separators.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Money formats an amount: whole units with separators from 100 up.
func Money(v float64) string {
	v = metrics.Round(v, 2)
	if v >= 100 || v <= -100 {
		return Count(int(metrics.Round(v, 0)))
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// Interval writes a rate's 95% interval: "95% interval 60.3–75.3%", ""
// without one.
func Interval(r metrics.Rate) string {
	lo, hi, ok := r.Interval()
	if !ok {
		return ""
	}
	return "95% interval " + strconv.FormatFloat(lo*100, 'f', 1, 64) + "–" + strconv.FormatFloat(hi*100, 'f', 1, 64) + "%"
}

// PValue writes a p-value the way a finding quotes it: "p = 0.61",
// "p < 0.001".
func PValue(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return "p = " + strconv.FormatFloat(p, 'g', 2, 64)
}
