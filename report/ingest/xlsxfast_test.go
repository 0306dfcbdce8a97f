package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// readAll reads every row of every sheet with a source.
func readAll(t *testing.T, next func() ([]string, int, error)) [][]string {
	t.Helper()
	var rows [][]string
	for {
		cells, n, err := next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		for len(rows) < n-1 {
			rows = append(rows, nil)
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		rows = append(rows, cells)
	}
}

func trimRows(rows [][]string) [][]string {
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows
}

// sameAsExcelize compares the fast reader with excelize's row iterator on
// every sheet and cell of a workbook.
func sameAsExcelize(t *testing.T, path string) {
	t.Helper()
	ref, err := openWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.close()
	fast, err := openFastBook(path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.close()
	if ref.date1904 != fast.date1904 {
		t.Errorf("%s: date1904 %v vs %v", path, ref.date1904, fast.date1904)
	}
	if a, b := strings.Join(ref.sheets(), "|"), strings.Join(fast.sheets(), "|"); a != b {
		t.Errorf("%s: visible sheets %q vs %q", path, a, b)
	}
	cells := 0
	for _, sheet := range ref.f.GetSheetList() {
		rs, err := ref.open(sheet)
		if err != nil {
			t.Fatal(err)
		}
		want := trimRows(readAll(t, rs.next))
		rs.close()
		fs, err := fast.open(sheet)
		if err != nil {
			t.Fatal(err)
		}
		got := trimRows(readAll(t, fs.next))
		fs.close()
		if len(got) != len(want) {
			t.Errorf("%s, sheet %q: %d rows, excelize %d", path, sheet, len(got), len(want))
		}
		for i := 0; i < min(len(got), len(want)); i++ {
			if strings.Join(got[i], "\x1f") != strings.Join(want[i], "\x1f") {
				t.Errorf("%s, sheet %q, row %d:\n fast     %q\n excelize %q", path, sheet, i+1, got[i], want[i])
				if t.Failed() && i > 5 {
					return
				}
			}
			cells += len(want[i])
		}
	}
	if cells == 0 {
		t.Errorf("%s: no cells compared", path)
	}
}

func TestFastXLSXSameAsExcelize(t *testing.T) {
	dir := t.TempDir()
	// Shared strings, numbers, booleans, dates, rich text, escapes, gaps.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Account")
	f.SetCellValue("Sheet1", "B1", "Close Date")
	f.SetCellValue("Sheet1", "C1", "Amount")
	f.SetCellValue("Sheet1", "A2", `Smith & Sons <Ltd> "quoted" 'single'`)
	f.SetCellValue("Sheet1", "B2", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC))
	f.SetCellValue("Sheet1", "C2", 1475.3000000000002)
	f.SetCellValue("Sheet1", "D2", true)
	f.SetCellValue("Sheet1", "E2", false)
	f.SetCellValue("Sheet1", "F2", -0.000012)
	f.SetCellValue("Sheet1", "G2", 12345678901234)
	f.SetCellValue("Sheet1", "A3", "line one\nline two")
	f.SetCellValue("Sheet1", "C3", "  padded  ")
	f.SetCellValue("Sheet1", "Z3", "far right")
	f.SetCellValue("Sheet1", "A7", "after a gap of rows")
	f.SetCellValue("Sheet1", "B7", "Zoë, Müller, 東京, emoji 🙂")
	f.SetCellRichText("Sheet1", "A8", []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain"}})
	f.SetCellFormula("Sheet1", "C8", "C2*2")
	f.SetCellValue("Sheet1", "A9", "Account") // a repeated shared string
	f.NewSheet("Hidden")
	f.SetCellValue("Hidden", "A1", "secret")
	f.SetSheetVisible("Hidden", false)
	shared := filepath.Join(dir, "shared.xlsx")
	if err := f.SaveAs(shared); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// Inline strings and styles from the stream writer, as large exports have.
	f = excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", []any{"Deal ID", "Account", "Close Date", "Amount"})
	for i := 0; i < 500; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("D-%05d", i), fmt.Sprintf("Acct %d & Co", i%37),
			excelize.Cell{Value: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), StyleID: style}, float64(i) * 1.5})
	}
	sw.Flush()
	inline := filepath.Join(dir, "inline.xlsx")
	if err := f.SaveAs(inline); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// A 1904 workbook and the committed sample.
	p1904 := workbookFixture(t, "mac.xlsx", true, nil, map[string][][]any{"S": {{"Account", "Close Date"}, {"A", 43830}}}, "S")
	for _, p := range []string{shared, inline, p1904, filepath.Join("..", "..", "sample-data", "deals.xlsx")} {
		t.Run(filepath.Base(p), func(t *testing.T) { sameAsExcelize(t, p) })
	}
}

func TestUnescapeAndBstr(t *testing.T) {
	tests := map[string]string{
		"a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;": `a & b <c> "d" 'e'`,
		"&#233;&#xE9;&#x1F642;":                           "éé🙂",
		"x\r\ny\rz":                                       "x\ny\nz",
		"&unknown; &":                                     "&unknown; &",
	}
	for in, want := range tests {
		if got := string(unescapeXML([]byte(in))); got != want {
			t.Errorf("unescapeXML(%q) = %q, want %q", in, got, want)
		}
	}
	if got := bstrUnmarshal("a_x000D_b_x0009_c"); got != "a\rb\tc" {
		t.Errorf("bstrUnmarshal = %q", got)
	}
	if got := columnIndex([]byte("AB12")); got != 27 {
		t.Errorf("columnIndex(AB12) = %d", got)
	}
}

func TestPartLimit(t *testing.T) {
	// A part one byte over the limit is refused, with the part and the
	// option that raises the limit named.
	limit := Limits{}.partBytes()
	err := limitedCopy(io.Discard, io.LimitReader(zeroReader{}, limit+1), "xl/sharedStrings.xml", limit)
	if err == nil || !strings.Contains(err.Error(), "xl/sharedStrings.xml expands to more than 1024 MB, the limit (--max-part-mb)") {
		t.Fatalf("err = %v", err)
	}
	if err := limitedCopy(io.Discard, strings.NewReader("small"), "p", 10); err != nil {
		t.Errorf("small part refused: %v", err)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestSheetScannerLimits(t *testing.T) {
	scan := func(xml string) error {
		s := &fastSheet{maxCell: DefaultCellKB << 10}
		s.counted.r = strings.NewReader(xml)
		s.r = bufio.NewReader(&s.counted)
		if err := s.toSheetData(); err != nil {
			return err
		}
		for {
			if _, _, err := s.next(); err != nil {
				return err
			}
		}
	}
	if err := scan(`<worksheet><sheetData><row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>`); err == nil || !strings.Contains(err.Error(), "beyond column XFD") {
		t.Errorf("a far column: %v", err)
	}
	if err := scan(`<worksheet><sheetData><row r="999999999"><c><v>1</v></c></row></sheetData></worksheet>`); err == nil || !strings.Contains(err.Error(), "beyond the 1048576 rows") {
		t.Errorf("a far row: %v", err)
	}
	if err := scan(`<worksheet><sheetData><row r="2"><c r="XFD2"><v>1</v></c></row></sheetData></worksheet>`); err != io.EOF {
		t.Errorf("column XFD: %v", err)
	}
}

func TestSheetLimitInRead(t *testing.T) {
	// A 1 MB limit on a workbook whose sheet is larger: the read stops with
	// the limit named.
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Account", "Close Date", "Amount"})
	for i := 0; i < 20000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("Account number %d with a long name", i), "2024-01-01", 1})
	}
	sw.Flush()
	p := filepath.Join(t.TempDir(), "big.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	_, err := Read(context.Background(), []string{p}, Options{Limits: Limits{SheetMB: 1}})
	if err == nil || !strings.Contains(err.Error(), "more than 1 MB, the limit (--max-sheet-mb)") {
		t.Errorf("err = %v", err)
	}
	if _, err := Read(context.Background(), []string{p}, Options{}); err != nil {
		t.Errorf("default limits: %v", err)
	}
}
