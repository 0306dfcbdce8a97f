package main

import (
	"bufio"
	"bytes"
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
