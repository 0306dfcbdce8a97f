package site

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxSlug is the longest folder name Slugs makes, in bytes.
const maxSlug = 60

// SplitDir is the folder of the sub-reports by field, with its slash:
// "by-owner/".
func SplitDir(field string) string { return "by-" + field + "/" }

// Slugs returns a folder name for each value, distinct from the others'
// on every file system (a case-insensitive one too): lower-case ASCII
// letters and digits joined by single dashes, accents dropped ("José
// Díaz" is jose-diaz), at most maxSlug bytes; "value" when nothing is
// left, a name Windows reserves (con, nul, com1, …) with "-1" added.
// Values that slug alike are told apart by "-2", "-3", … in the order
// given.
func Slugs(values []string) []string {
	out := make([]string, len(values))
	taken := map[string]bool{}
	for i, v := range values {
		base := slug(v)
		s := base
		for n := 2; taken[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		taken[s] = true
		out[i] = s
	}
	return out
}

// stripMarks takes the accents off letters: "é" is "e".
var stripMarks = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)))

func slug(v string) string {
	plain, _, err := transform.String(stripMarks, v)
	if err != nil {
		plain = v
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	s := strings.TrimRight(b.String()[:min(b.Len(), maxSlug)], "-")
	switch {
	case s == "":
		return "value"
	case reservedName(s):
		return s + "-1"
	}
	return s
}

// reservedName reports whether Windows refuses s as a file name.
func reservedName(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) && s[3] >= '0' && s[3] <= '9' {
		return true
	}
	return false
}
