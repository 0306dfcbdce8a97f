package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// compare on two builds of the sample a year apart: every account it
// calls lost was current or lapsing in the old audit and is lapsed in the
// new, every one won back bought after the old as-of date; the email
// carries the comparison and report.html; a period mismatch and a folder
// that is no report are refused with what to do.
func TestCompareSampleBuilds(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "sample-data", "deals.xlsx")
	oldDir, newDir, out := filepath.Join(dir, "old"), filepath.Join(dir, "new"), filepath.Join(dir, "changes")
	for _, b := range [][]string{{"--as-of", "2024-12-31", "-o", oldDir}, {"-o", newDir}} {
		if _, stderr, code := runCmd(t, append([]string{"build", "--quiet", sample}, b...)...); code != 0 {
			t.Fatalf("build %v: exit %d: %s", b, code, stderr)
		}
	}
	stdout, stderr, code := runCmd(t, "compare", oldDir, newDir, "-o", out)
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "accounts lost") {
		t.Errorf("summary %q", stdout)
	}
	status := func(d string) map[string][]string {
		rows := readCSV(t, filepath.Join(d, "data", "accounts.csv"))
		m := map[string][]string{}
		for _, r := range rows[1:] {
			m[r[0]] = []string{r[8], r[2]} // status, last_won
		}
		return m
	}
	was, is := status(oldDir), status(newDir)
	lost, back := 0, 0
	for _, r := range readCSV(t, filepath.Join(out, "data", "changes.csv"))[1:] {
		switch r[0] {
		case "lost":
			lost++
			if w := was[r[1]][0]; (w != "current" && w != "lapsing") || is[r[1]][0] != "lapsed" {
				t.Errorf("%s called lost: %s then, %s now", r[1], w, is[r[1]][0])
			}
		case "won back":
			back++
			if is[r[1]][1] <= "2024-12-31" {
				t.Errorf("%s called won back, last purchase %s", r[1], is[r[1]][1])
			}
		}
	}
	if lost == 0 || back == 0 {
		t.Errorf("%d lost, %d won back: the sample has both", lost, back)
	}
	h, leaves := readEmail(t, filepath.Join(out, "email.eml"))
	if !strings.Contains(h.Get("Subject"), "What changed since the last audit") {
		t.Errorf("subject %q", h.Get("Subject"))
	}
	var attached, text bool
	for _, l := range leaves {
		attached = attached || strings.Contains(l.Header.Get("Content-Disposition"), "report.html")
		text = text || strings.HasSuffix(l.Path, "alternative/text/plain") && strings.Contains(string(l.Body), "Customer retention")
	}
	if !attached || !text {
		t.Errorf("email: report.html attached %v, text part with the figures %v", attached, text)
	}

	quarter := filepath.Join(dir, "quarter")
	if _, stderr, code := runCmd(t, "build", "--quiet", "--period", "quarter", sample, "-o", quarter); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{oldDir, quarter}, "rebuild one with --period quarter"},
		{[]string{newDir, oldDir}, "give the older audit first"},
		{[]string{dir, newDir}, "is not a dealaudit report folder"},
		{[]string{oldDir}, "expected two report folders"},
	} {
		_, stderr, code := runCmd(t, append([]string{"compare", "-o", filepath.Join(dir, "x")}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.says) {
			t.Errorf("compare %v: exit %d: %s", c.args, code, stderr)
		}
	}
}

func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
