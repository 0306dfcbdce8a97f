package report

import "testing"

func TestDisplayName(t *testing.T) {
	names := displayNames([]string{"/a/b/deals.xlsx", "/x [old]/y.csv"})
	for in, want := range map[string]string{
		"/a/b/deals.xlsx": "deals.xlsx", "/a/b/deals.xlsx [2024]": "deals.xlsx [2024]",
		"/x [old]/y.csv": "y.csv", "/x [old]/y.csv [S]": "y.csv [S]", "other": "other",
	} {
		if got := displayName(names, in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}
