package site

import (
	"net/url"
	"strings"
	"unicode"
)

// nowrap reports whether a table cell is a figure that must not break
// across lines: a date, an amount, a rate or a range ("2021-08-04",
// "$26,873", "49.7–62.9%", "2025 to 30 Jun"). It is a figure when it has a
// digit, at most 24 characters and no word of four letters or more.
func nowrap(cell string) bool {
	if len([]rune(cell)) > 24 || !strings.ContainsFunc(cell, unicode.IsDigit) {
		return false
	}
	letters := 0
	for _, r := range cell {
		if unicode.IsLetter(r) {
			if letters++; letters >= 4 {
				return false
			}
		} else {
			letters = 0
		}
	}
	return true
}

// online is the address of a file of the report at base, its address
// online; "" without one.
func online(base, file string) string {
	if base == "" {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	if !strings.HasSuffix(b.Path, "/") && !strings.Contains(b.Path[strings.LastIndex(b.Path, "/")+1:], ".") {
		b.Path += "/" // https://host/audit is the folder, https://host/audit/index.html a page in it
	}
	return b.ResolveReference(&url.URL{Path: file}).String()
}
