package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNotReport is returned when the output folder holds something other
// than a previous report's own files and force is off, or is not a folder.
var ErrNotReport = errors.New("folder is not empty and is not a dealaudit report")

// WriteError is a failure to write the report folder (a full disk, a
// folder that cannot be written, another build holding it); the previous
// report, if any, is as it was.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return "writing the report: " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// ErrLocked is returned when another build is writing the same folder.
var ErrLocked = errors.New("another dealaudit build has been writing beside this folder for 30 s: wait for it to finish")

// manifestName lists, in each report folder, the files the build wrote:
// what a rebuild may replace.
const manifestName = ".dealaudit-files"

// WriteOptions say what WriteDir may replace.
type WriteOptions struct {
	// Force replaces a folder that holds other files than a previous
	// report's.
	Force bool
	// Keep are the files the build reads (inputs, notes, logo, templates,
	// configuration): a folder holding one is never replaced, not even
	// with Force.
	Keep []string
	// step, for tests, is called after each step; an error stops there.
	step func(string) error
}

func (o WriteOptions) after(step string) error {
	if o.step != nil {
		return o.step(step)
	}
	return nil
}

// WriteDir writes files into dir: into a temporary folder beside it, then
// swapped into place, so that dir holds the previous report or the new
// one at every instant (with renameat2's exchange where the system has
// it; elsewhere by two renames, with a moment between them when dir is
// absent). Builds writing into one folder take turns (a lock on the
// folder it is in);
// temporary folders that killed builds left beside it are removed; an
// existing folder keeps its permissions. A symbolic link as dir is
// refused, as is a folder holding anything but a previous report's files
// (unless Force) or one of o.Keep (always).
func WriteDir(dir string, files Files, o WriteOptions) error {
	err := writeDir(filepath.Clean(dir), files, o)
	var refused *refusal
	if err == nil || errors.As(err, &refused) {
		return err
	}
	return &WriteError{err}
}

// refusal is a folder WriteDir will not replace: the user's choice to
// make, not a failure to write.
type refusal struct{ msg string }

func (r *refusal) Error() string { return r.msg }

// Is makes every refusal match ErrNotReport.
func (r *refusal) Is(target error) bool { return target == ErrNotReport }

func writeDir(dir string, files Files, o WriteOptions) (err error) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	unlock, err := lockFolder(parent)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	defer unlock()
	removeStale(parent, base)
	mode, exists, err := replaceable(dir, files, o)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return fmt.Errorf("creating temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp) // after a swap it holds the previous report
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err := writeFiles(tmp, files); err != nil {
		return err
	}
	if err := o.after("written"); err != nil {
		return err
	}
	if !exists {
		return os.Rename(tmp, dir)
	}
	return swap(tmp, dir, o)
}

// writeFiles writes the files and the manifest that lists them.
func writeFiles(tmp string, files Files) error {
	names := make([]string, 0, len(files)+1)
	for name, b := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		names = append(names, name)
	}
	names = append(names, manifestName)
	slices.Sort(names)
	return os.WriteFile(filepath.Join(tmp, manifestName), []byte(strings.Join(names, "\n")+"\n"), 0o644)
}

// swapTwoRenames puts tmp at dir by moving dir aside first: the fallback
// where the system cannot exchange two paths in one step.
func swapTwoRenames(tmp, dir string, o WriteOptions) error {
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous report aside: %w", err)
	}
	if err := o.after("moved aside"); err != nil {
		os.Rename(old, dir)
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return fmt.Errorf("moving the report into place: %w", err)
	}
	return os.RemoveAll(old)
}

// removeStale removes the temporary folders of builds into base that were
// killed (the lock is held: none of them is being written).
func removeStale(parent, base string) {
	stale, _ := filepath.Glob(filepath.Join(parent, "."+globEscape(base)+".tmp-*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}

// replaceable checks that dir may be replaced and returns the permissions
// the new folder gets and whether dir exists.
func replaceable(dir string, files Files, o WriteOptions) (fs.FileMode, bool, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0o755, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		target, _ := filepath.EvalSymlinks(dir)
		return 0, false, &refusal{fmt.Sprintf("%s is a symbolic link: give the folder it points to (%s) as -o", dir, target)}
	}
	if !st.IsDir() { // not even with --force: the output is a folder
		return 0, false, &refusal{fmt.Sprintf("%s: %v: it is a file", dir, ErrNotReport)}
	}
	if kept := inside(dir, o.Keep); len(kept) > 0 {
		return 0, false, &refusal{fmt.Sprintf("%s holds %s, which this build reads: write the report into another folder", dir, strings.Join(kept, ", "))}
	}
	if o.Force {
		return st.Mode().Perm(), true, nil
	}
	others, err := foreign(dir, files)
	if err != nil {
		return 0, false, err
	}
	if len(others) > 0 {
		more := ""
		if len(others) > 3 {
			more = fmt.Sprintf(" and %d more", len(others)-3)
			others = others[:3]
		}
		return 0, false, &refusal{fmt.Sprintf("%s: %v: it holds %s%s, which a build did not write; choose another folder, move them out, or pass --force to replace it all", dir, ErrNotReport, strings.Join(others, ", "), more)}
	}
	return st.Mode().Perm(), true, nil
}

// foreign lists what dir holds besides a report's own files: those its
// manifest lists (for a report of an earlier version, without one, those
// of this build), in the order walked. An empty folder holds nothing
// foreign; a folder with files and no report's index.html is all foreign.
func foreign(dir string, files Files) ([]string, error) {
	own := map[string]bool{manifestName: true}
	for name := range files {
		own[name] = true
	}
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err == nil {
		for _, name := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			own[name] = true
		}
	}
	if idx, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || !bytes.Contains(idx, []byte(Generator)) {
		own = map[string]bool{} // not a report: every file is foreign
	}
	var others []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || d.IsDir() {
			return nil
		}
		if !own[rel] {
			others = append(others, rel)
		}
		return nil
	})
	return others, err
}

// inside lists the paths that lie in dir.
func inside(dir string, paths []string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs
	}
	var out []string
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			a = r
		}
		if rel, err := filepath.Rel(real, a); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			out = append(out, filepath.Base(p))
		}
	}
	return out
}
