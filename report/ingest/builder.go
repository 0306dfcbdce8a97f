package ingest

import (
	"math"
	"slices"
	"strings"
)

// builder makes the History of a Read: it is the only place that interns
// accounts, referrers and descriptive fields and appends deals. Beside the
// deals it keeps, in step, each deal's spelling of its account, its id
// and the hash of its source row; add appends to all of them, filter
// drops from all of them, and nothing else changes them. Deal.Account is
// set when the accounts are named (names.go), from the spellings.
type builder struct {
	h         History
	spellings []spelling // each way an account is written, in order of first appearance
	// dealsOf counts, by spelling, the deals kept that write it so: apart
	// from spellings, read on every row, so that it stays in the cache.
	dealsOf   []int32
	spellIdx  *spellingTable   // spelling → its index
	keys      []string         // each account key once, in the order of their first spellings
	keyIdx    map[string]int32 // key → its index in keys
	idKeys    map[int32]bool   // keys that are ids, not names (never paired as likely duplicates)
	referrers map[string]int32 // referrer as written → its Deal.ReferredBy
	attrs     map[Attrs]int32  // each distinct Attrs → its index in h.Attrs
	intern    map[string]string
	// attrsReferral says, for each of h.Attrs, whether its lead source is
	// a referral.
	attrsReferral []bool
	referral      referralWords

	// In step with h.Deals:
	spelling []int32  // index into spellings
	hashes   []uint64 // of each deal's whole source row
	ids      ids
}

// spelling is one way an account name is written: its key's index in
// builder.keys, its name and folded key, and the file and row of the first
// deal kept that writes it so.
type spelling struct {
	keyIdx    int32
	name, key string
	file, row int32
}

func newBuilder(referral referralWords) *builder {
	return &builder{
		h:         History{Attrs: []Attrs{{}}},
		spellIdx:  newSpellingTable(0),
		keyIdx:    map[string]int32{},
		idKeys:    map[int32]bool{},
		referrers: map[string]int32{},
		attrs:     map[Attrs]int32{{}: 0},
		intern:    map[string]string{},
		referral:  referral,
	}
}

// maxReserve bounds the rows reserve sizes for ahead: estimates come from
// a file's size and its first lines, and a sparse 20 GB file of blank
// lines (72 KB on disk) estimated billions; past this the tables grow as
// rows come (2M rows: about 150 MB reserved).
const maxReserve = 2 << 20

// reserve makes room for about n more deals at once, so that a million
// deals are not copied over and over as the slices grow.
func (b *builder) reserve(n int) {
	if n <= 0 {
		return
	}
	n = min(n, maxReserve)
	if len(b.h.Deals) == 0 && len(b.spellings) == 0 {
		// Before the first deals, the maps that hold about an entry per
		// account are sized for the rows expected, not grown a step at a
		// time.
		b.spellIdx.resize(n / dealsPerAccount)
		b.keyIdx = make(map[string]int32, n/dealsPerAccount)
	}
	if need := len(b.h.Deals) + n + n/8; need > cap(b.h.Deals) {
		b.h.Deals = resized(b.h.Deals, need)
		b.spelling = resized(b.spelling, need)
		b.hashes = resized(b.hashes, need)
		b.ids.spans = resized(b.ids.spans, need)
	}
}

// resized returns s in an array of capacity n (a new array is fresh from
// the system and need not be cleared, where growing a slice clears it).
func resized[T any](s []T, n int) []T {
	r := make([]T, len(s), n)
	copy(r, s)
	return r
}

// dealsPerAccount is the guess of deals per account that maps keyed by
// account are sized by ahead.
const dealsPerAccount = 8

// spellingOf returns the index of an account spelling whose hash
// (spellingTable.hash) is h, and whether it folds to no key; it folds
// each distinct spelling once. An id (isID: from an id column) is its own
// key, never folded: ids that differ in case are different accounts.
func (b *builder) spellingOf(h uint64, name string, isID bool) (int32, bool) {
	if sl := b.spellIdx.find(h, name); sl != nil {
		return sl.idx, sl.keyless
	}
	s := strings.Clone(name)
	i := int32(len(b.spellings))
	sp := spelling{name: s}
	key := FoldAccount(s)
	if isID {
		key = s
	}
	sp.keyIdx, sp.key = b.keyOf(key)
	if isID {
		b.idKeys[sp.keyIdx] = true
	}
	b.spellings = append(b.spellings, sp)
	b.dealsOf = append(b.dealsOf, 0)
	b.spellIdx.add(h, s, i, sp.key == "")
	return i, sp.key == ""
}

// keyOf returns the index in b.keys of the account key k, added when new,
// and the stored copy of k.
func (b *builder) keyOf(k string) (int32, string) {
	if i, ok := b.keyIdx[k]; ok {
		return i, b.keys[i]
	}
	i := int32(len(b.keys))
	b.keyIdx[k] = i
	b.keys = append(b.keys, k)
	return i, k
}

// add appends a deal of the account spelling sp from the parsed row p,
// whose strings may be parts of an input line (they are copied when
// stored).
func (b *builder) add(d Deal, sp int32, p *parsedRow) {
	d.Attrs = b.attrsOf(p.attrs)
	if p.referrer != "" {
		d.ReferredBy = b.referrer(p.referrer)
	}
	d.Referral = d.ReferredBy != 0 || b.referralAttrs(d.Attrs)
	if b.dealsOf[sp]++; b.dealsOf[sp] == 1 {
		b.spellings[sp].file, b.spellings[sp].row = d.File, d.Row
	}
	b.h.Deals = append(b.h.Deals, d)
	b.spelling = append(b.spelling, sp)
	b.hashes = append(b.hashes, p.hash)
	b.ids.add(p.id)
}

// filter keeps, of the deals from the index from on, those for which keep
// returns true (keep may change the deal), with their spellings, ids and
// hashes.
func (b *builder) filter(from int, keep func(i int, d *Deal) bool) {
	out := from
	for i := from; i < len(b.h.Deals); i++ {
		if !keep(i, &b.h.Deals[i]) {
			b.dealsOf[b.spelling[i]]--
			continue
		}
		b.h.Deals[out], b.spelling[out], b.hashes[out], b.ids.spans[out] = b.h.Deals[i], b.spelling[i], b.hashes[i], b.ids.spans[i]
		out++
	}
	b.h.Deals, b.spelling, b.hashes, b.ids.spans = b.h.Deals[:out], b.spelling[:out], b.hashes[:out], b.ids.spans[:out]
}

// str returns a stored copy of s shared by equal values, so that a million
// deals hold each owner or stage name once and no deal keeps a whole input
// line alive.
func (b *builder) str(s string) string {
	s = trimSpace(s)
	if s == "" {
		return ""
	}
	if v, ok := b.intern[s]; ok {
		return v
	}
	c := strings.Clone(s)
	b.intern[c] = c
	return c
}

// referrer returns the Deal.ReferredBy of the referrer named name, folding
// each distinct name once.
func (b *builder) referrer(name string) int32 {
	if r, ok := b.referrers[name]; ok {
		return r
	}
	// A referrer written as an account already is shares its strings.
	var ref Account
	if sl := b.spellIdx.find(b.spellIdx.hash(name), name); sl != nil {
		ref = Account{Name: b.spellings[sl.idx].name, Key: b.spellings[sl.idx].key}
	} else {
		ref.Name = strings.Clone(name)
		_, ref.Key = b.keyOf(FoldAccount(ref.Name))
	}
	b.h.Referrers = append(b.h.Referrers, ref)
	r := int32(len(b.h.Referrers))
	b.referrers[ref.Name] = r
	return r
}

// attrsOf returns the index of the stored Attrs equal to a.
func (b *builder) attrsOf(a Attrs) int32 {
	if i, ok := b.attrs[a]; ok {
		return i
	}
	c := Attrs{LeadSource: b.str(a.LeadSource), Type: b.str(a.Type), Owner: b.str(a.Owner), Approach: b.str(a.Approach), Segment: b.str(a.Segment)}
	i := int32(len(b.h.Attrs))
	b.h.Attrs = append(b.h.Attrs, c)
	b.attrs[c] = i
	return i
}

// referralAttrs reports whether the lead source of the stored Attrs i is a
// referral, working it out once per Attrs.
func (b *builder) referralAttrs(i int32) bool {
	for int(i) >= len(b.attrsReferral) {
		b.attrsReferral = append(b.attrsReferral, b.referral.match(b.h.Attrs[len(b.attrsReferral)].LeadSource))
	}
	return b.attrsReferral[i]
}

// referralWords are the folded lead-source words that mark a referral.
type referralWords []string

func newReferralWords(sources []string) referralWords {
	if sources == nil {
		sources = DefaultReferralSources
	}
	var w referralWords
	for _, s := range sources {
		w = append(w, foldHeader(s))
	}
	return w
}

// match reports whether a lead source holds one of the words.
func (w referralWords) match(source string) bool {
	if source == "" {
		return false
	}
	k := foldHeader(source)
	for _, r := range w {
		if r != "" && strings.Contains(k, r) {
			return true
		}
	}
	return false
}

// ids are deal ids stored end to end; span i is the id of deal i: a
// million ids are two allocations and nothing for the collector to trace,
// not a million strings.
type ids struct {
	buf      []byte
	spans    []idSpan
	overflow bool // more than 4 GiB of ids: Read refuses the input
}

type idSpan struct{ off, n uint32 }

func (s *ids) of(i int) []byte {
	sp := s.spans[i]
	return s.buf[sp.off : sp.off+sp.n]
}

// add appends the id of the next deal. Offsets are 32-bit: past 4 GiB of
// ids (some hundred million deals) it sets overflow instead.
func (s *ids) add(id string) {
	if uint64(len(s.buf))+uint64(len(id)) > math.MaxUint32 {
		s.overflow = true
		id = ""
	}
	s.spans = append(s.spans, idSpan{off: uint32(len(s.buf)), n: uint32(len(id))})
	s.buf = append(s.buf, id...)
	if len(s.spans) == idSample {
		// The deals expected (the spans' capacity, see reserve) at the
		// ids' mean length so far: one allocation instead of a long
		// series of copies, each a quarter longer.
		s.buf = slices.Grow(s.buf, (cap(s.spans)-idSample)*(len(s.buf)/idSample+1))
	}
}

// idSample is how many ids add reads before sizing the array for the rest.
const idSample = 1024
