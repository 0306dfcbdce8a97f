package ingest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// nameAccounts makes the table of accounts, each shown under its most
// frequent spelling, in the order of the keys' first spellings, and sets
// each deal's Account; it names referrers that are accounts the same way,
// reports the spellings not shown, and lists likely duplicates that
// folding did not catch.
func (b *builder) nameAccounts(files []FileInfo, problem func(Problem)) (spellings int, dups []LikelyDuplicate) {
	counts := make([]spellingCount, 0, len(b.spellings))
	for i, s := range b.spellings {
		if n := b.dealsOf[i]; n > 0 {
			counts = append(counts, spellingCount{s.keyIdx, s.name, int(n)})
		}
	}
	names, multi := displayNames(len(b.keys), counts) // "" for keys without deals
	// Likely duplicates need only the names: they are looked for on
	// another core while the rest is done (both only read names).
	found := make(chan []LikelyDuplicate, 1)
	go func() { found <- b.likelyDuplicates(names) }()
	accountOf := b.accountTable(names)
	for i := range b.h.Deals {
		b.h.Deals[i].Account = accountOf[b.spelling[i]]
	}
	b.reportRenamed(files, names, problem)
	for i := range b.h.Referrers {
		r := &b.h.Referrers[i]
		if k, ok := b.keyIdx[r.Key]; ok && names[k] != "" {
			r.Name = names[k]
		}
	}
	return multi, <-found
}

// accountTable adds an account per key with deals to the history, in the
// order of the keys' first spellings, and returns each spelling's account
// (-1 for spellings no deal has).
func (b *builder) accountTable(names []string) []int32 {
	accountOf := make([]int32, len(b.spellings))
	accountOfKey := make([]int32, len(b.keys))
	for i := range accountOfKey {
		accountOfKey[i] = -1
	}
	for i, s := range b.spellings {
		accountOf[i] = -1
		if b.dealsOf[i] == 0 {
			continue
		}
		k := &accountOfKey[s.keyIdx]
		if *k < 0 {
			*k = int32(len(b.h.Accounts))
			b.h.Accounts = append(b.h.Accounts, Account{Name: names[s.keyIdx], Key: s.key})
		}
		accountOf[i] = *k
	}
	return accountOf
}

// reportRenamed reports each spelling with deals that is not its account's
// name, once, in the order of its first deal.
func (b *builder) reportRenamed(files []FileInfo, names []string, problem func(Problem)) {
	type named struct {
		*spelling
		deals int32
	}
	var renamed []named
	for i := range b.spellings {
		if s := &b.spellings[i]; b.dealsOf[i] > 0 && s.name != names[s.keyIdx] {
			renamed = append(renamed, named{s, b.dealsOf[i]})
		}
	}
	sort.Slice(renamed, func(i, j int) bool {
		a, b := renamed[i], renamed[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.row != b.row {
			return a.row < b.row
		}
		return a.name < b.name
	})
	for _, s := range renamed {
		f := files[s.file]
		problem(Problem{File: f.Path, Row: int(s.row), Column: f.Header(FieldAccount), Value: s.name, Kind: "account spelling merged",
			Detail: fmt.Sprintf("%s written this way shown as %q", plural(int(s.deals), "deal", "deals"), names[s.keyIdx]), Action: "fixed"})
	}
}

// likelyDuplicates lists the likely duplicates among the keys with deals.
func (b *builder) likelyDuplicates(names []string) []LikelyDuplicate {
	var keys []string
	for i, k := range b.keys {
		if names[i] != "" && !b.idKeys[int32(i)] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return likelyDuplicates(keys, func(k string) string { return names[b.keyIdx[k]] })
}

// spellingCount is how many deals wrote an account key one way; the key
// is given by its index (builder.keys).
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

func betterSpelling(a, b string) bool {
	ma, mb := mixedCase(a), mixedCase(b)
	if ma != mb {
		return ma
	}
	return a < b
}

func mixedCase(s string) bool { return strings.ToUpper(s) != s && strings.ToLower(s) != s }
