package report

import (
	"math"
	"runtime/debug"
	"testing"
)

// boundMemory sets a soft limit of at least 256 MiB, and leaves a
// GOMEMLIMIT the user set alone.
func TestBoundMemory(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	boundMemory()
	if got := debug.SetMemoryLimit(-1); got < minMemoryLimit || got == math.MaxInt64 {
		t.Errorf("limit %d, want at least %d", got, minMemoryLimit)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	boundMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set, but the limit became %d", got)
	}
}

// relaxGC lets the heap triple between collections, and leaves a GOGC the
// user set alone.
func TestRelaxGC(t *testing.T) {
	old := debug.SetGCPercent(50)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	relaxGC()
	if got := debug.SetGCPercent(50); got != 200 {
		t.Errorf("GC percent %d, want 200", got)
	}
	t.Setenv("GOGC", "50")
	relaxGC()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GOGC set, but the GC percent became %d", got)
	}
}
