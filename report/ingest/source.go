package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// source yields the rows of one sheet or text file.
type source interface {
	// next returns the next row's cells and its row number as a spreadsheet
	// shows it (1-based); io.EOF after the last row. The slice is reused
	// by the next call (the strings in it are not).
	next() ([]string, int, error)
	close() error
}

// FileError is a file that cannot be read at all. Its message names the
// file, what was expected and what was found.
type FileError struct {
	Path string
	Msg  string
	Err  error
	// Missing, when set, is what was found in a file without a column for
	// a required field, for a caller (init) that helps name them.
	Missing *MissingColumns
	// noHeader: no row of the file looked like a header.
	noHeader bool
}

func (e *FileError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Path, e.Msg, e.Err)
	}
	return e.Path + ": " + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// sniffKind looks at a file's first bytes and says what it is: "zip" (XLSX),
// "text", or an error saying what it is instead.
func sniffKind(path string, head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "zip", nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if bytes.Contains(head, utf16le("EncryptionInfo")) || bytes.Contains(head, utf16le("EncryptedPackage")) {
			return "", &FileError{Path: path, Msg: "expected an XLSX workbook or a CSV file, found a password-protected (encrypted) workbook; open it in Excel, remove the password (File > Info > Protect Workbook) and save it again"}
		}
		return "", &FileError{Path: path, Msg: "expected an XLSX workbook or a CSV file, found an old binary Excel (.xls) or other OLE file; open it in Excel and save it as .xlsx or .csv"}
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "", &FileError{Path: path, Msg: "expected a spreadsheet or CSV file, found a PDF document"}
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "", &FileError{Path: path, Msg: "expected a spreadsheet or CSV file, found a gzip archive; unpack it first"}
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "text", nil // UTF-16 text, as Excel's "Unicode Text" writes it
	}
	trimmed := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))))
	if bytes.HasPrefix(trimmed, []byte("<html")) || bytes.HasPrefix(trimmed, []byte("<!doctype html")) {
		return "", &FileError{Path: path, Msg: "expected a spreadsheet or CSV file, found an HTML page (some \"Excel\" exports are web pages); open it in Excel and save it as .xlsx or .csv"}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "", &FileError{Path: path, Msg: "expected a spreadsheet or CSV file, found binary data"}
	}
	return "text", nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// textSource reads delimited or whitespace-separated text.
type textSource struct {
	f       *os.File
	csv     *csvReader
	lines   *bufio.Scanner // whitespace-separated text
	lineNo  int
	extra   int // lines taken by line breaks inside quoted cells so far
	counted countingReader
	total   int64
	maxLine int // bytes, for the whitespace-separated reader's message
}

// openText opens a text file, detects its encoding and delimiter, and fills
// in info.Encoding, info.Delimiter and info.Format. A line longer than
// maxLine bytes stops the reading with errCellTooLong.
func openText(path string, head []byte, info *FileInfo, maxLine int) (*textSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot open", Err: err}
	}
	ts := &textSource{f: f, maxLine: maxLine}
	if st, err := f.Stat(); err == nil {
		ts.total = st.Size()
	}
	var r io.Reader = &ts.counted
	ts.counted.r = f
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		info.Encoding = "utf-8 with BOM"
		if _, err := f.Seek(3, io.SeekStart); err != nil {
			f.Close()
			return nil, &FileError{Path: path, Msg: "cannot read", Err: err}
		}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		info.Encoding = "utf-16"
		r = transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case validUTF8Prefix(head):
		info.Encoding = "utf-8"
	default:
		info.Encoding = "windows-1252"
		r = transform.NewReader(r, charmap.Windows1252.NewDecoder())
	}
	br := bufio.NewReaderSize(&lineEnds{r: r}, 1<<16)
	sample, _ := br.Peek(1 << 16)
	if len(sample) == 0 {
		f.Close()
		return nil, &FileError{Path: path, Msg: "expected a header row and deals, found an empty file"}
	}
	if nl := bytes.Count(sample, []byte{'\n'}); nl > 1 && len(sample) == 1<<16 {
		info.estRows = int(ts.total / int64(len(sample)/nl))
	}
	delim := sniffDelimiter(sample)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv", ".tab":
		if delim != ' ' {
			delim = '\t'
		}
	}
	info.Format = "csv"
	switch delim {
	case '\t':
		info.Delimiter, info.Format = "tab", "tsv"
	case ' ':
		info.Delimiter, info.Format = "spaces", "text"
	default:
		info.Delimiter = string(delim)
	}
	s := ts
	if delim == ' ' {
		s.lines = bufio.NewScanner(br)
		s.lines.Buffer(make([]byte, 0, 1<<16), maxLine)
		return s, nil
	}
	s.csv = newCSVReader(br, byte(delim), maxLine)
	return s, nil
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut off at
// the end.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// sniffDelimiter picks the delimiter that splits the sample's lines most
// consistently: for each candidate, the count of lines that share the most
// common number of fields (more than one). Text without any such delimiter
// but with columns of spaces is whitespace-separated.
func sniffDelimiter(sample []byte) rune {
	lines := strings.Split(strings.ReplaceAll(string(sample), "\r\n", "\n"), "\n")
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last line may be cut off
	}
	if len(lines) > 50 {
		lines = lines[:50]
	}
	best, bestScore := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countOutsideQuotes(l, d); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for n, c := range counts {
			if c*2+n > score { // consistent lines matter most, wider rows break ties
				score = c*2 + n
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	if bestScore >= 4 || bestScore > 0 && len(lines) < 2 {
		return best
	}
	spaced := 0
	for _, l := range lines {
		if len(strings.Fields(l)) > 1 {
			spaced++
		}
	}
	if spaced > 0 && spaced*2 >= len(lines) {
		return ' '
	}
	return best
}

func countOutsideQuotes(l string, d rune) int {
	n, quoted := 0, false
	for _, r := range l {
		switch {
		case r == '"':
			quoted = !quoted
		case r == d && !quoted:
			n++
		}
	}
	return n
}

func (s *textSource) next() ([]string, int, error) {
	if s.lines != nil {
		if !s.lines.Scan() {
			if err := s.lines.Err(); err == bufio.ErrTooLong {
				return nil, 0, errCellTooLong{fmt.Sprintf("line %d", s.lineNo+1), s.maxLine}
			} else if err != nil {
				return nil, 0, err
			}
			return nil, 0, io.EOF
		}
		s.lineNo++
		return strings.Fields(s.lines.Text()), s.lineNo, nil
	}
	rec, line, err := s.csv.read()
	if err != nil {
		return nil, 0, err
	}
	row := line - s.extra
	s.extra += s.csv.breaks
	return rec, row, nil
}

func (s *textSource) close() error { return s.f.Close() }

// progress returns the bytes of the file read so far and its size.
func (s *textSource) progress() (int64, int64) { return s.counted.n.Load(), s.total }

// lineEnds turns every line end into "\n": CRLF (Windows), and a lone CR
// (old Mac exports, or files joined from both), which encoding/csv would
// otherwise read as part of a field.
type lineEnds struct {
	r      io.Reader
	lastCR bool // the previous chunk ended in '\r', already written as '\n'
}

func (l *lineEnds) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		if n > 0 && !l.lastCR && bytes.IndexByte(p[:n], '\r') < 0 {
			return n, err // no CR: nothing to change (most files)
		}
		out := 0
		for i := 0; i < n; i++ {
			c := p[i]
			if l.lastCR {
				l.lastCR = false
				if c == '\n' {
					continue
				}
			}
			if c == '\r' {
				c, l.lastCR = '\n', true
			}
			p[out] = c
			out++
		}
		if out > 0 || err != nil {
			return out, err
		}
	}
}
