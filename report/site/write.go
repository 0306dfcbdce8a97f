// Package site writes the report folder: pages, assets and data tables.
// A build writes into a temporary folder beside the target and renames it
// into place, so that a failed build leaves the previous report untouched.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Generator marks pages written by dealaudit; a folder whose index.html has
// it is a previous report and may be replaced.
const Generator = `<meta name="generator" content="dealaudit">`

// Files is a report's content: relative path → bytes.
type Files map[string][]byte

// ErrNotReport is returned when the output folder holds something other
// than a previous report and force is off.
var ErrNotReport = errors.New("folder is not empty and is not a dealaudit report")

// WriteDir writes files into dir atomically: into a temporary folder beside
// dir, then renamed into place. An existing dir is replaced only when it is
// empty, a previous report, or force is set.
func WriteDir(dir string, files Files, force bool) (err error) {
	dir = filepath.Clean(dir)
	if err := replaceable(dir, force); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating temporary folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the previous report aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("moving the report into place: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func replaceable(dir string, force bool) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() { // not even with --force: the output is a folder
		return fmt.Errorf("%s: %w: it is a file", dir, ErrNotReport)
	}
	if force {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err == nil && bytes.Contains(b, []byte(Generator)) {
		return nil
	}
	return fmt.Errorf("%s: %w; choose another folder or pass --force to replace it", dir, ErrNotReport)
}

// csvCell neutralises text a spreadsheet would run as a formula (OWASP CSV
// injection): a leading =, +, -, @, tab or carriage return gets a leading
// apostrophe, and so does one after a semicolon, comma or tab inside the
// text, where a spreadsheet that splits lines at that character starts a
// cell ("x;=1+1" is "x;'=1+1"). Numbers are untouched.
func csvCell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	if strings.IndexByte(csvFormulaStarts, s[0]) >= 0 {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ";,\t") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if (s[i] == ';' || s[i] == ',' || s[i] == '\t') && i+1 < len(s) && strings.IndexByte(csvFormulaStarts, s[i+1]) >= 0 {
			b.WriteByte('\'')
		}
	}
	return b.String()
}

// csvFormulaStarts are the first characters that make a spreadsheet read a
// cell as a formula.
const csvFormulaStarts = "=+-@\t\r"

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return s != "" && s != "."
}
