//go:build unix

package site

import (
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockWait is how long a build waits for another writing beside it.
const lockWait = 30 * time.Second

// lockFolder locks the folder the report folder is in (flock on the
// folder itself: no lock file is left behind), waiting while another
// build writes there, at most lockWait, then says so.
func lockFolder(parent string) (func(), error) {
	f, err := os.Open(parent)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", parent, err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { unix.Flock(int(f.Fd()), unix.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, ErrLocked
			}
			return nil, fmt.Errorf("locking %s: %w", parent, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
