//go:build unix

package templates

import (
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A pipe in the templates folder is refused, not read: opening it blocked
// the build until killed.
func TestOverlayRefusesPipes(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "report.css"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	tfs, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := fs.ReadFile(tfs, "report.css"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("error %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still opening the pipe after 10 s")
	}
}
