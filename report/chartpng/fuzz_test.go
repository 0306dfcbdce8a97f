package chartpng

import (
	"os"
	"testing"
)

// FuzzImage draws arbitrary SVG (a logo from the notes is not the charts'
// own): an error or a picture, never a panic, and never more pixels than
// MaxPixels. go test ./report/chartpng -run XXX -fuzz FuzzImage -fuzztime 60s
func FuzzImage(f *testing.F) {
	for _, name := range []string{"retention", "heatmap"} {
		b, err := os.ReadFile("testdata/" + name + ".svg")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), 1.0)
	}
	f.Add(`<svg width="20" height="20"><path d="M2 10A8 8 0 1 1 18 10Q5 5 2 2T9 9S1 1 3 3C1 2 3 4 5 6Z" stroke="#000" stroke-linecap="round"/></svg>`, 2.0)
	f.Add(`<svg viewBox="0 0 10 10" width="10"><g clip-path="url(#c)" opacity=".5"><text x="1" y="5" dominant-baseline="central" text-anchor="middle" font-weight="bold">Ab€</text></g><clipPath id="c"><rect width="5" height="5" rx="2"/></clipPath></svg>`, 3.0)
	f.Add(`<svg width="10" height="10"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0"/><stop offset="1" stop-color="red"/></linearGradient></defs><circle r="4" cx="5" cy="5" fill="url(#g)"/></svg>`, 1.5)
	fonts := testFonts(&testing.T{})
	f.Fuzz(func(t *testing.T, svg string, scale float64) {
		if !(scale > 0 && scale <= 4) {
			return
		}
		img, err := fonts.Image(svg, scale)
		if err == nil && img.Bounds().Dx()*img.Bounds().Dy() > MaxPixels {
			t.Errorf("a %v picture", img.Bounds())
		}
	})
}
