package site

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/templates"
)

func TestCSVCell(t *testing.T) {
	tests := map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1+2":              "'+1+2",
		"-2+3":              "'-2+3",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"-12.5":             "-12.5",
		"+7":                "+7",
		"Acme":              "Acme",
		"":                  "",
		"x;=1+1 Co9":        "x;'=1+1 Co9", // a cell once the spreadsheet splits at ;
		"a,@SUM(A1)":        "a,'@SUM(A1)",
		"a\t+1":             "a\t'+1",
		"=a;-b":             "'=a;'-b",
		"Smith, -Jr":        "Smith, -Jr",
		"A;B":               "A;B",
	}
	for in, want := range tests {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	index := []byte("<html>" + Generator + "</html>")
	if err := WriteDir(dir, Files{"index.html": index, "data/a.csv": []byte("1")}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// A previous report is replaced whole: files it had and the new one lacks go.
	if err := WriteDir(dir, Files{"index.html": index, "data/b.csv": []byte("2")}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/a.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file of the previous report survived")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/b.csv")); string(b) != "2" {
		t.Error("new file not written")
	}
	// A folder with other content is refused, and untouched.
	other := filepath.Join(t.TempDir(), "docs")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "keep.txt"), []byte("k"), 0o644)
	if err := WriteDir(other, Files{"index.html": index}, WriteOptions{}); !errors.Is(err, ErrNotReport) {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "keep.txt")); string(b) != "k" {
		t.Error("refused folder was changed")
	}
	if err := WriteDir(other, Files{"index.html": index}, WriteOptions{Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
	// A file in the way is never replaced, not even with force.
	file := filepath.Join(t.TempDir(), "report")
	os.WriteFile(file, []byte("mine"), 0o644)
	if err := WriteDir(file, Files{"index.html": index}, WriteOptions{Force: true}); !errors.Is(err, ErrNotReport) {
		t.Errorf("a file as output: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Error("the file was replaced")
	}
	// Nothing is left beside the target.
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the report: %v", entries)
	}
}

// A long table is written in chunks on every core: its bytes are those of
// the plain table, at and around the chunk boundaries.
func TestLongTableSameAsTable(t *testing.T) {
	cell := func(i, j int) string {
		switch (i + j) % 5 {
		case 0:
			return fmt.Sprintf("=cmd%d", i)
		case 1:
			return fmt.Sprintf("say \"%d\",\nthen", i)
		case 2:
			return ""
		default:
			return strconv.Itoa(i * j)
		}
	}
	header := []string{"a", "b", "c"}
	for _, n := range []int{0, 1, 4095, 4096, 4097, 10000} {
		want := table(header, func(add func(...string)) {
			for i := range n {
				add(cell(i, 0), cell(i, 1), cell(i, 2))
			}
		})
		got := longTable(header, n, func(i int, r *csvRow) { r.text(cell(i, 0)); r.text(cell(i, 1)); r.text(cell(i, 2)) })
		if !bytes.Equal(got, want) {
			t.Errorf("%d rows: %d bytes in chunks, %d plain", n, len(got), len(want))
		}
	}
}

// csvRow's typed cells are written as table writes their strings.
func TestCSVRowSameAsTable(t *testing.T) {
	texts := []string{"", "plain", " leading space", "\u00a0nbsp", `\.`, `say "hi"`, "a,b", "line\nbreak", "cr\rhere",
		"=cmd", "+1", "-", "+", "@x", "\tTab", "-12.5", "Ünïcödé", "'quoted'"}
	floats := []float64{0, math.Copysign(0, -1), 1.25, -3.14159, 1e21, -1e-7, math.NaN(), math.Inf(1), math.Inf(-1), 1234567.891}
	dates := []ingest.Date{0, 20000, -1, -800000, 3000000}
	var want [][]string
	var r csvRow
	for _, s := range texts {
		want = append(want, []string{s})
		r.text(s)
		r.end()
	}
	for _, v := range floats {
		for _, prec := range []int{1, 2, 4} {
			want = append(want, []string{strconv.FormatFloat(v, 'f', prec, 64), money(v)})
			r.decimal(v, prec)
			r.money(v)
			r.end()
		}
	}
	for _, n := range []int{0, 7, -42} {
		want = append(want, []string{num(n), boolean(n > 0)})
		r.num(n)
		r.boolean(n > 0)
		r.end()
	}
	for _, d := range dates {
		want = append(want, []string{date(d, true), date(d, false)})
		r.date(d, true)
		r.date(d, false)
		r.end()
	}
	plain := table(want[0], func(add func(...string)) {
		for _, row := range want[1:] {
			add(row...)
		}
	})
	if !bytes.Equal(r.b, plain) {
		t.Errorf("typed cells:\n%s\nas strings:\n%s", r.b, plain)
	}
}

// A report.css override that would close the inlined style element is
// refused, as scripts are (it broke out of <style> in report.html).
func TestStyleSheetCannotEndItsElement(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.css"), []byte("body{color:red}</STYLE><script>alert(1)</script>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tfs, err := templates.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := reportOf(t, smallHistory)
	r.Templates = tfs
	if _, err := Pages(r); err == nil || !strings.Contains(err.Error(), "report.css holds </style") {
		t.Errorf("error %v", err)
	}
}
