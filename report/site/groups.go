package site

import (
	"fmt"
	"slices"

	"github.com/dealaudit/dealaudit/report/format"
)

// maxChartGroups is how many groups a chart by group shows: the largest,
// in their order. Thousands of bars or curves drew for minutes and read as
// noise; every group is in data/.
const maxChartGroups = 12

// largest returns the positions of the n largest of the sizes (ties to
// the earlier), in order.
func largest(n int, sizes []int) []int {
	idx := make([]int, len(sizes))
	for i := range idx {
		idx[i] = i
	}
	if len(idx) <= n {
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int { return sizes[b] - sizes[a] })
	idx = idx[:n]
	slices.Sort(idx)
	return idx
}

// groupsNote says a chart shows the largest groups only, "" when it shows
// them all.
func groupsNote(shown, all int, file string, st *format.Style) string {
	if shown == all {
		return ""
	}
	return fmt.Sprintf("The %d largest of %s groups; all are in %s.", shown, st.Count(all), file)
}
