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
