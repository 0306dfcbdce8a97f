package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
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
	// Stages reads stage values explicitly, by StageKey, before the
	// vocabulary does (stages: in dealaudit.yaml).
	Stages map[string]Stage
	// Currency is the report's currency (ISO code), for amounts that do not
	// say, or that CurrencyRates converts into it.
	Currency string
	// CurrencyRates converts amounts in other currencies (by ISO code) into
	// the report's currency. Needed when a file mixes currencies.
	CurrencyRates map[string]float64
	// Progress, if set, is called every few thousand rows and at the end
	// of each file.
	Progress func(Progress)
	// Limits bound what an XLSX file may expand to.
	Limits Limits
	// FirstRowHeader takes a file's first row as its header when no row
	// names a known field (for init, which then asks for the columns).
	FirstRowHeader bool
	// Years are the years a close date may fall in; dates outside are
	// placeholders ("12/31/9999", "1900-01-01") and their rows problems.
	// The zero value is DefaultYears.
	Years YearRange
	// Redact replaces names with pseudonyms (Result.Redact) once read.
	Redact Redaction
}

// YearRange is a range of years, both included.
type YearRange struct{ From, To int }

// DefaultYears are the years a close date may fall in unless
// Options.Years says otherwise.
var DefaultYears = YearRange{1950, 2099}

// years is o.Years, or DefaultYears when unset.
func (o Options) years() YearRange {
	if o.Years == (YearRange{}) {
		return DefaultYears
	}
	return o.Years
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
// ("dealaudit.yaml line 4") for error messages. None switches the field
// off: no column feeds it, whatever the headers (for the stage, every row
// is then a won deal).
type ColumnRef struct {
	Header string
	Where  string
	None   bool
}

// Read reads every file as one deal history.
//
// It returns an error only for a file that cannot be used at all (a
// *FileError, naming the file, what was expected and what was found); every
// problem in single rows is a Problem in the result.
func Read(ctx context.Context, paths []string, opts Options) (*Result, error) {
	r := &reader{opts: opts, res: &Result{}, b: newBuilder(newReferralWords(opts.ReferralSources)),
		cur: newCurrencies(opts.CurrencyRates), rowSeed: maphash.MakeSeed(), nfiles: len(paths)}
	if opts.Accounts != "" {
		m, err := readAccountNames(opts.Accounts, opts.Limits, r.problem)
		if err != nil {
			return nil, err
		}
		r.accountNames = m
	}
	for _, p := range paths {
		in, err := r.open(p, r.opts.Sheet)
		if err != nil {
			return nil, err
		}
		header, others := in.header, in.otherSheets
		if err := r.readInput(ctx, in, p); err != nil {
			return nil, err
		}
		if err := r.readOtherSheets(ctx, p, header, others); err != nil {
			return nil, err
		}
	}
	if opts.Progress != nil {
		opts.Progress(Progress{File1: len(paths), Files: len(paths), Rows: r.rows, Done: true})
	}
	if err := r.joinOrders(); err != nil {
		return nil, err
	}
	if err := r.cur.check(r.problem); err != nil {
		return nil, err
	}
	r.res.Currency = r.cur.Currency()
	if c := strings.ToUpper(opts.Currency); c != "" {
		if r.res.Currency != "" && r.res.Currency != c && len(r.cur.converted) == 0 {
			return nil, &FileError{Path: paths[0], Msg: fmt.Sprintf("the amounts are in %s, but the configuration says the currency is %s; give currency_rates to convert them, or correct currency", r.res.Currency, c)}
		}
		r.res.Currency = c
	}
	if r.b.ids.overflow {
		return nil, &FileError{Path: paths[len(paths)-1], Msg: "the deal ids add up to more than 4 GiB; split the input into several builds"}
	}
	return r.finish(), nil
}

// reader reads the files of one Read into its builder.
type reader struct {
	opts         Options
	res          *Result
	b            *builder
	cur          *currencies
	join         join
	accountNames map[string]string // account id → name, from Options.Accounts
	rowSeed      maphash.Seed
	nfiles, rows int // for progress
}

// finish removes duplicates, names the accounts, puts the problems in
// file order (an --accounts file last), then by row, and redacts what
// the options say.
func (r *reader) finish() *Result {
	res, b := r.res, r.b
	// The maps that turned cells into indexes are not needed any more:
	// let them go before duplicates and names take their own memory.
	b.spellIdx, b.intern, b.referrers, b.attrs = nil, nil, nil, nil
	res.LineItems = b.dedupe(res.Files, r.problem)
	res.Spellings, res.LikelyDuplicates = b.nameAccounts(res.Files, r.problem)
	res.History, res.ids = b.h, b.ids
	dropSelfReferrals(&res.History, res.Files, r.problem)
	reportEarlyCredits(&res.History, res.Files, r.problem)
	order := make(map[string]int, len(res.Files))
	for i := len(res.Files) - 1; i >= 0; i-- {
		order[res.Files[i].Path] = i
	}
	rank := func(path string) int {
		if i, ok := order[path]; ok {
			return i
		}
		return len(res.Files)
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i], res.Problems[j]
		if a.File != b.File {
			return rank(a.File) < rank(b.File)
		}
		return a.Row < b.Row
	})
	res.Redact(r.opts.Redact)
	return res
}

// maxValue is how much of a cell's value a problem keeps.
const maxValue = 200

func (r *reader) problem(p Problem) {
	if utf8.RuneCountInString(p.Value) > maxValue {
		p.Value = string([]rune(p.Value)[:maxValue]) + "…"
	}
	p.Value = visible(p.Value)
	r.res.Problems = append(r.res.Problems, p)
}

// report calls the progress callback, if any.
func (r *reader) report(idx int, path string, src source) {
	if r.opts.Progress == nil {
		return
	}
	p := Progress{File: path, File1: idx + 1, Files: r.nfiles, Rows: r.rows}
	if s, ok := src.(interface{ progress() (int64, int64) }); ok {
		p.Bytes, p.Size = s.progress()
	}
	r.opts.Progress(p)
}

// open opens a file (a sheet of it, when sheet is given), finding its
// header, or its first row with a value for init (FirstRowHeader).
func (r *reader) open(path, sheet string) (*input, error) {
	in, err := openInput(path, sheet, r.opts.Limits, r.isHeader)
	var fe *FileError
	if errors.As(err, &fe) && fe.noHeader && r.opts.FirstRowHeader {
		in, err = openInput(path, sheet, r.opts.Limits, firstRowHeader)
	}
	return in, err
}

// readOtherSheets reads the other visible sheets of a workbook whose
// header is the first sheet's as more of the same history; the others are
// reported as not read, with their header.
func (r *reader) readOtherSheets(ctx context.Context, path string, header, sheets []string) error {
	for _, sh := range sheets {
		in, err := openInput(path, sh, r.opts.Limits, r.isHeader)
		if err != nil {
			r.problem(Problem{File: path, Kind: "sheet not read", Detail: fmt.Sprintf("sheet %q has no header row naming known fields", sh), Action: "ignored: name it with --sheet to read it alone"})
			continue
		}
		if !slices.Equal(in.header, header) {
			in.close()
			r.problem(Problem{File: path, Kind: "sheet not read", Detail: fmt.Sprintf("sheet %q has another header: %s", sh, quoteList(trimCells(in.header, 12))), Action: "ignored: name it with --sheet to read it alone"})
			continue
		}
		if err := r.readInput(ctx, in, sheetLabel(path, sh)); err != nil {
			return err
		}
	}
	return nil
}

// sheetLabel names a workbook's second and later sheets in the quality
// table and check: "deals.xlsx [2024]".
func sheetLabel(path, sheet string) string { return path + " [" + sheet + "]" }

// readInput reads an opened file's rows into the builder; path is how its
// problems name it.
func (r *reader) readInput(ctx context.Context, in *input, path string) error {
	defer in.close()
	idx := len(r.res.Files)
	in.info.Path = path
	cols, err := mapColumns(in, r.opts.Columns, r.problem)
	var fe *FileError
	joinOrders := false
	if errors.As(err, &fe) && fe.Missing != nil {
		switch orders, lines := splitFile(cols, fe.Missing.Fields); {
		case lines:
			return r.readLines(ctx, in, path, cols, fe)
		case orders:
			r.join.orders, r.join.orderFiles = append(r.join.orders, fe), append(r.join.orderFiles, int32(idx))
			joinOrders, err = true, nil
		default:
			fe.Missing.Candidates = candidates(in, cols, fe.Missing.Fields)
		}
	}
	if err != nil {
		return err
	}
	for _, t := range in.titles {
		r.problem(Problem{File: path, Row: t.row, Value: t.text, Kind: "title row above the header", Action: "skipped"})
		r.cur.declare(t.text, false)
	}
	if cols[FieldAmount] >= 0 {
		r.cur.declare(in.header[cols[FieldAmount]], true)
	}
	l := &layout{path: path, header: in.header, cols: cols, serial: in.serial, date1904: in.date1904, years: r.opts.years(),
		accountNames: r.accountNames, rates: r.opts.CurrencyRates, rowSeed: r.rowSeed, accountSeed: r.b.spellIdx.seed, stages: r.opts.Stages,
		accountIDs:      cols[FieldAccount] >= 0 && slices.Contains(accountIDHeaders, foldHeaderPlain(in.header[cols[FieldAccount]])),
		amountConverted: headerIn(in, cols[FieldAmount], convertedAmountHeaders),
		amountFromLines: joinOrders}
	l.refundOtherCurrency = cols[FieldRefunded] >= 0 &&
		l.amountConverted != headerIn(in, cols[FieldRefunded], convertedRefundHeaders)
	f := newFileRows(r, l, idx, &in.info)
	// Text files split fast, so the read-ahead goroutine has time to parse
	// rows too; an XLSX sheet's byte scanner keeps it busy, and its rows
	// are parsed here.
	var ahead func([]string, int, *parsedRow)
	if in.info.Format != "xlsx" {
		ahead = l.parseRow
	}
	pl := pipeline(in.src, ahead)
	if ahead != nil {
		pl.arrived = r.b.spellIdx.touch
	}
	in.src = pl // in.close closes it, and so the file
	r.b.reserve(in.info.estRows)
	if err := r.readRows(ctx, in, pl, f); err != nil {
		return err
	}
	f.settleContinuations()
	f.reportKinds()
	in.grouped.report(r.problem, path)
	in.info.DateOrder = f.settleDates(r.opts.DateOrder)
	in.info.Deals = len(r.b.h.Deals) - f.start
	in.info.Stages = f.stages.counts(l)
	r.res.Files = append(r.res.Files, in.info)
	return nil
}

// readRows reads the rows after the header, skipping blank rows, trailers
// and rows a stray quote swallowed.
func (r *reader) readRows(ctx context.Context, in *input, pl *pipelined, f *fileRows) error {
	info, path := &in.info, in.info.Path
	sawBlank := false
	var scratch parsedRow
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			r.report(f.file, path, in.src)
		}
		cells, row, err := in.src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &FileError{Path: path, Msg: fmt.Sprintf("cannot read past row %d", info.HeaderRow+info.Rows), Err: err}
		}
		info.Rows++
		r.rows++
		if info.Rows == 2000 {
			if e, ok := in.src.(interface{ estimateRows() int }); ok {
				r.b.reserve(e.estimateRows() - info.Rows)
			}
		}
		p := pl.parsed()
		if p == nil { // not parsed ahead: parsed here
			f.l.parseRow(cells, row, &scratch)
			p = &scratch
		}
		switch {
		case p.nonEmpty == 0:
			info.Blank++
			sawBlank = true
		case p.nonEmpty <= 2 && (trailerRE.MatchString(firstCell(cells)) || sawBlank && p.nonEmpty == 1):
			info.Trailers++
			r.problem(Problem{File: path, Row: row, Value: firstCell(cells), Kind: "trailer row below the data", Action: "skipped"})
		case len(cells) < len(in.header) && strayQuote(cells):
			r.problem(Problem{File: path, Row: row, Value: strings.Join(cells, ","), Kind: "stray quote",
				Detail: "a quote opened in this row is not closed where it should be, so the lines after it were read into one cell",
				Action: "skipped: fix the quote in the file", Required: true})
		default:
			f.accept(cells, row, p)
		}
	}
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
