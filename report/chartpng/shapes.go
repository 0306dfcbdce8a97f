package chartpng

import "math"

// geometry is an element's outline in device pixels and its bounding box
// in user units; false for elements that are not shapes or draw nothing.
func geometry(n *node, m matrix) (shape, box, bool) {
	b := newBuilder(m)
	a := n.attr
	num := func(k string) float64 { v, _ := length(a[k]); return v }
	switch n.name {
	case "path":
		pathData(a["d"], b)
	case "rect":
		rect(b, num("x"), num("y"), num("width"), num("height"), a["rx"], a["ry"])
	case "circle":
		r := num("r")
		if r <= 0 {
			return shape{}, box{}, false
		}
		ellipse(b, num("cx"), num("cy"), r, r)
	case "ellipse":
		rx, ry := num("rx"), num("ry")
		if rx <= 0 || ry <= 0 {
			return shape{}, box{}, false
		}
		ellipse(b, num("cx"), num("cy"), rx, ry)
	case "line":
		b.moveTo(pt{num("x1"), num("y1")})
		b.lineTo(pt{num("x2"), num("y2")})
	case "polyline", "polygon":
		v := numbers(a["points"])
		for i := 0; i+1 < len(v); i += 2 {
			if i == 0 {
				b.moveTo(pt{v[0], v[1]})
			} else {
				b.lineTo(pt{v[i], v[i+1]})
			}
		}
		if n.name == "polygon" {
			b.closePath()
		}
	default:
		return shape{}, box{}, false
	}
	sh := b.shape()
	return sh, b.ubox(), len(sh.subs) > 0
}

// rect adds a rectangle with corners rounded by rx and ry as SVG says (one
// given stands for both; each at most half the side).
func rect(b *builder, x, y, w, h float64, rxs, rys string) {
	if w <= 0 || h <= 0 {
		return
	}
	rx, okx := length(rxs)
	ry, oky := length(rys)
	switch {
	case !okx && oky:
		rx = ry
	case okx && !oky:
		ry = rx
	}
	rx, ry = math.Min(math.Max(rx, 0), w/2), math.Min(math.Max(ry, 0), h/2)
	if rx == 0 || ry == 0 {
		b.moveTo(pt{x, y})
		b.lineTo(pt{x + w, y})
		b.lineTo(pt{x + w, y + h})
		b.lineTo(pt{x, y + h})
		b.closePath()
		return
	}
	b.moveTo(pt{x + rx, y})
	b.lineTo(pt{x + w - rx, y})
	b.arcTo(rx, ry, 0, false, true, pt{x + w, y + ry})
	b.lineTo(pt{x + w, y + h - ry})
	b.arcTo(rx, ry, 0, false, true, pt{x + w - rx, y + h})
	b.lineTo(pt{x + rx, y + h})
	b.arcTo(rx, ry, 0, false, true, pt{x, y + h - ry})
	b.lineTo(pt{x, y + ry})
	b.arcTo(rx, ry, 0, false, true, pt{x + rx, y})
	b.closePath()
}

func ellipse(b *builder, cx, cy, rx, ry float64) {
	b.moveTo(pt{cx + rx, cy})
	b.arcTo(rx, ry, 0, false, true, pt{cx - rx, cy})
	b.arcTo(rx, ry, 0, false, true, pt{cx + rx, cy})
	b.closePath()
}
