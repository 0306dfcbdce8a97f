package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeCSV writes content as a CSV file in a new folder and returns its path.
func writeCSV(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "deals.csv")
	mustWrite(t, p, []byte(content))
	return p
}

// A 100,000-character account name is read and kept, and not compared
// for typos: its deletion variants alone would cost 10^10 steps (the
// build hung for hours on 1 MB names).
func TestVeryLongNameIsNotComparedForTypos(t *testing.T) {
	long := strings.Repeat("Z", 100_000)
	if vs := deletionVariants([]string{strings.ToLower(long), "acme holdings"}); len(vs) != len("acme holdings")+1 {
		t.Errorf("%d deletion variants, want only the ordinary name's %d", len(vs), len("acme holdings")+1)
	}
	res := read(t, Options{}, writeCSV(t, "Account,Close Date,Amount\n"+long+",2024-01-05,100\nAcme Holdings,2024-02-05,200\n"))
	if len(res.Deals) != 2 || len(res.LikelyDuplicates) != 0 {
		t.Errorf("%d deals, %d likely duplicates", len(res.Deals), len(res.LikelyDuplicates))
	}
}

// An amount of 1e308 is a problem with its row, not an infinity in the
// sums (the build stopped in metrics.json with "json: unsupported value:
// +Inf").
func TestHugeAmountIsAProblem(t *testing.T) {
	res := read(t, Options{}, writeCSV(t, "Account,Close Date,Amount,Stage\nAcme,2024-01-05,1e308,Won\nAcme,2024-02-05,1e308,Won\nBirch,2024-02-05,250,Won\nCedar,2024-03-01,-2e15,Lost\n"))
	if len(res.Deals) != 2 {
		t.Fatalf("%d deals kept, want Birch's and Cedar's", len(res.Deals))
	}
	var rows []int
	for _, p := range res.Problems {
		if p.Column == "Amount" && strings.Contains(p.Kind, "amount beyond") {
			rows = append(rows, p.Row)
		}
	}
	if len(rows) != 3 || rows[0] != 2 || rows[2] != 5 {
		t.Errorf("problems on rows %v, want 2, 3 and 5", rows)
	}
	for _, d := range res.Deals {
		if d.Amount > MaxAmount || d.Amount < -MaxAmount {
			t.Errorf("kept amount %g", d.Amount)
		}
	}
}

// Control and direction characters are removed from the text a label is
// made of, with a fixed problem naming the row; the figures they would
// have reordered come out right.
func TestControlCharactersRemoved(t *testing.T) {
	res := read(t, Options{}, writeCSV(t, "Account,Close Date,Amount,Lead Source,Referred By\n"+
		"Acme,2024-01-05,100,Web\x0bsite,\n"+
		"Birch\u202e,2024-02-05,200,Partner,Crescent Freight Co\u202e\n"+
		"Cedar\x01\u2066,2024-03-05,300,,\n"))
	want := map[string]bool{"Acme": true, "Birch": true, "Cedar": true}
	for i := range res.Deals {
		d := &res.Deals[i]
		name, referrer := res.AccountOf(d).Name, ""
		if r := res.ReferrerOf(d); r != nil {
			referrer = r.Name
		}
		if !want[name] {
			t.Errorf("account %q", name)
		}
		for _, s := range []string{name, res.AttrsOf(d).LeadSource, referrer} {
			if c, changed := cleanText(s); changed {
				t.Errorf("%q kept %q", c, s)
			}
		}
	}
	fixed := 0
	for _, p := range res.Problems {
		if strings.Contains(p.Kind, "control or direction characters removed") && p.Action == "fixed" {
			fixed++
		}
	}
	if fixed != 4 {
		t.Errorf("%d fixed problems, want 4 (lead source, account, referrer, account)", fixed)
	}
}

// Invisible, compatibility and mixed-script look-alike forms of a name
// are the same account; a name in one other script keeps its letters.
func TestLookAlikeNamesFoldTogether(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Glo\u200bbex Corp", "globex"},
		{"Glo\u200dbex Corp", "globex"},
		{"ＧＬＯＢＥＸ Corp", "globex"},
		{"Glo\u00adbex Corp", "globex"},
		{"Gl\u043ebex Corp", "globex"},           // Cyrillic small o
		{"GL\u039fBEX Corp", "globex"},           // Greek capital omicron
		{"Gl\u03bf\u0432\u0435x Corp", "globex"}, // Greek omicron, Cyrillic ve and ie
		{"\u0421\u0415\u0412ex Corp", "cebex"},   // Cyrillic capitals es, ie, ve look like C, E, B
		// A name in one script keeps its letters.
		{"\u0421\u0431\u0435\u0440\u0431\u0430\u043d\u043a", "\u0441\u0431\u0435\u0440\u0431\u0430\u043d\u043a"},
		{"\u0391\u03b8\u03b7\u03bd\u03ac", "\u03b1\u03b8\u03b7\u03bd\u03b1"},
		{"\u0421\u0431\u0435\u0440\u0431\u0430\u043d\u043a Inc", "\u0441\u0431\u0435\u0440\u0431\u0430\u043d\u043a"},                             // a suffix is not Latin letters
		{"\u0420\u043e\u0433\u0430 & \u041a\u043e\u043f\u044b\u0442\u0430", "\u0440\u043e\u0433\u0430 and \u043a\u043e\u043f\u044b\u0442\u0430"}, // "&" is "and", not Latin
	} {
		if got := FoldAccount(c.in); got != c.want {
			t.Errorf("FoldAccount(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A header of 100,000 columns lists 50 unused headers and the count of
// the rest (the whole list made a 17 MB quality page).
func TestUnusedHeadersListed(t *testing.T) {
	var h strings.Builder
	h.WriteString("Account,Close Date,Amount")
	for i := range 100_000 {
		h.WriteString(",x" + strconv.Itoa(i))
	}
	res := read(t, Options{}, writeCSV(t, h.String()+"\nAcme,2024-01-05,100\n"))
	listed, more := res.Files[0].UnusedListed()
	if len(listed) != MaxListedUnused || more != 100_000-MaxListedUnused {
		t.Errorf("%d listed and %d more, want %d and %d", len(listed), more, MaxListedUnused, 100_000-MaxListedUnused)
	}
}

// Placeholder dates (12/31/9999, 1900-01-01) are problems with their row,
// not periods: one such row made the charts span 8,000 years and the
// build time out. Options.Years moves the bounds.
func TestPlaceholderDates(t *testing.T) {
	csv := "Account,Close Date,Amount\nAcme,12/31/9999,100\nAcme,2024-02-05,200\nBirch,1900-01-01,300\nBirch,1949-12-31,50\n"
	res := read(t, Options{}, writeCSV(t, csv))
	if len(res.Deals) != 1 {
		t.Errorf("%d deals kept, want 1", len(res.Deals))
	}
	n := 0
	for _, p := range res.Problems {
		if strings.Contains(p.Kind, "a placeholder date") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d placeholder problems, want 3", n)
	}
	if res := read(t, Options{Years: YearRange{1900, 9999}}, writeCSV(t, csv)); len(res.Deals) != 4 {
		t.Errorf("with years 1900-9999: %d deals, want 4", len(res.Deals))
	}
}

// A 20 GB sparse file (a header, a row, then nothing on disk) and a line
// of 40 MB stop with a message naming the row and the option that raises
// the limit, in little memory: rows were sized ahead from the file's size
// (billions), and a line had no bound. With the limit raised, the long
// line is read.
func TestEndlessLinesAndSparseFiles(t *testing.T) {
	sparse := filepath.Join(t.TempDir(), "sparse.csv")
	head := "Account,Close Date,Amount\nAcme,2024-01-05,100\n" + strings.Repeat("\n", 70_000)
	mustWrite(t, sparse, []byte(head))
	if err := os.Truncate(sparse, 20<<30); err != nil {
		t.Skip("cannot make a sparse file here:", err)
	}
	long := writeCSV(t, "Account,Close Date,Amount\nAcme,2024-01-05,100\nBirch,2024-02-05,"+strings.Repeat("9", 40<<20)+"\n")
	quote := writeCSV(t, "Account,Close Date,Amount\nAcme,2024-01-05,100\n\"Birch"+strings.Repeat("x\n", 10<<20)+"\n")
	for _, p := range []string{sparse, long, quote} {
		_, err := Read(context.Background(), []string{p}, Options{})
		if err == nil || !strings.Contains(err.Error(), "16384 KB") || !strings.Contains(err.Error(), "--max-cell-kb") || !strings.Contains(err.Error(), "cannot read past row") {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	res, err := Read(context.Background(), []string{long}, Options{Limits: Limits{CellKB: 50 << 10}})
	if err != nil {
		t.Fatalf("with --max-cell-kb 51200: %v", err)
	}
	if len(res.Deals) != 1 || len(res.Problems) == 0 || res.Problems[0].Row != 3 || res.Problems[0].Column != "Amount" {
		t.Errorf("with --max-cell-kb 51200 the long line is read and its amount refused: %d deals, problems %.200v", len(res.Deals), res.Problems)
	}
}

// A workbook whose shared strings are over 16 MiB (180,000 unique names,
// as real exports have) is read: excelize spilled them to a temporary file
// and the reader then found no header.
func TestLargeSharedStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 20 MB workbook")
	}
	p := filepath.Join(t.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Account", "Close Date", "Amount"})
	pad := strings.Repeat("x", 90)
	const n = 180_000
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("Account %06d %s", i, pad), "2024-01-05", 100}) // strings go to the shared table
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	res := read(t, Options{}, p)
	if len(res.Deals) != n {
		t.Errorf("%d deals, want %d", len(res.Deals), n)
	}
}

// A worksheet stored outside xl/worksheets/ is streamed like any other,
// never handed whole to excelize (100 MB of cells in a 105 KB file took
// 8 GB): the stub package holds a stub in its place.
func TestWorksheetStoredElsewhere(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Account", "Close Date", "Amount"})
	for i := range 2000 {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("Account %d", i%50), "2024-01-05", 100})
	}
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(dir, "moved.xlsx")
	rewriteParts(t, plain, moved, func(name string, b []byte) (string, []byte) {
		switch name {
		case "xl/worksheets/sheet1.xml":
			name = "xl/worksheets/sub/sheet1.xml"
		case "xl/_rels/workbook.xml.rels", "[Content_Types].xml":
			b = bytes.ReplaceAll(b, []byte("worksheets/sheet1.xml"), []byte("worksheets/sub/sheet1.xml"))
		}
		return name, b
	})
	zm, err := zip.OpenReader(moved)
	if err != nil {
		t.Fatal(err)
	}
	defer zm.Close()
	stub, err := stubPackage(zm, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stub, []byte("Account 49")) || len(stub) > 20_000 {
		t.Errorf("the stub package holds the moved sheet's cells (%d bytes)", len(stub))
	}
	if res := read(t, Options{}, moved); len(res.Deals) != 2000 {
		t.Errorf("%d deals, want 2000", len(res.Deals))
	}
}

// A 20 MB cell of inline text in a small workbook stops with a message
// (a 1 GiB one took 6.3 GB).
func TestHugeXLSXCell(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Account", "Close Date", "Amount"})
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "huge.xlsx")
	rewriteParts(t, plain, p, func(name string, b []byte) (string, []byte) {
		if name == "xl/worksheets/sheet1.xml" {
			b = []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
				`<row r="1"><c r="A1" t="inlineStr"><is><t>Account</t></is></c><c r="B1" t="inlineStr"><is><t>Close Date</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
				`<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("Z", 20<<20) + `</t></is></c></row></sheetData></worksheet>`)
		}
		return name, b
	})
	if _, err := Read(context.Background(), []string{p}, Options{}); err == nil || !strings.Contains(err.Error(), "row 2: a cell's text is longer than 16384 KB") || !strings.Contains(err.Error(), "--max-cell-kb") {
		t.Errorf("error %v", err)
	}
}

// A problem's value shows control characters as escapes, not as
// themselves (an extra cell "B\x10rch" reached quality.csv raw: found by
// FuzzBuild).
func TestProblemValuesAreVisible(t *testing.T) {
	res := read(t, Options{}, writeCSV(t, "Account,Close Date,Amount\nAcme,2024-01-05,100,B\x10rch\u202e\n"))
	for _, p := range res.Problems {
		if c, changed := cleanText(p.Value); changed {
			t.Errorf("problem value %q holds what cleanText removes (%q)", p.Value, c)
		}
		if strings.Contains(p.Kind, "more cells") && p.Value != `B\x10rch\u202e` {
			t.Errorf("value %q", p.Value)
		}
	}
}

// rewriteParts copies the workbook src to dst with each part passed
// through edit, which may rename it or change its bytes.
func rewriteParts(t *testing.T, src, dst string, edit func(name string, b []byte) (string, []byte)) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		name, b := edit(zf.Name, b)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dst, out.Bytes())
}
