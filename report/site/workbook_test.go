package site

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The workbook re-read with excelize holds every cell of every data table
// (raw values: numbers as the CSV writes them, dates as serials of the
// CSV's date), each sheet with its header frozen and filtered; a text
// that starts like a formula is text; two renders are the same bytes.
func TestWorkbookRoundTrip(t *testing.T) {
	csvText := smallHistory + "11,=HYPERLINK(\"x\"),2024-08-01,10,Won,Web,,@Ann,Collaborative,\n"
	r := reportOf(t, csvText)
	files, err := Render(r, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	wb := files["data/audit.xlsx"]
	again, err := Render(r, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(wb, again["data/audit.xlsx"]) {
		t.Error("two renders wrote different workbooks")
	}
	f, err := excelize.OpenReader(bytes.NewReader(wb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); got[0] != "Read me" {
		t.Errorf("sheets %v", got)
	}
	sheets := 0
	for _, s := range workbookSheets {
		b, ok := files[s.file]
		if !ok {
			continue
		}
		sheets++
		want, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", s.sheet, len(got), len(want))
		}
		for i := range want {
			for j, w := range want[i] {
				g := ""
				if j < len(got[i]) {
					g = got[i][j]
				}
				if !sameCell(g, w, i > 0 && kindOf(want[0][j]) == kindDate) {
					t.Errorf("%s row %d column %s: %q, want %q", s.sheet, i+1, want[0][j], g, w)
				}
				if i == 0 || w == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, _ := f.GetCellType(s.sheet, cell)
				text := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula
				if (isNumber(w) || kindOf(want[0][j]) == kindDate) == text {
					t.Errorf("%s!%s %q stored as type %v", s.sheet, cell, w, typ)
				}
			}
		}
		panes, err := f.GetPanes(s.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", s.sheet, panes, err)
		}
	}
	if sheets < 8 {
		t.Errorf("%d table sheets, want 8 (owners and call list included)", sheets)
	}
	// Text that starts like a formula stays text: no cell has a formula.
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s)
		for i, row := range rows {
			for j := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(s, cell); fm != "" {
					t.Errorf("%s!%s has formula %q", s, cell, fm)
				}
			}
		}
	}
	// Money is shown in the report's currency, rates as percentages.
	for cell, code := range map[string]string{"F2": testStyle.ExcelMoneyFormat(), "C2": "yyyy-mm-dd"} {
		id, _ := f.GetCellStyle("accounts", cell)
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != code {
			t.Errorf("accounts!%s style %+v, want the format %q", cell, st, code)
		}
	}
	if !bytes.Contains(files["data/accounts.csv"], []byte(`'=HYPERLINK`)) {
		t.Error("the fixture lost its formula-like name")
	}
}

// sameCell compares a workbook's raw cell with the CSV's: numbers by
// value, a date by its serial (days since 1899-12-30).
func sameCell(got, want string, date bool) bool {
	if got == want {
		return true
	}
	if date && want != "" {
		serial, err := strconv.ParseFloat(got, 64)
		return err == nil && excelDate(serial) == want
	}
	g, err1 := strconv.ParseFloat(got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && g == w && !strings.ContainsAny(want, "eE")
}

func excelDate(serial float64) string {
	d, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return ""
	}
	return d.Format("2006-01-02")
}
