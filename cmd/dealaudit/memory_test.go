package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/dealaudit/dealaudit/report"
)

// After reading, the soft limit is at least minMemoryLimit; a GOMEMLIMIT
// the user set is left alone.
func TestTuneMemoryAfterReading(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	tuneMemory(report.StepRead)
	if got := debug.SetMemoryLimit(-1); got < minMemoryLimit || got == math.MaxInt64 {
		t.Errorf("limit %d, want at least %d", got, minMemoryLimit)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	tuneMemory(report.StepRead)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set, but the limit became %d", got)
	}
}

// Once the deals are let go the heap may grow by minHeadroom between
// collections, two to four times what is live; a GOGC the user set is
// left alone.
func TestTuneMemoryAfterFigures(t *testing.T) {
	old := debug.SetGCPercent(readingGCPercent)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "")
	tuneMemory(report.StepFigures)
	if got := debug.SetGCPercent(readingGCPercent); got != relaxedGCPercent(liveHeap()) || got < 200 || got > 400 {
		t.Errorf("GC percent %d, want %d", got, relaxedGCPercent(liveHeap()))
	}
	t.Setenv("GOGC", "50")
	tuneMemory(report.StepFigures)
	if got := debug.SetGCPercent(readingGCPercent); got != readingGCPercent {
		t.Errorf("GOGC set, but the GC percent became %d", got)
	}
}

func TestRelaxedGCPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 400}, {9 << 20, 400}, {32 << 20, 400}, {64 << 20, 200}, {78 << 20, 200}, {1 << 30, 200},
		{40 << 20, 320}, // 128 MiB of headroom
	} {
		if got := relaxedGCPercent(c.live); got != c.want {
			t.Errorf("relaxedGCPercent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}
