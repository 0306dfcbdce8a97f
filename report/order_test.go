package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/dealaudit/dealaudit/report/forecast"
)

// TestRowOrderDoesNotChangeTheFigures builds the sample as one file and,
// shuffled, split into files given in either order: every data table must
// be byte-identical (quality.csv names rows, and metrics.json its inputs,
// so those two are compared without them).
func TestRowOrderDoesNotChangeTheFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample three times")
	}
	f, err := os.Open("../sample-data/deals.csv")
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1 // the report's trailer lines are not deals
	rows, err := cr.ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	header, body := rows[0], [][]string{}
	approaches := []string{"Competitive", "Collaborative", "Compromising"}
	for i, r := range rows[1:] {
		if len(r) != len(header) {
			continue // the report's trailer lines are not deals
		}
		body = append(body, r)
		// Every seventh won deal gets a same-day companion with another
		// approach and discount: half the amount, or (every fourteenth)
		// the same amount, a tie.
		if r[3] == "Closed Won" && i%7 == 0 {
			c := append([]string(nil), r...)
			c[0] += "-B"
			c[12] = approaches[i%3]
			c[7] = []string{"3%", "15%", "30%"}[i%3]
			if i%14 != 0 {
				c[5] = "1000.00"
			}
			body = append(body, c)
		}
	}
	dir := t.TempDir()
	want := buildTables(t, dir, "whole", [][][]string{body}, header)
	r := rand.New(rand.NewPCG(3, 9))
	for i, order := range []string{"split", "split-reversed"} {
		shuffled := append([][]string(nil), body...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		cut := len(shuffled)/3 + i*500
		parts := [][][]string{shuffled[:cut], shuffled[cut:]}
		if i == 1 {
			parts[0], parts[1] = parts[1], parts[0]
		}
		got := buildTables(t, dir, order, parts, header)
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("%s: %s differs from the build of the file in its order", order, name)
			}
		}
	}
}

// buildTables writes parts as CSV files, builds them, and returns the data
// tables that must not depend on the order of rows.
func buildTables(t *testing.T, dir, name string, parts [][][]string, header []string) map[string][]byte {
	t.Helper()
	var inputs []string
	for i, p := range parts {
		path := filepath.Join(dir, name+string(rune('a'+i))+".csv")
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(header)
		w.WriteAll(p)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, path)
	}
	out := filepath.Join(dir, name+"-report")
	cfg := Config{Inputs: inputs, Out: out, Forecast: forecast.Options{MonthlyDiscount: forecast.DefaultMonthlyDiscount}}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	tables := map[string][]byte{}
	for _, f := range []string{"periods.csv", "cohorts.csv", "accounts.csv", "referrers.csv", "approach.csv", "forecast.json", "metrics.json"} {
		b, err := os.ReadFile(filepath.Join(out, "data", f))
		if err != nil {
			t.Fatal(err)
		}
		tables[f] = b
	}
	var m map[string]any
	if err := json.Unmarshal(tables["metrics.json"], &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "inputs")
	tables["metrics.json"], _ = json.Marshal(m)
	return tables
}
