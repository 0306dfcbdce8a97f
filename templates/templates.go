// Package templates holds the built-in page layouts, narrative sections,
// styles and the vendored ECharts build of the report. A user's templates
// folder overrides any of them by the same relative path, as in Hugo.
package templates

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// builtin holds the built-in templates.
//
//go:embed *.html *.txt *.css *.js narrative/*.md vendor/echarts/echarts.min.js vendor/echarts/LICENSE vendor/echarts/NOTICE vendor/liberation/*.ttf vendor/liberation/LICENSE
var builtin embed.FS

// EChartsPath is where the vendored ECharts build sits.
const EChartsPath = "vendor/echarts/echarts.min.js"

// echartsSHA256 pins the vendored build (see vendor/echarts/VERSION and
// vendor/echarts/update.sh).
const echartsSHA256 = "6ffc7cf4f35409c55c6f9ca716e1849fd3ff55711df511e9ad2ebfee55141f3f"

// ChartFonts returns the vendored Liberation Sans, regular and bold, that
// PNG charts are drawn in (see vendor/liberation/LICENSE). Like the ECharts
// build, a templates folder cannot replace them.
func ChartFonts() (regular, bold []byte, err error) {
	if regular, err = builtin.ReadFile("vendor/liberation/LiberationSans-Regular.ttf"); err != nil {
		return nil, nil, err
	}
	bold, err = builtin.ReadFile("vendor/liberation/LiberationSans-Bold.ttf")
	return regular, bold, err
}

// Builtin returns the built-in templates.
func Builtin() fs.FS { return builtin }

// Open returns the templates with the files of dir, if it is not "",
// taking the place of built-in files at the same relative path.
func Open(dir string) (fs.FS, error) {
	if dir == "" {
		return builtin, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("templates folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("templates folder %s: not a folder", dir)
	}
	return overlay{os.DirFS(dir), builtin}, nil
}

type overlay struct{ user, base fs.FS }

// Open opens the user's file of that name, or the built-in one. A user's
// file that is not a regular file or a folder (a pipe, a device) is
// refused before it is opened: a pipe would block the build.
func (o overlay) Open(name string) (fs.File, error) {
	if st, err := fs.Stat(o.user, name); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, fmt.Errorf("templates folder: %s is not a regular file (a pipe or a device)", name)
	}
	f, err := o.user.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.base.Open(name)
}

// ECharts returns the vendored ECharts build after checking its SHA-256.
// The build is always the built-in one: a templates folder cannot replace
// it.
func ECharts() ([]byte, error) {
	b, err := builtin.ReadFile(EChartsPath)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != echartsSHA256 {
		return nil, fmt.Errorf("vendored %s has SHA-256 %s, want %s", EChartsPath, got, echartsSHA256)
	}
	return b, nil
}

// Export writes every built-in template except the vendored ECharts build
// into dir, to start a templates folder from. It refuses to overwrite.
func Export(dir string) ([]string, error) {
	var written []string
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "templates.go" || len(p) >= 7 && p[:7] == "vendor/" {
			return err
		}
		b, err := builtin.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if _, err := os.Stat(dst); err == nil {
			return fmt.Errorf("%s exists; not overwriting", dst)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
		written = append(written, p)
		return nil
	})
	return written, err
}
