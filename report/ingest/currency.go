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
	seen      map[string]currencySeen
	converted map[string]int
	last      string // the currency seen last, known to be in seen
}

type currencySeen struct {
	file, column string
	row          int
}

func newCurrencies(rates map[string]float64) *currencies {
	return &currencies{rates: rates, seen: map[string]currencySeen{}, converted: map[string]int{}}
}

// saw records an amount in currency cur, in file and column on row;
// converted says its rate was applied.
func (c *currencies) saw(cur string, converted bool, file, column string, row int) {
	if converted {
		c.converted[cur]++
	}
	if cur == c.last { // most rows repeat the currency before them
		return
	}
	if _, ok := c.seen[cur]; !ok {
		c.seen[cur] = currencySeen{file, column, row}
	}
	c.last = cur
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
			where = append(where, fmt.Sprintf("%s in row %d", t, c.seen[t].row))
		}
		first := c.seen[tags[0]]
		return &FileError{Path: first.file, Msg: fmt.Sprintf("expected amounts in one currency, found several in column %q (%s); give a rate for each under currency_rates in dealaudit.yaml", first.column, strings.Join(where, ", "))}
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
