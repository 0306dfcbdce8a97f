package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// displayNames maps each path to its base name, or to the path itself when
// two paths share a base name.
func displayNames(paths []string) map[string]string {
	count := map[string]int{}
	for _, p := range paths {
		if p != "" {
			count[filepath.Base(p)]++
		}
	}
	names := map[string]string{}
	for _, p := range paths {
		if p == "" {
			continue
		}
		names[p] = filepath.Base(p)
		if count[filepath.Base(p)] > 1 {
			names[p] = filepath.ToSlash(p)
		}
	}
	return names
}

// fileSHA256s returns the SHA-256 of each file.
func fileSHA256s(paths []string) ([]string, error) {
	sums := make([]string, len(paths))
	for i, p := range paths {
		var err error
		if sums[i], err = fileSHA256(p); err != nil {
			return nil, err
		}
	}
	return sums, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", &ingest.FileError{Path: path, Msg: "cannot open", Err: err}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", &ingest.FileError{Path: path, Msg: "cannot read", Err: err}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// displayName is how the report names a file or a sheet of it ("path
// [Sheet]"): by names, with the sheet kept.
func displayName(names map[string]string, label string) string {
	if n, ok := names[label]; ok {
		return n
	}
	if i := strings.LastIndex(label, " ["); i > 0 {
		if n, ok := names[label[:i]]; ok {
			return n + label[i:]
		}
	}
	return label
}
