package ingest

import (
	"strconv"
	"strings"
)

// cleanText removes from a text cell what no label may carry: control
// characters other than tab, line feed and carriage return (XML, and so
// SVG, refuses them), U+FFFE and U+FFFF, the invisible direction controls
// that reorder the text around a name (figures included: "336,390" shown
// as "093,633"), and zero-width spaces. It reports whether it changed
// anything. (Bytes that are not UTF-8 are replaced before, by parseRow.)
func cleanText(s string) (string, bool) {
	if !needsCleaning(s) {
		return s, false
	}
	out := strings.Map(func(r rune) rune {
		if removed(r) {
			return -1
		}
		return r
	}, s)
	return out, out != s
}

// needsCleaning is a quick look for the bytes that start what cleanText
// removes: below space, and the lead bytes of U+200B–U+206F and
// U+FEFF–U+FFFF (U+061C is looked for whenever its lead byte is there).
func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0xE2 || c == 0xEF || c == 0xD8 {
			return true
		}
	}
	return false
}

// removed are the characters cleanText drops.
func removed(r rune) bool {
	switch {
	case r < ' ':
		return r != '\t' && r != '\n' && r != '\r'
	case r == '\u061C', r == '\u200B', r == '\u200E', r == '\u200F', r == '\u2060', r == '\uFEFF':
		return true // letter mark, zero-width space and direction marks, word joiner, byte order mark
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true // direction embeddings, overrides and isolates
	}
	return r == '\uFFFE' || r == '\uFFFF'
}

// visible writes what cleanText removes as escapes ("B\x10rch"), for a
// problem's value: the quality table shows what the cell held without
// carrying the characters themselves.
func visible(s string) string {
	if !needsCleaning(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if removed(r) {
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
