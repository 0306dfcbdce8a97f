package format

import (
	"strings"

	"golang.org/x/text/unicode/bidi"
)

// Isolate marks a string from the data as a unit of its own direction
// (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE) when it
// holds a right-to-left letter or an Arabic digit: such a name set in an
// English sentence would otherwise carry the figures and punctuation
// beside it into its own direction ("Crescent שלום, 336,390 referred"
// shown with the figure before the name). Text without such characters
// cannot reorder its surroundings (ingest removes the direction
// controls themselves), so it is returned unchanged. Isolating twice is
// the same as once.
func Isolate(s string) string {
	if !rightToLeft(s) || strings.HasPrefix(s, fsi) && strings.HasSuffix(s, pdi) {
		return s
	}
	return fsi + s + pdi
}

const (
	fsi = "\u2068"
	pdi = "\u2069"
)

// rightToLeft reports whether s holds a character of bidi class R, AL or
// AN. Bytes below 0xC0 start no such character, so ASCII text is decided
// without a look-up.
func rightToLeft(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < 0xC0 {
			i++
			continue
		}
		p, n := bidi.LookupString(s[i:])
		switch p.Class() {
		case bidi.R, bidi.AL, bidi.AN:
			return true
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
	return false
}
