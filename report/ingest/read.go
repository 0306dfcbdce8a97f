package ingest

import (
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Options say how to read the files. The zero value reads with detected
// mappings.
type Options struct {
	// Columns names the header to use for a field, overriding detection.
	Columns map[Field]ColumnRef
	// Sheet is the XLSX sheet to read; "" picks the first visible sheet
	// that has a header.
	Sheet string
	// DateOrder settles dates like 03/04/2024; unknown decides per column.
	DateOrder DateOrder
	// Accounts is an account export (id, name) that turns account ids in
	// the deals into names.
	Accounts string
	// ReferralSources are lead-source words that mark a referral; nil means
	// DefaultReferralSources.
	ReferralSources []string
	// CurrencyRates converts amounts in other currencies (by ISO code) into
	// the report's currency. Needed when a file mixes currencies.
	CurrencyRates map[string]float64
	// Progress, if set, is called every few thousand rows and at the end
	// of each file.
	Progress func(Progress)
	// Limits bound what an XLSX file may expand to.
	Limits Limits
}

// Progress is how far reading has come.
type Progress struct {
	File         string
	File1, Files int   // the file being read (from 1) and how many there are
	Rows         int   // rows read so far, all files
	Bytes, Size  int64 // bytes of the current file read, and its size
	Done         bool  // the last file is read
}

// ColumnRef names a column for a field; Where says where it was named
// ("dealaudit.yaml line 4") for error messages.
type ColumnRef struct {
	Header string
	Where  string
}

// DefaultReferralSources mark a lead source as a referral.
var DefaultReferralSources = []string{"referral", "referred", "word of mouth"}

// Read reads every file as one deal history.
//
// It returns an error only for a file that cannot be used at all (a
// *FileError, naming the file, what was expected and what was found); every
// problem in single rows is a Problem in the result.
func Read(ctx context.Context, paths []string, opts Options) (*Result, error) {
	st := &reader{
		opts:       opts,
		res:        &Result{History: History{Attrs: []Attrs{{}}}},
		intern:     map[string]string{},
		referralOf: map[string]bool{},
		accounts:   newSpellingTable(0),
		keyIdx:     map[string]int32{},
		referrers:  map[string]int32{},
		attrs:      map[Attrs]int32{{}: 0},
		currency:   map[string]currencySeen{},
		converted:  map[string]int{},
		rowSeed:    maphash.MakeSeed(),
	}
	for _, s := range opts.ReferralSources {
		st.referral = append(st.referral, foldHeader(s))
	}
	if opts.ReferralSources == nil {
		for _, s := range DefaultReferralSources {
			st.referral = append(st.referral, foldHeader(s))
		}
	}
	if opts.Accounts != "" {
		m, err := st.readAccountNames(opts.Accounts)
		if err != nil {
			return nil, err
		}
		st.accountNames = m
	}
	st.nfiles = len(paths)
	for i, p := range paths {
		if err := st.readFile(ctx, i, p); err != nil {
			return nil, err
		}
	}
	if opts.Progress != nil {
		opts.Progress(Progress{File1: len(paths), Files: len(paths), Rows: st.rows, Done: true})
	}
	// The tables that turned cells into indexes are not needed any more:
	// let them go before duplicates and names take their own memory.
	st.accounts, st.intern, st.referrers, st.attrs = nil, nil, nil, nil
	if err := st.checkCurrencies(); err != nil {
		return nil, err
	}
	if st.res.ids.overflow {
		return nil, &FileError{Path: paths[len(paths)-1], Msg: "the deal ids add up to more than 4 GiB; split the input into several builds"}
	}
	st.dedupe()
	st.nameAccounts()
	// Problems in file order (an --accounts file last), then by row.
	order := make(map[string]int, len(st.res.Files))
	for i := len(st.res.Files) - 1; i >= 0; i-- {
		order[st.res.Files[i].Path] = i
	}
	rank := func(path string) int {
		if i, ok := order[path]; ok {
			return i
		}
		return len(st.res.Files)
	}
	sort.SliceStable(st.res.Problems, func(i, j int) bool {
		a, b := st.res.Problems[i], st.res.Problems[j]
		if a.File != b.File {
			return rank(a.File) < rank(b.File)
		}
		return a.Row < b.Row
	})
	return st.res, nil
}

type reader struct {
	opts         Options
	res          *Result
	intern       map[string]string
	accounts     *spellingTable   // spelling as written → its index
	spellings    []*spelling      // by index: a deal's Account while reading
	dealCounts   []int32          // by spelling index: deals kept that write it so
	keys         []string         // each account key once, in the order of their first spellings
	keyIdx       map[string]int32 // key → its index in keys
	referrers    map[string]int32 // referrer as written → its Deal.ReferredBy
	attrs        map[Attrs]int32  // each distinct Attrs → its index in res.Attrs
	referral     []string
	referralOf   map[string]bool   // lead source → isReferral, per stored source
	accountNames map[string]string // account id → name, from Options.Accounts
	currency     map[string]currencySeen
	converted    map[string]int // amounts converted, per currency
	nfiles, rows int            // for progress
	// hashes are the hashes of each deal's whole source row, beside
	// res.Deals until dedupe has used them.
	hashes  []uint64
	rowSeed maphash.Seed // of hashes
	// attrsReferral says, for each of res.Attrs, whether its lead source
	// is a referral.
	attrsReferral []bool
}

type currencySeen struct {
	file, column string
	row          int
}

// report calls the progress callback, if any.
func (st *reader) report(idx int, path string, src source) {
	if st.opts.Progress == nil {
		return
	}
	p := Progress{File: path, File1: idx + 1, Files: st.nfiles, Rows: st.rows}
	if s, ok := src.(interface{ progress() (int64, int64) }); ok {
		p.Bytes, p.Size = s.progress()
	}
	st.opts.Progress(p)
}

// reserve makes room for about n more deals at once, so that a million
// deals are not copied over and over as the slice grows.
func (st *reader) reserve(n int) {
	if n <= 0 {
		return
	}
	if len(st.res.Deals) == 0 && n/dealsPerAccount > st.accounts.n {
		// Before the first deals, the tables that hold about an entry per
		// account are sized for the rows expected, not grown (and
		// rehashed) a step at a time.
		st.accounts.resize(n / dealsPerAccount)
		st.keyIdx = resized(st.keyIdx, n/dealsPerAccount)
	}
	if need := len(st.res.Deals) + n + n/8; need > cap(st.res.Deals) {
		grown := make([]Deal, len(st.res.Deals), need)
		copy(grown, st.res.Deals)
		st.res.Deals = grown
		more := need - len(st.res.Deals)
		st.hashes = slices.Grow(st.hashes, more)
		st.res.ids.spans = slices.Grow(st.res.ids.spans, more)
	}
}

// dealsPerAccount is the guess of deals per account that maps keyed by
// account are sized by ahead: with fewer accounts they hold some empty
// slots (at most about 3 MB per million deals), with more they grow.
const dealsPerAccount = 8

func resized[K comparable, V any](m map[K]V, n int) map[K]V {
	r := make(map[K]V, n)
	maps.Copy(r, m)
	return r
}

// str returns a stored copy of s shared by equal values, so that a million
// deals hold each owner or stage name once and no deal keeps a whole input
// line alive.
func (st *reader) str(s string) string {
	s = trimSpace(s)
	if s == "" {
		return ""
	}
	if v, ok := st.intern[s]; ok {
		return v
	}
	c := strings.Clone(s)
	st.intern[c] = c
	return c
}

// spelling is one way an account name is written: its index (a deal's
// Account until reading ends, when deals get their account's index
// instead), its name and folded key, and the row of the first deal kept
// that writes it so (reader.dealCounts counts them).
type spelling struct {
	idx, keyIdx int32 // keyIdx: the key's index in reader.keys
	name, key   string
	file, row   int32
}

// account returns the index of an account spelling whose hash
// (st.accounts.hash) is h, and whether it folds to no key; it folds each
// distinct spelling once.
func (st *reader) account(h uint64, name string) (int32, bool) {
	if sl := st.accounts.find(h, name); sl != nil {
		return sl.idx, sl.keyless
	}
	// Each spelling is stored once (in the table and in spellings), and
	// each key once (in keys).
	s := strings.Clone(name)
	a := &spelling{idx: int32(len(st.spellings)), name: s}
	a.keyIdx, a.key = st.keyOf(FoldAccount(s))
	st.accounts.add(h, s, a.idx, a.key == "")
	st.spellings = append(st.spellings, a)
	st.dealCounts = append(st.dealCounts, 0)
	return a.idx, a.key == ""
}

// keyOf returns the index in st.keys of the account key k, added when new,
// and the stored copy of k.
func (st *reader) keyOf(k string) (int32, string) {
	if i, ok := st.keyIdx[k]; ok {
		return i, st.keys[i]
	}
	i := int32(len(st.keys))
	st.keyIdx[k] = i
	st.keys = append(st.keys, k)
	return i, k
}

// referrer returns the Deal.ReferredBy of the referrer named name, folding
// each distinct name once.
func (st *reader) referrer(name string) int32 {
	if r, ok := st.referrers[name]; ok {
		return r
	}
	// A referrer written as an account already is shares its strings.
	var ref Account
	if sl := st.accounts.find(st.accounts.hash(name), name); sl != nil {
		a := st.spellings[sl.idx]
		ref = Account{Name: a.name, Key: a.key}
	} else {
		ref.Name = strings.Clone(name)
		_, ref.Key = st.keyOf(FoldAccount(ref.Name))
	}
	st.res.Referrers = append(st.res.Referrers, ref)
	r := int32(len(st.res.Referrers))
	st.referrers[ref.Name] = r
	return r
}

// attrsOf returns the index of the stored Attrs equal to a (whose strings
// may be parts of an input line: they are copied when stored).
func (st *reader) attrsOf(a Attrs) int32 {
	if i, ok := st.attrs[a]; ok {
		return i
	}
	c := Attrs{LeadSource: st.str(a.LeadSource), Type: st.str(a.Type), Owner: st.str(a.Owner), Approach: st.str(a.Approach), Segment: st.str(a.Segment)}
	i := int32(len(st.res.Attrs))
	st.res.Attrs = append(st.res.Attrs, c)
	st.attrs[c] = i
	return i
}

// dropDeal undoes the count of a deal's spelling when the deal is not kept.
// (It runs before accounts are named, while Account is the spelling's index.)
func (st *reader) dropDeal(d *Deal) {
	st.dealCounts[d.Account]--
}

// maxValue is how much of a cell's value a problem keeps.
const maxValue = 200

func (st *reader) problem(p Problem) {
	if utf8.RuneCountInString(p.Value) > maxValue {
		p.Value = string([]rune(p.Value)[:maxValue]) + "…"
	}
	st.res.Problems = append(st.res.Problems, p)
}

// columns is the resolved column index of each field in one file; -1 when
// the file has none.
type columns [numFields]int

var trailerRE = regexp.MustCompile(`(?i)^(grand totals?\b|totals?\b|subtotals?\b|confidential|copyright|©|\(c\)|generated by|report generated|run by|filtered by|\d+ records?\b)`)

func (st *reader) readFile(ctx context.Context, idx int, path string) error {
	in, err := openInput(path, st.opts.Sheet, st.opts.Limits, st.isHeader)
	if err != nil {
		return err
	}
	defer in.close()
	cols, err := st.mapColumns(in)
	if err != nil {
		return err
	}
	info := &in.info
	for _, t := range in.titles {
		st.problem(Problem{File: path, Row: t.row, Value: t.text, Kind: "title row above the header", Action: "skipped"})
	}
	fr := &fileReader{st: st, in: in, cols: cols, idx: idx, start: len(st.res.Deals), stages: map[string]*stageCount{}}
	// Text files parse fast, so the read-ahead goroutine has time to
	// prepare rows too; an XLSX sheet's byte scanner keeps it busy.
	prep := fr.prepare
	if info.Format == "xlsx" {
		prep = nil
	}
	pl := pipeline(in.src, prep)
	if prep != nil {
		pl.arrived = st.accounts.touch
	}
	in.src = pl // in.close closes it, and so the file
	st.reserve(info.estRows)
	sawBlank := false
	var scratch prepared
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			st.report(idx, path, in.src)
		}
		cells, row, err := in.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &FileError{Path: path, Msg: fmt.Sprintf("cannot read past row %d", info.HeaderRow+info.Rows), Err: err}
		}
		info.Rows++
		st.rows++
		if info.Rows == 2000 {
			if e, ok := in.src.(interface{ estimateRows() int }); ok {
				st.reserve(e.estimateRows() - info.Rows)
			}
		}
		pre := pl.prepared()
		if pre == nil { // not prepared ahead: prepared here
			scratch = prepared{fixed: scratch.fixed[:0]}
			fr.prepare(cells, &scratch)
			pre = &scratch
		}
		ne := pre.nonEmpty
		if ne == 0 {
			info.Blank++
			sawBlank = true
			continue
		}
		if t := firstCell(cells); ne <= 2 && (trailerRE.MatchString(t) || sawBlank && ne == 1) {
			info.Trailers++
			st.problem(Problem{File: path, Row: row, Value: t, Kind: "trailer row below the data", Action: "skipped"})
			continue
		}
		if len(cells) < len(in.header) && strayQuote(cells) {
			st.problem(Problem{File: path, Row: row, Value: strings.Join(cells, ","), Kind: "stray quote",
				Detail: "a quote opened in this row is not closed where it should be, so the lines after it were read into one cell",
				Action: "skipped: fix the quote in the file", Required: true})
			continue
		}
		fr.row(cells, row, pre)
	}
	fr.settleDates()
	info.Deals = len(st.res.Deals) - fr.start
	for v, c := range fr.stages {
		info.Stages = append(info.Stages, StageCount{Value: v, Stage: parseStageCol(cols, v), Count: c.n})
	}
	sort.Slice(info.Stages, func(i, j int) bool {
		a, b := info.Stages[i], info.Stages[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Value < b.Value
	})
	st.res.Files = append(st.res.Files, *info)
	return nil
}

// strayQuote reports whether a short row has a cell holding line breaks:
// the sign of a quote that swallowed the rows after it.
func strayQuote(cells []string) bool {
	for _, c := range cells {
		if strings.IndexByte(c, '\n') >= 0 {
			return true
		}
	}
	return false
}

// parseStageCol reads a stage value the way its column means it.
func parseStageCol(cols columns, v string) Stage {
	if cols[FieldStage] >= 0 {
		return parseStage(v)
	}
	if won, _ := parseBool(v); won {
		return Won
	}
	return Lost
}

// isHeader holds for a row that names at least two known fields, or one of
// the columns the config names.
func (st *reader) isHeader(cells []string) bool {
	seen := map[Field]bool{}
	for _, c := range cells {
		if f, _ := MatchHeader(c); f != FieldNone {
			seen[f] = true
		}
		for f, ref := range st.opts.Columns {
			if sameHeader(c, ref.Header) {
				seen[f] = true
			}
		}
	}
	return len(seen) >= 2
}

func sameHeader(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// mapColumns decides which column feeds each field.
func (st *reader) mapColumns(in *input) (columns, error) {
	var cols columns
	rank := [numFields]int{}
	for f := range cols {
		cols[f] = -1
	}
	path, hdr := in.info.Path, in.header
	fixed := map[int]bool{}
	for _, f := range Fields {
		ref, ok := st.opts.Columns[f]
		if !ok {
			continue
		}
		found := -1
		for i, h := range hdr {
			if sameHeader(h, ref.Header) {
				found = i
				break
			}
		}
		if found < 0 {
			where := ""
			if ref.Where != "" {
				where = ref.Where + ": "
			}
			return cols, &FileError{Path: path, Msg: fmt.Sprintf("%scolumn %q for %s not found; the header row %d has %s", where, ref.Header, f, in.info.HeaderRow, quoteList(trimCells(hdr, 40)))}
		}
		cols[f] = found
		fixed[found] = true
	}
	seenHeader := map[string]int{}
	for i, h := range hdr {
		if h == "" {
			continue
		}
		k := foldHeader(h)
		if first, dup := seenHeader[k]; dup {
			st.problem(Problem{File: path, Row: in.info.HeaderRow, Column: h, Value: h,
				Kind: "duplicate header", Detail: fmt.Sprintf("column %s has the same name as column %s, which is used", ColumnName(i), ColumnName(first)), Action: "ignored"})
			in.info.Unused = append(in.info.Unused, h)
			continue
		}
		seenHeader[k] = i
		if fixed[i] {
			continue
		}
		f, r := MatchHeader(h)
		if f == FieldNone || st.opts.Columns[f].Header != "" {
			in.info.Unused = append(in.info.Unused, h)
			continue
		}
		if cols[f] >= 0 {
			if r >= rank[f] {
				in.info.Unused = append(in.info.Unused, h)
				continue
			}
			in.info.Unused = append(in.info.Unused, hdr[cols[f]])
		}
		cols[f], rank[f] = i, r
	}
	// IsWon/IsClosed only decide the stage when there is no stage column.
	if cols[FieldStage] >= 0 {
		for _, f := range []Field{FieldIsWon, FieldIsClosed} {
			if cols[f] >= 0 && st.opts.Columns[f].Header == "" {
				in.info.Unused = append(in.info.Unused, hdr[cols[f]])
				cols[f] = -1
			}
		}
	}
	for _, f := range Fields {
		if cols[f] >= 0 {
			in.info.Columns = append(in.info.Columns, Mapping{Field: f, Header: hdr[cols[f]], Index: cols[f]})
		}
	}
	sort.Strings(in.info.Unused)
	var missing []string
	if cols[FieldAccount] < 0 {
		missing = append(missing, "the account (Account, Account Name, Company, Customer, Client, Organization, CustomerID)")
	}
	if cols[FieldCloseDate] < 0 {
		missing = append(missing, "the close date (Close Date, Closed On, Won Time, Date, Invoice Date, Order Date)")
	}
	if cols[FieldAmount] < 0 && (cols[FieldQuantity] < 0 || cols[FieldUnitPrice] < 0) {
		missing = append(missing, "the amount (Amount, Value, Deal Value, Revenue, Sales, Total, or Quantity and Unit Price)")
	}
	if len(missing) > 0 {
		where := fmt.Sprintf("header row %d", in.info.HeaderRow)
		if in.info.Sheet != "" {
			where = fmt.Sprintf("sheet %q, %s", in.info.Sheet, where)
		}
		return cols, &FileError{Path: path, Msg: fmt.Sprintf("expected a column for %s; found %s: %s; name the column in dealaudit.yaml (dealaudit init writes one)",
			strings.Join(missing, " and for "), where, quoteList(trimCells(hdr, 40)))}
	}
	return cols, nil
}

// ColumnName returns the spreadsheet letter of a 0-based column: 0 → A, 27 → AB.
func ColumnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// fileReader turns the rows of one file into deals.
type fileReader struct {
	st     *reader
	in     *input
	cols   columns
	idx    int
	start  int // index of this file's first deal in st.res.Deals
	stages map[string]*stageCount
	// firstStages are the first stage values met, also in stages.
	firstStages []stageEntry
	// Slash dates: evidence for the day/month order.
	slashDMY, slashMDY int
	firstDMY, firstMDY int // rows showing each order, for the message
	// slashRaw is the text of each date read with dateSwap set, in row
	// order, for the message when it is not a date in the settled order.
	slashRaw []string
	lastCur  string // the currency of the amount read last, known to be seen
}

func (fr *fileReader) cell(cells []string, f Field) string {
	if i := fr.cols[f]; uint(i) < uint(len(cells)) { // -1: no such column
		return trimSpace(cells[i])
	}
	return ""
}

// trimSpace is strings.TrimSpace, with the call left out for the usual
// cell: one that starts and ends with a printable ASCII byte, which no
// Unicode space is or ends with.
func trimSpace(s string) string {
	if needsTrim(s) {
		return strings.TrimSpace(s)
	}
	return s
}

func needsTrim(s string) bool {
	return len(s) > 0 && (s[0] <= ' ' || s[len(s)-1] <= ' ' || (s[0]|s[len(s)-1]) >= utf8.RuneSelf)
}

func (fr *fileReader) header(f Field) string {
	if i := fr.cols[f]; i >= 0 {
		return fr.in.header[i]
	}
	return ""
}

// prepared is the part of reading a row that needs nothing but the row:
// done on the read-ahead goroutine (fileReader.prepare), so that both cores
// share the work of turning rows into deals.
type prepared struct {
	fixed      []int // columns whose invalid UTF-8 was replaced
	date       Date
	sd         slashDate
	slash      bool
	dateErr    error
	amount     float64
	cur        string
	amountErr  error
	amountRead bool // the amount column was parsed
	hash       uint64
	nonEmpty   int    // cells not blank
	acct       string // the account as written (an id turned into its name)
	acctHash   uint64 // its hash in the reader's spelling table
}

// prepare fills p from cells, replacing invalid UTF-8 in place. It only
// reads what does not change while rows are read (the file reader's column
// mapping, the account names of --accounts, the spelling table's hash
// seed), so it may run on another goroutine while row works on earlier
// rows.
func (fr *fileReader) prepare(cells []string, p *prepared) {
	for i, c := range cells {
		if !utf8.ValidString(c) {
			cells[i] = strings.ToValidUTF8(c, "\uFFFD")
			p.fixed = append(p.fixed, i)
		}
	}
	p.acct = normalizeID(fr.cell(cells, FieldAccount))
	if name, ok := fr.st.accountNames[p.acct]; ok {
		p.acct = name
	}
	if p.acct != "" {
		p.acctHash = fr.st.accounts.hash(p.acct)
	}
	if raw := fr.cell(cells, FieldCloseDate); raw != "" {
		p.date, p.sd, p.slash, p.dateErr = parseDate(raw, fr.in.serial, fr.in.date1904)
	}
	if fr.cols[FieldAmount] >= 0 {
		if raw := fr.cell(cells, FieldAmount); raw != "" {
			p.amount, p.cur, p.amountErr = parseAmount(raw)
			p.amountRead = true
		}
	}
	p.hash, p.nonEmpty = hashRow(fr.st.rowSeed, cells)
}

// row reads one data row into a deal, or records why it cannot; pre is
// what prepare made of it.
func (fr *fileReader) row(cells []string, row int, pre *prepared) {
	st, path := fr.st, fr.in.info.Path
	for _, i := range pre.fixed {
		st.problem(Problem{File: path, Row: row, Column: headerAt(fr.in.header, i), Value: cells[i], Kind: "invalid UTF-8", Action: "fixed: bad bytes replaced"})
	}
	d := Deal{File: int32(fr.idx), Row: int32(row), Stage: Won}
	// Stage first: what is required depends on it.
	switch {
	case fr.cols[FieldStage] >= 0:
		d.Stage = fr.stage(fr.cell(cells, FieldStage))
	case fr.cols[FieldIsWon] >= 0:
		v := fr.cell(cells, FieldIsWon)
		won, _ := parseBool(v)
		closed, _ := parseBool(fr.cell(cells, FieldIsClosed))
		switch {
		case won:
			d.Stage = Won
		case fr.cols[FieldIsClosed] >= 0 && closed:
			d.Stage = Lost
		case fr.cols[FieldIsClosed] < 0 && v != "":
			d.Stage = Lost
		default:
			d.Stage = Open
		}
		fr.stage(v) // counted for the summary; IsWon/IsClosed decide
	}
	need := d.Stage != Open // won and lost deals need account and date
	bad := func(f Field, value, kind, action string, required bool) {
		st.problem(Problem{File: path, Row: row, Column: fr.header(f), Value: value, Kind: kind, Action: action, Required: required})
	}

	acct := pre.acct
	rawDate := fr.cell(cells, FieldCloseDate)
	if !need && (acct == "" || rawDate == "") {
		st.res.OpenIncomplete++
		return
	}
	if acct == "" {
		bad(FieldAccount, "", "no account", "skipped", true)
		return
	}
	sp, keyless := st.account(pre.acctHash, acct)
	d.Account = sp
	if keyless {
		bad(FieldAccount, acct, "account name has no letters or digits", "skipped", need)
		return
	}

	if rawDate == "" {
		bad(FieldCloseDate, "", "no close date", "skipped", true)
		return
	}
	date, sd, slash, err := pre.date, pre.sd, pre.slash, pre.dateErr
	if err != nil {
		bad(FieldCloseDate, rawDate, err.Error(), "skipped", need)
		return
	}
	d.Close = date
	if slash {
		d.dateSwap = true
		switch {
		case sd.a > 12:
			if fr.slashDMY == 0 {
				fr.firstDMY = row
			}
			fr.slashDMY++
		case sd.b > 12:
			if fr.slashMDY == 0 {
				fr.firstMDY = row
			}
			fr.slashMDY++
		}
	}

	if !fr.amount(cells, &d, pre, bad) {
		return
	}
	d.Attrs = st.attrsOf(Attrs{LeadSource: fr.cell(cells, FieldLeadSource), Type: fr.cell(cells, FieldDealType),
		Owner: fr.cell(cells, FieldOwner), Approach: fr.cell(cells, FieldApproach), Segment: fr.cell(cells, FieldSegment)})
	if rb := fr.cell(cells, FieldReferredBy); rb != "" {
		name := normalizeID(rb)
		if n, ok := st.accountNames[name]; ok {
			name = n
		}
		d.ReferredBy = st.referrer(name)
	}
	d.Referral = d.ReferredBy != 0 || st.referralAttrs(d.Attrs)
	var listPrice float64
	if v := fr.cell(cells, FieldListPrice); v != "" {
		if lp, _, err := parseAmount(v); err == nil {
			listPrice = lp
		} else {
			bad(FieldListPrice, v, "list price "+err.Error(), "kept without list price", false)
		}
	}
	if v := fr.cell(cells, FieldDiscount); v != "" {
		if disc, err := parseDiscount(v, listPrice); err == nil {
			d.Discount, d.HasDiscount = disc, true
		} else {
			bad(FieldDiscount, v, "discount "+err.Error(), "kept without discount", false)
		}
	} else if listPrice > 0 && d.Amount >= 0 && d.Amount <= listPrice {
		d.Discount, d.HasDiscount = 1-d.Amount/listPrice, true
	}
	if st.dealCounts[sp]++; st.dealCounts[sp] == 1 {
		st.spellings[sp].file, st.spellings[sp].row = d.File, d.Row
	}
	if d.dateSwap {
		fr.slashRaw = append(fr.slashRaw, st.str(rawDate))
	}
	st.res.Deals = append(st.res.Deals, d)
	st.res.ids.add(normalizeID(fr.cell(cells, FieldDealID)))
	st.hashes = append(st.hashes, pre.hash)
}

// amount fills d.Amount; it reports false when the row is skipped.
func (fr *fileReader) amount(cells []string, d *Deal, pre *prepared, bad func(Field, string, string, string, bool)) bool {
	won := d.Stage == Won
	var v float64
	var cur string
	if fr.cols[FieldAmount] >= 0 {
		raw := fr.cell(cells, FieldAmount)
		if raw == "" {
			if won {
				bad(FieldAmount, "", "no amount on a won deal", "skipped", true)
				return false
			}
			return true
		}
		var err error
		v, cur, err = pre.amount, pre.cur, pre.amountErr
		if !pre.amountRead {
			v, cur, err = parseAmount(raw)
		}
		if err != nil {
			if won {
				bad(FieldAmount, raw, err.Error(), "skipped", true)
				return false
			}
			bad(FieldAmount, raw, err.Error(), "kept without amount", false)
			return true
		}
	} else {
		rq, rp := fr.cell(cells, FieldQuantity), fr.cell(cells, FieldUnitPrice)
		q, _, errQ := parseAmount(rq)
		p, c, errP := parseAmount(rp)
		if errQ != nil || errP != nil {
			f, raw, err := FieldQuantity, rq, errQ
			if errQ == nil {
				f, raw, err = FieldUnitPrice, rp, errP
			}
			if won {
				bad(f, raw, err.Error(), "skipped", true)
				return false
			}
			return true
		}
		v, cur = q*p, c
	}
	if cur != "" {
		if rate, ok := fr.st.opts.CurrencyRates[cur]; ok {
			v *= rate
			fr.st.converted[cur]++
		}
		if cur != fr.lastCur { // most rows repeat the currency before them
			if _, seen := fr.st.currency[cur]; !seen {
				col := fr.header(FieldAmount)
				if col == "" {
					col = fr.header(FieldUnitPrice)
				}
				fr.st.currency[cur] = currencySeen{fr.in.info.Path, col, int(d.Row)}
			}
			fr.lastCur = cur
		}
	}
	d.Amount = v
	return true
}

func headerAt(h []string, i int) string {
	if i < len(h) {
		return h[i]
	}
	return ColumnName(i)
}

// stage counts a raw stage value and reads it as a stage, once per
// distinct value (up to 200 distinct values are counted).
func (fr *fileReader) stage(v string) Stage {
	// A stage column has a handful of values: the first few are compared
	// in a list before the map is hashed.
	for _, e := range fr.firstStages {
		if e.v == v {
			e.c.n++
			return e.c.stage
		}
	}
	if c, ok := fr.stages[v]; ok {
		c.n++
		return c.stage
	}
	st := parseStage(v)
	if len(fr.stages) < 200 {
		c := &stageCount{n: 1, stage: st}
		v = fr.st.str(v)
		fr.stages[v] = c
		if len(fr.firstStages) < 8 {
			fr.firstStages = append(fr.firstStages, stageEntry{v, c})
		}
	}
	return st
}

type stageEntry struct {
	v string
	c *stageCount
}

type stageCount struct {
	n     int
	stage Stage
}

// referralAttrs reports whether the lead source of the stored Attrs i is a
// referral, working it out once per Attrs.
func (st *reader) referralAttrs(i int32) bool {
	for int(i) >= len(st.attrsReferral) {
		st.attrsReferral = append(st.attrsReferral, st.isReferral(st.res.Attrs[len(st.attrsReferral)].LeadSource))
	}
	return st.attrsReferral[i]
}

func (st *reader) isReferral(source string) bool {
	if source == "" {
		return false
	}
	if v, ok := st.referralOf[source]; ok {
		return v
	}
	k, v := foldHeader(source), false
	for _, r := range st.referral {
		if r != "" && strings.Contains(k, r) {
			v = true
			break
		}
	}
	st.referralOf[source] = v
	return v
}

// settleDates decides the day/month order of the file's slash dates from
// the values (or the configured order) and drops dates that do not exist in
// it.
func (fr *fileReader) settleDates() {
	st, info := fr.st, &fr.in.info
	if fr.slashDMY+fr.slashMDY == 0 && !fr.anySlash() {
		return
	}
	order := st.opts.DateOrder
	col := fr.header(FieldCloseDate)
	if order == OrderUnknown {
		switch {
		case fr.slashDMY > 0 && fr.slashMDY > 0:
			order = OrderMDY
			if fr.slashDMY > fr.slashMDY {
				order = OrderDMY
			}
			st.problem(Problem{File: info.Path, Column: col, Kind: "dates in both day/month orders",
				Detail: fmt.Sprintf("row %d reads only as D/M/Y, row %d only as M/D/Y; read as %s, the more common", fr.firstDMY, fr.firstMDY, order), Action: "dates that do not fit skipped"})
		case fr.slashDMY > 0:
			order = OrderDMY
		case fr.slashMDY > 0:
			order = OrderMDY
		default:
			order = OrderMDY
			st.problem(Problem{File: info.Path, Column: col, Kind: "ambiguous day/month order",
				Detail: "no date has a day above 12; read as M/D/Y", Action: "kept; set date_order in dealaudit.yaml or --date-order dmy if wrong"})
		}
	}
	info.DateOrder = order.String()
	deals := st.res.Deals
	keep := deals[:fr.start]
	spans, hashes := st.res.ids.spans[:fr.start], st.hashes[:fr.start]
	raw := fr.slashRaw
	for i, d := range deals[fr.start:] {
		if d.dateSwap {
			text := raw[0]
			raw = raw[1:]
			sd, _ := parseSlashDate(text)
			date, ok := sd.resolve(order)
			if !ok {
				st.problem(Problem{File: info.Path, Row: int(d.Row), Column: col, Value: text, Kind: errNoSuchDay.Error(),
					Detail: "not a date when read as " + order.String(), Action: "skipped", Required: d.Stage != Open})
				st.dropDeal(&d)
				continue
			}
			d.Close, d.dateSwap = date, false
		}
		keep = append(keep, d)
		spans = append(spans, st.res.ids.spans[fr.start+i])
		hashes = append(hashes, st.hashes[fr.start+i])
	}
	st.res.Deals, st.res.ids.spans, st.hashes = keep, spans, hashes
}

func (fr *fileReader) anySlash() bool {
	for _, d := range fr.st.res.Deals[fr.start:] {
		if d.dateSwap {
			return true
		}
	}
	return false
}

// checkCurrencies refuses amounts in several currencies unless every one of
// them has a rate, and reports the amounts it converted.
func (st *reader) checkCurrencies() error {
	tags := make([]string, 0, len(st.currency))
	missing := false
	for t := range st.currency {
		tags = append(tags, t)
		if _, ok := st.opts.CurrencyRates[t]; !ok {
			missing = true
		}
	}
	sort.Strings(tags)
	if len(tags) > 1 && missing {
		var seen []string
		for _, t := range tags {
			seen = append(seen, fmt.Sprintf("%s in row %d", t, st.currency[t].row))
		}
		first := st.currency[tags[0]]
		return &FileError{Path: first.file, Msg: fmt.Sprintf("expected amounts in one currency, found several in column %q (%s); give a rate for each under currency_rates in dealaudit.yaml", first.column, strings.Join(seen, ", "))}
	}
	for _, t := range tags {
		if n := st.converted[t]; n > 0 {
			seen := st.currency[t]
			st.problem(Problem{File: seen.file, Column: seen.column, Value: t, Kind: "amounts converted",
				Detail: fmt.Sprintf("%s in %s multiplied by %v (currency_rates)", plural(n, "amount", "amounts"), t, st.opts.CurrencyRates[t]), Action: "fixed"})
		}
	}
	return nil
}

// hashRow is a hash of a row's trimmed cells, for finding rows exported
// twice, and the number of cells that are not blank. Each cell is hashed
// on its own (so cell bounds count) by maphash, which reads eight bytes at
// a step, and the cells' hashes are chained in order.
func hashRow(seed maphash.Seed, cells []string) (uint64, int) {
	h, n := uint64(fnvOffset), 0
	for _, c := range cells {
		c = trimSpace(c)
		if c != "" {
			n++
		}
		h = (bits.RotateLeft64(h, 29) ^ maphash.String(seed, c)) * fnvPrime
	}
	return h, n
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// fnvString continues the FNV-1a hash h with the bytes of s.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}
