package ingest

import (
	"fmt"
	"hash/maphash"
	"maps"
	"path/filepath"
	"slices"
)

// dedupe applies the duplicates and line-items rule: rows that share a deal
// id and agree on every value are one deal exported twice (the copy is
// dropped); rows that share a deal id but differ are line items of one deal
// (amounts summed into the first). Identical rows without a deal id are kept
// and reported as possible duplicates. Rows of one id are told apart by a
// hash of the whole row. It reports what it did through problem.
func (b *builder) dedupe(files []FileInfo, problem func(Problem)) (lineItems int) {
	type pos struct{ file, row int32 }
	type idRow struct {
		id   string
		hash uint64
	}
	deals := b.h.Deals
	seed := maphash.MakeSeed()
	firstOf := firstOfIDs(&b.ids, len(deals), func(id []byte) uint64 { return maphash.Bytes(seed, id) })
	drop := make([]bool, len(deals))
	var exact map[idRow]pos            // (id, row hash) → row, for ids seen more than once
	noID := map[uint64]pos{}           // row hash → row, rows without id
	merged := map[int32]int{}          // first deal of an id → rows merged into it
	firstAmount := map[int32]float64{} // first deal of an id with lines → its own amount
	repeated := map[int32]int{}        // file → lines that repeat their order's total
	totals := orderTotals(files)
	where := func(p pos, file int32) string {
		if p.file == file {
			return fmt.Sprintf("row %d", p.row)
		}
		return fmt.Sprintf("%s row %d", filepath.Base(files[p.file].Path), p.row)
	}
	for i := range deals {
		d, hash, id := &deals[i], b.hashes[i], b.ids.of(i)
		here := pos{d.File, d.Row}
		if len(id) == 0 {
			if p, dup := noID[hash]; dup {
				problem(Problem{File: files[d.File].Path, Row: int(d.Row), Kind: "possible duplicate",
					Detail: "identical to " + where(p, d.File) + " and there is no deal id to tell them apart", Action: "kept"})
			} else {
				noID[hash] = here
			}
			continue
		}
		k := firstOf[i]
		if k < 0 { // the first deal of its id is always kept
			continue
		}
		first, sid := &deals[k], string(id)
		if exact == nil {
			exact = map[idRow]pos{}
		}
		if _, ok := exact[idRow{sid, b.hashes[k]}]; !ok {
			exact[idRow{sid, b.hashes[k]}] = pos{first.File, first.Row}
		}
		drop[i] = true
		if p, dup := exact[idRow{sid, hash}]; dup {
			problem(Problem{File: files[d.File].Path, Row: int(d.Row), Value: sid, Kind: "duplicate row",
				Detail: "same deal id and values as " + where(p, d.File), Action: "dropped"})
			continue
		}
		exact[idRow{sid, hash}] = here
		if b.spellings[b.spelling[k]].keyIdx != b.spellings[b.spelling[i]].keyIdx || first.Close != d.Close || first.Stage != d.Stage {
			problem(Problem{File: files[d.File].Path, Row: int(d.Row), Value: sid, Kind: "line item disagrees with its deal",
				Detail: fmt.Sprintf("deal id also on %s with a different account, date or stage; amount added to that deal", where(pos{first.File, first.Row}, d.File)), Action: "merged"})
		}
		if _, ok := firstAmount[k]; !ok {
			firstAmount[k] = first.Amount
		}
		if totals[d.File] && d.Amount == firstAmount[k] {
			repeated[d.File]++ // the order's total written again on its line: counted once
			continue
		}
		first.Amount += d.Amount
		merged[k]++
		lineItems++
	}
	b.filter(0, func(i int, _ *Deal) bool { return !drop[i] })
	reportLineItems(files, deals, merged, problem)
	for _, f := range slices.Sorted(maps.Keys(repeated)) {
		problem(Problem{File: files[f].Path, Column: files[f].Header(FieldAmount), Kind: "order total repeated on its lines",
			Detail: fmt.Sprintf("%s of orders repeat the order's total: counted once", plural(repeated[f], "line", "lines")),
			Action: "counted once"})
	}
	return lineItems
}

// orderTotals says, for each file, whether its amount column holds an
// order's total (orderTotalHeaders), which exports repeat on every line.
func orderTotals(files []FileInfo) []bool {
	totals := make([]bool, len(files))
	for i := range files {
		totals[i] = slices.Contains(orderTotalHeaders, foldHeaderPlain(withoutBrackets(files[i].Header(FieldAmount))))
	}
	return totals
}

// reportLineItems reports, per file, the rows merged into deals of the
// same id; merged counts them by the index of the deal they went into.
func reportLineItems(files []FileInfo, deals []Deal, merged map[int32]int, problem func(Problem)) {
	perFile := map[int32][2]int{} // file → rows merged, deals
	for k, n := range merged {
		c := perFile[deals[k].File]
		perFile[deals[k].File] = [2]int{c[0] + n, c[1] + 1}
	}
	for _, f := range slices.Sorted(maps.Keys(perFile)) {
		c := perFile[f]
		problem(Problem{File: files[f].Path, Kind: "line items",
			Detail: fmt.Sprintf("%d rows share a deal id with an earlier row and differ from it: read as line items of %d deals", c[0], c[1]), Action: "merged: amounts summed"})
	}
}

// firstOfIDs returns, for each of the first n deals, the index of the
// first deal with the same id, or -1 for a first deal or one without id.
// Each deal with an id becomes one number, the top bits of its id's hash
// above its index; sorted, deals of one id are side by side in input
// order, with the rare other id whose hash shares those bits, which the
// ids' text tells apart. The keys are sorted by a radix sort on the hash
// bits: linear, in passes over one array (docs/performance.md has what it
// saves over slices.Sort).
func firstOfIDs(ids *ids, n int, hash func([]byte) uint64) []int32 {
	firstOf := make([]int32, n)
	keys := make([]uint64, 0, n)
	for i := range n {
		firstOf[i] = -1
		if id := ids.of(i); len(id) > 0 {
			keys = append(keys, hash(id)>>idBits<<idBits|uint64(i))
		}
	}
	radixSort(keys, idBits)
	for lo := 0; lo < len(keys); {
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
// (deals are counted in int32); the hash keeps the rest.
const (
	idBits = 31
	idMask = 1<<idBits - 1
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
