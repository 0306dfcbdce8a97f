package ingest

import "sort"

// stageCounts counts the raw stage values of one file, for the summary:
// up to maxStageValues distinct values.
type stageCounts map[string]int

const maxStageValues = 200

// add counts the value v; store makes the stored copy of a new value.
func (c stageCounts) add(v string, store func(string) string) {
	if _, ok := c[v]; ok {
		c[v]++
	} else if len(c) < maxStageValues {
		c[store(v)] = 1
	}
}

// counts returns the values counted, most frequent first, each read the
// way the file's column means it.
func (c stageCounts) counts(l *layout) []StageCount {
	var out []StageCount
	for v, n := range c {
		out = append(out, StageCount{Value: v, Stage: l.stageOf(v), Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Value < b.Value
	})
	return out
}
