package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// FoldAccount returns the key that identifies an account: the name without
// case, accents, spacing, punctuation, a leading "The" or legal suffixes
// (Inc, LLC, Ltd, GmbH, Corp, Co, plc, SA, …). "Globex Corp" and "GLOBEX
// CORPORATION" both fold to "globex". A name that is only a legal suffix
// keeps it.
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
	return foldWords(s)
}

func foldWords(s string) string {
	s = strings.ReplaceAll(s, "&", " and ")
	var words []string
	var dotted, comma []bool
	cur, dot, pendingComma := []rune(nil), false, false
	flush := func() {
		if len(cur) > 0 {
			words, dotted, comma = append(words, string(cur)), append(dotted, dot), append(comma, pendingComma)
			pendingComma = false
		}
		cur, dot = cur[:0], false
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case r == '.': // "S.A." is "sa"; the dots say it is a suffix
			if len(cur) > 0 {
				dot = true
			}
		default:
			flush()
			if r == ',' {
				pendingComma = true
			}
		}
	}
	flush()
	n := len(words)
	for n > 1 && dropSuffix(words[n-1], dotted[n-1], comma[n-1], n-1) {
		n--
	}
	words = words[:n]
	for len(words) > 1 && words[0] == "the" { // all of them, so that folding twice changes nothing
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// dropSuffix reports whether the last word w of a name, after others
// words, is a legal suffix to drop: a long one (Inc, Ltd, GmbH, Corp, plc)
// always; a two-letter one (SA, AG, Co, NV, BV) only written with its dots
// ("S.A.", "Co."), after a comma ("Lee, Co") or after at least two other
// words ("Banco Santander SA"): "Nguyên Sa" and "Lee Co" are names, and
// their pairs are listed as likely duplicates for review instead.
func dropSuffix(w string, dotted, afterComma bool, others int) bool {
	switch legalSuffixes[w] {
	case suffixAlways:
		return true
	case suffixMarked:
		return dotted || afterComma || others >= 2
	}
	return false
}

// foldASCII is foldWords for ASCII text, in one pass over it and with one
// allocation (the key), where foldWords makes a string at each step: an
// account is folded once per spelling, a hundred thousand times in a big
// history. Words are runs of letters, digits and dots; dots are dropped
// (a word of dots is none), and & is the word "and".
func foldASCII(s string) string {
	var bufArr [64]byte
	var startArr [16]int
	var flagArr [16]uint8
	b, starts, flags := bufArr[:0], startArr[:0], flagArr[:0] // the words, one space apart; where each starts; its flags
	inWord, started, pendingComma := false, false, false      // in a run of word bytes; the run has a letter or digit; a comma since the last word
	word := func() {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		starts = append(starts, len(b))
		f := uint8(0)
		if pendingComma {
			f = flagComma
		}
		flags, pendingComma = append(flags, f), false
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
			if started {
				flags[len(flags)-1] |= flagDotted
			}
		case c == '&':
			word()
			b = append(b, "and"...)
			inWord = false
		default:
			inWord = false
			if c == ',' {
				pendingComma = true
			}
		}
	}
	end := func(i int) int { // where word i ends
		if i+1 < len(starts) {
			return starts[i+1] - 1
		}
		return len(b)
	}
	for n := len(starts); n > 1 && dropSuffix(string(b[starts[n-1]:]), flags[n-1]&flagDotted != 0, flags[n-1]&flagComma != 0, n-1); n = len(starts) {
		b = b[:starts[n-1]-1]
		starts, flags = starts[:n-1], flags[:n-1]
	}
	for len(starts) > 1 && string(b[starts[0]:end(0)]) == "the" {
		starts = starts[1:]
	}
	if len(starts) == 0 {
		return ""
	}
	return string(b[starts[0]:])
}

// Flags of a word in foldASCII.
const (
	flagDotted uint8 = 1 << iota // written with dots: "S.A."
	flagComma                    // after a comma: "Lee, Co"
)

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
