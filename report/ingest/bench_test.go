package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const benchRows = 50_000

// benchRow returns the cells of one benchmark row: text ids, accounts that
// buy again, ISO dates, dollar amounts.
func benchRow(i int) []string {
	a := (i * 7919) % (benchRows / 8)
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2555)
	stage := [...]string{"Closed Won", "Closed Won", "Closed Won", "Closed Lost", "Negotiation"}[i%5]
	return []string{fmt.Sprintf("D-%08d", i), fmt.Sprintf("Account %d Ltd", a), day.Format("2006-01-02"), stage,
		fmt.Sprintf("$%d,%03d.%02d", 1+i%90, i%1000, i%100), "Web", "", "Dana Whitfield", "New Business", "Retail"}
}

var benchHeader = []string{"Deal ID", "Account", "Close Date", "Stage", "Amount", "Lead Source", "Referred By", "Owner", "Type", "Segment"}

func BenchmarkReadCSV(b *testing.B) {
	p := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Deal ID,Account,Close Date,Stage,Amount,Lead Source,Referred By,Owner,Type,Segment")
	for i := 0; i < benchRows; i++ {
		r := benchRow(i)
		fmt.Fprintf(w, "%s,%s,%s,%s,\"%s\",%s,%s,%s,%s,%s\n", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
	}
	w.Flush()
	f.Close()
	benchRead(b, p)
}

func BenchmarkReadXLSX(b *testing.B) {
	p := filepath.Join(b.TempDir(), "bench.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := make([]any, len(benchHeader))
	for i, h := range benchHeader {
		row[i] = h
	}
	sw.SetRow("A1", row)
	for i := 0; i < benchRows; i++ {
		for j, c := range benchRow(i) {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, row)
	}
	sw.Flush()
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	f.Close()
	benchRead(b, p)
}

func benchRead(b *testing.B, p string) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Read(context.Background(), []string{p}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Deals) != benchRows {
			b.Fatalf("%d deals", len(res.Deals))
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkParseAmount(b *testing.B) {
	for _, s := range []string{"4388.06", "$4,388.06", "1.234,50 €", "EUR 1.234,50"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := parseAmount(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
