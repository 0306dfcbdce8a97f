package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

var sampleHeader = []string{"Opportunity ID", "Account Name", "Opportunity Name", "Stage", "Close Date", "Amount",
	"List Price", "Discount %", "Lead Source", "Referred By", "Type", "Opportunity Owner", "Negotiation Approach", "Segment"}

// The export's dates are fixed so that the files are byte-identical on
// every run.
var exportDate = time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)

// writeSampleCSV writes the history as a CRM report export: plain header,
// dollar-formatted list prices, and Salesforce's trailer below the data.
func writeSampleCSV(path string, deals []deal) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	w.Write(sampleHeader)
	for _, d := range deals {
		date := d.Close.Format("01/02/2006")
		if d.BadDate != "" {
			date = d.BadDate
		}
		w.Write([]string{d.ID, d.Account, d.Name, d.Stage, date, strconv.FormatFloat(d.Amount, 'f', 2, 64),
			dollars(d.ListPrice), strconv.Itoa(int(math.Round(d.Discount*100))) + "%", d.LeadSource, d.ReferredBy,
			d.Type, d.Owner, d.Approach, d.Segment})
	}
	w.Write(nil)
	w.Write([]string{fmt.Sprintf("Grand Totals (%d records)", len(deals))})
	w.Write([]string{"Confidential Information - Do Not Distribute"})
	w.Write([]string{"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."})
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func dollars(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	out := ""
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out += ","
		}
		out += string(c)
	}
	return "$" + out + frac
}

// writeSampleXLSX writes the history as a workbook with a title block above
// the header, real Excel dates and number formats.
func writeSampleXLSX(path string, deals []deal) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Opportunities"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	f.SetDocProps(&excelize.DocProperties{Created: exportDate.Format(time.RFC3339), Modified: exportDate.Format(time.RFC3339), Creator: "dealaudit samplegen"})
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	moneyStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	pctStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	boldStyle, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	sw.SetRow("A1", []any{excelize.Cell{Value: "Northwind Analytics — Opportunity History", StyleID: boldStyle}})
	sw.SetRow("A2", []any{"Exported " + exportDate.Format("2006-01-02") + " · All opportunities · Currency: USD"})
	hdr := make([]any, len(sampleHeader))
	for i, h := range sampleHeader {
		hdr[i] = h
	}
	sw.SetRow("A4", hdr)
	for i, d := range deals {
		var date any = excelize.Cell{Value: d.Close, StyleID: dateStyle}
		if d.BadDate != "" {
			date = d.BadDate
		}
		row := []any{d.ID, d.Account, d.Name, d.Stage, date,
			excelize.Cell{Value: d.Amount, StyleID: moneyStyle}, excelize.Cell{Value: d.ListPrice, StyleID: moneyStyle},
			excelize.Cell{Value: d.Discount, StyleID: pctStyle}, d.LeadSource, d.ReferredBy, d.Type, d.Owner, d.Approach, d.Segment}
		cell, _ := excelize.CoordinatesToCellName(1, 5+i)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

var largeHeader = []string{"Deal ID", "Account", "Close Date", "Stage", "Amount", "Lead Source", "Referred By", "Owner", "Type", "Segment"}

// largeRows generates n benchmark rows with the shape of a real export:
// text ids, accounts that buy again, dates in 2019–2025, won, lost and open
// deals. fn receives each row's values; the slice is reused.
func largeRows(n int, seed uint64, fn func(id, account string, close time.Time, stage string, amount float64, src, ref, owner, typ, seg string) error) error {
	r := rand.New(rand.NewPCG(seed, 7))
	nAcct := max(n/8, 10)
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	days := 7 * 365
	for i := 0; i < n; i++ {
		// A skewed pick: low account numbers buy far more often.
		a := int(float64(nAcct) * math.Pow(r.Float64(), 2))
		close := start.AddDate(0, 0, r.IntN(days))
		stage := "Closed Won"
		switch x := r.Float64(); {
		case x < 0.2:
			stage = "Closed Lost"
		case x < 0.27:
			stage = "Negotiation"
		}
		src, ref := sources[r.IntN(len(sources))], ""
		if r.Float64() < 0.12 {
			src, ref = "Referral", fmt.Sprintf("%s %s %d", stems[(a+3)%len(stems)], kinds[(a+1)%len(kinds)], (a+17)%nAcct)
		}
		amount := math.Round(math.Exp(8.5+0.9*r.NormFloat64())*100) / 100
		err := fn(fmt.Sprintf("D-%08d", i+1), fmt.Sprintf("%s %s %d", stems[a%len(stems)], kinds[a%len(kinds)], a),
			close, stage, amount, src, ref, owners[a%len(owners)].name, "New Business", segments[a%len(segments)])
		if err != nil {
			return err
		}
	}
	return nil
}

func writeLargeCSV(path string, n int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	w.Write(largeHeader)
	rec := make([]string, len(largeHeader))
	err = largeRows(n, seed, func(id, account string, close time.Time, stage string, amount float64, src, ref, owner, typ, seg string) error {
		rec[0], rec[1], rec[2], rec[3] = id, account, close.Format("2006-01-02"), stage
		rec[4], rec[5], rec[6], rec[7], rec[8], rec[9] = dollars(amount), src, ref, owner, typ, seg
		return w.Write(rec)
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeLargeXLSX(path string, n int, seed uint64) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetDocProps(&excelize.DocProperties{Created: exportDate.Format(time.RFC3339), Modified: exportDate.Format(time.RFC3339)})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	moneyStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 7})
	hdr := make([]any, len(largeHeader))
	for i, h := range largeHeader {
		hdr[i] = h
	}
	sw.SetRow("A1", hdr)
	row, i := make([]any, len(largeHeader)), 0
	err = largeRows(n, seed, func(id, account string, close time.Time, stage string, amount float64, src, ref, owner, typ, seg string) error {
		i++
		row[0], row[1], row[2], row[3] = id, account, excelize.Cell{Value: close, StyleID: dateStyle}, stage
		row[4], row[5], row[6], row[7], row[8], row[9] = excelize.Cell{Value: amount, StyleID: moneyStyle}, src, ref, owner, typ, seg
		cell, _ := excelize.CoordinatesToCellName(1, 1+i)
		return sw.SetRow(cell, row)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
