//go:build unix

package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A pipe or a device given as the deals is refused at once (a pipe blocked
// the build until killed).
func TestInputMustBeAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "deals.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		done := make(chan error, 1)
		go func() { _, err := Read(context.Background(), []string{p}, Options{}); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "found a pipe or a device") {
				t.Errorf("%s: %v", p, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", p)
		}
	}
}
