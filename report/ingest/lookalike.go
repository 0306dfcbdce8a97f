package ingest

import (
	"strings"
	"unicode"
)

// latinLookalikes are the Cyrillic and Greek letters that look like a
// Latin one (from Unicode's confusables, UTS #39), in lower case, each
// with the Latin letter it passes for; a capital is looked up by its
// lower case, so "В" (Cyrillic capital ve) is the "b" it looks like.
var latinLookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'һ': 'h', 'н': 'h', 'і': 'i', 'ј': 'j', 'к': 'k',
	'ӏ': 'l', 'м': 'm', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'т': 't', 'у': 'y', 'ԝ': 'w', 'х': 'x',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'ζ': 'z', 'η': 'h', 'ι': 'i', 'κ': 'k', 'μ': 'm', 'ν': 'n', 'ο': 'o',
	'ρ': 'p', 'τ': 't', 'υ': 'y', 'χ': 'x',
}

// unmixScripts spells the Cyrillic and Greek look-alike letters of a name
// as the Latin ones they look like, when the name mixes Latin letters
// with Cyrillic or Greek ones ("Glоbex" with a Cyrillic "о" is
// "Globex"): a name written in one script alone is left as it is, so
// "Сбербанк" and "Αθηνά" keep their keys. The words a key drops or adds
// do not make a name Latin — "and" (how a key spells "&"), "the" and the
// legal suffixes — so "Рога & Копыта" and "Сбербанк Inc" stay Cyrillic
// (the second is "Сбербанк"'s key), and folding a key again changes
// nothing.
func unmixScripts(s string) string {
	latin, other := false, false
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lw := strings.ToLower(w); lw == "and" || lw == "the" || legalSuffixes[lw] != notSuffix {
			continue
		}
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Latin, r):
				latin = true
			case unicode.In(r, unicode.Cyrillic, unicode.Greek):
				other = true
			}
		}
	}
	if !latin || !other {
		return s
	}
	return strings.Map(func(r rune) rune {
		if l, ok := latinLookalikes[unicode.ToLower(r)]; ok {
			return l
		}
		return r
	}, s)
}
