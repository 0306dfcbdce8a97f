// Package chartpng draws the report's chart SVG as PNG in pure Go, for mail
// clients that show no SVG (Gmail, Outlook, Yahoo).
//
// It draws the subset that chartsvg's whitelist lets through: svg, g, path,
// rect, circle, ellipse, line, polyline, polygon, text and tspan, with
// transforms, fill and stroke colours and opacities, stroke widths, caps
// and joins, linear and radial gradients, clip paths and references to
// definitions written after their use. Text is set in the vendored
// Liberation Sans, the font whose advance widths chartsvg lays labels out
// with. Strokes join round whatever their stroke-linejoin; filters, masks,
// patterns, markers and dashes are not drawn (the charts use none).
//
// The picture is drawn on opaque white at a given scale (2 for a chart
// shown at its SVG width on a high-density screen); the same SVG and scale
// give the same bytes.
package chartpng

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font/sfnt"
)

// MaxPixels bounds the picture's size: width × height × scale² pixels.
const MaxPixels = 16 << 20

// Fonts are the regular and bold faces text is set in; safe for concurrent
// use.
type Fonts struct {
	regular, bold *sfnt.Font
}

// NewFonts parses the regular and bold TrueType faces.
func NewFonts(regular, bold []byte) (*Fonts, error) {
	r, err := sfnt.Parse(regular)
	if err != nil {
		return nil, fmt.Errorf("reading the regular font: %w", err)
	}
	b, err := sfnt.Parse(bold)
	if err != nil {
		return nil, fmt.Errorf("reading the bold font: %w", err)
	}
	return &Fonts{regular: r, bold: b}, nil
}

// Image draws svg at scale device pixels per SVG pixel on opaque white.
func (f *Fonts) Image(svg string, scale float64) (*image.RGBA, error) {
	root, defs, err := parse(svg)
	if err != nil {
		return nil, err
	}
	w, h, vb, err := viewport(root)
	if err != nil {
		return nil, err
	}
	pw, ph := int(math.Ceil(w*scale)), int(math.Ceil(h*scale))
	if pw <= 0 || ph <= 0 || float64(pw)*float64(ph) > MaxPixels {
		return nil, fmt.Errorf("drawing the chart: %d × %d pixels is not a size it can be drawn at", pw, ph)
	}
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	m := scaling(scale*w/vb.w, scale*h/vb.h).mul(translation(-vb.x, -vb.y))
	c := newCanvas(img, f, defs)
	c.group(root, rootState(m))
	return img, nil
}

// Size is the SVG's width and height in its own pixels.
func (f *Fonts) Size(svg string) (w, h float64, err error) {
	root, _, err := parse(svg)
	if err != nil {
		return 0, 0, err
	}
	w, h, _, err = viewport(root)
	return w, h, err
}

// PNG draws svg as Image does and encodes it.
func (f *Fonts) PNG(svg string, scale float64) ([]byte, error) {
	img, err := f.Image(svg, scale)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&b, img); err != nil { // opaque: written as RGB
		return nil, err
	}
	return b.Bytes(), nil
}

type box struct{ x, y, w, h float64 }

// viewport reads the root's width, height and viewBox.
func viewport(root *node) (w, h float64, vb box, err error) {
	if root.name != "svg" {
		return 0, 0, box{}, fmt.Errorf("drawing the chart: the root element is <%s>, not <svg>", root.name)
	}
	w, _ = length(root.attr["width"])
	h, _ = length(root.attr["height"])
	if f := numbers(root.attr["viewBox"]); len(f) == 4 && f[2] > 0 && f[3] > 0 {
		vb = box{f[0], f[1], f[2], f[3]}
		if w <= 0 {
			w = vb.w
		}
		if h <= 0 {
			h = vb.h
		}
	} else {
		vb = box{0, 0, w, h}
	}
	if !(w > 0 && h > 0) {
		return 0, 0, box{}, fmt.Errorf("drawing the chart: the SVG has no width and height")
	}
	return w, h, vb, nil
}
