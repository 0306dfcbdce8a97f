//go:build !linux

package site

// swap puts tmp at dir by two renames: on systems without an exchange,
// dir is absent for a moment between them.
func swap(tmp, dir string, o WriteOptions) error { return swapTwoRenames(tmp, dir, o) }
