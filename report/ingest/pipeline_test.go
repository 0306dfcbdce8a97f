package ingest

import (
	"io"
	"strconv"
	"testing"
)

// countSource yields rows "1" … "n" as rows 2 … n+1.
type countSource struct{ i, n int }

func (s *countSource) next() ([]string, int, error) {
	if s.i == s.n {
		return nil, 0, io.EOF
	}
	s.i++
	return []string{strconv.Itoa(s.i)}, s.i + 1, nil
}

func (s *countSource) close() error { return nil }

// TestPipelineArrived: every row comes out once, in order, with what prep
// made of it, and arrived has seen its batch before next returns it.
func TestPipelineArrived(t *testing.T) {
	const n = 2*pipeBatch + 77
	pl := pipeline(&countSource{n: n}, func(cells []string, p *prepared) { p.acct = cells[0] })
	seen := 0 // rows arrived has seen
	pl.arrived = func(rows []sourceRow) {
		for _, r := range rows {
			if r.err == nil && r.pre.acct != strconv.Itoa(r.row-1) {
				t.Errorf("arrived: row %d prepared as %q", r.row, r.pre.acct)
			}
		}
		seen += len(rows)
	}
	for want := 1; ; want++ {
		cells, row, err := pl.next()
		if err == io.EOF {
			if want != n+1 {
				t.Fatalf("EOF after %d rows, want %d", want-1, n)
			}
			break
		}
		if err != nil || cells[0] != strconv.Itoa(want) || row != want+1 || pl.prepared().acct != cells[0] {
			t.Fatalf("row %d: got %q, %d, %v", want, cells, row, err)
		}
		if seen < want {
			t.Fatalf("row %d returned before arrived saw it (saw %d)", want, seen)
		}
	}
	if err := pl.close(); err != nil {
		t.Fatal(err)
	}
}
