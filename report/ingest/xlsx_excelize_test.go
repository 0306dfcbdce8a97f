package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// The reference reader: excelize's own row iterator with raw cell values,
// the plain path the fast reader must agree with on every cell.

// workbook is an open XLSX file.
type workbook struct {
	f        *excelize.File
	date1904 bool
}

func openWorkbook(path string) (*workbook, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		switch {
		case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
			return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a password-protected (encrypted) workbook; remove the password in Excel and save it again"}
		case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a damaged or truncated zip file", Err: err}
		}
		return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a file excelize cannot open", Err: err}
	}
	wb := &workbook{f: f}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	return wb, nil
}

// sheets returns the visible sheets in workbook order.
func (wb *workbook) sheets() []string {
	var out []string
	for _, name := range wb.f.GetSheetList() {
		if vis, err := wb.f.GetSheetVisible(name); err == nil && vis {
			out = append(out, name)
		}
	}
	return out
}

func (wb *workbook) close() error { return wb.f.Close() }

// sheetSource streams one sheet's rows.
type sheetSource struct {
	rows *excelize.Rows
	n    int
}

func (wb *workbook) open(sheet string) (*sheetSource, error) {
	rows, err := wb.f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("reading sheet %q: %w", sheet, err)
	}
	return &sheetSource{rows: rows}, nil
}

func (s *sheetSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, err
		}
		return nil, 0, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, err
	}
	return cells, s.n, nil
}

func (s *sheetSource) close() error { return s.rows.Close() }
