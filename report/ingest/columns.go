package ingest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// columns is the resolved column index of each field in one file; -1 when
// the file has none.
type columns [numFields]int

// isHeader holds for a row that names at least two known fields, or one of
// the columns the config names.
func (r *reader) isHeader(cells []string) bool {
	seen := map[Field]bool{}
	for _, c := range cells {
		if f, _ := MatchHeader(c); f != FieldNone {
			seen[f] = true
		}
		for f, ref := range r.opts.Columns {
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

// mapColumns decides which column of in feeds each field: the one the
// configuration names, or the one whose header matches best. It fills in
// in.info's Columns and Unused and reports duplicate headers.
func mapColumns(in *input, named map[Field]ColumnRef, problem func(Problem)) (columns, error) {
	cols, fixed, err := namedColumns(in, named)
	if err != nil {
		return cols, err
	}
	matchColumns(in, named, &cols, fixed, problem)
	systemColumnsOf(in, named, &cols, fixed)
	// Without an account column, the fallback is the account, or the
	// headings of a report grouped by customer.
	switch {
	case cols[FieldAccount] >= 0 || named[FieldAccount].Header != "":
	case cols[FieldAccountAlt] >= 0:
		cols[FieldAccount], cols[FieldAccountAlt] = cols[FieldAccountAlt], -1
	case !fixed[0] && groupedReport(in):
		cols[FieldAccount] = 0
	}
	// A converted amount is in one currency whatever the row's.
	if cols[FieldAmount] >= 0 && cols[FieldCurrency] >= 0 && named[FieldCurrency].Header == "" &&
		headerIn(in, cols[FieldAmount], convertedAmountHeaders) {
		in.info.Unused = append(in.info.Unused, in.header[cols[FieldCurrency]])
		cols[FieldCurrency] = -1
	}
	matchRefundToAmount(in, named, &cols)
	// IsWon/IsClosed only decide the stage when there is no stage column.
	if cols[FieldStage] >= 0 {
		for _, f := range []Field{FieldIsWon, FieldIsClosed} {
			if cols[f] >= 0 && named[f].Header == "" {
				in.info.Unused = append(in.info.Unused, in.header[cols[f]])
				cols[f] = -1
			}
		}
	}
	for _, f := range Fields {
		if cols[f] >= 0 {
			in.info.Columns = append(in.info.Columns, Mapping{Field: f, Header: in.header[cols[f]], Index: cols[f]})
		}
	}
	sort.Strings(in.info.Unused)
	return cols, missingColumns(in, cols)
}

// systemColumnsOf maps the fields systemColumns gives the export in's
// header is recognised as, unless the configuration names the field or the
// column; the column a field had before is then unused.
func systemColumnsOf(in *input, named map[Field]ColumnRef, cols *columns, fixed map[int]bool) {
	folded := make([]string, len(in.header))
	for i, h := range in.header {
		folded[i] = foldHeader(h)
	}
	for _, sys := range systemColumns {
		if !allIn(sys.signature, folded) {
			continue
		}
		for _, f := range Fields {
			h, ok := sys.fields[f]
			if !ok || named[f].Header != "" || named[f].None {
				continue
			}
			i := slices.Index(folded, h)
			if fixed[i] {
				continue
			}
			if cols[f] >= 0 && cols[f] != i {
				in.info.Unused = append(in.info.Unused, in.header[cols[f]])
			}
			in.info.Unused = slices.DeleteFunc(in.info.Unused, func(u string) bool { return u == in.header[i] })
			cols[f] = i
		}
	}
}

func allIn(want, have []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// headerIn reports whether column i of in (when there is one, i >= 0) has
// one of the folded headers of list.
func headerIn(in *input, i int, list []string) bool {
	return i >= 0 && slices.Contains(list, foldHeaderPlain(in.header[i]))
}

// matchRefundToAmount keeps the refunded amount in the amount's currency:
// with a converted amount, a converted refund column; without one, a refund
// column that is not converted, when the file has one (otherwise the
// column found stays, and each refund in it is reported, not netted).
func matchRefundToAmount(in *input, named map[Field]ColumnRef, cols *columns) {
	if cols[FieldRefunded] < 0 || named[FieldRefunded].Header != "" {
		return
	}
	converted := func(i int) bool { return headerIn(in, i, convertedRefundHeaders) }
	want := headerIn(in, cols[FieldAmount], convertedAmountHeaders)
	if converted(cols[FieldRefunded]) == want {
		return
	}
	for i, h := range in.header {
		if f, _ := MatchHeader(h); f == FieldRefunded && converted(i) == want {
			in.info.Unused = append(slices.DeleteFunc(in.info.Unused, func(u string) bool { return u == h }), in.header[cols[FieldRefunded]])
			cols[FieldRefunded] = i
			return
		}
	}
}

// namedColumns finds the columns the configuration names; fixed holds
// them.
func namedColumns(in *input, named map[Field]ColumnRef) (columns, map[int]bool, error) {
	var cols columns
	for f := range cols {
		cols[f] = -1
	}
	fixed := map[int]bool{}
	for _, f := range Fields {
		ref, ok := named[f]
		if !ok || ref.None {
			continue
		}
		found := slices.IndexFunc(in.header, func(h string) bool { return sameHeader(h, ref.Header) })
		if found < 0 {
			where := ""
			if ref.Where != "" {
				where = ref.Where + ": "
			}
			return cols, nil, &FileError{Path: in.info.Path, Msg: fmt.Sprintf("%scolumn %q for %s not found; the header row %d has %s", where, ref.Header, f, in.info.HeaderRow, quoteList(trimCells(in.header, 40)))}
		}
		cols[f] = found
		fixed[found] = true
	}
	return cols, fixed, nil
}

// matchColumns maps the other headers to fields by name: of several
// headers for one field, the one with the best synonym wins; headers that
// repeat an earlier one are reported and ignored.
func matchColumns(in *input, named map[Field]ColumnRef, cols *columns, fixed map[int]bool, problem func(Problem)) {
	rank := [numFields]int{}
	seenHeader := map[string]int{}
	for i, h := range in.header {
		if h == "" {
			continue
		}
		k := foldHeader(h)
		if first, dup := seenHeader[k]; dup {
			problem(Problem{File: in.info.Path, Row: in.info.HeaderRow, Column: h, Value: h,
				Kind: "duplicate header", Detail: fmt.Sprintf("column %s has the same name as column %s, which is used", ColumnName(i), ColumnName(first)), Action: "ignored"})
			in.info.Unused = append(in.info.Unused, h)
			continue
		}
		seenHeader[k] = i
		if fixed[i] {
			continue
		}
		f, r := MatchHeader(h)
		if f == FieldNone || named[f].Header != "" || named[f].None || named[FieldStage].None && (f == FieldIsWon || f == FieldIsClosed) {
			in.info.Unused = append(in.info.Unused, h)
			continue
		}
		if cols[f] >= 0 {
			if r >= rank[f] {
				in.info.Unused = append(in.info.Unused, h)
				continue
			}
			in.info.Unused = append(in.info.Unused, in.header[cols[f]])
		}
		cols[f], rank[f] = i, r
	}
}

// missingColumns refuses a file without a column for a required field,
// naming what was expected (requiredHelp) and what was found.
func missingColumns(in *input, cols columns) error {
	var missing []Field
	var help []string
	for _, f := range []Field{FieldAccount, FieldCloseDate, FieldAmount} {
		if cols[f] < 0 && (f != FieldAmount || cols[FieldQuantity] < 0 || cols[FieldUnitPrice] < 0) {
			missing = append(missing, f)
			help = append(help, requiredHelp[f])
		}
	}
	if len(missing) == 0 {
		return nil
	}
	where := fmt.Sprintf("header row %d", in.info.HeaderRow)
	if in.info.Sheet != "" {
		where = fmt.Sprintf("sheet %q, %s", in.info.Sheet, where)
	}
	return &FileError{Path: in.info.Path, Msg: fmt.Sprintf("expected a column for %s; found %s: %s; run  dealaudit init %s  to write a dealaudit.yaml to name it in",
		strings.Join(help, " and for "), where, quoteList(trimCells(in.header, 40)), in.info.Path),
		Missing: &MissingColumns{Fields: missing, Info: in.info, Header: in.header}}
}

// MissingColumns is what was found in a file without a column for a
// required field: the header, the columns mapped, and for each missing
// field the headers whose first values look like it.
type MissingColumns struct {
	Fields     []Field
	Info       FileInfo
	Header     []string
	Candidates map[Field][]string
}

// candidates reads the first rows after the header and returns, for each
// missing field, up to three headers of unmapped columns whose values look
// like it: dates, amounts, or names (many distinct words).
func candidates(in *input, cols columns, missing []Field) map[Field][]string {
	used := map[int]bool{}
	for _, i := range cols {
		if i >= 0 {
			used[i] = true
		}
	}
	type shape struct {
		n, dates, amounts, text int
		distinct                map[string]bool
	}
	shapes := make([]shape, len(in.header))
	for r := 0; r < 50; r++ {
		cells, _, err := in.src.next()
		if err != nil {
			break
		}
		for i, c := range cells {
			if c = trimSpace(c); c == "" || i >= len(shapes) || used[i] {
				continue
			}
			sh := &shapes[i]
			sh.n++
			if _, _, _, err := parseDate(c, in.serial, in.date1904); err == nil {
				sh.dates++
			} else if _, _, err := parseAmount(c); err == nil {
				sh.amounts++
			} else if strings.IndexFunc(c, unicode.IsLetter) >= 0 {
				sh.text++
				if sh.distinct == nil {
					sh.distinct = map[string]bool{}
				}
				sh.distinct[c] = true
			}
		}
	}
	looks := map[Field]func(shape) bool{
		FieldCloseDate: func(s shape) bool { return s.dates*5 >= s.n*4 },
		FieldAmount:    func(s shape) bool { return s.amounts*5 >= s.n*4 },
		FieldAccount:   func(s shape) bool { return s.text*5 >= s.n*4 && len(s.distinct) > 1 },
	}
	out := map[Field][]string{}
	for _, f := range missing {
		var idx []int
		for i, sh := range shapes {
			if sh.n > 0 && looks[f](sh) {
				idx = append(idx, i)
			}
		}
		if f == FieldAccount { // most distinct names first
			sort.SliceStable(idx, func(a, b int) bool { return len(shapes[idx[a]].distinct) > len(shapes[idx[b]].distinct) })
		}
		for _, i := range idx[:min(3, len(idx))] {
			out[f] = append(out[f], in.header[i])
		}
	}
	return out
}

// ColumnName returns the spreadsheet letter of a 0-based column: 0 → A, 27 → AB.
func ColumnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
