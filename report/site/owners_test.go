package site

import (
	"fmt"
	"strings"
	"testing"
)

// The owners page is in the nav, report.html and data/owners.csv when the
// history names owners, and nowhere without an owner column.
func TestOwnersPage(t *testing.T) {
	files := buildPages(t, smallHistory)
	if _, ok := files["owners.html"]; !ok {
		t.Fatal("no owners.html")
	}
	if !strings.Contains(string(files["index.html"]), `href="owners.html"`) || !strings.Contains(string(files["report.html"]), `id="owners"`) {
		t.Error("owners page missing from the nav or from report.html")
	}
	r := reportOf(t, smallHistory)
	csv := strings.Split(strings.TrimSpace(string(OwnersCSV(r.M))), "\n")
	if len(csv) != 4 || !strings.HasPrefix(csv[1], "Ann,approach,1,") || !strings.HasPrefix(csv[2], "Bob,approach,2,") || !strings.HasPrefix(csv[3], "(not recorded),") {
		t.Errorf("owners.csv:\n%s", strings.Join(csv, "\n"))
	}
	if !strings.HasSuffix(csv[2], ",Collaborative: 1; Competitive: 1") {
		t.Errorf("Bob's mix: %s", csv[2])
	}
	v := ownersView(r.M, testStyle)
	if v.TooSmall != 2 || len(v.Clear) != 0 || v.Table.Rows[0][0] != "Ann (too few to compare)" {
		t.Errorf("view %+v", v)
	}

	var b strings.Builder
	b.WriteString("Account,Close Date,Amount,Stage\n")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "A%d,2022-0%d-01,100,Won\nA%d,2023-0%d-01,100,Won\n", i, i+1, i, i+1)
	}
	files = buildPages(t, b.String())
	if _, ok := files["owners.html"]; ok || strings.Contains(string(files["index.html"]), "owners.html") {
		t.Error("an owners page without an owner column")
	}
}

// An owner whose 40 customers never came back, against another's 40 who
// all did, is a clear difference, written out; Fisher's exact test of 0
// of 40 against 40 of 40 gives p ≈ 2.3e-23 (R: fisher.test(matrix(c(0,
// 40, 40, 0), 2))$p.value), clear after any correction.
func TestOwnersClearDifference(t *testing.T) {
	var b strings.Builder
	b.WriteString("Account,Close Date,Amount,Stage,Owner\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "Kept %02d,2022-01-%02d,100,Won,Ann\nKept %02d,2023-01-%02d,100,Won,Ann\n", i, i%28+1, i, i%28+1)
		fmt.Fprintf(&b, "Gone %02d,2022-01-%02d,100,Won,Bob\n", i, i%28+1)
	}
	fmt.Fprintf(&b, "Last,2024-12-30,100,Won,Ann\n")
	r := reportOf(t, b.String())
	v := ownersView(r.M, testStyle)
	joined := strings.Join(v.Clear, "\n")
	if !strings.Contains(joined, "The customers Bob first won bought again less often than the other owners' customers: 0.0% (0 of 40)") ||
		!strings.Contains(joined, "The customers Ann first won bought again more often") {
		t.Errorf("clear differences:\n%s", joined)
	}
}
