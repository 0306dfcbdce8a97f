package ingest

import (
	"slices"
	"strings"
)

// A report grouped by customer (QuickBooks' Sales by Customer Detail)
// names each customer once, alone in the first column of a heading row,
// leaves that column blank on the customer's transactions below, and
// closes the group with a "Total for …" row:
//
//	,Date,Transaction Type,Num,Amount
//	Amy's Bird Sanctuary
//	,01/15/2024,Invoice,1001,300.00
//	Total for Amy's Bird Sanctuary,,,,$300.00
//
// Its header has no account column and a blank first cell.

// groupedLabel is the header shown for the first column of a grouped
// report, which has none.
const groupedLabel = "(customer headings, column A)"

// groupedReport reports whether in is a report grouped by customer, looking
// at its first 50 rows: at least one heading row and one transaction row,
// and no row with a first cell and other cells that is not a subtotal. It
// is called only for a file without an account column, which cannot be
// read otherwise. When it is, in's rows come through groupedRows, its
// first column is the account, and the header names it groupedLabel.
func groupedReport(in *input) bool {
	if len(in.header) < 2 || trimSpace(in.header[0]) != "" {
		return false
	}
	var peeked []peekedRow
	headings, details, own := 0, 0, 0
	for len(peeked) < 50 {
		cells, row, err := in.src.next()
		if err != nil {
			break
		}
		peeked = append(peeked, peekedRow{slices.Clone(cells), row})
		first, rest := trimSpace(firstCellOf(cells)), extraCells(cells, 1)
		switch {
		case first == "" && rest >= 2:
			details++
		case first != "" && rest == 0 && !subtotalRE.MatchString(first):
			headings++
		case first != "" && rest > 0 && !subtotalRE.MatchString(first):
			own++
		}
	}
	in.src = &replay{rows: peeked, src: in.src}
	if headings == 0 || details == 0 || own > 0 {
		return false
	}
	in.grouped = &groupedRows{src: in.src}
	in.src = in.grouped
	in.header[0] = groupedLabel
	return true
}

// groupedRows gives each transaction row of a grouped report its group's
// name in the first column, and drops heading and subtotal rows, counting
// them.
type groupedRows struct {
	src                 source
	group               string
	headings, subtotals int
}

func (g *groupedRows) next() ([]string, int, error) {
	for {
		cells, row, err := g.src.next()
		if err != nil || len(cells) == 0 {
			return cells, row, err
		}
		first, rest := trimSpace(cells[0]), extraCells(cells, 1)
		switch {
		case first == "":
			if rest > 0 {
				cells[0] = g.group
			}
			return cells, row, nil
		case subtotalRE.MatchString(first):
			g.subtotals++
		case rest == 0:
			g.group = strings.Clone(first)
			g.headings++
		default:
			return cells, row, nil
		}
	}
}

// report writes one quality row for the heading rows and one for the
// subtotal rows read; nothing for a file that is not grouped (g nil).
func (g *groupedRows) report(problem func(Problem), path string) {
	if g == nil {
		return
	}
	problem(Problem{File: path, Column: groupedLabel, Kind: "report grouped by customer",
		Detail: plural(g.headings, "customer heading row", "customer heading rows") + ": each names the account of the rows below it",
		Action: "read as the account column"})
	if g.subtotals > 0 {
		problem(Problem{File: path, Kind: "subtotal rows", Detail: plural(g.subtotals, "row", "rows") + " of totals (Total for …)", Action: "not counted"})
	}
}

func (g *groupedRows) close() error { return g.src.close() }

// replay yields rows already read, then the rest of src.
type replay struct {
	rows []peekedRow
	src  source
}

type peekedRow struct {
	cells []string
	row   int
}

func (r *replay) next() ([]string, int, error) {
	if len(r.rows) > 0 {
		p := r.rows[0]
		r.rows = r.rows[1:]
		return p.cells, p.row, nil
	}
	return r.src.next()
}

func (r *replay) close() error { return r.src.close() }

func firstCellOf(cells []string) string {
	if len(cells) == 0 {
		return ""
	}
	return cells[0]
}
