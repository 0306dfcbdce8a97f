package chartpng

import (
	"image"
	"image/draw"
	"math"
	"strings"

	"golang.org/x/image/vector"
)

// canvas draws elements onto one picture.
type canvas struct {
	img  *image.RGBA
	defs map[string]*node
	z    vector.Rasterizer
	ts   typesetter
}

// clip is a clip path drawn as coverage; outside its mask's rectangle
// nothing shows.
type clip struct{ mask *image.Alpha }

func newCanvas(img *image.RGBA, f *Fonts, defs map[string]*node) *canvas {
	return &canvas{img: img, defs: defs, ts: typesetter{fonts: f, glyphs: map[glyphKey]glyph{}}}
}

// group draws n and its descendants.
func (c *canvas) group(n *node, s state) {
	switch n.name {
	case "defs", "clipPath", "linearGradient", "radialGradient", "title", "desc", "symbol", "mask", "pattern", "marker":
		return
	}
	s = s.inherit(n)
	if s.opacity == 0 {
		return
	}
	if ref, ok := reference(n.attr["clip-path"]); ok {
		cl, ok := c.clipPath(ref, s)
		if !ok {
			return // a clip path that is missing or empty hides the element, as in browsers
		}
		s.clips = append(s.clips[:len(s.clips):len(s.clips)], cl)
	}
	switch n.name {
	case "svg", "g", "a", "switch":
		for _, k := range n.kids {
			c.group(k, s)
		}
	case "text":
		c.text(n, s)
	default:
		if sh, ub, ok := geometry(n, s.m); ok {
			c.paint(sh, ub, s)
		}
	}
}

// paint fills and strokes a shape; ub is its bounding box in user units.
func (c *canvas) paint(sh shape, ub box, s state) {
	fill := func() {
		if len(sh.subs) > 0 {
			c.fill(sh.subs, c.source(s.fill, s.fillOpacity*s.opacity, ub, s.m), s.clips)
		}
	}
	stroke := func() {
		w := s.strokeWidth * s.m.scale()
		if w > 0 && s.stroke != "none" {
			c.fill(outline(sh, w, s.lineCap), c.source(s.stroke, s.strokeOp*s.opacity, ub, s.m), s.clips)
		}
	}
	if s.strokeFirst {
		stroke()
		fill()
	} else {
		fill()
		stroke()
	}
}

// text draws a text element and its tspans as one run at its x and y.
func (c *canvas) text(n *node, s state) {
	str := n.text
	for _, k := range n.kids {
		if k.name == "tspan" {
			str += k.text
		}
	}
	x, _ := length(firstOf(n.attr["x"]))
	y, _ := length(firstOf(n.attr["y"]))
	b := newBuilder(s.m)
	b.tol = 0.05
	c.ts.text(b, str, x, y, s)
	sh := b.shape()
	for i := range sh.closed {
		sh.closed[i] = true
	}
	c.paint(sh, b.ubox(), s)
}

// firstOf returns the first of a list of coordinates.
func firstOf(s string) string {
	if f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }); len(f) > 0 {
		return f[0]
	}
	return ""
}

// fill covers the polygons (non-zero) with src, inside every clip.
func (c *canvas) fill(polys [][]pt, src image.Image, clips []clip) {
	if src == nil {
		return
	}
	r := bounds(polys).Intersect(c.img.Bounds())
	for _, cl := range clips {
		r = r.Intersect(cl.mask.Rect)
	}
	if r.Empty() {
		return
	}
	c.rasterize(polys, r)
	if len(clips) == 0 {
		c.z.Draw(c.img, r, src, r.Min)
		return
	}
	cover := image.NewAlpha(r)
	c.z.Draw(cover, r, image.Opaque, image.Point{})
	for _, cl := range clips {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := cover.Pix[cover.PixOffset(r.Min.X, y):][:r.Dx()]
			mrow := cl.mask.Pix[cl.mask.PixOffset(r.Min.X, y):][:r.Dx()]
			for i := range row {
				row[i] = uint8((uint32(row[i])*uint32(mrow[i]) + 127) / 255)
			}
		}
	}
	draw.DrawMask(c.img, r, src, r.Min, cover, r.Min, draw.Over)
}

// rasterize sets the rasterizer to r and adds the polygons to it.
func (c *canvas) rasterize(polys [][]pt, r image.Rectangle) {
	c.z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, p := range polys {
		if len(p) < 2 {
			continue
		}
		c.z.MoveTo(float32(p[0].x-ox), float32(p[0].y-oy))
		for _, q := range p[1:] {
			c.z.LineTo(float32(q.x-ox), float32(q.y-oy))
		}
		c.z.ClosePath()
	}
}

// bounds is the pixel rectangle that holds the polygons.
func bounds(polys [][]pt) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range polys {
		for _, q := range p {
			x0, y0, x1, y1 = math.Min(x0, q.x), math.Min(y0, q.y), math.Max(x1, q.x), math.Max(y1, q.y)
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	clamp := func(v float64) int { return int(math.Max(-1<<24, math.Min(1<<24, v))) }
	return image.Rect(clamp(math.Floor(x0)), clamp(math.Floor(y0)), clamp(math.Ceil(x1)), clamp(math.Ceil(y1)))
}

// clipPath draws the clip path ref in the user space of the element that
// refers to it. False when it is missing or covers nothing.
func (c *canvas) clipPath(ref string, s state) (clip, bool) {
	n, ok := c.defs[ref]
	if !ok || n.name != "clipPath" { // its children are shapes only: no reference is followed from it
		return clip{}, false
	}
	inner := rootState(s.m)
	if t, ok := n.attr["transform"]; ok {
		inner.m = inner.m.mul(transform(t))
	}
	var polys [][]pt
	for _, k := range n.kids {
		ks := inner.inherit(k)
		if sh, _, ok := geometry(k, ks.m); ok {
			polys = append(polys, sh.subs...)
		}
	}
	r := bounds(polys).Intersect(c.img.Bounds())
	for _, cl := range s.clips {
		r = r.Intersect(cl.mask.Rect)
	}
	if r.Empty() {
		return clip{}, false
	}
	c.rasterize(polys, r)
	mask := image.NewAlpha(r)
	c.z.Draw(mask, r, image.Opaque, image.Point{})
	return clip{mask}, true
}

// reference reads "url(#id)" (or "url('#id')").
func reference(v string) (string, bool) {
	v = strings.TrimSpace(v)
	inner, ok := strings.CutPrefix(v, "url(")
	if !ok || !strings.HasSuffix(inner, ")") {
		return "", false
	}
	inner = strings.Trim(strings.TrimSuffix(inner, ")"), `'" `)
	id, ok := strings.CutPrefix(inner, "#")
	return id, ok && id != ""
}

// source is what a paint draws with: a colour at opacity, a gradient, or
// nil for none.
func (c *canvas) source(paint string, opacity float64, ub box, m matrix) image.Image {
	if ref, ok := reference(paint); ok {
		if g, ok := c.gradient(ref, opacity, ub, m); ok {
			return g
		}
		return nil
	}
	col, ok := solid(paint)
	if !ok || col.A == 0 || opacity == 0 {
		return nil
	}
	col.A = uint8(float64(col.A)*opacity + 0.5)
	return image.NewUniform(col)
}
