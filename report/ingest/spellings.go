package ingest

import "hash/maphash"

// spellingTable finds an account spelling's index by its text, given the
// text's hash, which parseRow computes with the rest of a row (on the
// read-ahead goroutine for text files), so that the builder does not hash.
// It is open addressing over a power-of-two array of slots, each holding
// the text and the index: a lookup reads one slot and the text's bytes.
type spellingTable struct {
	slots   []spellingSlot
	n       int
	seed    maphash.Seed
	touched uint64 // see touch
}

type spellingSlot struct {
	name    string
	idx     int32
	tag     uint16 // bits of the hash the slot's position does not use; 0 = empty
	keyless bool   // the spelling folds to no key: its deals are skipped
}

func newSpellingTable(n int) *spellingTable {
	t := &spellingTable{seed: maphash.MakeSeed()}
	t.resize(n)
	return t
}

// hash returns the hash find and add take.
func (t *spellingTable) hash(s string) uint64 { return maphash.String(t.seed, s) }

func tagOf(h uint64) uint16 { return uint16(h>>48) | 1 }

// find returns the slot of s, whose hash is h, or nil.
func (t *spellingTable) find(h uint64, s string) *spellingSlot {
	mask := uint64(len(t.slots) - 1)
	tag := tagOf(h)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.tag == 0 {
			return nil
		}
		if sl.tag == tag && sl.name == s {
			return sl
		}
	}
}

// touch reads the slots of the parsed rows' accounts, and the names in
// them that may be theirs, so that the finds of these rows that follow
// read the cache: a find waits for memory twice (the slot, then the
// name); here the reads of a batch's rows do not wait on one another, and
// the processor overlaps them.
func (t *spellingTable) touch(rows []sourceRow) {
	mask := uint64(len(t.slots) - 1)
	var sum uint64
	for i := range rows {
		sum += uint64(t.slots[rows[i].parsed.accountHash&mask].tag)
	}
	for i := range rows {
		h := rows[i].parsed.accountHash
		if sl := &t.slots[h&mask]; sl.tag == tagOf(h) && len(sl.name) > 0 {
			sum += uint64(sl.name[0])
		}
	}
	t.touched += sum // kept, so that the reads are not optimised away
}

// add stores s, whose hash is h and which find did not find.
func (t *spellingTable) add(h uint64, s string, idx int32, keyless bool) {
	if 2*(t.n+1) > len(t.slots) { // at most half full: probes stay short
		t.resize(2 * (t.n + 1))
	}
	t.put(spellingSlot{name: s, idx: idx, tag: tagOf(h), keyless: keyless}, h)
	t.n++
}

func (t *spellingTable) put(sl spellingSlot, h uint64) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].tag != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = sl
}

// resize makes room for n spellings at most half full, keeping those held.
func (t *spellingTable) resize(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if size <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]spellingSlot, size)
	for _, sl := range old {
		if sl.tag != 0 {
			t.put(sl, t.hash(sl.name))
		}
	}
}
