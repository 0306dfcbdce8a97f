package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var reportIndex = []byte("<html>" + Generator + "</html>")

// A rebuild into a previous report's folder keeps the user's own files
// there unless --force (it deleted notes.md, the logo and the deals), and
// never, not even with --force, a file the build reads.
func TestRebuildKeepsWhatTheBuildDidNotWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "report")
	if err := WriteDir(dir, Files{"index.html": reportIndex, "data/a.csv": []byte("1")}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.md")
	os.WriteFile(notes, []byte("mine"), 0o644)
	err := WriteDir(dir, Files{"index.html": reportIndex, "data/b.csv": []byte("2")}, WriteOptions{})
	if !errors.Is(err, ErrNotReport) || !strings.Contains(err.Error(), "notes.md") {
		t.Errorf("rebuild over notes.md: %v", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "mine" {
		t.Fatal("notes.md was deleted")
	}
	deals := filepath.Join(dir, "deals.csv")
	os.WriteFile(deals, []byte("Account"), 0o644)
	err = WriteDir(dir, Files{"index.html": reportIndex}, WriteOptions{Force: true, Keep: []string{deals}})
	if err == nil || !strings.Contains(err.Error(), "deals.csv, which this build reads") {
		t.Errorf("--force over an input: %v", err)
	}
	if _, err := os.Stat(deals); err != nil {
		t.Fatal("the input was deleted")
	}
	// The previous report's own files (its manifest) are replaced freely.
	os.Remove(notes)
	os.Remove(deals)
	if err := WriteDir(dir, Files{"index.html": reportIndex, "data/b.csv": []byte("2")}, WriteOptions{}); err != nil {
		t.Errorf("rebuild over its own files: %v", err)
	}
}

// A rebuild keeps the folder's permissions (a 0700 report was reset to
// 0755, readable by every user); a symbolic link as the folder is refused,
// not replaced by a folder while its target kept the stale report.
func TestRebuildKeepsPermissionsAndLinks(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "report")
	if err := WriteDir(dir, Files{"index.html": reportIndex}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o700)
	if err := WriteDir(dir, Files{"index.html": reportIndex}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("permissions %v after a rebuild, want 0700", st.Mode().Perm())
	}
	link := filepath.Join(root, "latest")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteDir(link, Files{"index.html": reportIndex}, WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a link as the folder: %v", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// Stopped at any step, a build leaves the previous report in place,
// whole, and the next build removes what the stopped one left beside it
// (killed builds left 5–17 MB temporary folders for good).
func TestInterruptedWriteLeavesAReport(t *testing.T) {
	for _, step := range []string{"written", "moved aside", "swapped"} {
		root := t.TempDir()
		dir := filepath.Join(root, "report")
		if err := WriteDir(dir, Files{"index.html": reportIndex, "data/old.csv": []byte("old")}, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		stop := errors.New("stopped")
		err := WriteDir(dir, Files{"index.html": reportIndex, "data/new.csv": []byte("new")}, WriteOptions{step: func(s string) error {
			if s == step {
				return stop
			}
			return nil
		}})
		old, _ := os.ReadFile(filepath.Join(dir, "data", "old.csv"))
		nw, _ := os.ReadFile(filepath.Join(dir, "data", "new.csv"))
		if string(old) != "old" && string(nw) != "new" {
			t.Errorf("stopped after %q (%v): neither report is at the path", step, err)
		}
		// A killed build leaves its temporary folder; the next removes it.
		os.MkdirAll(filepath.Join(root, ".report.tmp-123", "data"), 0o755)
		if err := WriteDir(dir, Files{"index.html": reportIndex}, WriteOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(root)
		if len(entries) != 1 {
			t.Errorf("stopped after %q: beside the report: %v", step, entries)
		}
	}
}

// The fallback swap, stopped between its two renames, puts the previous
// report back.
func TestTwoRenamesStoppedPutsTheReportBack(t *testing.T) {
	root := t.TempDir()
	dir, tmp := filepath.Join(root, "report"), filepath.Join(root, ".report.tmp-1")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("old"), 0o644)
	os.MkdirAll(tmp, 0o755)
	stop := errors.New("stopped")
	if err := swapTwoRenames(tmp, dir, WriteOptions{step: func(string) error { return stop }}); err != stop {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(b) != "old" {
		t.Error("the previous report is not back")
	}
}

// Two builds into one folder at once take turns: both succeed and the
// folder holds one of them whole (they ended in "rename … file exists").
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "report")
	errs := make(chan error, 2)
	for _, v := range []string{"a", "b"} {
		go func() {
			errs <- WriteDir(dir, Files{"index.html": reportIndex, "data/v.csv": []byte(v), "data/" + v + ".csv": []byte(v)}, WriteOptions{})
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	v, _ := os.ReadFile(filepath.Join(dir, "data", "v.csv"))
	entries, _ := os.ReadDir(filepath.Join(dir, "data"))
	if len(v) != 1 || len(entries) != 2 {
		t.Errorf("the folder mixes builds: v.csv %q, %d files in data/", v, len(entries))
	}
}
