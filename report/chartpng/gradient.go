package chartpng

import (
	"image"
	"image/color"
	"math"
)

// stop is one colour stop of a gradient, non-premultiplied.
type stop struct {
	at  float64
	col [4]float64 // r, g, b in 0..255; a in 0..1
}

// gradient is a linear or radial gradient as an image over device pixels:
// inv takes a device pixel to the gradient's own space.
type gradient struct {
	inv            matrix
	radial         bool
	x1, y1, x2, y2 float64 // linear: the gradient vector; radial: centre and (r, 0)
	stops          []stop
	opacity        float64
}

func (g *gradient) ColorModel() color.Model { return color.NRGBAModel }
func (g *gradient) Bounds() image.Rectangle {
	return image.Rect(-1<<30, -1<<30, 1<<30, 1<<30)
}

func (g *gradient) At(x, y int) color.Color {
	p := g.inv.apply(pt{float64(x) + 0.5, float64(y) + 0.5})
	var t float64
	if g.radial {
		t = math.Hypot(p.x-g.x1, p.y-g.y1) / g.x2
	} else {
		dx, dy := g.x2-g.x1, g.y2-g.y1
		t = ((p.x-g.x1)*dx + (p.y-g.y1)*dy) / (dx*dx + dy*dy)
	}
	c := g.colour(min(1, max(0, t))) // spreadMethod pad
	return color.NRGBA{uint8(c[0] + 0.5), uint8(c[1] + 0.5), uint8(c[2] + 0.5), uint8(c[3]*g.opacity*255 + 0.5)}
}

func (g *gradient) colour(t float64) [4]float64 {
	s := g.stops
	if t <= s[0].at {
		return s[0].col
	}
	for i := 1; i < len(s); i++ {
		if t <= s[i].at {
			a, b := s[i-1], s[i]
			if b.at == a.at {
				return b.col
			}
			u := (t - a.at) / (b.at - a.at)
			var c [4]float64
			for k := range c {
				c[k] = a.col[k] + (b.col[k]-a.col[k])*u
			}
			return c
		}
	}
	return s[len(s)-1].col
}

// gradient builds the gradient ref for an element with user-space
// bounding box ub under m. False when there is none to draw.
func (c *canvas) gradient(ref string, opacity float64, ub box, m matrix) (image.Image, bool) {
	n, ok := c.defs[ref]
	if !ok || (n.name != "linearGradient" && n.name != "radialGradient") {
		return nil, false
	}
	stops := gradientStops(n)
	if len(stops) == 0 {
		return nil, false
	}
	last := stops[len(stops)-1].col
	flat := image.NewUniform(color.NRGBA{uint8(last[0] + 0.5), uint8(last[1] + 0.5), uint8(last[2] + 0.5), uint8(last[3]*opacity*255 + 0.5)})
	if len(stops) == 1 {
		return flat, true
	}
	a := n.attr
	space := m
	if a["gradientUnits"] != "userSpaceOnUse" {
		if ub.w <= 0 || ub.h <= 0 {
			return nil, false // no area for a bounding-box gradient: SVG draws nothing
		}
		space = m.mul(translation(ub.x, ub.y)).mul(scaling(ub.w, ub.h))
	}
	if t, ok := a["gradientTransform"]; ok {
		space = space.mul(transform(t))
	}
	inv, ok := space.inverse()
	if !ok {
		return nil, false
	}
	g := &gradient{inv: inv, stops: stops, opacity: opacity, radial: n.name == "radialGradient"}
	if g.radial {
		g.x1, g.y1, g.x2 = fraction(a["cx"], 0.5), fraction(a["cy"], 0.5), fraction(a["r"], 0.5)
		if g.x2 <= 0 {
			return nil, false
		}
	} else {
		g.x1, g.y1, g.x2, g.y2 = fraction(a["x1"], 0), fraction(a["y1"], 0), fraction(a["x2"], 1), fraction(a["y2"], 0)
		if g.x1 == g.x2 && g.y1 == g.y2 {
			return flat, true // a zero-length vector paints the last stop
		}
	}
	return g, true
}

// gradientStops reads a gradient's stops, each offset at least the one
// before, as SVG says.
func gradientStops(n *node) []stop {
	var out []stop
	last := 0.0
	for _, k := range n.kids {
		if k.name != "stop" {
			continue
		}
		col, ok := solid(k.attr["stop-color"])
		if !ok {
			col = named["black"]
		}
		at := max(last, min(1, max(0, fraction(k.attr["offset"], 0))))
		last = at
		op := float64(col.A) / 255
		if v, ok := k.attr["stop-opacity"]; ok {
			op *= unit(v)
		}
		out = append(out, stop{at: at, col: [4]float64{float64(col.R), float64(col.G), float64(col.B), op}})
	}
	return out
}
