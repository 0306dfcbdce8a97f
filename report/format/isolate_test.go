package format

import (
	"testing"

	"golang.org/x/text/unicode/bidi"
)

func TestIsolate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Crescent Freight Co", "Crescent Freight Co"},
		{"Café Noël — 3", "Café Noël — 3"},
		{"", ""},
		{"שלום", "\u2068שלום\u2069"},
		{"Crescent שלום", "\u2068Crescent שלום\u2069"},
		{"شركة", "\u2068شركة\u2069"},
		{"Lot ٣", "\u2068Lot ٣\u2069"}, // an Arabic digit (class AN)
		{"\u2068שלום\u2069", "\u2068שלום\u2069"},
		{"\xff\xfe", "\xff\xfe"},
	} {
		if got := Isolate(c.in); got != c.want {
			t.Errorf("Isolate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// In "NAME: 336,390 referred" a right-to-left name takes the colon into
// its own run (the Unicode bidirectional algorithm, as x/text resolves
// it); isolated, its run holds the name and nothing else.
func TestIsolatedNameKeepsItsNeighbours(t *testing.T) {
	rtlRun := func(s string) string {
		var p bidi.Paragraph
		if _, err := p.SetString(s, bidi.DefaultDirection(bidi.LeftToRight)); err != nil {
			t.Fatal(err)
		}
		o, err := p.Order()
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < o.NumRuns(); i++ {
			if r := o.Run(i); r.Direction() == bidi.RightToLeft {
				return r.String()
			}
		}
		return ""
	}
	if got := rtlRun("Crescent שלום: 336,390 referred"); got == "שלום" {
		t.Fatalf("without isolation the right-to-left run is %q: the check below could not fail", got)
	}
	if got := rtlRun(Isolate("Crescent שלום") + ": 336,390 referred"); got != "שלום" {
		t.Errorf("isolated, the right-to-left run is %q, want the name alone", got)
	}
}
