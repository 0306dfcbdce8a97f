package main

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Watching polls: it needs no file-system events, which network folders
// and some editors' saves (write a copy, rename it over) do not give
// reliably.
const (
	pollEvery = 200 * time.Millisecond
	// settle is how long the watched files must stay unchanged before a
	// rebuild: an editor that saves in steps triggers one build.
	settle = 300 * time.Millisecond
)

// fingerprint describes the watched paths as they are now: each file's
// size and modification time, every file under a folder, and the
// paths that are missing; two equal fingerprints mean nothing changed.
func fingerprint(paths []string) string {
	var b strings.Builder
	for _, p := range paths {
		filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(&b, "%s missing\n", q)
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(&b, "%s %d %d\n", q, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}

// watch calls rebuild whenever the files under the paths it returned last
// change and then stay unchanged for settle, until ctx ends. rebuild
// returns the paths to watch from then on (a changed dealaudit.yaml can
// name other inputs).
func watch(ctx context.Context, paths []string, rebuild func() []string) {
	last := fingerprint(paths)
	var changedAt time.Time
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if fp := fingerprint(paths); fp != last {
				last, changedAt = fp, now
				continue
			}
			if !changedAt.IsZero() && now.Sub(changedAt) >= settle {
				changedAt = time.Time{}
				// last stays what the build read: a save during the
				// build is a change at the next tick.
				next := rebuild()
				if !slices.Equal(next, paths) {
					paths, last = next, fingerprint(next)
				}
			}
		}
	}
}
