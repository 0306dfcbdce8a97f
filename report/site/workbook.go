package site

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dealaudit/dealaudit/report/format"
)

// workbookSheets are the data tables the workbook holds, in order, each
// a sheet named as given.
var workbookSheets = []struct{ sheet, file, what string }{
	{"periods", "data/periods.csv", "per period: active, new, retained, reactivated and churned accounts, retention, revenue (new and repeat), repeat share, referrals, net and gross revenue retention, win rate, hidden revenue loss"},
	{"cohorts", "data/cohorts.csv", "first-purchase cohort × periods since: accounts active and revenue, logo and revenue retention"},
	{"accounts", "data/accounts.csv", "per account: first and last purchase, deals, lifetime revenue, purchase dates, median gap, status at the as-of date, referral facts, first-deal approach and discount, then the forecast"},
	{"referrers", "data/referrers.csv", "accounts named as referrers: accounts brought and their revenue"},
	{"approach", "data/approach.csv", "customers by the negotiation approach (or discount band) of their first purchase: repeat rate, retention, revenue per account after the first purchase, referrals given, win rate; too_small under 10 accounts"},
	{"owners", "data/owners.csv", "the same figures for the customers each owner first won, and the approach mix of those first purchases"},
	{"call list", "data/calllist.csv", "lapsing and at-risk accounts by the owner of their latest purchase, most value at stake first"},
	{"quality", "data/quality.csv", "every row skipped or changed while reading, and why"},
}

// cellKind is how a column's numbers are shown.
type cellKind int

const (
	kindNumber  cellKind = iota // a count or a figure: as written
	kindMoney                   // the report's currency, two decimals
	kindPercent                 // a fraction shown as a percentage
	kindDate                    // YYYY-MM-DD as an Excel date
)

// columnKinds gives a column its kind by a part of its header, the first
// that matches; other columns of numbers are kindNumber, and cells that
// are not numbers (or dates) are text whatever their column.
var columnKinds = []struct {
	part string
	kind cellKind
}{
	{"first_won", kindDate}, {"last_won", kindDate}, {"last_purchase", kindDate},
	{"p_alive", kindPercent}, {"rate", kindPercent}, {"retention", kindPercent}, {"share", kindPercent}, {"nrr", kindPercent}, {"grr", kindPercent},
	{"discount", kindPercent},
	{"revenue", kindMoney}, {"value_at_stake", kindMoney}, {"expected_value", kindMoney}, {"clv", kindMoney}, {"loss", kindMoney}, {"walked_out", kindMoney}, {"credits", kindMoney}, {"amount", kindMoney},
}

// kindOf is a header's kind: a bound ("retention_low") that of its figure.
func kindOf(header string) cellKind {
	h := strings.TrimSuffix(strings.TrimSuffix(header, "_low"), "_high")
	for _, c := range columnKinds {
		if strings.Contains(h, c.part) {
			return c.kind
		}
	}
	return kindNumber
}

// maxSheetRows is the most data rows a sheet can take (Excel's 1,048,576
// rows, less the header).
const maxSheetRows = 1<<20 - 1

// Workbook writes data/audit.xlsx from the data tables in files: a "Read
// me" sheet (readme, one line a row, then what each sheet holds) then one
// sheet per table, each with
// its header frozen and filtered, columns sized to their contents, and
// number formats for money, percentages and dates. Text is stored as
// text, never as a formula. The bytes depend on nothing but the tables.
func Workbook(files Files, readme []string, st *format.Style) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	fixed := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "dealaudit", Created: fixed, Modified: fixed, Title: "Relationship revenue audit"}); err != nil {
		return nil, err
	}
	styles, err := newWorkbookStyles(f, st)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", "Read me"); err != nil {
		return nil, err
	}
	notes := readme
	for _, s := range workbookSheets {
		b, ok := files[s.file]
		if !ok {
			continue
		}
		notes = append(notes, s.sheet+": "+s.what+".")
		if _, err := f.NewSheet(s.sheet); err != nil {
			return nil, err
		}
		left, err := writeSheet(f, s.sheet, b, styles)
		if err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", s.sheet, err)
		}
		if left > 0 {
			notes = append(notes, fmt.Sprintf("The %s sheet holds the first %d rows of %s; %s has them all.", s.sheet, maxSheetRows, strconv.Itoa(maxSheetRows+left), s.file))
		}
	}
	for i, line := range notes {
		if err := f.SetCellStr("Read me", "A"+strconv.Itoa(i+1), line); err != nil {
			return nil, err
		}
	}
	if err := f.SetColWidth("Read me", "A", "A", 120); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		return nil, err
	}
	return sortedZip(out.Bytes())
}

// fastZip is a zip writer that compresses for speed: most of a large
// workbook's time went to compressing at the default level.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}

// sortedZip rewrites a zip file with its entries in a fixed order
// ([Content_Types].xml first, then by name), their compressed bytes
// copied as they are: the workbook writer stores its parts in no
// particular order.
func sortedZip(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(x, y *zip.File) int {
		if (x.Name == "[Content_Types].xml") != (y.Name == "[Content_Types].xml") {
			if x.Name == "[Content_Types].xml" {
				return -1
			}
			return 1
		}
		return strings.Compare(x.Name, y.Name)
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range files {
		raw, err := zf.OpenRaw()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateRaw(&zf.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// workbookStyles are the style IDs of the header and of each kind.
type workbookStyles struct {
	header int
	kind   map[cellKind]int
}

func newWorkbookStyles(f *excelize.File, st *format.Style) (workbookStyles, error) {
	s := workbookStyles{kind: map[cellKind]int{}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	for _, k := range []struct {
		kind cellKind
		code string
	}{{kindNumber, "General"}, {kindMoney, st.ExcelMoneyFormat()}, {kindPercent, "0.0%"}, {kindDate, "yyyy-mm-dd"}} {
		if s.kind[k.kind], err = f.NewStyle(&excelize.Style{CustomNumFmt: &k.code}); err != nil {
			return s, err
		}
	}
	return s, nil
}

// writeSheet writes one CSV table to sheet and returns how many rows did
// not fit.
func writeSheet(f *excelize.File, sheet string, table []byte, styles workbookStyles) (int, error) {
	header, widths, err := columnWidths(table)
	if err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(w+2)); err != nil {
			return 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	kinds := make([]cellKind, len(header))
	row := make([]any, len(header))
	for i, h := range header {
		kinds[i] = kindOf(h)
		row[i] = excelize.Cell{StyleID: styles.header, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return 0, err
	}
	r := csv.NewReader(bytes.NewReader(table))
	r.FieldsPerRecord = -1
	r.Read() // the header, read above
	n, left := 0, 0
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if n == maxSheetRows {
			left++
			continue
		}
		n++
		row = row[:0]
		for i, v := range rec {
			row = append(row, workbookCell(v, kindAt(kinds, i), styles))
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, row); err != nil {
			return 0, err
		}
	}
	// A table gives the header its filter buttons without the sheet being
	// read back (an autofilter set after streaming parses the whole sheet).
	last, _ := excelize.CoordinatesToCellName(len(header), max(n, 1)+1)
	stripes := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: strings.ReplaceAll(sheet, " ", "_"), ShowRowStripes: &stripes}); err != nil {
		return 0, err
	}
	return left, sw.Flush()
}

// columnWidths reads a CSV table's header and the width of each column
// in characters: its longest cell, at most 60.
func columnWidths(table []byte) ([]string, []int, error) {
	r := csv.NewReader(bytes.NewReader(table))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, err
	}
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = len(h)
	}
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		for i := range min(len(rec), len(widths)) {
			widths[i] = max(widths[i], min(utf8.RuneCountInString(rec[i]), 60))
		}
	}
	return header, widths, nil
}

func kindAt(kinds []cellKind, i int) cellKind {
	if i < len(kinds) {
		return kinds[i]
	}
	return kindNumber
}

// workbookCell is a CSV cell as a workbook cell: a number (or date) in its
// column's format when it reads as one, text otherwise; empty stays empty.
func workbookCell(v string, kind cellKind, styles workbookStyles) any {
	if v == "" {
		return nil
	}
	if kind == kindDate {
		if d, err := time.Parse("2006-01-02", v); err == nil {
			return excelize.Cell{StyleID: styles.kind[kindDate], Value: d}
		}
		return v
	}
	if !isNumber(v) {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return excelize.Cell{StyleID: styles.kind[kind], Value: x}
}

// workbookReadme is the Read me sheet's opening: what the workbook is, as
// of when, from what, and how its figures are written.
func workbookReadme(r Report) []string {
	b := brandOf(r)
	return []string{
		b.Title + ", as of " + r.M.AsOf.String() + ": the report's data tables, one sheet each (the CSV files in data/ hold the same).",
		"Made with dealaudit " + r.Version + " from " + inputNames(r.Inputs) + ".",
		"Rates are shown as percentages (the cell holds the fraction), money in the report's currency, dates as dates; an empty cell is n/a. Each *_low and *_high column is a 95% interval's bound.",
		"Definitions of every figure are in the report's Data quality & method page.",
		"",
	}
}
