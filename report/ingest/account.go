package ingest

import (
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
		return foldWords(name)
	}
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
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
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

// spellings counts the spellings of each account key, to show the most
// frequent one.
type spellings map[string]map[string]int

func (sp spellings) add(key, name string) {
	m := sp[key]
	if m == nil {
		m = make(map[string]int, 1)
		sp[key] = m
	}
	m[name]++
}

// display returns, per key, the most frequent spelling; among equally
// frequent ones a mixed-case spelling beats ALL CAPS or all lower case, then
// the one that sorts first, so the choice does not depend on row order.
func (sp spellings) display() (map[string]string, int) {
	out := make(map[string]string, len(sp))
	multi := 0
	for key, m := range sp {
		best, bestN := "", -1
		for name, n := range m {
			if n > bestN || (n == bestN && betterSpelling(name, best)) {
				best, bestN = name, n
			}
		}
		out[key] = best
		if len(m) > 1 {
			multi++
		}
	}
	return out, multi
}

// likelyDuplicates lists pairs of account keys that folding kept apart but
// that are probably one company: one edit apart (two for long names), or one
// name is the other plus extra words. Keys made only of digits (customer
// numbers) are never compared. Pairs are compared only within the same first
// letter, which keeps the work near-linear on real account lists.
func likelyDuplicates(keys []string, names map[string]string) []LikelyDuplicate {
	byFirst := map[byte][]string{}
	for _, k := range keys {
		if k == "" || looksLikeID(k) {
			continue
		}
		byFirst[k[0]] = append(byFirst[k[0]], k)
	}
	var out []LikelyDuplicate
	for _, group := range byFirst {
		sort.Strings(group)
		for i, a := range group {
			for _, b := range group[i+1:] {
				if r := closeNames(a, b); r != "" {
					out = append(out, LikelyDuplicate{A: names[a], B: names[b], Reason: r})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// closeNames says why two folded names look like one company, or "".
func closeNames(a, b string) string {
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if la >= 4 && strings.HasPrefix(b, a+" ") && strings.Count(b[la+1:], " ") == 0 {
		return "one name is the other plus a word"
	}
	if la < 5 || lb-la > 2 {
		return ""
	}
	limit := 1
	if la >= 12 {
		limit = 2
	}
	if editDistance(a, b, limit) <= limit {
		return "names differ by a typo"
	}
	return ""
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
