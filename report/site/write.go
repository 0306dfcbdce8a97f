// Package site writes the report folder: pages, assets and data tables.
// A build writes into a temporary folder beside the target and swaps it
// into place, so that a failed build leaves the previous report untouched.
package site

import "strings"

// Generator marks pages written by dealaudit; a folder whose index.html has
// it is a previous report and may be replaced.
const Generator = `<meta name="generator" content="dealaudit">`

// Files is a report's content: relative path → bytes.
type Files map[string][]byte

// csvCell neutralises text a spreadsheet would run as a formula (OWASP CSV
// injection): a leading =, +, -, @, tab or carriage return gets a leading
// apostrophe, and so does one after a semicolon, comma or tab inside the
// text, where a spreadsheet that splits lines at that character starts a
// cell ("x;=1+1" is "x;'=1+1"). Numbers are untouched.
func csvCell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	if strings.IndexByte(csvFormulaStarts, s[0]) >= 0 {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ";,\t") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if (s[i] == ';' || s[i] == ',' || s[i] == '\t') && i+1 < len(s) && strings.IndexByte(csvFormulaStarts, s[i+1]) >= 0 {
			b.WriteByte('\'')
		}
	}
	return b.String()
}

// csvFormulaStarts are the first characters that make a spreadsheet read a
// cell as a formula.
const csvFormulaStarts = "=+-@\t\r"

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return s != "" && s != "."
}
