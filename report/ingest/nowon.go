package ingest

import (
	"fmt"
	"strings"
)

// NoWonError is a history in which no row is a won deal: a report of it
// would be empty. Its message names the stage column, its most frequent
// values and the stages: lines of dealaudit.yaml that would read them.
type NoWonError struct{ Msg string }

func (e *NoWonError) Error() string { return e.Msg }

// CheckWon returns a *NoWonError when no deal of r is won, nil otherwise.
func (r *Result) CheckWon() error {
	for i := range r.Deals {
		if r.Deals[i].Stage == Won {
			return nil
		}
	}
	var b strings.Builder
	b.WriteString("no row is a won deal, so there is nothing to report")
	var suggest []string
	for _, f := range r.Files {
		col := f.Header(FieldStage)
		if col == "" {
			col = f.Header(FieldIsWon)
		}
		if col == "" || len(f.Stages) == 0 {
			fmt.Fprintf(&b, "; %s: %s", f.Path, plural(f.Deals, "deal read", "deals read"))
			continue
		}
		var vals []string
		for i, s := range f.Stages {
			if i == 6 {
				vals = append(vals, "…")
				break
			}
			vals = append(vals, fmt.Sprintf("%q (%d, read as %s)", s.Value, s.Count, s.Stage))
			if s.Stage == Open && len(suggest) < 5 && s.Value != "" {
				suggest = append(suggest, fmt.Sprintf("%q", s.Value))
			}
		}
		fmt.Fprintf(&b, "; %s: column %q holds %s", f.Path, col, strings.Join(vals, ", "))
	}
	if len(suggest) > 0 {
		fmt.Fprintf(&b, "; if some of these mean a sale, say so in dealaudit.yaml (dealaudit init writes one):\n  stages:\n    won: [%s]", strings.Join(suggest, ", "))
	}
	return &NoWonError{Msg: b.String()}
}
