package ingest

import "fmt"

// slashEvidence is what one file's dates written a/b/y say about their
// day/month order, and the text of each such date kept (in row order).
type slashEvidence struct {
	dmy, mdy           int // dates that read only as D/M/Y, only as M/D/Y
	firstDMY, firstMDY int // rows of the first of each, for the message
	all, dotted        int // dates, and those written with dots
	raw                []string
}

// saw counts the evidence of one slash date on row.
func (e *slashEvidence) saw(sd slashDate, row int) {
	e.all++
	if sd.dot {
		e.dotted++
	}
	switch {
	case sd.a > 12:
		if e.dmy == 0 {
			e.firstDMY = row
		}
		e.dmy++
	case sd.b > 12:
		if e.mdy == 0 {
			e.firstMDY = row
		}
		e.mdy++
	}
}

// settleDates decides the day/month order of the file's slash dates from
// the evidence (or the configured order) and drops deals whose date does
// not exist in it. It returns the order ("" for a file without slash
// dates).
func (f *fileRows) settleDates(configured DateOrder) string {
	e := &f.dates
	if len(e.raw) == 0 && e.dmy+e.mdy == 0 {
		return ""
	}
	order := configured
	if order == OrderUnknown {
		order = f.decideOrder()
	}
	l, b := f.l, f.r.b
	col := l.headerOf(FieldCloseDate)
	raw := e.raw
	b.filter(f.start, func(_ int, d *Deal) bool {
		if !d.dateSwap {
			return true
		}
		text := raw[0]
		raw = raw[1:]
		sd, _ := parseSlashDate(text)
		date, ok := sd.resolve(order)
		if !ok {
			f.r.problem(Problem{File: l.path, Row: int(d.Row), Column: col, Value: text, Kind: errNoSuchDay.Error(),
				Detail: "not a date when read as " + order.String(), Action: "skipped", Required: d.Stage != Open})
			return false
		}
		d.Close, d.dateSwap = date, false
		return true
	})
	return order.String()
}

// decideOrder decides the day/month order from the evidence, reporting a
// file that has both or neither.
func (f *fileRows) decideOrder() DateOrder {
	e, path, col := &f.dates, f.l.path, f.l.headerOf(FieldCloseDate)
	switch {
	case e.dmy > 0 && e.mdy > 0:
		order := OrderMDY
		if e.dmy > e.mdy {
			order = OrderDMY
		}
		f.r.problem(Problem{File: path, Column: col, Kind: "dates in both day/month orders",
			Detail: fmt.Sprintf("row %d reads only as D/M/Y, row %d only as M/D/Y; read as %s, the more common", e.firstDMY, e.firstMDY, order), Action: "dates that do not fit skipped"})
		return order
	case e.dmy > 0:
		return OrderDMY
	case e.mdy > 0:
		return OrderMDY
	}
	if e.all > 0 && e.dotted == e.all {
		// 31.12.2024 is the day-first locales' way; no month-first one writes dots.
		f.r.problem(Problem{File: path, Column: col, Kind: "ambiguous day/month order",
			Detail: "no date has a day above 12; dates written with dots read as D.M.Y", Action: "kept; set date_order in dealaudit.yaml or --date-order mdy if wrong"})
		return OrderDMY
	}
	f.r.problem(Problem{File: path, Column: col, Kind: "ambiguous day/month order",
		Detail: "no date has a day above 12; read as M/D/Y", Action: "kept; set date_order in dealaudit.yaml or --date-order dmy if wrong"})
	return OrderMDY
}
