package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesPreviousReport builds the command, starts a build of a
// large file over a previous report, interrupts it as Ctrl-C would, and
// checks that the previous report is untouched and nothing is left beside
// it.
func TestInterruptLeavesPreviousReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped in -short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dealaudit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	big := filepath.Join(dir, "big.csv")
	f, _ := os.Create(big)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Deal ID,Account,Close Date,Amount,Stage")
	for i := 0; i < 1_500_000; i++ {
		fmt.Fprintf(w, "D%d,Account %d,2024-%02d-%02d,%d,Closed Won\n", i, i%50000, 1+i%12, 1+i%28, i%1000)
	}
	w.Flush()
	f.Close()
	out := filepath.Join(dir, "report")
	if msg, err := exec.Command(bin, "build", "--quiet", "-o", out, fixtures+"title_trailer.csv").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v %s", err, msg)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))

	cmd := exec.Command(bin, "build", "--quiet", "-o", out, big)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the interrupted build ended with %v (it may have finished first: make the input larger)", err)
	}
	if ee.ExitCode() != exitSignal || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q", ee.ExitCode(), stderr.String())
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("the interrupted build changed the previous report")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".report") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// The first Ctrl-C cancels the command; a second exits at once with 130
// (two SIGINTs and a SIGTERM were ignored by a blocked build for minutes).
func TestSecondInterruptExitsAtOnce(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	exited := make(chan int, 1)
	var stderr bytes.Buffer
	ctx := interruptible(context.Background(), sigs, func(code int) { exited <- code }, &stderr)
	sigs <- syscall.SIGINT
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the first signal did not cancel")
	}
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) on the first signal", code)
	case <-time.After(50 * time.Millisecond):
	}
	sigs <- syscall.SIGTERM
	select {
	case code := <-exited:
		if code != exitSignal || !strings.Contains(stderr.String(), "interrupted again") {
			t.Errorf("exit %d, %q", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second signal did not exit")
	}
}
