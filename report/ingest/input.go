package ingest

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// maxHeaderSearch is how many rows from the top the header may be found in.
const maxHeaderSearch = 30

// input is one opened file, positioned after its header row.
type input struct {
	src      source
	wb       *fastBook // nil for text
	info     FileInfo
	header   []string
	titles   []titleRow // non-empty rows above the header
	date1904 bool
	serial   bool // numbers in a date column are Excel serials
	// otherSheets are the workbook's visible sheets after the one read,
	// when no sheet was named.
	otherSheets []string
	// grouped is the source of a report grouped by customer (grouped.go).
	grouped *groupedRows
}

type titleRow struct {
	row  int
	text string
}

func (in *input) close() {
	if in.src != nil {
		in.src.close()
	}
	if in.wb != nil {
		in.wb.close()
	}
}

// openInput opens a file, picks its sheet (XLSX) and finds the header row:
// the first row within the first 30 for which isHeader holds.
func openInput(path, sheet string, limits Limits, isHeader func([]string) bool) (*input, error) {
	head, err := readHead(path)
	if err != nil {
		return nil, err
	}
	kind, err := sniffKind(path, head)
	if err != nil {
		return nil, err
	}
	in := &input{info: FileInfo{Path: path}}
	if kind == "text" {
		if sheet != "" {
			return nil, &FileError{Path: path, Msg: fmt.Sprintf("--sheet %q was given, but this is a text file, not a workbook", sheet)}
		}
		ts, err := openText(path, head, &in.info, limits.cellBytes())
		if err != nil {
			return nil, err
		}
		in.src = ts
		if err := in.findHeader(isHeader); err != nil {
			in.close()
			return nil, err
		}
		return in, nil
	}
	wb, err := openFastBook(path, limits)
	if err != nil {
		return nil, err
	}
	in.wb, in.date1904, in.serial = wb, wb.date1904, true
	in.info.Format, in.info.Encoding = "xlsx", "utf-8"
	visible := wb.sheets()
	candidates := visible
	if sheet != "" {
		candidates = nil
		for _, s := range wb.meta.GetSheetList() {
			if s == sheet {
				candidates = []string{s}
			}
		}
		if candidates == nil {
			wb.close()
			return nil, &FileError{Path: path, Msg: fmt.Sprintf("expected a sheet named %q, found sheets %s", sheet, quoteList(wb.meta.GetSheetList()))}
		}
	}
	var tried []string
	for _, name := range candidates {
		ss, err := wb.open(name)
		if err != nil {
			wb.close()
			return nil, &FileError{Path: path, Msg: "cannot read sheet " + quote(name), Err: err}
		}
		in.src, in.info.Sheet, in.titles, in.info.estRows = ss, name, nil, ss.dimRows
		err = in.findHeader(isHeader)
		if err == nil {
			if sheet == "" {
				in.otherSheets = visible[slices.Index(visible, name)+1:]
			}
			return in, nil
		}
		ss.close()
		in.src = nil
		tried = append(tried, name)
	}
	wb.close()
	if len(tried) == 0 {
		return nil, &FileError{Path: path, Msg: "expected a visible sheet with deals, found only hidden sheets " + quoteList(wb.meta.GetSheetList())}
	}
	if wb.hasDataModel() {
		return nil, &FileError{Path: path, Msg: "expected deals in a sheet, found the data only in a Power Pivot data model; in Excel, copy the table to a sheet (or export it) and save again"}
	}
	return nil, &FileError{Path: path, noHeader: true, Msg: fmt.Sprintf("expected a header row naming at least two of account, close date, amount, stage in the first %d rows, found none in sheets %s", maxHeaderSearch, quoteList(tried))}
}

func readHead(path string) ([]byte, error) {
	// A pipe or a device is refused before it is opened: opening a pipe
	// blocks until someone writes to it, and a file is read more than once.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &FileError{Path: path, Msg: "expected a file, found a pipe or a device: save the data to a file first"}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot open", Err: unwrapPath(err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &FileError{Path: path, Msg: "expected a file, found a folder"}
	}
	head := make([]byte, 8192)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &FileError{Path: path, Msg: "cannot read", Err: err}
	}
	if n == 0 {
		return nil, &FileError{Path: path, Msg: "expected a header row and deals, found an empty file"}
	}
	return head[:n], nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func (in *input) findHeader(isHeader func([]string) bool) error {
	var first []string
	for i := 0; i < maxHeaderSearch; i++ {
		cells, row, err := in.src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &FileError{Path: in.info.Path, Msg: "cannot read", Err: err}
		}
		if isHeader(cells) {
			in.header = make([]string, len(cells))
			for j, c := range cells {
				in.header[j] = strings.TrimSpace(c)
			}
			in.info.HeaderRow = row
			return nil
		}
		if t := firstCell(cells); t != "" {
			if first == nil {
				first = slices.Clone(cells) // the source reuses its slice
			}
			in.titles = append(in.titles, titleRow{row, t})
		}
	}
	found := "an empty sheet"
	if first != nil {
		found = "first row " + quoteList(trimCells(first, 8))
	}
	return &FileError{Path: in.info.Path, noHeader: true, Msg: fmt.Sprintf("expected a header row naming at least two of account, close date, amount, stage in the first %d rows, found %s; run  dealaudit init %s  to write a dealaudit.yaml to name the columns in", maxHeaderSearch, found, in.info.Path)}
}

func firstCell(cells []string) string {
	for _, c := range cells {
		if t := strings.TrimSpace(c); t != "" {
			return t
		}
	}
	return ""
}

func trimCells(cells []string, n int) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	if len(out) > n {
		out = append(out[:n], "…")
	}
	return out
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// firstRowHeader takes the first row with a value for the header, for a
// file whose headers name no known field.
func firstRowHeader(cells []string) bool { return firstCell(cells) != "" }
