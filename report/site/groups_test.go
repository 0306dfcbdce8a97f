package site

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestLargest(t *testing.T) {
	if got := fmt.Sprint(largest(3, []int{5, 1, 9, 5, 7})); got != "[0 2 4]" {
		t.Errorf("largest = %s, want [0 2 4] (9, 7 and the first 5, in order)", got)
	}
	if got := fmt.Sprint(largest(3, []int{1, 2})); got != "[0 1]" {
		t.Errorf("largest = %s", got)
	}
}

// A history with 40 negotiation approaches charts the 12 largest and says
// where the rest are (5,000 approaches made a 3 MB page; 20,000 failed).
func TestManyApproachesAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("Account,Close Date,Amount,Negotiation Approach\n")
	for i := range 40 {
		for j := range 1 + i%5 {
			fmt.Fprintf(&b, "Acct %d-%d,2023-0%d-10,100,Approach %02d\n", i, j, 1+j%9, i)
			fmt.Fprintf(&b, "Acct %d-%d,2024-0%d-10,100,Approach %02d\n", i, j, 1+j%9, i)
		}
	}
	r := reportOf(t, b.String())
	c := ApproachChart(r.M, r.Style)
	if len(c.Table.Rows) != maxChartGroups || !strings.Contains(c.Table.Note, "The 12 largest of 40 groups") {
		t.Errorf("%d rows, note %q", len(c.Table.Rows), c.Table.Note)
	}
	if n := strings.Count(c.Option, `"Approach `); n > 3*maxChartGroups {
		t.Errorf("the option names approaches %d times", n)
	}
}

// A chart that takes longer than the time limit to draw is left out of
// the page with a note, and the report is written (the limit aborted the
// build on plausible data under load).
func TestChartTooLongIsLeftOut(t *testing.T) {
	r := reportOf(t, smallHistory)
	charts, err := NewCharts()
	if err != nil {
		t.Fatal(err)
	}
	charts.Timeout = time.Nanosecond
	r.Charts = charts
	files, err := Pages(r)
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["retention.html"])
	drawn := strings.Count(page, "<svg") - strings.Count(page, `<svg class="heat-legend"`)
	if !strings.Contains(page, "This chart took too long to draw") || drawn != 0 {
		t.Error("retention.html does not say its charts were left out")
	}
	if files["email.eml"] == nil {
		t.Error("no email.eml")
	}
}
