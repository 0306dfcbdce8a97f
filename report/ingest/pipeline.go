package ingest

import "io"

// pipelined reads a source ahead in another goroutine, in batches, so that
// parsing the file (CSV records, sheet XML) and turning rows into deals run
// on two cores. Batches are recycled: the consumer hands a batch back when
// it asks for the next one, so a million rows do not mean a million copies
// of their cell slices.
type pipelined struct {
	src   source
	parse func([]string, int, *parsedRow) // run on each row ahead of the reader; may be nil
	batch chan *rowBatch
	free  chan *rowBatch
	stop  chan struct{}
	cur   *rowBatch
	pos   int
	err   error
	// arrived, when not nil, sees each batch's rows on the consumer's
	// goroutine as the batch comes in, before next returns the first.
	arrived func([]sourceRow)
}

// rowBatch holds rows whose cells are slices of one shared array.
type rowBatch struct {
	rows  []sourceRow
	cells []string
}

type sourceRow struct {
	cells  []string
	row    int
	err    error
	parsed parsedRow
}

const (
	pipeBatch = 512
	pipeDepth = 8 // batches read ahead
)

// pipeline reads src ahead; parse, if not nil, parses each row on the
// read-ahead goroutine.
func pipeline(src source, parse func([]string, int, *parsedRow)) *pipelined {
	p := &pipelined{src: src, parse: parse, batch: make(chan *rowBatch, pipeDepth), free: make(chan *rowBatch, pipeDepth+2), stop: make(chan struct{})}
	go p.fill()
	return p
}

func (p *pipelined) fill() {
	defer close(p.batch)
	b := &rowBatch{rows: make([]sourceRow, 0, pipeBatch)}
	for {
		cells, row, err := p.src.next()
		if err == nil {
			// Sources reuse their slice; the strings are immutable, so
			// copying the slice headers keeps the row.
			n := len(b.cells)
			b.cells = append(b.cells, cells...)
			cells = b.cells[n:len(b.cells):len(b.cells)]
		}
		b.rows = b.rows[:len(b.rows)+1] // a recycled row: parse overwrites what it held
		r := &b.rows[len(b.rows)-1]
		r.cells, r.row, r.err = cells, row, err
		if err == nil && p.parse != nil {
			p.parse(cells, row, &r.parsed)
		}
		if err != nil || len(b.rows) == pipeBatch {
			clear(b.cells[len(b.cells):cap(b.cells)]) // earlier rows' cells past this batch's
			select {
			case p.batch <- b:
			case <-p.stop:
				return
			}
			if err != nil {
				return
			}
			select {
			case b = <-p.free:
				// Not cleared: the next rows overwrite the cells (clearing a
				// batch's strings while the collector marks costs a write
				// barrier per cell), and what they do not is let go when
				// the batch is sent.
				b.rows, b.cells = b.rows[:0], b.cells[:0]
			default:
				b = &rowBatch{rows: make([]sourceRow, 0, pipeBatch), cells: make([]string, 0, cap(b.cells))}
			}
		}
	}
}

func (p *pipelined) next() ([]string, int, error) {
	for p.cur == nil || p.pos == len(p.cur.rows) {
		if p.err != nil {
			return nil, 0, p.err
		}
		if p.cur != nil {
			// Every row of this batch has been handled: hand it back.
			select {
			case p.free <- p.cur:
			default:
			}
			p.cur = nil
		}
		b, ok := <-p.batch
		if !ok {
			p.err = io.EOF
			return nil, 0, io.EOF
		}
		p.cur, p.pos = b, 0
		if p.arrived != nil {
			p.arrived(b.rows)
		}
	}
	r := p.cur.rows[p.pos]
	p.pos++
	if r.err != nil {
		p.err = r.err
	}
	return r.cells, r.row, r.err
}

// parsed returns what parse made of the row next returned last, nil
// without parse.
func (p *pipelined) parsed() *parsedRow {
	if p.cur == nil || p.pos == 0 || p.parse == nil {
		return nil
	}
	return &p.cur.rows[p.pos-1].parsed
}

// close stops the reading goroutine and closes the source.
func (p *pipelined) close() error {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	for range p.batch { // let fill see stop and exit
	}
	return p.src.close()
}

func (p *pipelined) progress() (int64, int64) {
	if s, ok := p.src.(interface{ progress() (int64, int64) }); ok {
		return s.progress()
	}
	return 0, 0
}

func (p *pipelined) estimateRows() int {
	if s, ok := p.src.(interface{ estimateRows() int }); ok {
		return s.estimateRows()
	}
	return 0
}
