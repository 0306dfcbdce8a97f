package main

import (
	"os"
	"runtime"
	"runtime/debug"
	rtmetrics "runtime/metrics"

	"github.com/dealaudit/dealaudit/report"
)

// The collector's settings follow what is live. While deals are read and
// the figures computed, the deals are most of the heap: collecting when
// the heap has grown by half, not doubled, keeps the peak down. After
// reading, a soft memory limit of twice the live heap keeps a big input's
// peak near what it really uses. Once the deals are let go, what is live is
// the figures and the chart engine's short-lived garbage, and each
// collection marks the figures again: the heap may grow by minHeadroom
// between collections, and by two to four times what is live, up to the
// soft limit. GOGC and GOMEMLIMIT, when set, win.
const (
	readingGCPercent = 50
	minHeadroom      = 128 << 20
	// minMemoryLimit is the least soft memory limit set: below it the
	// collector would work hard for memory nobody misses.
	minMemoryLimit = 256 << 20
)

// setReadingGC sets the collector for reading, before a build starts.
func setReadingGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(readingGCPercent)
	}
}

// tuneMemory is a build's AfterStep: it collects what the step left behind
// and sets the collector for what comes next.
func tuneMemory(s report.Step) {
	runtime.GC()
	switch s {
	case report.StepRead:
		boundMemory()
	case report.StepFigures:
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(relaxedGCPercent(liveHeap()))
		}
	}
}

// relaxedGCPercent is the GC percent once the figures are computed, for
// live bytes on the heap: minHeadroom of growth, and between 200% and 400%.
func relaxedGCPercent(live uint64) int {
	return int(min(max(minHeadroom*100/max(live, 1), 200), 400))
}

// liveHeap is the heap's live bytes at the end of the last collection, 0
// when the runtime does not say.
func liveHeap() uint64 {
	s := []rtmetrics.Sample{{Name: "/gc/heap/live:bytes"}}
	rtmetrics.Read(s)
	if s[0].Value.Kind() != rtmetrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// boundMemory sets the soft memory limit to twice the live heap (the
// deals and what reading kept; computing the figures needs about 0.7 times
// that again), and at least minMemoryLimit.
func boundMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(minMemoryLimit, 2*int64(liveHeap())))
}
