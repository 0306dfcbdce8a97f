package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dealaudit/dealaudit/report/format"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// progressBar draws reading progress on one terminal line once reading
// has taken more than a couple of seconds, and clears it when done.
type progressBar struct {
	w         io.Writer
	now       func() time.Time
	start     time.Time
	fileStart time.Time
	file      int
	last      time.Time
	shown     bool
}

// newProgress returns a progress callback for stderr, or nil when stderr
// is not a terminal or quiet is set: progress never goes into a file or a
// pipe.
func newProgress(stderr io.Writer, quiet bool) func(ingest.Progress) {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !isTerminal(f) {
		return nil
	}
	return (&progressBar{w: f, now: time.Now, start: time.Now()}).update
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

const progressDelay = 2 * time.Second

func (p *progressBar) update(pr ingest.Progress) {
	now := p.now()
	if pr.Done {
		if p.shown {
			fmt.Fprint(p.w, "\r\033[K")
		}
		return
	}
	if pr.File1 != p.file {
		p.file, p.fileStart = pr.File1, now
	}
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprint(p.w, "\r\033[K"+p.line(pr, now))
}

// line is the progress text: file, bar, bytes, rows, rate, ETA, files.
func (p *progressBar) line(pr ingest.Progress, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "reading %s ", filepath.Base(pr.File))
	inFile := now.Sub(p.fileStart).Seconds()
	if pr.Size > 0 {
		frac := min(1, float64(pr.Bytes)/float64(pr.Size))
		const width = 20
		full := int(frac * width)
		fmt.Fprintf(&b, "[%s%s] %3.0f%% %s/%s MB", strings.Repeat("#", full), strings.Repeat(".", width-full), frac*100,
			format.Count(int(pr.Bytes>>20)), format.Count(int(pr.Size>>20)))
		if frac > 0 && inFile > 0 {
			eta := time.Duration(inFile * (1 - frac) / frac * float64(time.Second))
			fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
		}
	}
	total := now.Sub(p.start).Seconds()
	fmt.Fprintf(&b, ", %s rows", format.Count(pr.Rows))
	if total > 0 {
		fmt.Fprintf(&b, " (%s/s)", format.Count(int(float64(pr.Rows)/total)))
	}
	if pr.Files > 1 {
		fmt.Fprintf(&b, ", file %d of %d", pr.File1, pr.Files)
	}
	return b.String()
}
