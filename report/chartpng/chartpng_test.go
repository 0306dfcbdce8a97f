package chartpng

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/templates"
)

func testFonts(t *testing.T) *Fonts {
	t.Helper()
	r, b, err := templates.ChartFonts()
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFonts(r, b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func render(t *testing.T, svg string, scale float64) *image.RGBA {
	t.Helper()
	img, err := testFonts(t).Image(svg, scale)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// count is how many pixels are exactly c.
func count(img *image.RGBA, c color.RGBA) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if img.Pix[i] == c.R && img.Pix[i+1] == c.G && img.Pix[i+2] == c.B && img.Pix[i+3] == c.A {
			n++
		}
	}
	return n
}

func at(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }

var (
	white = color.RGBA{255, 255, 255, 255}
	red   = color.RGBA{255, 0, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
)

func TestRectsOnPixelGridAreExact(t *testing.T) {
	// A 10 × 5 rectangle at (2, 3) drawn at scale 2 covers 20 × 10 device
	// pixels from (4, 6), every one fully; the rest stays white.
	img := render(t, `<svg width="20" height="20" xmlns="http://www.w3.org/2000/svg"><rect x="2" y="3" width="10" height="5" fill="#f00"/></svg>`, 2)
	if img.Bounds() != image.Rect(0, 0, 40, 40) {
		t.Fatalf("bounds %v", img.Bounds())
	}
	if n := count(img, red); n != 200 {
		t.Errorf("%d red pixels, want 200", n)
	}
	if n := count(img, white); n != 1600-200 {
		t.Errorf("%d white pixels, want 1400", n)
	}
	if at(img, 4, 6) != red || at(img, 23, 15) != red || at(img, 24, 15) != white || at(img, 3, 6) != white {
		t.Error("the rectangle is not at 4..24 × 6..16")
	}
}

func TestTransformsViewBoxAndOpacity(t *testing.T) {
	// viewBox 0 0 10 10 on a 20 × 20 picture doubles; translate moves the
	// path by (5, 0); fill-opacity 0.5 blends red over white to (255, 128, 128).
	svg := `<svg width="20" height="20" viewBox="0 0 10 10"><g transform="translate(5 0)"><path d="M0 0h5v5H0z" fill="red" fill-opacity="0.5"/></g></svg>`
	img := render(t, svg, 1)
	got := at(img, 12, 2)
	if got.R != 255 || got.G < 126 || got.G > 129 || got.B != got.G {
		t.Errorf("half-transparent red over white is %v, want about (255, 128, 128)", got)
	}
	if at(img, 9, 2) != white || at(img, 20-1, 9) == white || at(img, 12, 10) != white {
		t.Error("the square is not at x 10..20, y 0..10")
	}
	// matrix(0,-1,1,0,…) as ECharts writes for a rotated legend: a 4 × 2
	// rectangle turned a quarter becomes 2 wide and 4 high.
	img = render(t, `<svg width="10" height="10"><rect width="4" height="2" transform="matrix(0,-1,1,0,1,9)" fill="#00f"/></svg>`, 1)
	if n := count(img, blue); n != 8 {
		t.Errorf("%d blue pixels, want 8", n)
	}
	if at(img, 1, 5) != blue || at(img, 2, 8) != blue || at(img, 1, 4) != white || at(img, 3, 8) != white {
		t.Error("the turned rectangle is not at x 1..3, y 5..9")
	}
}

func TestCircleAreaAndArcs(t *testing.T) {
	// Coverage adds up to the area: a disc of radius 8 has 201.06 pixels'
	// worth of ink; the same disc as two arcs (A commands) has the same.
	for _, svg := range []string{
		`<svg width="20" height="20"><circle cx="10" cy="10" r="8" fill="#000"/></svg>`,
		`<svg width="20" height="20"><path d="M2 10A8 8 0 0 1 18 10A8 8 0 0 1 2 10Z" fill="#000"/></svg>`,
		`<svg width="20" height="20"><path d="M2 10a8 8 0 1 1 16 0a8 8 0 1 1 -16 0z" fill="#000"/></svg>`,
	} {
		img := render(t, svg, 1)
		if ink := ink(img); math.Abs(ink-math.Pi*64) > 1.5 {
			t.Errorf("%s: ink %.2f, want %.2f", svg, ink, math.Pi*64)
		}
	}
}

// ink sums darkness over the picture, in pixels.
func ink(img *image.RGBA) float64 {
	s := 0.0
	for i := 0; i < len(img.Pix); i += 4 {
		s += 1 - float64(img.Pix[i+1])/255
	}
	return s
}

func TestStrokes(t *testing.T) {
	// A 10-long line of width 2 is 20 pixels of ink with butt caps, 20 + π
	// with round caps and 24 with square ones; a closed square's outline
	// of side 10 and width 1 is 40 (joins drawn once, not twice).
	cases := []struct {
		svg  string
		want float64
	}{
		{`<svg width="20" height="20"><path d="M5 10L15 10" stroke="#000" stroke-width="2"/></svg>`, 20},
		{`<svg width="20" height="20"><path d="M5 10L15 10" stroke="#000" stroke-width="2" stroke-linecap="round"/></svg>`, 20 + math.Pi},
		{`<svg width="20" height="20"><line x1="5" y1="10" x2="15" y2="10" stroke="#000" stroke-width="2" stroke-linecap="square"/></svg>`, 24},
		{`<svg width="20" height="20"><rect x="5" y="5" width="10" height="10" fill="none" stroke="#000"/></svg>`, 40},
		{`<svg width="20" height="20"><polyline points="2,2 18,2 18,18" fill="none" stroke="#000" stroke-width="0"/></svg>`, 0},
	}
	for _, c := range cases {
		if got := ink(render(t, c.svg, 1)); math.Abs(got-c.want) > 0.6 {
			t.Errorf("%s: ink %.2f, want %.2f", c.svg, got, c.want)
		}
	}
}

func TestClipPathDefinedAfterUse(t *testing.T) {
	// The clip path comes after the group that uses it, as ECharts may
	// write it: only the part of the 20 × 20 square inside 0..10 × 0..20 is
	// drawn.
	svg := `<svg width="20" height="20"><g clip-path="url(#c)"><rect width="20" height="20" fill="#f00"/></g>
<defs><clipPath id="c"><path d="M0 0l10 0l0 20l-10 0Z"/></clipPath></defs></svg>`
	img := render(t, svg, 1)
	if n := count(img, red); n != 200 {
		t.Errorf("%d red pixels, want 200", n)
	}
	// A missing clip path hides the element, as in browsers.
	img = render(t, `<svg width="20" height="20"><rect width="20" height="20" fill="#f00" clip-path="url(#nowhere)"/></svg>`, 1)
	if n := count(img, red); n != 0 {
		t.Errorf("%d red pixels under a missing clip path", n)
	}
}

func TestLinearGradient(t *testing.T) {
	// A vertical bounding-box gradient from red to blue over a 10 × 100
	// rectangle: red at the top, blue at the bottom, the mix in the middle.
	svg := `<svg width="10" height="100"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f00"/><stop offset="100%" stop-color="#00f"/></linearGradient></defs>
<rect width="10" height="100" fill="url(#g)"/></svg>`
	img := render(t, svg, 1)
	top, mid, bottom := at(img, 5, 0), at(img, 5, 50), at(img, 5, 99)
	if top.R < 250 || top.B > 5 || bottom.B < 250 || bottom.R > 5 {
		t.Errorf("top %v, bottom %v", top, bottom)
	}
	if mid.R < 120 || mid.R > 135 || mid.B < 120 || mid.B > 135 {
		t.Errorf("middle %v, want about (127, 0, 128)", mid)
	}
}

func TestTextAnchorsAndBaseline(t *testing.T) {
	// "0" at 12px is 6.67 px wide (1139 units of 2048). Anchored at the
	// end of x = 50, its ink lies left of 50; anchored at the middle, on
	// both sides; dominant-baseline central puts its middle near y.
	ext := func(anchor string) (x0, x1, y0, y1 int) {
		img := render(t, `<svg width="100" height="40"><text x="50" y="20" font-size="12px" text-anchor="`+anchor+`" dominant-baseline="central" fill="#000">0</text></svg>`, 1)
		x0, y0, x1, y1 = 100, 40, -1, -1
		for y := 0; y < 40; y++ {
			for x := 0; x < 100; x++ {
				if at(img, x, y).G < 128 {
					x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
				}
			}
		}
		return
	}
	x0, x1, y0, y1 := ext("end")
	if x1 >= 50 || x0 < 43 {
		t.Errorf("end-anchored ink at x %d..%d, want within 43..49", x0, x1)
	}
	if mid := float64(y0+y1) / 2; math.Abs(mid-19.5) > 1.5 {
		t.Errorf("a central baseline puts the digit's middle at %.1f, want about 20", mid)
	}
	x0, x1, _, _ = ext("middle")
	if x0 > 48 || x1 < 51 {
		t.Errorf("middle-anchored ink at x %d..%d, want around 50", x0, x1)
	}
	x0, _, _, _ = ext("start")
	if x0 < 50 {
		t.Errorf("start-anchored ink from x %d, want from 50", x0)
	}
}

func TestDeterministicPNG(t *testing.T) {
	f := testFonts(t)
	svg := `<svg width="200" height="100"><path d="M10 90C50 10 150 10 190 90" fill="none" stroke="#1e6091" stroke-width="2"/><text x="100" y="50" text-anchor="middle" font-size="12px">Revenue $1,234</text></svg>`
	a, err := f.PNG(svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.PNG(svg, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two drawings of one SVG differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 400 || img.Bounds().Dy() != 200 {
		t.Errorf("PNG is %v, want 400 × 200", img.Bounds())
	}
	if _, ok := img.(*image.RGBA); ok {
		return // the encoder wrote colour without alpha either way; what matters is every pixel opaque
	}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				t.Fatalf("pixel (%d, %d) is not opaque", x, y)
			}
		}
	}
}

func TestBadInputIsAnError(t *testing.T) {
	f := testFonts(t)
	for _, svg := range []string{``, `<svg`, `<g/>`, `<svg width="0" height="10"/>`, `<svg width="100000" height="100000"/>`} {
		if _, err := f.PNG(svg, 2); err == nil || !strings.Contains(err.Error(), "drawing the chart") {
			t.Errorf("%q: error %v", svg, err)
		}
	}
	// Numbers after a closepath are an error, not a loop (a fuzzed logo
	// hung here).
	if _, err := f.Image(`<svg width="1" height="1"><path d="Z2 10A8a"/></svg>`, 2); err != nil {
		t.Error(err)
	}
	// Malformed path data draws what comes before the error, as browsers do.
	img := render(t, `<svg width="20" height="20"><path d="M0 0H10V10H0Z M5 5 L x" fill="#f00"/></svg>`, 1)
	if n := count(img, red); n != 100 {
		t.Errorf("%d red pixels, want 100", n)
	}
}
