package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// currencies tracks the currencies written with the amounts kept: where
// each was first seen, and how many amounts its rate converted.
type currencies struct {
	rates     map[string]float64
	seen      map[string]*currencySeen
	converted map[string]int
	last      *currencySeen // the currency seen last
	lastTag   string
	declared  string
}

type currencySeen struct {
	file, column string
	row          int // the first
	rows         int // how many
}

func newCurrencies(rates map[string]float64) *currencies {
	return &currencies{rates: rates, seen: map[string]*currencySeen{}, converted: map[string]int{}}
}

// saw records an amount in currency cur, in file and column on row;
// converted says its rate was applied.
func (c *currencies) saw(cur string, converted bool, file, column string, row int) {
	if converted {
		c.converted[cur]++
	}
	if c.last != nil && cur == c.lastTag { // most rows repeat the currency before them
		c.last.rows++
		return
	}
	sn, ok := c.seen[cur]
	if !ok {
		sn = &currencySeen{file: file, column: column, row: row}
		c.seen[cur] = sn
	}
	sn.rows++
	c.last, c.lastTag = sn, cur
}

// Currency returns the one currency the amounts were written in, or the
// one a file declares (declare) when no amount carries one; "" when there
// is none, or several were converted by currency_rates.
func (c *currencies) Currency() string {
	switch {
	case len(c.converted) > 0 || len(c.seen) > 1:
		return ""
	case len(c.seen) == 1:
		for t := range c.seen {
			return t
		}
	}
	return c.declared
}

// declare records a currency a file names outside its amounts, in a
// title-block line or (header) the amount's header; the first one counts.
func (c *currencies) declare(text string, header bool) {
	re := titleCurrency
	if header {
		re = headerCurrency
	}
	if m := re.FindStringSubmatch(text); m != nil && c.declared == "" && isCurrencyCode(m[1]) {
		c.declared = strings.ToUpper(m[1])
	}
}

// isCurrencyCode reports whether s is the code of a currency
// currencyMarkers knows, in any case, or three capitals.
func isCurrencyCode(s string) bool {
	for _, m := range currencyMarkers {
		if strings.EqualFold(m.tag, s) {
			return true
		}
	}
	return len(s) == 3 && strings.ToUpper(s) == s
}

// check refuses amounts in several currencies unless every one of them has
// a rate, and reports the amounts it converted.
func (c *currencies) check(problem func(Problem)) error {
	tags := make([]string, 0, len(c.seen))
	missing := false
	for t := range c.seen {
		tags = append(tags, t)
		if _, ok := c.rates[t]; !ok {
			missing = true
		}
	}
	sort.Strings(tags)
	if len(tags) > 1 && missing {
		var where []string
		for _, t := range tags {
			where = append(where, fmt.Sprintf("%s in %s (first row %d)", t, plural(c.seen[t].rows, "row", "rows"), c.seen[t].row))
		}
		first := c.seen[tags[0]]
		return &FileError{Path: first.file, Msg: fmt.Sprintf("expected amounts in one currency, found several in column %q: %s; give a rate into the report's currency for each under currency_rates in dealaudit.yaml, such as  currency_rates: {%s: 1.0, %s: 1.08}", first.column, strings.Join(where, ", "), tags[0], tags[1])}
	}
	for _, t := range tags {
		if n := c.converted[t]; n > 0 {
			seen := c.seen[t]
			problem(Problem{File: seen.file, Column: seen.column, Value: t, Kind: "amounts converted",
				Detail: fmt.Sprintf("%s in %s multiplied by %v (currency_rates)", plural(n, "amount", "amounts"), t, c.rates[t]), Action: "fixed"})
		}
	}
	return nil
}
