package site

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// QualityCSV renders the data-quality table: one row per problem, with the
// likely duplicate accounts after them.
func QualityCSV(res *ingest.Result) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"file", "row", "column", "value", "problem", "action"})
	for _, p := range res.Problems {
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		w.Write([]string{csvCell(p.File), row, csvCell(p.Column), csvCell(p.Value), csvCell(p.Text()), csvCell(p.Action)})
	}
	for _, d := range res.LikelyDuplicates {
		w.Write([]string{"", "", "account", csvCell(d.A + " / " + d.B), csvCell("likely the same account: " + d.Reason), "kept apart; merge them in the source if they are one company"})
	}
	w.Flush()
	return b.Bytes()
}
