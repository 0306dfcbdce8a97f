package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The fast XLSX reader. excelize reads the workbook's structure (sheet list
// and visibility, the 1904 flag, the part each sheet lives in) and its
// shared strings from a copy of the package in which every worksheet is a
// stub; the worksheet XML itself is read here as a stream of bytes, with a
// small scanner for the few elements a sheet's data uses, while another
// goroutine decompresses it. Nothing of the sheet is held but the row being
// read. The cells come out as excelize's raw cell values would.

// fastBook is an XLSX opened for streaming.
type fastBook struct {
	path     string
	zr       *zip.ReadCloser
	meta     *excelize.File
	date1904 bool
	sst      []string
	parts    map[string]string // sheet name → worksheet part
	limits   Limits
}

func openFastBook(path string, limits Limits) (*fastBook, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a damaged or truncated zip file", Err: err}
	}
	b := &fastBook{path: path, zr: zr, parts: map[string]string{}, limits: limits}
	stub, err := stubPackage(zr, limits.partBytes())
	if err != nil {
		zr.Close()
		var tb errTooBig
		if errors.As(err, &tb) {
			return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found one that " + tb.Error()}
		}
		return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a damaged package", Err: err}
	}
	// Shared strings up to the part limit are read in memory: above
	// excelize's default of 16 MiB it spills them to a file, where this
	// reader would not find them.
	f, err := excelize.OpenReader(bytes.NewReader(stub), excelize.Options{RawCellValue: true, UnzipXMLSizeLimit: limits.partBytes()})
	if err != nil {
		zr.Close()
		return nil, &FileError{Path: path, Msg: "expected an XLSX workbook, found a file excelize cannot open", Err: err}
	}
	b.meta = f
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	for _, name := range f.GetSheetList() {
		// Each stub holds its own part name in A1.
		part, err := f.GetCellValue(name, "A1")
		if err != nil {
			b.close()
			return nil, &FileError{Path: path, Msg: "cannot read sheet " + quote(name), Err: err}
		}
		b.parts[name] = part
	}
	if f.SharedStrings != nil {
		b.sst = make([]string, len(f.SharedStrings.SI))
		for i, si := range f.SharedStrings.SI {
			b.sst[i] = si.String()
		}
		f.SharedStrings = nil
	}
	return b, nil
}

// Limits bound what a workbook may expand to, so that a crafted file (a
// "zip bomb") stops with a message instead of filling memory or disk. Zero
// fields take the defaults.
type Limits struct {
	// PartMB caps each part other than worksheets (shared strings, styles,
	// workbook) once decompressed; default 1,024.
	PartMB int64
	// SheetMB caps a worksheet's XML once decompressed; default 16,384, far
	// beyond Excel's 1,048,576 rows of ordinary width.
	SheetMB int64
	// CellKB caps one cell's text (in a text file, one line); default
	// 16,384 (16 MiB), far beyond Excel's 32,767 characters a cell.
	CellKB int64
}

// Default limits.
const (
	DefaultPartMB  = 1 << 10
	DefaultSheetMB = 16 << 10
	DefaultCellKB  = 16 << 10
)

func (l Limits) partBytes() int64  { return mb(l.PartMB, DefaultPartMB) }
func (l Limits) sheetBytes() int64 { return mb(l.SheetMB, DefaultSheetMB) }

func (l Limits) cellBytes() int {
	v := l.CellKB
	if v <= 0 {
		v = DefaultCellKB
	}
	return int(v << 10)
}

func mb(v, def int64) int64 {
	if v <= 0 {
		v = def
	}
	return v << 20
}

// errTooBig is a part that expands beyond its limit.
type errTooBig struct {
	part, flag string
	limit      int64
}

func (e errTooBig) Error() string {
	return fmt.Sprintf("part %s expands to more than %d MB, the limit (%s); the file is damaged or crafted, or raise the limit if it is genuine", e.part, e.limit>>20, e.flag)
}

// limitedCopy copies at most limit bytes and fails beyond.
func limitedCopy(w io.Writer, r io.Reader, part string, limit int64) error {
	n, err := io.Copy(w, io.LimitReader(r, limit+1))
	if err != nil {
		return err
	}
	if n > limit {
		return errTooBig{part, "--max-part-mb", limit}
	}
	return nil
}

// stubPackage copies the package with every worksheet replaced by a stub
// whose cell A1 names the part it stands for.
func stubPackage(zr *zip.ReadCloser, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	sheets := worksheetParts(zr, limit)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if isWorksheet(f.Name) || sheets[f.Name] {
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row></sheetData></worksheet>`, xmlEscape(f.Name))
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		err = limitedCopy(w, r, f.Name, limit)
		r.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// worksheetParts are the parts the workbook's relationships name as
// worksheets, wherever they are stored ("xl/worksheets/sub/sheet1.xml"
// was parsed whole by excelize: 100 MB of cells in a 105 KB file took
// 8 GB).
func worksheetParts(zr *zip.ReadCloser, limit int64) map[string]bool {
	out := map[string]bool{}
	for _, f := range zr.File {
		if f.Name != "xl/_rels/workbook.xml.rels" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return out
		}
		var rels struct {
			Rel []struct {
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		err = xml.NewDecoder(io.LimitReader(r, limit)).Decode(&rels)
		r.Close()
		if err != nil {
			return out
		}
		for _, rel := range rels.Rel {
			if strings.HasSuffix(rel.Type, "/worksheet") {
				t := strings.TrimPrefix(rel.Target, "/")
				if !strings.HasPrefix(t, "xl/") {
					t = path.Clean("xl/" + t)
				}
				out[t] = true
			}
		}
	}
	return out
}

func isWorksheet(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name[len("xl/worksheets/"):], "/")
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (b *fastBook) close() error {
	if b.meta != nil {
		b.meta.Close()
	}
	return b.zr.Close()
}

// sheets returns the visible sheets in workbook order.
func (b *fastBook) sheets() []string {
	var out []string
	for _, name := range b.meta.GetSheetList() {
		if vis, err := b.meta.GetSheetVisible(name); err == nil && vis {
			out = append(out, name)
		}
	}
	return out
}

func (b *fastBook) hasDataModel() bool {
	for _, f := range b.zr.File {
		if strings.HasPrefix(f.Name, "xl/model/") {
			return true
		}
	}
	return false
}

// open starts streaming one sheet.
func (b *fastBook) open(sheet string) (*fastSheet, error) {
	part := b.parts[sheet]
	var zf *zip.File
	for _, f := range b.zr.File {
		if f.Name == part || "/"+f.Name == part || path.Clean(f.Name) == path.Clean(strings.TrimPrefix(part, "/")) {
			zf = f
			break
		}
	}
	if zf == nil {
		return nil, fmt.Errorf("sheet %q: part %q not in the package", sheet, part)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	total := int64(zf.UncompressedSize64)
	done := make(chan struct{})
	go func() {
		// Decompress on another core; the pipe hands over 256 KB blocks.
		defer close(done)
		buf := make([]byte, 256<<10)
		limit := b.limits.sheetBytes()
		n, err := io.CopyBuffer(pw, io.LimitReader(rc, limit+1), buf)
		if err == nil && n > limit {
			err = errTooBig{part, "--max-sheet-mb", limit}
		}
		rc.Close()
		pw.CloseWithError(err)
	}()
	s := &fastSheet{pipe: pr, done: done, sst: b.sst, total: total, maxCell: b.limits.cellBytes()}
	s.r = bufio.NewReaderSize(&s.counted, 1<<20)
	s.counted.r = pr
	if err := s.toSheetData(); err != nil {
		s.close()
		if errors.Is(err, io.EOF) {
			return &fastSheet{eof: true}, nil
		}
		return nil, err
	}
	return s, nil
}

// fastSheet scans a worksheet's rows.
type fastSheet struct {
	r     *bufio.Reader
	pipe  *io.PipeReader
	done  chan struct{}
	sst   []string
	row   int // number of the last row returned
	pend  []string
	pendN int // row number of pend, when a row was read ahead past a gap
	eof   bool
	cells []string
	text  []byte
	// maxCell bounds a cell's text and a tag, in bytes.
	maxCell int
	// dimRows is the sheet's last row by its dimension element, 0 if unknown.
	dimRows  int
	total    int64 // uncompressed size of the sheet's XML
	counted  countingReader
	rowsRead atomic.Int64 // rows returned so far, for estimateRows
}

// countingReader counts the bytes read through it; the count may be read
// from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// estimateRows guesses the sheet's row count from the bytes the first rows
// took, for sheets without a (true) dimension element.
func (s *fastSheet) estimateRows() int {
	rows := s.rowsRead.Load()
	if int64(s.dimRows) > rows { // some writers leave the dimension at "A1"
		return s.dimRows
	}
	read := s.counted.n.Load()
	if read <= 0 || rows == 0 {
		return 0
	}
	return int(s.total * rows / read)
}

// progress returns the bytes of the sheet's XML read so far and its size.
func (s *fastSheet) progress() (int64, int64) { return s.counted.n.Load(), s.total }

func (s *fastSheet) close() error {
	if s.pipe != nil {
		s.pipe.Close()
		<-s.done
		s.pipe = nil
	}
	return nil
}

// next returns the next row; rows absent from the XML come back empty, as
// a spreadsheet shows them.
func (s *fastSheet) next() ([]string, int, error) {
	if s.pendN > 0 {
		if s.row+1 < s.pendN {
			s.row++
			return nil, s.row, nil
		}
		s.row = s.pendN
		s.pendN = 0
		return s.pend, s.row, nil
	}
	if s.eof {
		return nil, 0, io.EOF
	}
	cells, n, err := s.readRow()
	if err != nil {
		if err == io.EOF {
			s.eof = true
		}
		return nil, 0, err
	}
	if n == 0 {
		n = s.row + 1
	}
	if n <= s.row {
		return nil, 0, fmt.Errorf("row %d comes after row %d: the sheet's rows are out of order (save it again from Excel, or export it as CSV)", n, s.row)
	}
	if n > s.row+1 {
		s.pend, s.pendN = cells, n
		s.row++
		return nil, s.row, nil
	}
	s.row = n
	s.rowsRead.Store(int64(n))
	return cells, n, nil
}

// toSheetData reads up to the start of the sheet's data, noting the row
// count the sheet's dimension gives (A1:J1000001), to size the deals once.
func (s *fastSheet) toSheetData() error {
	for {
		name, attrs, end, err := s.nextTag()
		if err != nil {
			return err
		}
		switch {
		case !end && name == "dimension":
			ref := string(attr(attrs, "ref"))
			if i := strings.IndexByte(ref, ':'); i >= 0 {
				ref = ref[i+1:]
			}
			ref = strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
			if n, err := strconv.Atoi(ref); err == nil && n > 0 && n <= maxSheetRows {
				s.dimRows = n
			}
		case !end && name == "sheetData":
			return nil
		}
	}
}

// maxSheetRows is the most rows a worksheet can have.
const maxSheetRows = 1 << 20

// nextTag reads to the next element tag and returns its local name, its
// attributes as raw bytes, whether it is an end tag and whether it closes
// itself. Comments, processing instructions and text between tags are
// skipped.
func (s *fastSheet) nextTag() (name string, attrs []byte, end bool, err error) {
	for {
		if _, err = s.r.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			return "", nil, false, err
		}
		tag, err := s.readTag()
		if err != nil {
			return "", nil, false, err
		}
		if len(tag) == 0 || tag[0] == '?' || tag[0] == '!' {
			continue
		}
		if tag[0] == '/' {
			return localName(tag[1:]), nil, true, nil
		}
		i := bytes.IndexAny(tag, " \t\r\n/")
		if i < 0 {
			i = len(tag)
		}
		return localName(tag[:i]), tag[i:], false, nil
	}
}

// readTag returns the bytes of a tag after '<' up to its '>', not
// included, taking care of '>' inside quoted attribute values.
func (s *fastSheet) readTag() ([]byte, error) {
	s.text = s.text[:0]
	quote := byte(0)
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return nil, err
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s.text, nil
		}
		if s.text = append(s.text, c); len(s.text) > s.maxCell {
			return nil, errCellTooLong{"a tag", s.maxCell}
		}
	}
}

func localName(b []byte) string {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		b = b[i+1:]
	}
	switch string(b) { // no allocation for the names that matter
	case "row":
		return "row"
	case "c":
		return "c"
	case "v":
		return "v"
	case "t":
		return "t"
	case "is":
		return "is"
	case "sheetData":
		return "sheetData"
	case "f":
		return "f"
	case "r":
		return "r"
	case "rPh":
		return "rPh"
	}
	return string(b)
}

// attr returns the value of attribute key in raw tag attributes.
func attr(attrs []byte, key string) []byte {
	for len(attrs) > 0 {
		i := bytes.IndexByte(attrs, '=')
		if i < 0 {
			return nil
		}
		k := bytes.TrimSpace(attrs[:i])
		rest := bytes.TrimLeft(attrs[i+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil
		}
		q := rest[0]
		j := bytes.IndexByte(rest[1:], q)
		if j < 0 {
			return nil
		}
		if c := bytes.IndexByte(k, ':'); c >= 0 {
			k = k[c+1:]
		}
		if string(k) == key {
			return rest[1 : 1+j]
		}
		attrs = rest[2+j:]
	}
	return nil
}

// readRow reads the next <row> element; io.EOF after </sheetData>.
func (s *fastSheet) readRow() ([]string, int, error) {
	for {
		name, attrs, end, err := s.nextTag()
		if err != nil {
			return nil, 0, err
		}
		if end && name == "sheetData" {
			return nil, 0, io.EOF
		}
		if end || name != "row" {
			continue
		}
		n := 0
		if v := attr(attrs, "r"); v != nil {
			n, _ = strconv.Atoi(string(v))
			if n > maxSheetRows || n < 0 {
				return nil, 0, fmt.Errorf("row number %s beyond the %d rows a worksheet can have", v, maxSheetRows)
			}
		}
		s.cells = s.cells[:0]
		if bytes.HasSuffix(attrs, []byte("/")) {
			return s.cells, n, nil
		}
		if err := s.readCells(); err != nil {
			if n == 0 {
				n = s.row + 1
			}
			return nil, 0, fmt.Errorf("row %d: %w", n, err)
		}
		out := make([]string, len(s.cells))
		copy(out, s.cells)
		return out, n, nil
	}
}

// readCells reads the cells of a row up to </row>.
func (s *fastSheet) readCells() error {
	col := 0
	for {
		name, attrs, end, err := s.nextTag()
		if err != nil {
			return err
		}
		if end {
			if name == "row" {
				return nil
			}
			continue
		}
		if name != "c" {
			continue
		}
		if ref := attr(attrs, "r"); ref != nil {
			if c := columnIndex(ref); c >= 0 {
				col = c
			}
		}
		if col >= maxSheetColumns {
			return fmt.Errorf("a cell beyond column XFD (%s), the last a worksheet can have", attr(attrs, "r"))
		}
		typ := string(attr(attrs, "t"))
		var val string
		if !bytes.HasSuffix(attrs, []byte("/")) {
			if val, err = s.cellValue(typ); err != nil {
				return err
			}
		}
		for len(s.cells) < col {
			s.cells = append(s.cells, "")
		}
		s.cells = append(s.cells, val)
		col++
	}
}

// maxSheetColumns is the most columns a worksheet can have (A to XFD).
const maxSheetColumns = 16384

// columnIndex turns the letters of a cell reference into a 0-based column;
// anything past XFD comes back as maxSheetColumns.
func columnIndex(ref []byte) int {
	n := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
		if n > maxSheetColumns {
			n = maxSheetColumns + 1
		}
	}
	if i == 0 {
		return -1
	}
	return n - 1
}

// cellValue reads a cell's content up to </c> and returns its raw value.
// cellText is the text of a cell of type typ whose <v> held v (when hasV)
// and whose inline string's runs held inline: a shared string by its
// index, an inline string, or the value as written.
func (s *fastSheet) cellText(typ string, v []byte, hasV bool, inline []byte) (string, error) {
	switch typ {
	case "s":
		if !hasV {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil || i < 0 || i >= len(s.sst) {
			return "", fmt.Errorf("shared string %q out of range", v)
		}
		return s.sst[i], nil
	case "inlineStr":
		if inline != nil {
			return bstrUnmarshal(string(inline)), nil
		}
	}
	return string(v), nil
}

func (s *fastSheet) cellValue(typ string) (string, error) {
	var v, inline []byte
	hasV := false
	depthRPh := 0
	for {
		name, attrs, end, err := s.nextTag()
		if err != nil {
			return "", err
		}
		switch {
		case end && name == "c":
			return s.cellText(typ, v, hasV, inline)
		case end && name == "rPh":
			depthRPh--
		case end:
		case name == "rPh" && !bytes.HasSuffix(attrs, []byte("/")):
			depthRPh++
		case name == "v" && !bytes.HasSuffix(attrs, []byte("/")):
			t, err := s.readText()
			if err != nil {
				return "", err
			}
			v, hasV = t, true
		case name == "t" && depthRPh == 0 && !bytes.HasSuffix(attrs, []byte("/")):
			t, err := s.readText()
			if err != nil {
				return "", err
			}
			inline = append(inline, t...)
		case name == "f" && !bytes.HasSuffix(attrs, []byte("/")):
			if _, err := s.readText(); err != nil { // the formula: its cached value is in <v>
				return "", err
			}
		}
	}
}

// readText reads character data up to the next '<' (the element's end
// tag, which it consumes) and unescapes it.
func (s *fastSheet) readText() ([]byte, error) {
	var raw []byte
	for {
		chunk, err := s.r.ReadSlice('<')
		raw = append(raw, chunk...)
		if len(raw) > s.maxCell {
			return nil, errCellTooLong{"a cell's text", s.maxCell}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil, err
		}
		break
	}
	raw = raw[:len(raw)-1]
	if _, err := s.readTag(); err != nil { // the end tag
		return nil, err
	}
	if bytes.HasPrefix(raw, []byte("![CDATA[")) {
		return nil, errors.New("CDATA in a cell is not supported")
	}
	return unescapeXML(raw), nil
}

// unescapeXML resolves the five named entities and numeric character
// references.
func unescapeXML(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' { // XML normalises line ends
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		if c != '&' {
			out = append(out, c)
			continue
		}
		j := bytes.IndexByte(b[i:], ';')
		if j < 0 {
			out = append(out, c)
			continue
		}
		ent := string(b[i+1 : i+j])
		switch ent {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var r int64 = -1
			if strings.HasPrefix(ent, "#x") {
				r, _ = strconv.ParseInt(ent[2:], 16, 32)
			} else if strings.HasPrefix(ent, "#") {
				r, _ = strconv.ParseInt(ent[1:], 10, 32)
			}
			if r < 0 {
				out = append(out, b[i:i+j+1]...)
			} else {
				out = utf8.AppendRune(out, rune(r))
			}
		}
		i += j
	}
	return out
}

// bstrUnmarshal decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold, as excelize does for shared strings.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				if v == 0x5F && i+14 <= len(s) && s[i+7] == 'x' { // _x005F_xHHHH_ is a literal _xHHHH_
					b.WriteString(s[i+6 : i+14])
					i += 14
					continue
				}
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
