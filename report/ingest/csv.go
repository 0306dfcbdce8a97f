package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// csvReader reads delimited text as encoding/csv's Reader does with
// LazyQuotes set, FieldsPerRecord -1 and a one-byte delimiter, from input
// whose line ends are all "\n" (lineEnds): the same records, starting on
// the same lines (FuzzCSVReader checks both against encoding/csv). It is
// faster where most records are: a line without quotes is one string
// that its cells are cut from, found with IndexByte, where encoding/csv
// copies each field into a buffer first. As there, a record's cells share
// one string, so a cell kept keeps only its own line alive.
type csvReader struct {
	r      *bufio.Reader
	delim  byte
	line   int      // lines read so far
	breaks int      // line breaks inside the cells of the record read last
	cells  []string // reused for each record
	buf    []byte   // a quoted record's cells, unquoted
	ends   []int    // where each of them ends in buf
	spans  [][2]int // a simple line's cells: start and end in it
	long   []byte   // a line longer than r's buffer
	max    int      // the longest line (and quoted cell) read, in bytes
}

// newCSVReader reads records of cells split by delim, refusing a line or
// a quoted cell longer than max bytes (a 2 GB line ran out of memory).
func newCSVReader(r *bufio.Reader, delim byte, max int) *csvReader {
	return &csvReader{r: r, delim: delim, max: max}
}

// errCellTooLong is a line or cell beyond --max-cell-kb.
type errCellTooLong struct {
	what  string // "line 3", "a cell's text"
	limit int    // bytes
}

func (e errCellTooLong) Error() string {
	return fmt.Sprintf("%s is longer than %d KB, which no deal's is (a file without line breaks, or a quote never closed?); --max-cell-kb raises the limit",
		e.what, e.limit>>10)
}

// readLine returns the next line with its "\n" (none at the end of the
// input), valid until the next call, or io.EOF after the last one.
func (c *csvReader) readLine() ([]byte, error) {
	line, err := c.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = c.r.ReadSlice('\n')
			c.long = append(c.long, line...)
			if len(c.long) > c.max {
				return nil, errCellTooLong{fmt.Sprintf("line %d", c.line+1), c.max}
			}
		}
		line = c.long
	}
	if len(line) > 0 && err == io.EOF {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	c.line++
	return line, nil
}

// read returns the next record's cells (the slice is reused by the next
// call; the strings are not) and the line it starts on, or io.EOF after
// the last record. Empty lines are skipped.
func (c *csvReader) read() ([]string, int, error) {
	var line []byte
	for {
		var err error
		if line, err = c.readLine(); err != nil {
			return nil, 0, err
		}
		if len(line) != 1 || line[0] != '\n' {
			break
		}
	}
	start := c.line
	c.breaks = 0
	if bytes.IndexByte(line, '"') < 0 {
		s := string(line[:len(line)-endNL(line)])
		cells := c.cells[:0]
		for {
			i := strings.IndexByte(s, c.delim)
			if i < 0 {
				break
			}
			cells = append(cells, s[:i])
			s = s[i+1:]
		}
		c.cells = append(cells, s)
		return c.cells, start, nil
	}
	if c.simple(line) {
		s := string(line[:len(line)-endNL(line)])
		cells := c.cells[:0]
		for _, sp := range c.spans {
			cells = append(cells, s[sp[0]:sp[1]])
		}
		c.cells = cells
		return cells, start, nil
	}
	if err := c.quoted(line); err != nil {
		return nil, 0, err
	}
	s := string(c.buf)
	c.breaks = strings.Count(s, "\n")
	cells, from := c.cells[:0], 0
	for _, end := range c.ends {
		cells = append(cells, s[from:end])
		from = end
	}
	c.cells = cells
	return cells, start, nil
}

// simple finds the cells of a line whose quoted cells all close on it,
// with no "" or other quote inside them: most quoted exports ("$1,234.56").
// Their cells are then parts of one string made from the line (spans: the
// quotes left out), without the copy quoted makes of each; it reports false
// for any other line, which quoted reads.
func (c *csvReader) simple(line []byte) bool {
	line = line[:len(line)-endNL(line)]
	c.spans = c.spans[:0]
	for i := 0; ; {
		if i < len(line) && line[i] == '"' {
			j := bytes.IndexByte(line[i+1:], '"')
			if j < 0 {
				return false // the cell goes on after the line break
			}
			j += i + 1 // the closing quote
			if j+1 < len(line) && line[j+1] != c.delim {
				return false // "" or a quote inside the cell
			}
			c.spans = append(c.spans, [2]int{i + 1, j})
			if j+1 == len(line) {
				return true
			}
			i = j + 2
			continue
		}
		k := bytes.IndexByte(line[i:], c.delim)
		if k < 0 {
			c.spans = append(c.spans, [2]int{i, len(line)})
			return true
		}
		c.spans = append(c.spans, [2]int{i, i + k})
		i += k + 1
	}
}

// quoted parses a record that has a quote, as encoding/csv does with
// LazyQuotes: a quote opens a quoted cell only at the cell's start; in a
// quoted cell "" is a quote, a quote before the delimiter or the line's end
// closes it, any other quote is kept, and a line break continues it on
// the next line (to the end of the input if it is never closed). Outside
// quoted cells quotes are text. The cells go to c.buf and c.ends.
func (c *csvReader) quoted(line []byte) error {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, c.delim)
			if i < 0 {
				c.buf = append(c.buf, line[:len(line)-endNL(line)]...)
				c.ends = append(c.ends, len(c.buf))
				return nil
			}
			c.buf = append(c.buf, line[:i]...)
			c.ends = append(c.ends, len(c.buf))
			line = line[i+1:]
			continue
		}
		line = line[1:]
	quotedCell:
		for {
			i := bytes.IndexByte(line, '"')
			switch {
			case i >= 0:
				c.buf = append(c.buf, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"':
					c.buf = append(c.buf, '"')
					line = line[1:]
				case len(line) > 0 && line[0] == c.delim:
					c.ends = append(c.ends, len(c.buf))
					line = line[1:]
					break quotedCell
				case endNL(line) == len(line):
					c.ends = append(c.ends, len(c.buf))
					return nil
				default: // a quote inside the cell
					c.buf = append(c.buf, '"')
				}
			case len(line) > 0:
				// The cell goes on after the line break.
				c.buf = append(c.buf, line...)
				if len(c.buf) > c.max {
					return errCellTooLong{fmt.Sprintf("the quoted cell from line %d", c.line), c.max}
				}
				next, err := c.readLine()
				if err == io.EOF {
					next, err = nil, nil
				}
				if err != nil {
					return err
				}
				line = next
			default: // the input ended inside the cell
				c.ends = append(c.ends, len(c.buf))
				return nil
			}
		}
	}
}

// endNL is 1 when line ends in "\n", else 0.
func endNL(line []byte) int {
	if len(line) > 0 && line[len(line)-1] == '\n' {
		return 1
	}
	return 0
}
