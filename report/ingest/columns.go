package ingest

import (
	"fmt"
	"sort"
	"strings"
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
	var cols columns
	rank := [numFields]int{}
	for f := range cols {
		cols[f] = -1
	}
	path, hdr := in.info.Path, in.header
	fixed := map[int]bool{}
	for _, f := range Fields {
		ref, ok := named[f]
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
			problem(Problem{File: path, Row: in.info.HeaderRow, Column: h, Value: h,
				Kind: "duplicate header", Detail: fmt.Sprintf("column %s has the same name as column %s, which is used", ColumnName(i), ColumnName(first)), Action: "ignored"})
			in.info.Unused = append(in.info.Unused, h)
			continue
		}
		seenHeader[k] = i
		if fixed[i] {
			continue
		}
		f, r := MatchHeader(h)
		if f == FieldNone || named[f].Header != "" {
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
			if cols[f] >= 0 && named[f].Header == "" {
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
