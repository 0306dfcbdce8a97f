package site

import (
	"strings"
	"testing"
)

// As of 2024-12-30 (the last deal), a year's period: L1, L2 and L3 last
// bought within two years but not the last one (lapsing); Gone more than
// two years ago (lapsed), Now within the year (current). Without a
// forecast the list is by owner, then largest lifetime revenue: Ann's L1
// (500) and L3 (100), then Bob's L2; the owner cell that starts with "="
// is neutralised in the CSV.
func TestCallList(t *testing.T) {
	r := reportOf(t, `Account,Close Date,Amount,Stage,Owner
L1,2023-03-01,200,Won,Ann
L1,2023-06-01,300,Won,Ann
L2,2023-09-01,900,Won,Bob
L3,2023-10-01,100,Won,Ann
Gone,2021-01-01,1000,Won,Ann
Now,2024-03-01,50,Won,=Cy
Now,2024-12-30,50,Won,=Cy
X,2023-11-01,10,Won,=Cy
`)
	var names []string
	for _, e := range callList(r.M, nil) {
		names = append(names, e.a.Owner+"/"+e.a.Name)
	}
	if got := strings.Join(names, " "); got != "=Cy/X Ann/L1 Ann/L3 Bob/L2" {
		t.Errorf("call list %s", got)
	}
	csv := string(CallListCSV(r.M, nil))
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[1], "'=Cy,X,lapsing,false,2023-11-01,,10.00,,") || !strings.HasPrefix(lines[2], "Ann,L1,lapsing,false,2023-06-01,92.0,500.00,,") {
		t.Errorf("calllist.csv:\n%s", csv)
	}
	tab := callListTable(r.M, nil, testStyle)
	if tab.Head[0] != "owner" || len(tab.Rows) != 4 || tab.Rows[1][1] != "L1" || tab.Rows[1][4] != "92" {
		t.Errorf("table %+v", tab)
	}
}
