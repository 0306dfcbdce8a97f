// Package format writes the report's numbers as text, the same way
// wherever they appear: counts with thousands separators, money, rates as
// percentages, changes in percentage points, model figures. A report's
// numbers go through its Style (locale and currency); the functions here
// are the en-US style without a currency, for the command line.
package format

import "github.com/dealaudit/dealaudit/report/metrics"

// Count formats an integer the en-US way.
func Count(n int) string { return english.Count(n) }

// Money formats an amount the en-US way, without a currency.
func Money(v float64) string { return english.Money(v) }

// Pct formats a rate as a percentage, the en-US way.
func Pct(r metrics.Rate) string { return english.Pct(r) }

// Parts shows a count rate's parts, the en-US way.
func Parts(r metrics.Rate) string { return english.Parts(r) }

// Points describes a change in percentage points, the en-US way.
func Points(p metrics.Points) string { return english.Points(p) }

// Num formats a model figure, the en-US way.
func Num(v float64) string { return english.Num(v) }
