package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Fuzz targets: run briefly by .ci/run, longer by hand, for example
//
//	go test ./report/ingest -run XXX -fuzz FuzzReadText -fuzztime 10m
//
// Crashers found are kept in testdata/fuzz/ and run as regression cases by
// every go test.

// readFuzzFile reads data written to a file of the given name and checks
// what any successful read must hold.
func readFuzzFile(t *testing.T, name string, data []byte) {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// A read that does not end is a failure the fuzzer keeps: a hang.
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Read(ctx, []string{p}, Options{})
		done <- result{res, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		panic(fmt.Sprintf("Read of %d bytes did not return in 5 s", len(data)))
	}
	res, err := r.res, r.err
	if err != nil {
		if _, ok := err.(*FileError); !ok && ctx.Err() == nil {
			t.Fatalf("error of type %T, want *FileError: %v", err, err)
		}
		return
	}
	for _, d := range res.Deals {
		if d.Account < 0 || int(d.Account) >= len(res.Accounts) || d.Attrs < 0 || int(d.Attrs) >= len(res.Attrs) ||
			d.ReferredBy < 0 || int(d.ReferredBy) > len(res.Referrers) {
			t.Fatalf("deal's index out of its table: %+v", d)
		}
		if a := res.AccountOf(&d); a.Key == "" || a.Name == "" {
			t.Fatalf("deal without account: %+v", d)
		}
		if math.IsNaN(d.Amount) || math.IsInf(d.Amount, 0) {
			t.Fatalf("amount %v", d.Amount)
		}
		if y, _, _ := d.Close.Civil(); y < 1 || y > 9999 {
			t.Fatalf("date %v", d.Close)
		}
		if d.Row < 1 {
			t.Fatalf("row %d", d.Row)
		}
		if a := res.AccountOf(&d); !utf8.ValidString(a.Name) || !utf8.ValidString(res.AttrsOf(&d).Owner) {
			t.Fatalf("invalid UTF-8 kept: %q", a.Name)
		}
	}
	for _, p := range res.Problems {
		if p.Kind == "" || p.Action == "" {
			t.Fatalf("problem without kind or action: %+v", p)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, name := range []string{"title_trailer.csv", "bom_crlf.csv", "latin1.csv", "whitespace.txt", "duplicates.csv",
		"hubspot.txt", "pipedrive.tsv", "invoice.csv", "salesforce_api.csv", "bad_rows.csv", "utf16.txt", "dmy_dates.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Account,Close Date,Amount\n\"A,2024-01-01,1\n"))
	f.Add([]byte("Account;Date;Amount\r\nA;1/2/2024;1\rB;2/3/2024;2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readFuzzFile(t, "in.csv", data)
	})
}

func FuzzReadXLSX(f *testing.F) {
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "Account")
	x.SetCellValue("Sheet1", "B1", "Close Date")
	x.SetCellValue("Sheet1", "C1", "Amount")
	x.SetCellValue("Sheet1", "A2", "Acme & Co")
	x.SetCellValue("Sheet1", "B2", 45292)
	x.SetCellValue("Sheet1", "C2", 10.5)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes()) // small: the fuzzer minimises every new input, and a large seed stalls it
	f.Fuzz(func(t *testing.T, data []byte) {
		readFuzzFile(t, "in.xlsx", data)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "19970101", "45292", "3/4/24", "31.12.2023", "Jan 5, 2024", "Friday, 5 January 2024 10:00", "2024-13-01", "", "60"} {
		f.Add(s, false, false)
		f.Add(s, true, true)
	}
	f.Fuzz(func(t *testing.T, s string, serial, d1904 bool) {
		d, sd, slash, err := parseDate(s, serial, d1904)
		if err != nil {
			return
		}
		if slash {
			if _, ok := sd.resolve(OrderMDY); !ok {
				if _, ok := sd.resolve(OrderDMY); !ok {
					t.Fatalf("%q: a slash date valid in neither order", s)
				}
			}
			return
		}
		y, m, day := d.Civil()
		if back, ok := DateOf(y, m, day); !ok || back != d {
			t.Fatalf("%q: date %v does not round-trip", s, d)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"$1,234.50", "1 234,50 €", "(1,234.50)", "-1234.5", "1475.3000000000002", "EUR 1.234,50", "1.5E+03", "1,234", "£99", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, cur, err := parseAmount(s)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("%q: %v", s, v)
		}
		// The fast path reads what the reading of every form reads.
		if fv, fcur, ferr := parseAmountForms(strings.TrimSpace(s)); math.Float64bits(fv) != math.Float64bits(v) || fcur != cur || (ferr == nil) != (err == nil) {
			t.Fatalf("%q: parseAmount %v %q %v; parseAmountForms %v %q %v", s, v, cur, err, fv, fcur, ferr)
		}
		if _, _, err := parseDiscount(s, 100, 50); err != nil {
			return
		}
	})
}

func FuzzHeadersAndNames(f *testing.F) {
	for _, s := range []string{"Account Name", "Deal - Won time", "Opportunity Name", "GLOBEX CORPORATION", "Société Générale S.A.", "The Co", "AT&T Inc.", "  ", "Müller GmbH & Co. KG"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		MatchHeader(s)
		k := FoldAccount(s)
		if k2 := FoldAccount(k); k2 != k {
			t.Fatalf("FoldAccount not stable: %q → %q → %q", s, k, k2)
		}
		if isASCII(s) && !isEmail(s) && k != foldWords(s) { // an address is kept whole
			t.Fatalf("foldASCII(%q) = %q, foldWords: %q", s, k, foldWords(s))
		}
		likelyDuplicates([]string{k, k + "x", "x" + k}, func(string) string { return s })
	})
}

// FuzzSheetXML fuzzes the hand-written worksheet scanner directly, where a
// whole-package target spends its time in zip and excelize.
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><worksheet><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x &amp; y</t></is></c></row><row r="3" spans="1:3"><c r="C3"><v>1.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3"><f>SUM(A1)</f><v>2</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="str"><x:v>a&#233;</x:v></x:c><x:c/></x:row><x:row r="2"/></x:sheetData></x:worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="AB2" t="inlineStr"><is><r><t>rich</t></r><rPh><t>ignored</t></rPh></is></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &fastSheet{sst: []string{"zero", "one"}, maxCell: DefaultCellKB << 10}
		s.counted.r = bytes.NewReader(data)
		s.r = bufio.NewReaderSize(&s.counted, 16)
		if err := s.toSheetData(); err != nil {
			return
		}
		last := 0
		for i := 0; i < 1<<16; i++ {
			cells, row, err := s.next()
			if err != nil {
				return
			}
			if row <= last {
				t.Fatalf("row %d after row %d", row, last)
			}
			last = row
			if len(cells) > 1<<14+1 {
				t.Fatalf("%d cells in a row", len(cells))
			}
		}
	})
}

// FuzzCSVReader checks csvReader against encoding/csv with the options it
// stands in for (LazyQuotes, FieldsPerRecord -1), on input whose line ends
// lineEnds has made "\n": the same records, each starting on the same line,
// with as many line breaks inside its cells. A small buffer makes long
// lines take the path for lines longer than it.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"a,b\n\n\n1,2",
		`a,"b ""quoted"" c",d` + "\n" + `"x` + "\n" + `y",z` + "\n",
		`a,b"c,"d"e,"f"` + "\n" + `"unclosed` + "\n\nmore",
		`"a"b,c` + "\n" + `"",""""` + "\n" + `"a"` + "\n",
		"a;b;\"c;d\"\r\ne;f\rg",
		"\"a\n\n\"\n,\n\"",
		"x,y,\"" + string(bytes.Repeat([]byte("long "), 40)) + "\"\n" + string(bytes.Repeat([]byte("z"), 100)) + ",1\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, d uint8) {
		delim := []rune{',', ';', '\t', '|'}[d%4]
		in, err := io.ReadAll(&lineEnds{r: bytes.NewReader(data)})
		if err != nil {
			t.Fatal(err)
		}
		want := csv.NewReader(bytes.NewReader(in))
		want.Comma, want.LazyQuotes, want.FieldsPerRecord = delim, true, -1
		got := newCSVReader(bufio.NewReaderSize(bytes.NewReader(in), 16), byte(delim), DefaultCellKB<<10)
		for n := 1; ; n++ {
			wrec, werr := want.Read()
			grec, gline, gerr := got.read()
			if werr != nil || gerr != nil {
				if werr != gerr {
					t.Fatalf("record %d: encoding/csv: %v, csvReader: %v (%q)", n, werr, gerr, grec)
				}
				return
			}
			if !slices.Equal(wrec, grec) {
				t.Fatalf("record %d: encoding/csv %q, csvReader %q", n, wrec, grec)
			}
			wline, _ := want.FieldPos(0)
			breaks := 0
			for _, c := range wrec {
				breaks += strings.Count(c, "\n")
			}
			if gline != wline || got.breaks != breaks {
				t.Fatalf("record %d %q: starts on line %d with %d breaks, encoding/csv: line %d, %d breaks", n, grec, gline, got.breaks, wline, breaks)
			}
		}
	})
}
