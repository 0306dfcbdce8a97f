package stats

import (
	"math"
	"slices"
)

// Holm returns the p-values adjusted for testing them together by Holm's
// step-down method (R: p.adjust(p, "holm")), in the order given.
func Holm(p []float64) []float64 {
	n := len(p)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case p[i] < p[j]:
			return -1
		case p[i] > p[j]:
			return 1
		}
		return 0
	})
	out := make([]float64, n)
	running := 0.0
	for rank, i := range order {
		v := math.Min(1, float64(n-rank)*p[i])
		running = math.Max(running, v)
		out[i] = running
	}
	return out
}
