package ingest

import (
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// hashID hashes deal ids for dedupe; a test makes every id collide.
var hashID = maphash.Bytes

// firstOfIDs returns, for each of the first n deals, the index of the
// first deal with the same id, or -1 for a first deal or one without id.
//
// Each deal with an id becomes one number, the top bits of its id's hash
// above its index, and the numbers are sorted (a radix sort on the hash
// bits: linear, in passes over one array, where a map from hashes took a
// cache miss per deal). Deals of one id are then side by side, in input
// order, with the rare other id whose hash shares those bits, which the
// ids' text tells apart.
func firstOfIDs(ids *ids, n int) []int32 {
	seed := maphash.MakeSeed()
	firstOf := make([]int32, n)
	keys := make([]uint64, n)
	parts := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Go(func() {
			for i := w * n / parts; i < (w+1)*n/parts; i++ {
				firstOf[i] = -1
				keys[i] = noID
				if id := ids.of(i); len(id) > 0 {
					keys[i] = hashID(seed, id)>>idBits<<idBits | uint64(i)
				}
			}
		})
	}
	wg.Wait()
	radixSort(keys, idBits)
	for lo := 0; lo < len(keys) && keys[lo] != noID; {
		hi := lo + 1
		for hi < len(keys) && keys[hi]>>idBits == keys[lo]>>idBits {
			hi++
		}
		// A run of one hash: each deal's first is the earliest deal of the
		// run with the same id (itself when there is none).
		for j := lo + 1; j < hi; j++ {
			i := int(keys[j] & idMask)
			for _, k := range keys[lo:j] {
				if f := int(k & idMask); firstOf[f] < 0 && string(ids.of(f)) == string(ids.of(i)) {
					firstOf[i] = int32(f)
					break
				}
			}
		}
		lo = hi
	}
	return firstOf
}

// idBits is how many low bits of a firstOfIDs key hold the deal's index
// (deals are counted in int32, so no key is noID); the hash keeps the rest.
const (
	idBits = 31
	idMask = 1<<idBits - 1
	noID   = math.MaxUint64 // the key of a deal without id: sorts last
)

// radixSort sorts keys by their bits from bit lo up, which leaves keys
// equal there in their order (least significant digit first, 11 bits a
// pass: the counts stay in the cache).
func radixSort(keys []uint64, lo uint) {
	const digit = 11
	tmp := make([]uint64, len(keys))
	var count [1 << digit]int
	for shift := lo; shift < 64; shift += digit {
		clear(count[:])
		for _, k := range keys {
			count[k>>shift&(1<<digit-1)]++
		}
		sum := 0
		for d, c := range count {
			count[d], sum = sum, sum+c
		}
		for _, k := range keys {
			d := k >> shift & (1<<digit - 1)
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	if (64-lo+digit-1)/digit%2 == 1 { // the sorted keys are in tmp's array
		copy(tmp, keys)
	}
}

// dedupe applies the duplicates and line-items rule: rows that share a deal
// id and agree on every value are one deal exported twice (the copy is
// dropped); rows that share a deal id but differ are line items of one deal
// (amounts summed into the first). Identical rows without a deal id are kept
// and reported as possible duplicates.
//
// It works in place and keeps a map entry per deal id; rows of one id are
// told apart by a hash of the whole row.
func (st *reader) dedupe() {
	type pos struct{ file, row int32 }
	type idRow struct {
		id   string
		hash uint64
	}
	deals, ids, hashes := st.res.Deals, &st.res.ids, st.hashes
	firstOf := firstOfIDs(ids, len(deals))
	outPos := make([]int32, len(deals)) // index in out of each deal kept
	var exact map[idRow]pos             // (id, row hash) → row, for ids seen more than once
	noID := map[uint64]pos{}            // row hash → row, rows without id
	out := deals[:0]                    // filtered in place: len(out) <= i
	outSpans := ids.spans[:0]           // the ids of out
	outHashes := hashes[:0]             // their row hashes
	lineItems := map[int32]int{}        // index in out → rows merged into it
	where := func(p pos, file int32) string {
		if p.file == file {
			return fmt.Sprintf("row %d", p.row)
		}
		return fmt.Sprintf("%s row %d", filepath.Base(st.res.Files[p.file].Path), p.row)
	}
	keep := func(i int) {
		outPos[i] = int32(len(out))
		out = append(out, deals[i])
		outSpans = append(outSpans, ids.spans[i])
		outHashes = append(outHashes, hashes[i])
	}
	for i := range deals {
		d, hash, id := deals[i], hashes[i], ids.of(i)
		here := pos{d.File, d.Row}
		if len(id) == 0 {
			if p, dup := noID[hash]; dup {
				st.problem(Problem{File: st.res.Files[d.File].Path, Row: int(d.Row), Kind: "possible duplicate",
					Detail: "identical to " + where(p, d.File) + " and there is no deal id to tell them apart", Action: "kept"})
			} else {
				noID[hash] = here
			}
			keep(i)
			continue
		}
		if firstOf[i] < 0 { // the first deal of its id is always kept
			keep(i)
			continue
		}
		k := outPos[firstOf[i]]
		first, firstHash, sid := &out[k], outHashes[k], string(id)
		if exact == nil {
			exact = map[idRow]pos{}
		}
		if _, ok := exact[idRow{sid, firstHash}]; !ok {
			exact[idRow{sid, firstHash}] = pos{first.File, first.Row}
		}
		if p, dup := exact[idRow{sid, hash}]; dup {
			st.problem(Problem{File: st.res.Files[d.File].Path, Row: int(d.Row), Value: sid, Kind: "duplicate row",
				Detail: "same deal id and values as " + where(p, d.File), Action: "dropped"})
			st.dropDeal(&d)
			continue
		}
		exact[idRow{sid, hash}] = here
		if st.spellings[first.Account].key != st.spellings[d.Account].key || first.Close != d.Close || first.Stage != d.Stage {
			st.problem(Problem{File: st.res.Files[d.File].Path, Row: int(d.Row), Value: sid, Kind: "line item disagrees with its deal",
				Detail: fmt.Sprintf("deal id also on %s with a different account, date or stage; amount added to that deal", where(pos{first.File, first.Row}, d.File)), Action: "merged"})
		}
		first.Amount += d.Amount
		st.dropDeal(&d)
		lineItems[k]++
		st.res.LineItems++
	}
	st.res.Deals, ids.spans, st.hashes = out, outSpans, nil
	if st.res.LineItems > 0 {
		perFile := map[int32][2]int{} // file → rows merged, deals
		for k, n := range lineItems {
			c := perFile[out[k].File]
			perFile[out[k].File] = [2]int{c[0] + n, c[1] + 1}
		}
		files := make([]int32, 0, len(perFile))
		for f := range perFile {
			files = append(files, f)
		}
		slices.Sort(files)
		for _, f := range files {
			c := perFile[f]
			st.problem(Problem{File: st.res.Files[f].Path, Kind: "line items",
				Detail: fmt.Sprintf("%d rows share a deal id with an earlier row and differ from it: read as line items of %d deals", c[0], c[1]), Action: "merged: amounts summed"})
		}
	}
}

// nameAccounts makes the table of accounts, each shown under its most
// frequent spelling, and turns each deal's spelling index into its
// account's index; it names referrers that are accounts the same way, and
// lists likely duplicates that folding did not catch.
func (st *reader) nameAccounts() {
	counts := make([]spellingCount, 0, len(st.spellings))
	for i, a := range st.spellings {
		if n := int(st.dealCounts[i]); n > 0 {
			counts = append(counts, spellingCount{a.keyIdx, a.name, n})
		}
	}
	names, multi := displayNames(len(st.keys), counts) // "" for keys without deals
	st.res.Spellings = multi
	// Likely duplicates need only the names: they are looked for on
	// another core while the rest is done (both only read names).
	dups := make(chan []LikelyDuplicate, 1)
	go func() {
		var keys []string
		for i, k := range st.keys {
			if names[i] != "" {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		dups <- likelyDuplicates(keys, func(k string) string { return names[st.keyIdx[k]] })
	}()
	// An account per key with deals, in the order of the keys' first
	// spellings.
	accountOf := make([]int32, len(st.spellings))
	accountOfKey := make([]int32, len(st.keys))
	for i := range accountOfKey {
		accountOfKey[i] = -1
	}
	for i, a := range st.spellings {
		accountOf[i] = -1
		if st.dealCounts[i] == 0 {
			continue // no deal has it
		}
		k := &accountOfKey[a.keyIdx]
		if *k < 0 {
			*k = int32(len(st.res.Accounts))
			st.res.Accounts = append(st.res.Accounts, Account{Name: names[a.keyIdx], Key: a.key})
		}
		accountOf[i] = *k
	}
	for i := range st.res.Deals {
		d := &st.res.Deals[i]
		d.Account = accountOf[d.Account]
	}
	// Spellings not shown, in the order of their first deal, reported once.
	var renamed []*spelling
	for i, a := range st.spellings {
		if st.dealCounts[i] > 0 && a.name != names[a.keyIdx] {
			renamed = append(renamed, a)
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
	for _, a := range renamed {
		f := st.res.Files[a.file]
		st.problem(Problem{File: f.Path, Row: int(a.row), Column: f.header(FieldAccount), Value: a.name, Kind: "account spelling merged",
			Detail: fmt.Sprintf("%s written this way shown as %q", plural(int(st.dealCounts[a.idx]), "deal", "deals"), names[a.keyIdx]), Action: "fixed"})
	}
	for i := range st.res.Referrers {
		r := &st.res.Referrers[i]
		if k, ok := st.keyIdx[r.Key]; ok && names[k] != "" {
			r.Name = names[k]
		}
	}
	st.res.LikelyDuplicates = <-dups
}

// readAccountNames reads an account export (Salesforce's Account.csv, or
// any file with an id and a name column) into a map from id to name.
//
// Different ids whose names fold to one key become one account; each such
// id is reported, since the tool cannot tell a duplicate account record
// from two companies with one name.
func (st *reader) readAccountNames(path string) (map[string]string, error) {
	var idCol, nameCol int
	isHeader := func(cells []string) bool {
		idCol, nameCol = -1, -1
		for i, c := range cells {
			switch foldHeader(c) {
			case "id", "accountid", "customerid", "companyid":
				if idCol < 0 {
					idCol = i
				}
			case "name", "accountname", "companyname", "customername":
				if nameCol < 0 {
					nameCol = i
				}
			}
		}
		return idCol >= 0 && nameCol >= 0
	}
	in, err := openInput(path, "", st.opts.Limits, isHeader)
	if err != nil {
		if fe, ok := err.(*FileError); ok && strings.HasPrefix(fe.Msg, "expected a header row") {
			fe.Msg = "expected an account export with an Id and a Name column (for --accounts), found no such header row in the first 30 rows"
		}
		return nil, err
	}
	defer in.close()
	m := map[string]string{}
	firstID := map[string]string{} // folded name → first id with it
	for {
		cells, row, err := in.src.next()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, &FileError{Path: path, Msg: fmt.Sprintf("cannot read past row %d", row), Err: err}
		}
		if idCol < len(cells) && nameCol < len(cells) {
			id, name := normalizeID(cells[idCol]), strings.TrimSpace(cells[nameCol])
			if id != "" && name != "" {
				m[strings.Clone(id)] = strings.Clone(name)
				k := FoldAccount(name)
				if other, dup := firstID[k]; dup && other != id {
					st.problem(Problem{File: path, Row: row, Column: in.header[nameCol], Value: name, Kind: "account name shared by several ids",
						Detail: fmt.Sprintf("ids %s and %s", other, id), Action: "merged: their deals count as one account"})
				} else if !dup {
					firstID[k] = id
				}
			}
		}
	}
}
