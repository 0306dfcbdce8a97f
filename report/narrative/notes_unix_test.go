//go:build unix

package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A logo given by an absolute path is read there (it was joined to the
// notes' folder); a pipe, a device or a folder as logo or notes is refused
// at once instead of blocking the build or reading for ever.
func TestNotesFilesAreRegular(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	logo := filepath.Join(dir, "logo.png")
	os.WriteFile(logo, png, 0o644)
	notes := filepath.Join(t.TempDir(), "notes.md")
	os.WriteFile(notes, []byte("---\nlogo: "+logo+"\n---\nHello.\n"), 0o644)
	if n, err := ReadNotes(notes); err != nil || n.Logo == "" {
		t.Errorf("absolute logo path: %v", err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, bad := range []string{fifo, "/dev/zero", dir} {
		os.WriteFile(notes, []byte("---\nlogo: "+bad+"\n---\nHello.\n"), 0o644)
		done := make(chan error, 1)
		go func() { _, err := ReadNotes(notes); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("logo %s: %v", bad, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("logo %s: still reading after 10 s", bad)
		}
	}
	done := make(chan error, 1)
	go func() { _, err := ReadNotes(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("notes from a pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("notes from a pipe: still reading after 10 s")
	}
}

// Images in the notes load nothing from outside the report: one beside
// the notes is embedded, others are left out with a message and their alt
// text (../../etc/passwd was requested by the browser and by --pdf, and
// //host/share/x.png became a network share).
func TestNotesImages(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde")
	os.MkdirAll(filepath.Join(dir, "img"), 0o755)
	os.WriteFile(filepath.Join(dir, "img", "chart.png"), png, 0o644)
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("Intro ![ok](img/chart.png) and ![r <b>x</b>](../../../../etc/passwd) and ![p](//host/share/x.png) and ![w](https://example.com/x.png).\n\n## More\n\n![abs](/etc/hosts)\n"), 0o644)
	n, err := ReadNotes(notes)
	if err != nil {
		t.Fatal(err)
	}
	html := string(n.Intro) + string(n.Rest)
	if strings.Count(html, "<img") != 1 || !strings.Contains(html, `src="data:image/png;base64,`) {
		t.Errorf("images: %s", html)
	}
	for _, bad := range []string{"passwd", "//host", "example.com", "/etc/hosts", "<b>"} {
		if strings.Contains(html, bad) {
			t.Errorf("the notes' HTML holds %q: %s", bad, html)
		}
	}
	if !strings.Contains(html, " r x and p and w.") {
		t.Errorf("the alt text is not there as text: %s", html)
	}
	if len(n.Dropped) != 4 || !strings.Contains(n.Dropped[0], "outside the notes' folder") {
		t.Errorf("dropped: %q", n.Dropped)
	}
}
