package ingest

// fileRows turns the parsed rows of one file into deals of the builder,
// in row order: what needs more than the row itself (the account's
// spelling, the stage counts, the evidence for the day/month order).
type fileRows struct {
	r      *reader
	l      *layout
	file   int // index of the file
	start  int // index of the file's first deal in the builder
	stages stageCounts
	dates  slashEvidence
}

func newFileRows(r *reader, l *layout, file int) *fileRows {
	return &fileRows{r: r, l: l, file: file, start: len(r.b.h.Deals)}
}

// accept adds the deal of a parsed row, or reports why there is none.
func (f *fileRows) accept(cells []string, row int, p *parsedRow) {
	r, l := f.r, f.l
	for _, i := range p.fixed {
		r.problem(Problem{File: l.path, Row: row, Column: headerAt(l.header, i), Value: cells[i], Kind: "invalid UTF-8", Action: "fixed: bad bytes replaced"})
	}
	if l.cols[FieldStage] >= 0 || l.cols[FieldIsWon] >= 0 {
		f.stages.add(p.rawStage, r.b.str)
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
	if p.skip {
		return
	}
	if p.currency != "" {
		r.cur.saw(p.currency, p.converted, l.path, l.amountHeader(), row)
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
