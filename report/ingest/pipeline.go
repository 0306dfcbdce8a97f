package ingest

import "io"

// pipelined reads a source ahead in another goroutine, in batches, so that
// parsing the file (CSV records, sheet XML) and turning rows into deals run
// on two cores.
type pipelined struct {
	src   source
	batch chan []sourceRow
	stop  chan struct{}
	cur   []sourceRow
	err   error
}

type sourceRow struct {
	cells []string
	row   int
	err   error
}

const pipeBatch = 512

func pipeline(src source) *pipelined {
	p := &pipelined{src: src, batch: make(chan []sourceRow, 8), stop: make(chan struct{})}
	go p.fill()
	return p
}

func (p *pipelined) fill() {
	defer close(p.batch)
	buf := make([]sourceRow, 0, pipeBatch)
	for {
		cells, row, err := p.src.next()
		if err == nil {
			// Sources may reuse their slice; the strings are immutable.
			cells = append([]string(nil), cells...)
		}
		buf = append(buf, sourceRow{cells, row, err})
		if err != nil || len(buf) == pipeBatch {
			select {
			case p.batch <- buf:
			case <-p.stop:
				return
			}
			if err != nil {
				return
			}
			buf = make([]sourceRow, 0, pipeBatch)
		}
	}
}

func (p *pipelined) next() ([]string, int, error) {
	for len(p.cur) == 0 {
		if p.err != nil {
			return nil, 0, p.err
		}
		b, ok := <-p.batch
		if !ok {
			p.err = io.EOF
			return nil, 0, io.EOF
		}
		p.cur = b
	}
	r := p.cur[0]
	p.cur = p.cur[1:]
	if r.err != nil {
		p.err = r.err
	}
	return r.cells, r.row, r.err
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
