package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks decomposes by compatibility (fullwidth "ＧＬＯＢＥＸ" is
// "GLOBEX", "ﬁ" is "fi"), drops the accents and recomposes.
var stripMarks = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// FoldAccount returns the key that identifies an account: the name without
// case, accents, spacing, punctuation, a leading "The" or the legal
// suffixes that are never a name (Inc, LLC, Ltd, GmbH, Corp, plc, …),
// and with the Cyrillic and Greek letters of a name that mixes them with
// Latin ones spelled as the Latin letters they look like (unmixScripts).
// "Globex Corp" and "GLOBEX CORPORATION" both fold to "globex". Two-letter
// suffixes (SA, AG, Co, NV, BV, …) stay: "Nguyên Sa" and "Lee Co" are
// names, so names that differ only by one are listed as likely duplicates
// for review, not merged. A name that is only a legal suffix keeps it.
//
// An account written as an email address is its address in lower case,
// nothing folded further: dots and words in addresses tell people apart.
func FoldAccount(name string) string {
	if isEmail(name) {
		return strings.ToLower(strings.TrimSpace(name))
	}
	if isASCII(name) {
		return foldASCII(name)
	}
	// Bytes that are not UTF-8 separate words; left in, they stop the
	// accent stripping short (a fuzz finding).
	name = strings.ToValidUTF8(name, " ")
	s, _, err := transform.String(stripMarks, name)
	if err != nil {
		s = name
	}
	return foldWords(unmixScripts(s))
}

func foldWords(s string) string {
	s = strings.ReplaceAll(s, "&", " and ")
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
		}
		cur = cur[:0]
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case r == '.': // "S.A." is "sa"
		case unicode.Is(unicode.Cf, r): // zero-width joiners and marks are not gaps: "Glo\u200dbex" is "globex"
		default:
			flush()
		}
	}
	flush()
	n := len(words)
	for n > 1 && legalSuffixes[words[n-1]] == suffixDropped {
		n--
	}
	words = words[:n]
	for len(words) > 1 && words[0] == "the" { // all of them, so that folding twice changes nothing
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// foldASCII is foldWords for ASCII text, in one pass over it and with one
// allocation (the key), where foldWords makes a string at each step: an
// account is folded once per spelling, a hundred thousand times in a big
// history. Words are runs of letters, digits and dots; dots are dropped
// (a word of dots is none), and & is the word "and".
func foldASCII(s string) string {
	var bufArr [64]byte
	var startArr [16]int
	b, starts := bufArr[:0], startArr[:0] // the words, one space apart; where each starts
	inWord, started := false, false       // in a run of word bytes; the run has a letter or digit
	word := func() {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		starts = append(starts, len(b))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if !inWord {
				inWord, started = true, false
			}
			if !started {
				word()
				started = true
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case c == '.':
			if !inWord {
				inWord, started = true, false
			}
		case c == '&':
			word()
			b = append(b, "and"...)
			inWord = false
		default:
			inWord = false
		}
	}
	end := func(i int) int { // where word i ends
		if i+1 < len(starts) {
			return starts[i+1] - 1
		}
		return len(b)
	}
	for n := len(starts); n > 1 && legalSuffixes[string(b[starts[n-1]:])] == suffixDropped; n = len(starts) {
		b = b[:starts[n-1]-1]
		starts = starts[:n-1]
	}
	for len(starts) > 1 && string(b[starts[0]:end(0)]) == "the" {
		starts = starts[1:]
	}
	if len(starts) == 0 {
		return ""
	}
	return string(b[starts[0]:])
}

func dropEmpty(w []string) []string {
	out := w[:0]
	for _, s := range w {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isEmail reports whether an account name is an email address: one @ with
// text before it and a dotted domain after, no spaces.
func isEmail(s string) bool {
	s = strings.TrimSpace(s)
	at := strings.IndexByte(s, '@')
	if at <= 0 || strings.IndexByte(s[at+1:], '@') >= 0 || strings.ContainsAny(s, " \t") {
		return false
	}
	dot := strings.LastIndexByte(s, '.')
	return dot > at+1 && dot < len(s)-1
}
