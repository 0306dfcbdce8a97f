package ingest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalSuffixes are words at the end of a company name that do not tell two
// companies apart.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "ltd": true, "limited": true, "gmbh": true,
	"corp": true, "corporation": true, "co": true, "company": true, "plc": true, "sa": true,
	"ag": true, "bv": true, "nv": true, "srl": true, "sarl": true, "sas": true, "spa": true,
	"pty": true, "llp": true, "lp": true, "oy": true, "ab": true, "as": true, "kg": true,
	"kk": true, "pvt": true, "pte": true, "sl": true, "se": true, "ug": true,
}

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// FoldAccount returns the key that identifies an account: the name without
// case, accents, spacing, punctuation, a leading "The" or legal suffixes
// (Inc, LLC, Ltd, GmbH, Corp, Co, plc, SA, …). "Globex Corp" and "GLOBEX
// CORPORATION" both fold to "globex". A name that is only a legal suffix
// keeps it.
func FoldAccount(name string) string {
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
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	for i, w := range words {
		words[i] = strings.ReplaceAll(w, ".", "") // "S.A." is "sa"
	}
	words = dropEmpty(words)
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
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
	for len(starts) > 1 && legalSuffixes[string(b[starts[len(starts)-1]:])] {
		b = b[:starts[len(starts)-1]-1]
		starts = starts[:len(starts)-1]
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

// spellingCount is how many deals wrote an account key one way; the key
// is given by its index (reader.keys).
type spellingCount struct {
	key  int32
	name string
	n    int
}

// displayNames returns, for each of nkeys keys, the most frequent spelling
// ("" for a key no spelling has; each spelling given once); among equally
// frequent ones a mixed-case spelling beats ALL CAPS or all lower case,
// then the one that sorts first, so the choice does not depend on row
// order. It also counts the keys written more than one way.
func displayNames(nkeys int, counts []spellingCount) ([]string, int) {
	type choice struct {
		n, ways int
	}
	names, best := make([]string, nkeys), make([]choice, nkeys)
	multi := 0
	for _, s := range counts {
		c := &best[s.key]
		if c.ways++; c.ways == 1 || s.n > c.n || (s.n == c.n && betterSpelling(s.name, names[s.key])) {
			names[s.key], c.n = s.name, s.n
		}
		if c.ways == 2 {
			multi++
		}
	}
	return names, multi
}

// likelyDuplicates lists pairs of account keys that folding kept apart but
// that are probably one company: one typo apart (an edit or a swap of two
// letters, found through shared one-deletion variants, so the work grows
// with the number of names, not its square), or one name is the other plus
// a word. Names whose numbers differ ("Store 12", "Store 13") and keys that
// look like ids are never paired.
func likelyDuplicates(keys []string, nameOf func(key string) string) []LikelyDuplicate {
	type variant struct {
		h   uint64
		key int32
	}
	var vs []variant
	sorted := keys // for isKey (callers usually pass them sorted)
	if !slices.IsSorted(keys) {
		sorted = slices.Sorted(slices.Values(keys))
	}
	isKey := func(k string) bool {
		_, ok := slices.BinarySearch(sorted, k)
		return ok
	}
	for i, k := range keys {
		if len(k) < 5 || looksLikeID(k) || digitCount(k) >= 3 {
			continue // codes and numbered names ("Store 1042") are not typos
		}
		vs = append(vs, variant{hashWithout(k, -1), int32(i)})
		for j := 0; j < len(k); j++ {
			if k[j] >= 0x80 {
				continue // delete whole runes only
			}
			vs = append(vs, variant{hashWithout(k, j), int32(i)})
		}
	}
	slices.SortFunc(vs, func(a, b variant) int {
		if a.h != b.h {
			return cmp.Compare(a.h, b.h)
		}
		return cmp.Compare(a.key, b.key)
	})
	var out []LikelyDuplicate
	add := func(a, b, reason string) {
		na, nb := nameOf(a), nameOf(b)
		if na > nb {
			na, nb = nb, na
		}
		out = append(out, LikelyDuplicate{A: na, B: nb, Reason: reason})
	}
	for i := 0; i < len(vs); {
		j := i + 1
		for j < len(vs) && vs[j].h == vs[i].h {
			j++
		}
		for x := i; x < j && j-i <= 50; x++ { // a variant shared by very many names says nothing
			for y := x + 1; y < j; y++ {
				a, b := vs[x].key, vs[y].key
				if a == b {
					continue
				}
				ka, kb := keys[a], keys[b]
				if sameDigits(ka, kb) && editDistance(ka, kb, 2) <= 2 {
					add(ka, kb, "names differ by a typo")
				}
			}
		}
		i = j
	}
	for _, k := range keys {
		if i := strings.LastIndexByte(k, ' '); i >= 4 && sameDigits(k, k[:i]) && isKey(k[:i]) && !looksLikeID(k[:i]) {
			add(k[:i], k, "one name is the other plus a word")
		}
	}
	// A pair sharing several deletion variants was found more than once.
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	uniq := out[:0]
	for i, d := range out {
		if i == 0 || d != out[i-1] {
			uniq = append(uniq, d)
		}
	}
	return uniq
}

// hashWithout is the FNV-1a hash of s without its byte at skip (-1 for
// none).
func hashWithout(s string, skip int) uint64 {
	if skip < 0 {
		return fnvString(fnvOffset, s)
	}
	return fnvString(fnvString(fnvOffset, s[:skip]), s[skip+1:])
}

// sameDigits reports whether a and b hold the same digits in the same order.
func sameDigits(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] < '0' || a[i] > '9') {
			i++
		}
		for j < len(b) && (b[j] < '0' || b[j] > '9') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// editDistance is the Levenshtein distance of a and b, or limit+1 when it
// is larger than limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func digitCount(k string) int {
	n := 0
	for i := 0; i < len(k); i++ {
		if k[i] >= '0' && k[i] <= '9' {
			n++
		}
	}
	return n
}

// looksLikeID reports whether a folded account key is a code rather than a
// name: one word holding three or more digits ("00017", "001f4000003nkchaac").
func looksLikeID(k string) bool {
	if strings.IndexByte(k, ' ') >= 0 {
		return false
	}
	digits := 0
	for i := 0; i < len(k); i++ {
		if k[i] >= '0' && k[i] <= '9' {
			digits++
		}
	}
	return digits >= 3
}

func betterSpelling(a, b string) bool {
	ma, mb := mixedCase(a), mixedCase(b)
	if ma != mb {
		return ma
	}
	return a < b
}

func mixedCase(s string) bool { return strings.ToUpper(s) != s && strings.ToLower(s) != s }
