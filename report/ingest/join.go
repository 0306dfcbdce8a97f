package ingest

import (
	"context"
	"fmt"
	"io"
	"slices"
)

// A normalised export comes as two files joined by the order id: orders
// (account, date, status; no amount) and order lines (the amounts). Given
// both, each order's amount is the sum of its lines'.

// join holds what the two kinds of files leave to be joined.
type join struct {
	lines      map[string]float64 // order id → the sum of its lines' amounts
	linesFiles []*FileError       // lines files read, for the message when no orders file is given
	orders     []*FileError       // orders files whose deals wait for their lines
	orderFiles []int32            // their indexes in Result.Files
}

// splitFile tells, for a file with a deal id that lacks required columns,
// whether it is an orders file (only the amount missing) or a lines file
// (the amount there, the account or date missing).
func splitFile(cols columns, missing []Field) (orders, lines bool) {
	if cols[FieldDealID] < 0 {
		return false, false
	}
	hasAmount := !slices.Contains(missing, FieldAmount) || cols[FieldUnitPrice] >= 0 // a line of one item: its price
	if len(missing) == 1 && missing[0] == FieldAmount && !hasAmount {
		return true, false
	}
	return false, hasAmount && (slices.Contains(missing, FieldAccount) || slices.Contains(missing, FieldCloseDate))
}

// readLines reads an order-lines file: each row's amount added to its
// order id.
func (r *reader) readLines(ctx context.Context, in *input, path string, cols columns, fe *FileError) error {
	if r.join.lines == nil {
		r.join.lines = map[string]float64{}
	}
	l := &layout{path: path, header: in.header, cols: cols}
	if cols[FieldAmount] < 0 && cols[FieldQuantity] < 0 {
		l.cols[FieldAmount] = cols[FieldUnitPrice] // one item a line
	}
	info := &in.info
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells, row, err := in.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &FileError{Path: path, Msg: fmt.Sprintf("cannot read past row %d", info.HeaderRow+info.Rows), Err: err}
		}
		info.Rows++
		id := normalizeID(l.cell(cells, FieldDealID))
		if id == "" {
			continue
		}
		p := parsedRow{stage: Won}
		if !l.parseAmount(cells, &p, func(f Field, value, kind, action string, required bool) {
			r.problem(Problem{File: path, Row: row, Column: l.headerOf(f), Value: value, Kind: kind, Action: action, Required: required})
		}) {
			continue
		}
		r.join.lines[id] += p.amount
	}
	r.join.linesFiles = append(r.join.linesFiles, fe)
	info.OrderLines = true
	r.res.Files = append(r.res.Files, *info)
	return nil
}

// joinOrders gives each deal of an orders file the sum of its lines'
// amounts; orders without lines are reported, and lines without an order
// counted in one note. A lines file without an orders file, or the other
// way round, stops the read with the file's own message and the fix.
func (r *reader) joinOrders() error {
	j := &r.join
	switch {
	case len(j.orders) > 0 && len(j.linesFiles) == 0:
		fe := *j.orders[0]
		fe.Msg += "; if the amounts are in an order-lines file with the same order id, give both files"
		return &fe
	case len(j.linesFiles) > 0 && len(j.orders) == 0:
		fe := *j.linesFiles[0]
		fe.Msg += "; if the accounts and dates are in an orders file with the same order id, give both files"
		return &fe
	case len(j.orders) == 0:
		return nil
	}
	used := map[string]bool{}
	b := r.b
	b.filter(0, func(i int, d *Deal) bool {
		if !slices.Contains(j.orderFiles, d.File) {
			return true
		}
		id := string(b.ids.of(i))
		amount, ok := j.lines[id]
		if !ok {
			f := r.res.Files[d.File]
			r.problem(Problem{File: f.Path, Row: int(d.Row), Column: f.Header(FieldDealID), Value: id, Kind: "order without lines",
				Detail: "no row of the order-lines file has this order id", Action: "skipped", Required: d.Stage == Won})
			return false
		}
		used[id] = true
		d.Amount = amount
		return true
	})
	if n := len(j.lines) - len(used); n > 0 {
		r.problem(Problem{File: j.linesFiles[0].Path, Kind: "lines without an order",
			Detail: fmt.Sprintf("%s of order lines name no order of the orders file", plural(n, "order id", "order ids")), Action: "ignored"})
	}
	return nil
}
