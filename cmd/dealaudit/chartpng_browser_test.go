package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dealaudit/dealaudit/report/chartpng"
	"github.com/dealaudit/dealaudit/templates"
)

// TestChartPNGMatchesChromium draws every chart of the sample report (and
// of a monthly build, for the many-period heatmaps) with chartpng and with
// Chromium from the same SVG at twice its size, in the same vendored
// fonts, and asks that at most 1% of pixels differ by more than 32/255 in
// any channel. Both pictures and a difference map of each chart are saved
// in $DEALAUDIT_ARTIFACTS (or the test's folder).
func TestChartPNGMatchesChromium(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--notes", "../../sample-data/notes.md", "../../sample-data/deals.xlsx")
	b, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	regular, bold, err := templates.ChartFonts()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := chartpng.NewFonts(regular, bold)
	if err != nil {
		t.Fatal(err)
	}
	pages := filepath.Join(dir, "svg")
	os.MkdirAll(pages, 0o755)
	os.WriteFile(filepath.Join(pages, "regular.ttf"), regular, 0o644)
	os.WriteFile(filepath.Join(pages, "bold.ttf"), bold, 0o644)
	art := os.Getenv("DEALAUDIT_ARTIFACTS")
	if art == "" {
		art = dir
	}
	art = filepath.Join(art, "chartpng")
	os.MkdirAll(art, 0o755)
	browser := startBrowser(t, chrome, dir)
	charts := regexp.MustCompile(`(?s)<div class="chart(?: wide)?" id="([^"]+)"[^>]*>(<svg.*?</svg>)`).FindAllStringSubmatch(string(b), -1)
	if len(charts) < 15 {
		t.Fatalf("%d charts found in report.html", len(charts))
	}
	for _, c := range charts {
		id, svg := c[1], c[2]
		t.Run(id, func(t *testing.T) {
			ours, err := fonts.Image(svg, 2)
			if err != nil {
				t.Fatal(err)
			}
			theirs := chromiumPicture(t, browser, pages, id, svg, ours.Bounds().Dx()/2, ours.Bounds().Dy()/2)
			share, diff := compareImages(ours, theirs)
			savePNG(t, filepath.Join(art, id+"-go.png"), ours)
			savePNG(t, filepath.Join(art, id+"-chromium.png"), theirs)
			savePNG(t, filepath.Join(art, id+"-diff.png"), diff)
			t.Logf("%s: %.3f%% of pixels differ by more than 32/255", id, 100*share)
			if share > 0.01 {
				t.Errorf("%s: %.2f%% of pixels differ from Chromium's by more than 32/255 (at most 1%%); see %s", id, 100*share, art)
			}
		})
	}
}

// chromiumPicture screenshots svg in Chromium at device scale 2 in a w × h
// viewport, its font family mapped to the vendored fonts.
func chromiumPicture(t *testing.T, browser context.Context, dir, id, svg string, w, h int) image.Image {
	t.Helper()
	page := filepath.Join(dir, id+".html")
	html := `<!doctype html><meta charset="utf-8"><style>
@font-face{font-family:Arial;src:url(regular.ttf)}@font-face{font-family:Arial;font-weight:bold;src:url(bold.ttf)}
html,body{margin:0;background:#fff;overflow:hidden}svg{display:block}</style>` + svg
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t, browser)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(w), int64(h), chromedp.EmulateScale(2)),
		chromedp.Navigate("file://"+page),
		chromedp.WaitReady("svg"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.fonts.ready.then(() => document.fonts.size)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// compareImages returns the share of pixels of a and b that differ by more
// than 32/255 in a channel, and a map of them (red where they do).
func compareImages(a, b image.Image) (float64, *image.RGBA) {
	r := a.Bounds()
	diff := image.NewRGBA(r)
	bad := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			d := max(absDiff(ar, br), absDiff(ag, bg), absDiff(ab, bb)) >> 8
			o := diff.PixOffset(x, y)
			if d > 32 {
				bad++
				diff.Pix[o], diff.Pix[o+3] = 255, 255
			} else {
				g := uint8(255 - d*4)
				diff.Pix[o], diff.Pix[o+1], diff.Pix[o+2], diff.Pix[o+3] = g, g, g, 255
			}
		}
	}
	return float64(bad) / float64(r.Dx()*r.Dy()), diff
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func savePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
