package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/dealaudit/dealaudit/report/format"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// writeCheck prints what a consultant needs to know about a file before
// building a report from it: how it was read, what it holds and what is
// wrong with it.
func writeCheck(w io.Writer, res *ingest.Result) error {
	p := &printer{w: w}
	for _, f := range res.Files {
		writeFile(p, f)
	}
	sum := res.Summary()
	p.line("deals       %s kept (the build's count, after duplicates and line items): won %s, lost %s, open %s", format.Count(len(res.Deals)), format.Count(sum.Won), format.Count(sum.Lost), format.Count(sum.Open))
	if res.OpenIncomplete > 0 {
		p.line("            %s without account or close date not counted (normal in a CRM)", plural(res.OpenIncomplete, "open deal", "open deals"))
	}
	if res.LineItems > 0 {
		p.line("            %s line-item rows summed into their deals", format.Count(res.LineItems))
	}
	if sum.Won+sum.Lost > 0 {
		p.line("date range  %s to %s (won and lost deals)", sum.First, sum.Last)
	}
	if sum.Open > 0 && sum.LastOpen > sum.Last {
		p.line("            open deals expected to close until %s", sum.LastOpen)
	}
	if res.Currency != "" {
		p.line("currency    %s", res.Currency)
	}
	acc := fmt.Sprintf("%s distinct", format.Count(sum.Accounts))
	if res.Spellings > 0 {
		acc += fmt.Sprintf(" (%s with several spellings, merged)", format.Count(res.Spellings))
	}
	p.line("accounts    %s", acc)
	for i, ld := range res.LikelyDuplicates {
		if i == 10 {
			p.line("            … %d more likely duplicates in data/quality.csv", len(res.LikelyDuplicates)-10)
			break
		}
		p.line("            review: %q and %q (%s)", ld.A, ld.B, ld.Reason)
	}
	p.line("")
	writeProblems(p, res)
	if res.CheckWon() != nil {
		p.line("usable: no: no row is a won deal (below: what the stage values were read as, and the fix)")
	} else if res.Usable() {
		p.line("usable: yes")
	} else {
		n := 0
		for _, pr := range res.Problems {
			if pr.Required {
				n++
			}
		}
		p.line("usable: with gaps: %s with errors in required fields (account, close date, amount, marked !) left out of the report until fixed", plural(n, "won or lost deal", "won or lost deals"))
	}
	return p.err
}

func writeProblems(p *printer, res *ingest.Result) {
	if len(res.Problems) == 0 {
		p.line("problems    none")
		return
	}
	p.line("problems    %s (all in data/quality.csv after a build)", plural(len(res.Problems), "row", "rows"))
	for _, g := range res.Groups() {
		what := g.Kind
		if g.Column != "" {
			what += fmt.Sprintf(" (%s)", g.Column)
		}
		mark := " "
		if g.Required {
			mark = "!"
		}
		var rows []string
		for _, pr := range g.First {
			r := fmt.Sprint(pr.Row)
			if len(res.Files) != 1 || pr.File != res.Files[0].Path {
				r = pr.File + ":" + r
			}
			rows = append(rows, r)
		}
		at := ""
		if len(rows) > 0 {
			at = "  rows " + strings.Join(rows, ", ")
			if g.N > len(rows) {
				at += ", …"
			}
		}
		p.line("  %s %6s  %s: %s%s", mark, format.Count(g.N), what, g.Action, at)
	}
	p.line("")
}

func describeFile(f ingest.FileInfo) string {
	s := f.Path
	if f.Sheet != "" {
		s += fmt.Sprintf(", sheet %q", f.Sheet)
	}
	s += " (" + f.Format
	if f.Delimiter != "" && f.Format == "csv" {
		s += fmt.Sprintf(", delimiter %q", f.Delimiter)
	}
	if f.Format != "xlsx" {
		s += ", " + f.Encoding
	}
	return s + ")"
}

func mappingLines(f ingest.FileInfo) string {
	width := 12 // the field names line up, the longest setting the column
	for _, m := range f.Columns {
		width = max(width, len(m.Field.String()))
	}
	var lines []string
	for _, m := range f.Columns {
		lines = append(lines, fmt.Sprintf("%-*s ← %q (column %s)", width, m.Field, m.Header, ingest.ColumnName(m.Index)))
	}
	return strings.Join(lines, "\n            ")
}

// andMore is " and N more" for a list cut short, "" otherwise.
func andMore(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" and %s more", format.Count(n))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, a ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format+"\n", a...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return format.Count(n) + " " + many
}

// writeFile prints how one file was read: sheet, header, mapping, rows,
// stage values and date order.
func writeFile(p *printer, f ingest.FileInfo) {
	p.line("file        %s", describeFile(f))
	p.line("header      row %d", f.HeaderRow)
	p.line("columns     %s", mappingLines(f))
	if unused, more := f.UnusedListed(); len(unused) > 0 {
		p.line("not used    %s%s", strings.Join(quoteAll(unused), ", "), andMore(more))
	}
	for _, u := range f.Unused {
		if fd, _ := ingest.MatchHeader(u); fd == ingest.FieldAmount {
			p.line("            %q is read for the amount, not %q", f.Header(ingest.FieldAmount), u)
		}
	}
	extra := []string{}
	if f.Blank > 0 {
		extra = append(extra, plural(f.Blank, "blank row", "blank rows"))
	}
	if f.Trailers > 0 {
		extra = append(extra, plural(f.Trailers, "trailer row", "trailer rows"))
	}
	rows := fmt.Sprintf("%s data rows, %s read as deals", format.Count(f.Rows), format.Count(f.Deals))
	if len(extra) > 0 {
		rows += " (skipped " + strings.Join(extra, ", ") + ")"
	}
	p.line("rows        %s", rows)
	if f.OrderLines {
		p.line("lines       order lines: each row's amount added to the order of the same %q", f.Header(ingest.FieldDealID))
		p.line("")
		return
	}
	if len(f.Stages) > 0 {
		var parts []string
		for i, s := range f.Stages {
			if i == 12 {
				parts = append(parts, fmt.Sprintf("… %d more", len(f.Stages)-12))
				break
			}
			v := s.Value
			if v == "" {
				v = "(empty)"
			}
			parts = append(parts, fmt.Sprintf("%s → %s %s%s", quoteAll([]string{v})[0], s.Stage, format.Count(s.Count), readingNote(s.StageReading)))
		}
		p.line("stages      %s", strings.Join(parts, "\n            "))
	} else {
		p.line("stages      no stage column: every row is a won deal")
	}
	if len(f.Kinds) > 0 {
		var parts []string
		for _, k := range f.Kinds {
			reading := "read as sales"
			switch {
			case k.Unrecognised:
				reading = "read as sales (not recognised)"
			case !k.Sale:
				reading = "not read: not a sale"
			}
			parts = append(parts, fmt.Sprintf("%s %s %s", quoteAll([]string{k.Value})[0], format.Count(k.Count), reading))
		}
		p.line("types       %s", strings.Join(parts, "\n            "))
	}
	if f.DiscountMoney > 0 {
		p.line("discount    %s read as money (a share of the list price, or of amount + discount), %s as rates",
			plural(f.DiscountMoney, "value", "values"), format.Count(f.DiscountRate))
	}
	if f.DateOrder != "" {
		p.line("dates       written as %s", f.DateOrder)
	}
	p.line("")
}

// readingNote says how a stage value's reading came about, when not from
// a word the vocabulary knows for sure.
func readingNote(r ingest.StageReading) string {
	switch {
	case r.Configured:
		return " (set in dealaudit.yaml)"
	case r.Assumed:
		return " (assumed; set stages: in dealaudit.yaml if wrong)"
	case r.Unrecognised:
		return " (not recognised)"
	}
	return ""
}
