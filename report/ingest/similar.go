package ingest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// likelyDuplicates lists pairs of account keys that folding kept apart but
// that are probably one company: one typo apart (an edit or a swap of two
// letters, found through shared one-deletion variants, so the work grows
// with the number of names, not its square), one name is the other plus a
// two-letter legal suffix ("Lee" and "Lee Co"), or one name is the other
// plus a word. Names whose numbers differ ("Store 12", "Store 13") and keys that
// look like ids are never paired.
func likelyDuplicates(keys []string, nameOf func(key string) string) []LikelyDuplicate {
	vs := deletionVariants(keys)
	sorted := keys // for isKey (callers usually pass them sorted)
	if !slices.IsSorted(keys) {
		sorted = slices.Sorted(slices.Values(keys))
	}
	isKey := func(k string) bool {
		_, ok := slices.BinarySearch(sorted, k)
		return ok
	}
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
		i := strings.LastIndexByte(k, ' ')
		if i <= 0 || !isKey(k[:i]) || looksLikeID(k[:i]) {
			continue
		}
		switch {
		case legalSuffixes[k[i+1:]] == suffixReviewed:
			add(k[:i], k, "names differ by a legal suffix")
		case i >= 4 && sameDigits(k, k[:i]):
			add(k[:i], k, "one name is the other plus a word")
		}
	}
	return sortedUnique(out)
}

// variant is the hash of an account key with one byte deleted (or none),
// and the key's index.
type variant struct {
	h   uint64
	key int32
}

// maxTypoKey is the longest key, in bytes, compared for typos: a key's
// deletion variants cost the square of its length, and a name this long
// is not a company's name typed by hand.
const maxTypoKey = 200

// deletionVariants returns the one-deletion variants of each key that can
// be a typo (not a code or a numbered name, at most maxTypoKey bytes),
// sorted by hash.
func deletionVariants(keys []string) []variant {
	var vs []variant
	for i, k := range keys {
		if len(k) < 5 || len(k) > maxTypoKey || looksLikeID(k) || digitCount(k) >= 3 || strings.IndexByte(k, '@') >= 0 {
			continue // codes, numbered names ("Store 1042"), email addresses and pages of text are not typos
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
	return vs
}

// sortedUnique sorts the pairs and drops repeats: a pair sharing several
// deletion variants is found more than once.
func sortedUnique(out []LikelyDuplicate) []LikelyDuplicate {
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
