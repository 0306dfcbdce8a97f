package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/dealaudit/dealaudit/report/eml"
)

// Right-to-left names from the data (an approach and a referrer in
// Hebrew) are set apart wherever they share a text with anything else:
// findings, tooltips, chart options, the email's parts. A text holding
// only the name (a table cell, an axis label) is its own paragraph and
// needs nothing.
func TestRightToLeftNamesAreIsolated(t *testing.T) {
	const approach, referrer = "תחרותי", "Crescent שלום Freight"
	b, err := os.ReadFile(filepath.Join("..", "sample-data", "deals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	csv := strings.ReplaceAll(string(b), "Competitive", approach)
	csv = strings.ReplaceAll(csv, "Crescent Freight Co", referrer)
	out := buildCSV(t, csv)
	texts := 0
	check := func(file, s string) {
		for _, name := range []string{approach, referrer} {
			if !strings.Contains(s, name) || strings.TrimSpace(s) == name {
				continue
			}
			texts++
			if n, iso := strings.Count(s, name), strings.Count(s, "\u2068"+name+"\u2069"); iso != n {
				t.Errorf("%s: %d of %d uses of %q not isolated in %q", file, n-iso, n, name, clip(s))
			}
		}
	}
	err = filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".html":
			htmlTexts(b, func(s string) { check(p, s) })
		case ".eml":
			_, leaves, err := eml.Read(b)
			if err != nil {
				return err
			}
			for _, l := range leaves {
				if ct := l.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/plain") {
					for _, line := range strings.Split(string(l.Body), "\n\n") {
						check(p+" (text)", strings.Join(strings.Fields(line), " "))
					}
				} else if strings.HasPrefix(ct, "text/html") && l.Path != "report.html" {
					htmlTexts(l.Body, func(s string) { check(p+" (html)", s) })
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if texts < 10 {
		t.Fatalf("only %d texts hold a name with other words: the test looked in the wrong places", texts)
	}
}

// htmlTexts calls f with every text of a page: its text nodes, the
// attributes people read, and the strings in a chart's option.
func htmlTexts(page []byte, f func(string)) {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			f(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				switch a.Key {
				case "alt", "title", "aria-label":
					f(a.Val)
				case "data-option":
					var v any
					if json.Unmarshal([]byte(a.Val), &v) == nil {
						jsonStrings(v, f)
					}
				}
			}
		}
	}
}

func jsonStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			jsonStrings(e, f)
		}
	case map[string]any:
		for _, e := range v {
			jsonStrings(e, f)
		}
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
