package site

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// swap exchanges tmp and dir in one step (renameat2 RENAME_EXCHANGE): at
// every instant dir is the previous report or the new one. Filesystems
// that cannot exchange fall back to two renames.
func swap(tmp, dir string, o WriteOptions) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EXDEV) {
		return swapTwoRenames(tmp, dir, o)
	}
	if err != nil {
		return fmt.Errorf("moving the report into place: %w", err)
	}
	return o.after("swapped")
}
