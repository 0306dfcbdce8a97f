package ingest

import "sort"

// stageCounts counts the raw stage values of one file, for the summary:
// up to maxStageValues distinct values. A stage column has a handful of
// values, which are counted in a short list; the rest in a map.
type stageCounts struct {
	few  []stageCount
	many map[string]int
}

type stageCount struct {
	v string
	n int
}

const (
	fewStageValues = 8
	maxStageValues = 200
)

// add counts the value v; store makes the stored copy of a new value.
func (c *stageCounts) add(v string, store func(string) string) {
	for i := range c.few {
		if c.few[i].v == v {
			c.few[i].n++
			return
		}
	}
	switch _, ok := c.many[v]; {
	case ok:
		c.many[v]++
	case len(c.few) < fewStageValues:
		c.few = append(c.few, stageCount{store(v), 1})
	case len(c.few)+len(c.many) < maxStageValues:
		if c.many == nil {
			c.many = map[string]int{}
		}
		c.many[store(v)] = 1
	}
}

// counts returns the values counted, most frequent first, each read the
// way the file's column means it.
func (c *stageCounts) counts(l *layout) []StageCount {
	var out []StageCount
	for _, e := range c.few {
		out = append(out, StageCount{Value: e.v, StageReading: l.stageOf(e.v), Count: e.n})
	}
	for v, n := range c.many {
		out = append(out, StageCount{Value: v, StageReading: l.stageOf(v), Count: n})
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
