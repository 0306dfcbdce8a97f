package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// fileRows turns the parsed rows of one file into deals of the builder,
// in row order: what needs more than the row itself (the account's
// spelling, the stage counts, the evidence for the day/month order).
type fileRows struct {
	info   *FileInfo
	r      *reader
	l      *layout
	file   int // index of the file
	start  int // index of the file's first deal in the builder
	stages stageCounts
	dates  slashEvidence
	// continuations are the won rows without amount but with a deal id,
	// settled when the file is read (settleContinuations).
	continuations []continuation
	// kinds counts the rows of each transaction type as written.
	kinds map[string]int
}

type continuation struct {
	row int
	id  string
}

// settleContinuations reads the won rows without amount whose deal id has
// a deal with an amount in the file as lines of that order (one note for
// the file), and reports the others as won deals without amount.
func (f *fileRows) settleContinuations() {
	if len(f.continuations) == 0 {
		return
	}
	b, l := f.r.b, f.l
	ids := map[string]bool{}
	for i := f.start; i < len(b.h.Deals); i++ {
		ids[string(b.ids.of(i))] = true
	}
	n := 0
	for _, c := range f.continuations {
		if ids[c.id] {
			n++
			continue
		}
		f.r.problem(Problem{File: l.path, Row: c.row, Column: l.headerOf(FieldAmount), Kind: "no amount on a won deal", Action: "skipped", Required: true})
	}
	if n > 0 {
		f.r.problem(Problem{File: l.path, Column: l.headerOf(FieldAmount), Kind: "order lines without the order's amount",
			Detail: fmt.Sprintf("%s share a deal id with a row that has the amount: read as lines of those orders", plural(n, "row without an amount", "rows without an amount")),
			Action: "kept as part of their orders"})
	}
}

// reportKinds records how the file's transaction types were read, and
// writes a quality row for each type whose rows were not read and for each
// not recognised (read as sales).
func (f *fileRows) reportKinds() {
	col := f.l.headerOf(FieldTransactionType)
	for _, k := range slices.Sorted(maps.Keys(f.kinds)) {
		sale, known := transactionKinds[StageKey(k)]
		n := f.kinds[k]
		f.info.Kinds = append(f.info.Kinds, KindCount{Value: k, Count: n, Sale: sale || !known, Unrecognised: !known})
		switch {
		case !sale && known:
			f.r.problem(Problem{File: f.l.path, Column: col, Value: k, Kind: "not a sale",
				Detail: fmt.Sprintf("%s of this transaction type: not a customer's purchase, or the payment of an invoice counted as a sale", plural(n, "row", "rows")),
				Action: "not read"})
		case !known:
			f.r.problem(Problem{File: f.l.path, Column: col, Value: k, Kind: "transaction type not recognised",
				Detail: fmt.Sprintf("%s of this transaction type", plural(n, "row", "rows")), Action: "read as sales"})
		}
	}
}

func newFileRows(r *reader, l *layout, file int, info *FileInfo) *fileRows {
	return &fileRows{r: r, l: l, file: file, start: len(r.b.h.Deals), info: info}
}

// accept adds the deal of a parsed row, or reports why there is none.
func (f *fileRows) accept(cells []string, row int, p *parsedRow) {
	r, l := f.r, f.l
	for _, i := range p.fixed {
		r.problem(Problem{File: l.path, Row: row, Column: headerAt(l.header, i), Value: cells[i], Kind: "invalid UTF-8", Action: "fixed: bad bytes replaced"})
	}
	if extra := extraCells(cells, len(l.header)); extra > 0 {
		r.problem(Problem{File: l.path, Row: row, Value: strings.Join(cells[len(l.header):], ","), Kind: "row has more cells than the header",
			Detail: fmt.Sprintf("%d cells, the header has %d", len(cells), len(l.header)), Action: "kept: the extra cells are not read"})
	}
	if l.cols[FieldStage] >= 0 || l.cols[FieldIsWon] >= 0 {
		f.stages.add(p.rawStage, r.b.str)
	}
	if l.cols[FieldTransactionType] >= 0 {
		if f.kinds == nil {
			f.kinds = map[string]int{}
		}
		f.kinds[r.b.str(p.kind)]++
		if p.notSale {
			return
		}
	}
	if p.incomplete {
		r.res.OpenIncomplete++
		return
	}
	if p.account == "" {
		r.problem(Problem{File: l.path, Row: row, Column: l.headerOf(FieldAccount), Kind: "no account", Action: "skipped", Required: true})
		return
	}
	sp, keyless := r.b.spellingOf(p.accountHash, p.account, p.accountIsID)
	if keyless {
		r.problem(Problem{File: l.path, Row: row, Column: l.headerOf(FieldAccount), Value: p.account,
			Kind: "account name has no letters or digits", Action: "skipped", Required: p.stage != Open})
		return
	}
	if p.dateOK && p.slash {
		f.dates.saw(p.sd, row)
	}
	for _, q := range p.problems {
		r.problem(q)
	}
	if p.continuation {
		f.continuations = append(f.continuations, continuation{row, strings.Clone(p.id)})
		return
	}
	if p.skip {
		return
	}
	if p.currency != "" {
		r.cur.saw(p.currency, p.converted, l.path, l.amountHeader(), row)
	}
	if p.hasDisc {
		if p.discountMoney {
			f.info.DiscountMoney++
		} else {
			f.info.DiscountRate++
		}
	}
	d := Deal{File: int32(f.file), Row: int32(row), Stage: p.stage, Close: p.close, Amount: p.amount,
		Discount: p.discount, HasDiscount: p.hasDisc}
	if p.slash {
		d.dateSwap = true
		f.dates.raw = append(f.dates.raw, r.b.str(p.raw))
	}
	r.b.add(d, sp, p)
}

// amountHeader is the header of the column amounts are read from.
func (l *layout) amountHeader() string {
	if h := l.headerOf(FieldAmount); h != "" {
		return h
	}
	return l.headerOf(FieldUnitPrice)
}

func headerAt(h []string, i int) string {
	if i < len(h) {
		return h[i]
	}
	return ColumnName(i)
}

// extraCells counts the cells from index width on that are not blank (past
// the header's width; after the first cell, with width 1).
func extraCells(cells []string, width int) int {
	n := 0
	for i := width; i < len(cells); i++ {
		if trimSpace(cells[i]) != "" {
			n++
		}
	}
	return n
}
