package format

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/dealaudit/dealaudit/report/metrics"
)

// Style is how one report writes its numbers: the locale's separators
// (golang.org/x/text) and, when the currency is known, its symbol on every
// amount of money. A Style is immutable and safe for concurrent use.
type Style struct {
	tag    language.Tag
	code   string // ISO 4217, "" when the currency is not known
	symbol string // the currency's symbol in the locale
	after  bool   // the symbol follows the amount (1.234,50 €)
}

// symbolAfter lists the languages whose amounts put the currency symbol
// after the number (CLDR's currency patterns); the others put it before.
var symbolAfter = map[string]bool{
	"de": true, "fr": true, "es": true, "it": true, "pt": true, "pl": true, "cs": true, "sk": true,
	"sv": true, "da": true, "nb": true, "fi": true, "hu": true, "ro": true, "bg": true, "hr": true,
	"sl": true, "lt": true, "lv": true, "et": true, "el": true, "ru": true, "uk": true, "tr": false,
}

// DefaultLocale is the locale when none is given.
const DefaultLocale = "en-US"

// New returns the style of a locale (a BCP 47 tag: en-US, de-DE, fr-FR)
// and a currency code ("" when the amounts' currency is not known).
func New(locale, code string) (*Style, error) {
	if locale == "" {
		locale = DefaultLocale
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return nil, fmt.Errorf("locale %q is not a language tag such as en-US, de-DE or fr-FR", locale)
	}
	s := &Style{tag: tag}
	if code != "" {
		unit, err := currency.ParseISO(code)
		if err != nil {
			return nil, fmt.Errorf("currency %q is not an ISO 4217 code such as USD, EUR or GBP", code)
		}
		base, _ := tag.Base()
		s.code = unit.String()
		s.symbol = message.NewPrinter(tag).Sprint(currency.Symbol(unit))
		s.after = symbolAfter[base.String()]
	}
	return s, nil
}

// english is the style of text that is not a report's (the command line's
// output): en-US, no currency.
var english = &Style{tag: language.AmericanEnglish}

// Currency returns the currency code, "" when it is not known.
func (s *Style) Currency() string { return s.code }

func (s *Style) printer() *message.Printer { return message.NewPrinter(s.tag) }

// Count formats an integer with the locale's separators.
func (s *Style) Count(n int) string { return s.printer().Sprint(number.Decimal(n)) }

// decimal formats v with exactly d decimals.
func (s *Style) decimal(v float64, d int) string {
	return s.printer().Sprint(number.Decimal(v, number.Scale(d)))
}

// amount formats a number as money, with the currency symbol where the
// locale puts it.
func (s *Style) amount(n string) string {
	switch {
	case s.symbol == "":
		return n
	case s.after:
		return n + "\u00a0" + s.symbol
	}
	neg := strings.HasPrefix(n, "-")
	n = strings.TrimPrefix(n, "-")
	sep := ""
	if r := []rune(s.symbol); unicode.IsLetter(r[len(r)-1]) {
		sep = "\u00a0" // CHF 1,234
	}
	if neg {
		return "-" + s.symbol + sep + n
	}
	return s.symbol + sep + n
}

// Money formats an amount in full: whole units from 100 up and for whole
// amounts, cents below.
func (s *Style) Money(v float64) string {
	v = metrics.Round(v, 2)
	if math.Abs(v) >= 100 || v == math.Trunc(v) {
		return s.amount(s.decimal(metrics.Round(v, 0), 0))
	}
	return s.amount(s.decimal(v, 2))
}

// MoneyCompact formats an amount for a headline card: three significant
// digits with k, M or B ($3.73M, 763.8k €), in full below 10,000.
func (s *Style) MoneyCompact(v float64) string {
	a := math.Abs(v)
	var scaled float64
	var unit string
	switch {
	case a >= 1e9:
		scaled, unit = v/1e9, "B"
	case a >= 1e6:
		scaled, unit = v/1e6, "M"
	case a >= 1e4:
		scaled, unit = v/1e3, "k"
	default:
		return s.Money(v)
	}
	d := 2
	if math.Abs(scaled) >= 100 {
		d = 1 // 763.8k
	}
	return s.amount(s.decimal(metrics.Round(scaled, d), d) + unit)
}

// Pct formats a rate as a percentage with one decimal, or "n/a".
func (s *Style) Pct(r metrics.Rate) string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	return s.percent(v)
}

func (s *Style) percent(v float64) string {
	return s.printer().Sprint(number.Percent(metrics.Round(v, 3), number.Scale(1)))
}

// Parts shows a count rate's numerator and denominator: "80 of 109".
func (s *Style) Parts(r metrics.Rate) string {
	return s.Count(int(r.Num)) + " of " + s.Count(int(r.Den))
}

// Points describes a change in percentage points: "up 3.2 points", "down
// 0.4 points", "unchanged"; "" when it is not defined.
func (s *Style) Points(p metrics.Points) string {
	if !p.Defined {
		return ""
	}
	switch d := p.Value; {
	case d > 0:
		return "up " + s.decimal(d, 1) + " points"
	case d < 0:
		return "down " + s.decimal(-d, 1) + " points"
	}
	return "unchanged"
}

// Num formats a model figure to three significant digits: 0.243, 4.41, 1,226.
func (s *Style) Num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	if math.Abs(v) >= 1000 {
		return s.Count(int(math.Round(v)))
	}
	return s.printer().Sprint(number.Decimal(v, number.Precision(3)))
}

// Interval writes a rate's 95% interval: "95% interval 60.3–75.3%", ""
// without one.
func (s *Style) Interval(r metrics.Rate) string {
	lo, hi, ok := r.Interval()
	if !ok {
		return ""
	}
	return "95% interval " + s.Range(lo, hi)
}

// Range writes two fractions as a range of percentages: "60.3–75.3%".
func (s *Style) Range(lo, hi float64) string { return s.decimal(lo*100, 1) + "–" + s.percent(hi) }

// PValue writes a p-value the way a finding quotes it: "p = 0.61",
// "p < 0.001".
func (s *Style) PValue(p float64) string {
	if p < 0.001 {
		return "p < " + s.decimal(0.001, 3)
	}
	return "p = " + s.printer().Sprint(number.Decimal(p, number.Precision(2)))
}

// ExcelMoneyFormat is the number format a workbook gives amounts in this
// style's currency: two decimals with thousands separators and the symbol
// where the style puts it (`"$"#,##0.00`, `#,##0.00\ "€"`); without a
// currency, the number alone.
func (s *Style) ExcelMoneyFormat() string {
	const n = "#,##0.00"
	if s.symbol == "" {
		return n
	}
	sym := `"` + strings.ReplaceAll(s.symbol, `"`, "") + `"`
	if s.after {
		return n + `\ ` + sym
	}
	if r := []rune(s.symbol); unicode.IsLetter(r[len(r)-1]) {
		sym += `\ `
	}
	return sym + n + ";-" + sym + n
}
