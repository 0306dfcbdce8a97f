package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dealaudit/dealaudit/report/ingest"
)

func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progressBar{w: &out, now: func() time.Time { return clock }, start: clock}
	p.update(ingest.Progress{File: "/data/big.csv", File1: 1, Files: 3, Rows: 1000, Bytes: 10 << 20, Size: 100 << 20})
	if out.Len() != 0 {
		t.Fatalf("progress shown before %v: %q", progressDelay, out.String())
	}
	clock = clock.Add(4 * time.Second)
	p.update(ingest.Progress{File: "/data/big.csv", File1: 1, Files: 3, Rows: 400000, Bytes: 40 << 20, Size: 100 << 20})
	got := out.String()
	for _, want := range []string{"reading big.csv", "[########............]  40% 40/100 MB", "ETA 6s", "400,000 rows (100,000/s)", "file 1 of 3"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line %q lacks %q", got, want)
		}
	}
	out.Reset()
	clock = clock.Add(100 * time.Millisecond)
	p.update(ingest.Progress{File: "/data/big.csv", File1: 1, Files: 3, Rows: 410000})
	if out.Len() != 0 {
		t.Errorf("redrawn within 250 ms: %q", out.String())
	}
	p.update(ingest.Progress{Done: true})
	if out.String() != "\r\033[K" {
		t.Errorf("done: %q, want the line cleared", out.String())
	}
}

func TestNoProgressOutsideATerminal(t *testing.T) {
	var errb bytes.Buffer
	if f := newProgress(&errb, false); f != nil {
		t.Error("progress for a buffer")
	}
	dir := t.TempDir()
	_, stderr, code := runCmd(t, "build", "-o", dir+"/r", fixtures+"title_trailer.csv")
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
