package ingest

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbookFixture writes a workbook: sheets in order, each a list of rows;
// hidden names sheets to hide.
func workbookFixture(t *testing.T, name string, date1904 bool, hidden []string, sheets map[string][][]any, order ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		v := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &v}); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, sh := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", sh)
		} else if _, err := f.NewSheet(sh); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[sh] {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sh, cell, v); err != nil {
					t.Fatal(err)
				}
				if _, ok := v.(time.Time); ok {
					f.SetCellStyle(sh, cell, cell, dateStyle)
				}
			}
		}
	}
	if len(hidden) > 0 { // the active sheet cannot be hidden
		idx, _ := f.GetSheetIndex(order[len(order)-1])
		f.SetActiveSheet(idx)
	}
	for _, h := range hidden {
		if err := f.SetSheetVisible(h, false); err != nil {
			t.Fatal(err)
		}
		if vis, _ := f.GetSheetVisible(h); vis {
			t.Fatalf("sheet %q is still visible", h)
		}
	}
	p := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestReadXLSXTitleBlockAndSerialDates(t *testing.T) {
	p := workbookFixture(t, "deals.xlsx", false, nil, map[string][][]any{
		"Report": {
			{"Pipeline export — Q4"},
			{"Exported 2024-12-31"},
			{},
			{"Opportunity ID", "Account Name", "Stage", "Close Date", "Amount", "Customer ID"},
			{17850.0, "Globex", "Closed Won", day(2024, 3, 1), 1200.5, 17850.0},
			{"O-2", "Initech", "Closed Lost", "2024-04-02", 300, nil},
			{"O-3", "Hooli", "Closed Won", 45383, "$1,000.00", nil}, // a date stored as a plain number
			{"O-4", "Umbrella", "Closed Won", "2024-02-30", 10, nil},
		},
	}, "Report")
	res := read(t, Options{}, p)
	f := res.Files[0]
	if f.Sheet != "Report" || f.HeaderRow != 4 || f.Format != "xlsx" {
		t.Errorf("sheet %q header %d format %q", f.Sheet, f.HeaderRow, f.Format)
	}
	equalBriefs(t, res, []brief{
		{"Globex", "2024-03-01", 1200.5, Won},
		{"Initech", "2024-04-02", 300, Lost},
		{"Hooli", "2024-04-01", 1000, Won},
	})
	if res.DealID(0) != "17850" {
		t.Errorf("numeric id read as %q", res.DealID(0))
	}
	equalStrings(t, "problems", kinds(res), []string{
		"01 title row above the header skipped",
		"02 title row above the header skipped",
		"08 no such date skipped",
	})
}

func TestReadXLSX1904(t *testing.T) {
	p := workbookFixture(t, "mac.xlsx", true, nil, map[string][][]any{
		"Sheet": {
			{"Account", "Close Date", "Amount"},
			{"A", 43830, 10}, // serial 43830 in the 1904 system is 2024-01-01
		},
	}, "Sheet")
	res := read(t, Options{}, p)
	equalBriefs(t, res, []brief{{"A", "2024-01-01", 10, Won}})
}

func TestReadXLSXSheets(t *testing.T) {
	sheets := map[string][][]any{
		"Hidden": {{"Account", "Close Date", "Amount"}, {"Secret", "2024-01-01", 1}},
		"Notes":  {{"This workbook holds the deals on the next sheet."}},
		"Deals":  {{"Account", "Close Date", "Amount"}, {"Visible", "2024-01-02", 2}},
		"Other":  {{"Account", "Close Date", "Amount"}, {"Other", "2024-01-03", 3}},
		"Prices": {{"Product", "Price"}, {"Mug", 4}},
	}
	p := workbookFixture(t, "sheets.xlsx", false, []string{"Hidden"}, sheets, "Hidden", "Notes", "Deals", "Other", "Prices")
	res := read(t, Options{}, p)
	if len(res.Files) != 2 || res.Files[0].Sheet != "Deals" || res.Files[1].Sheet != "Other" || res.Files[1].Path != p+" [Other]" {
		t.Errorf("read %+v, want the visible sheets with the first's header, in order", res.Files)
	}
	// Visible sheets with the same header are one history; others are listed.
	equalBriefs(t, res, []brief{{"Visible", "2024-01-02", 2, Won}, {"Other", "2024-01-03", 3, Won}})
	var notRead []string
	for _, pr := range res.Problems {
		if pr.Kind == "sheet not read" {
			notRead = append(notRead, pr.Detail)
		}
	}
	if len(notRead) != 1 || !strings.Contains(notRead[0], `sheet "Prices"`) {
		t.Errorf("sheets not read: %v", notRead)
	}

	res = read(t, Options{Sheet: "Other"}, p)
	equalBriefs(t, res, []brief{{"Other", "2024-01-03", 3, Won}})

	_, err := Read(context.Background(), []string{p}, Options{Sheet: "Nope"})
	if err == nil || !strings.Contains(err.Error(), `expected a sheet named "Nope", found sheets "Hidden", "Notes", "Deals", "Other"`) {
		t.Errorf("err = %v", err)
	}
}

func TestReadXLSXNoHeader(t *testing.T) {
	p := workbookFixture(t, "noheader.xlsx", false, nil, map[string][][]any{
		"A": {{"hello"}}, "B": {{1, 2, 3}},
	}, "A", "B")
	_, err := Read(context.Background(), []string{p}, Options{})
	if err == nil || !strings.Contains(err.Error(), `found none in sheets "A", "B"`) {
		t.Errorf("err = %v", err)
	}
}

func TestReadXLSXPassword(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Account")
	p := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(p, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := Read(context.Background(), []string{p}, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "password-protected") {
		t.Errorf("err = %v", err)
	}
}

func TestReadXLSXPowerPivot(t *testing.T) {
	// A workbook whose only sheet is empty and whose data sits in a data model.
	src := workbookFixture(t, "model.xlsx", false, nil, map[string][][]any{"Sheet1": {}}, "Sheet1")
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	p := filepath.Join(t.TempDir(), "pivot.xlsx")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		r, _ := f.Open()
		io.Copy(w, r)
		r.Close()
	}
	w, _ := zw.Create("xl/model/item.data")
	w.Write([]byte("model"))
	zw.Close()
	out.Close()
	_, err = Read(context.Background(), []string{p}, Options{})
	if err == nil || !strings.Contains(err.Error(), "Power Pivot data model") {
		t.Errorf("err = %v", err)
	}
}

func TestReadXLSM(t *testing.T) {
	p := workbookFixture(t, "macros.xlsm", false, nil, map[string][][]any{
		"Deals": {{"Account", "Close Date", "Amount", "IsWon"}, {"A", day(2024, 5, 6), 7.5, true}, {"B", day(2024, 5, 7), 1, false}},
	}, "Deals")
	res := read(t, Options{}, p)
	equalBriefs(t, res, []brief{{"A", "2024-05-06", 7.5, Won}, {"B", "2024-05-07", 1, Lost}})
}
