package site

import (
	"strings"
	"testing"
)

// Win rates are charted only where they compare something: two groups or
// more, and a lost deal among the deals. A file with no lost deal says so
// instead of showing every win rate at 100%.
func TestWinRateChartsOnlyWhereTheyCompare(t *testing.T) {
	for _, c := range []struct {
		name, csv      string
		source, owner  bool
		noLostDealNote bool
	}{
		{"two sources and owners, a lost deal", smallHistory, true, true, false},
		{"one owner", "Account,Close Date,Amount,Stage,Lead Source,Owner\nAcme,2022-03-01,100,Won,Web,Ann\nBirch,2022-04-01,50,Lost,Fair,Ann\nAcme,2023-03-01,80,Won,Fair,Ann\n", true, false, false},
		{"no lost deal", "Account,Close Date,Amount,Lead Source,Owner\nAcme,2022-03-01,100,Web,Ann\nBirch,2022-04-01,50,Fair,Bob\nAcme,2023-03-01,80,Fair,Bob\n", false, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := buildPages(t, c.csv)
			for _, page := range []string{"approach.html", "report.html"} {
				p := string(files[page])
				if got := strings.Contains(p, `id="chart-winrate-source"`); got != c.source {
					t.Errorf("%s: win rate by lead source shown %v, want %v", page, got, c.source)
				}
				if got := strings.Contains(p, `id="chart-winrate-owner"`); got != c.owner {
					t.Errorf("%s: win rate by owner shown %v, want %v", page, got, c.owner)
				}
				if got := strings.Contains(p, "the file records no lost deal"); got != c.noLostDealNote {
					t.Errorf("%s: says there is no lost deal %v, want %v", page, got, c.noLostDealNote)
				}
			}
		})
	}
}
