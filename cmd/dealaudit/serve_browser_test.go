package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lockedBuffer is an output that serve writes on its goroutine while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls cond every 100 ms until it holds or the deadline passes,
// and returns how long it took. The deadline is generous, for a loaded
// machine: the time taken is logged, not asserted.
func waitFor(t *testing.T, what string, deadline time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > deadline {
			t.Fatalf("%s: not after %s", what, deadline)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return time.Since(start)
}

// dealaudit serve in a real browser: the page shows the notes; saving
// the notes changes the open page without a reload by hand; a broken
// notes file shows its error on the page over the last good report, and
// fixing it clears it; Ctrl-C (the context) stops the server and removes
// its temporary folder.
func TestServeReloadsOnEdit(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.md")
	orig, err := os.ReadFile(filepath.Join("..", "..", "sample-data", "notes.md"))
	if err != nil {
		t.Fatal(err)
	}
	orig = regexp.MustCompile(`(?m)^logo:.*\n`).ReplaceAll(orig, nil) // the logo stays beside the sample
	if err := os.WriteFile(notes, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var out, errs lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--notes", notes, filepath.Join("..", "..", "sample-data", "deals.xlsx")}, &out, &errs)
	}()
	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/) \(building into (\S+)\)`)
	waitFor(t, "serve prints its address", 60*time.Second, func() bool { return serving.MatchString(out.String()) })
	m := serving.FindStringSubmatch(out.String())
	url, tmp := m[1], m[2]

	tab := newTab(t, startBrowser(t, chrome, dir))
	text := func() string {
		s, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		if err != nil {
			return ""
		}
		return s
	}
	if err := chromedp.Do(tab, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text(), "We reviewed seven years") {
		t.Fatalf("the served page does not show the notes:\n%.500s", text())
	}

	edit := func(b []byte) {
		if err := os.WriteFile(notes, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(bytes.Replace(orig, []byte("We reviewed seven years"), []byte("Edited while serving: we reviewed seven years"), 1))
	took := waitFor(t, "the page shows the edit", 30*time.Second, func() bool { return strings.Contains(text(), "Edited while serving") })
	t.Logf("the open page showed the edited notes %.1fs after the save", took.Seconds())

	edit(bytes.Replace(orig, []byte("accent: "), []byte("accent: \"url(x)\" #"), 1))
	waitFor(t, "the page shows the failed rebuild", 30*time.Second, func() bool { return strings.Contains(text(), "The last rebuild failed") })
	if s := text(); !strings.Contains(s, "accent: expected a colour") || !strings.Contains(s, "Edited while serving") {
		t.Errorf("the failed rebuild's page lacks the error or the last good report:\n%.800s", s)
	}
	edit(orig)
	waitFor(t, "the page clears the error", 30*time.Second, func() bool {
		s := text()
		return strings.Contains(s, "We reviewed seven years") && !strings.Contains(s, "The last rebuild failed") && !strings.Contains(s, "Edited while serving")
	})

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary folder %s is still there: %v", tmp, err)
	}
	if !strings.Contains(out.String(), "stopped; removed "+tmp) {
		t.Errorf("output:\n%s", out.String())
	}
}
