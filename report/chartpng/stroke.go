package chartpng

import "math"

// outline turns a shape's sub-paths into polygons that cover their stroke
// of width w (device pixels): for an open sub-path one polygon, along one
// side, round the end cap and back along the other; for a closed one a
// loop on each side. Outer corners are round whatever stroke-linejoin
// says; inner corners meet where the two sides cross, so that no area is
// covered twice (the rasterizer sums coverage). Every polygon winds the
// same way relative to its path, so overlapping strokes never cancel.
func outline(s shape, w float64, cap string) [][]pt {
	h := w / 2
	var out [][]pt
	for i, sub := range s.subs {
		sub = dedupe(sub)
		closed := s.closed[i] && len(sub) > 2
		if closed && sub[0] == sub[len(sub)-1] {
			sub = sub[:len(sub)-1]
		}
		switch {
		case len(sub) == 1:
			if cap == "round" {
				out = append(out, arc(nil, sub[0], h, 0, -2*math.Pi))
			} else if cap == "square" {
				p := sub[0]
				out = append(out, []pt{{p.x - h, p.y - h}, {p.x - h, p.y + h}, {p.x + h, p.y + h}, {p.x + h, p.y - h}})
			}
		case closed:
			right := side(sub, h, true)
			left := side(sub, -h, true)
			reverse(left)
			out = append(out, right, left)
		default:
			if cap == "square" {
				sub = append([]pt(nil), sub...)
				sub[0] = extend(sub[1], sub[0], h)
				sub[len(sub)-1] = extend(sub[len(sub)-2], sub[len(sub)-1], h)
			}
			poly := side(sub, h, false)
			poly = endCap(poly, sub[len(sub)-2], sub[len(sub)-1], h, cap)
			left := side(sub, -h, false)
			reverse(left)
			poly = append(poly, left...)
			poly = endCap(poly, sub[1], sub[0], h, cap)
			out = append(out, poly)
		}
	}
	return out
}

// side is the offset of the polyline by h along each segment's normal
// (−dy, dx), with the corners joined; for a closed polyline, a loop.
func side(p []pt, h float64, closed bool) []pt {
	n := len(p)
	segs := n - 1
	if closed {
		segs = n
	}
	norm := func(i int) pt {
		a, b := p[i%n], p[(i+1)%n]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		return pt{-(b.y - a.y) / l * h, (b.x - a.x) / l * h}
	}
	var out []pt
	if !closed {
		nm := norm(0)
		out = append(out, pt{p[0].x + nm.x, p[0].y + nm.y})
	}
	for i := 1; i < segs+boolInt(closed); i++ {
		out = join(out, p[(i-1)%n], p[i%n], p[(i+1)%n], norm(i-1), norm(i), h)
	}
	if !closed {
		nm := norm(segs - 1)
		out = append(out, pt{p[n-1].x + nm.x, p[n-1].y + nm.y})
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// join adds the corner at b between segments ab and bc on the side whose
// offsets are na and nb.
func join(out []pt, a, b, c, na, nb pt, h float64) []pt {
	da, db := pt{b.x - a.x, b.y - a.y}, pt{c.x - b.x, c.y - b.y}
	cross := da.x*db.y - da.y*db.x
	pa, pb := pt{b.x + na.x, b.y + na.y}, pt{b.x + nb.x, b.y + nb.y}
	if math.Abs(cross) < 1e-12*math.Hypot(da.x, da.y)*math.Hypot(db.x, db.y) {
		return append(out, pa)
	}
	if cross*h > 0 { // the inside of the turn: where the offsets cross
		if x, ok := crossing(pt{a.x + na.x, a.y + na.y}, pa, pb, pt{c.x + nb.x, c.y + nb.y}); ok {
			return append(out, x)
		}
		return append(out, pa, b, pb)
	}
	start := math.Atan2(na.y, na.x)
	sweep := math.Atan2(nb.y, nb.x) - start
	for sweep > math.Pi {
		sweep -= 2 * math.Pi
	}
	for sweep < -math.Pi {
		sweep += 2 * math.Pi
	}
	return arc(append(out, pa), b, math.Abs(h), start, sweep)
}

// crossing is where segments p1p2 and p3p4 cross, if they do.
func crossing(p1, p2, p3, p4 pt) (pt, bool) {
	d1, d2 := pt{p2.x - p1.x, p2.y - p1.y}, pt{p4.x - p3.x, p4.y - p3.y}
	den := d1.x*d2.y - d1.y*d2.x
	if den == 0 {
		return pt{}, false
	}
	t := ((p3.x-p1.x)*d2.y - (p3.y-p1.y)*d2.x) / den
	u := ((p3.x-p1.x)*d1.y - (p3.y-p1.y)*d1.x) / den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return pt{}, false
	}
	return pt{p1.x + t*d1.x, p1.y + t*d1.y}, true
}

// arc adds points on the circle of radius r around c from angle start
// through sweep (radians), the first excluded and the last included.
func arc(out []pt, c pt, r, start, sweep float64) []pt {
	steps := max(1, int(math.Ceil(math.Abs(sweep)/(2*math.Pi)*float64(max(8, min(64, int(math.Ceil(r*4))))))))
	for i := 1; i <= steps; i++ {
		s, co := math.Sincos(start + sweep*float64(i)/float64(steps))
		out = append(out, pt{c.x + r*co, c.y + r*s})
	}
	return out
}

// endCap closes the stroke at q, the end of segment pq: a half circle for
// round caps, nothing for butt and square (square ends were extended).
func endCap(poly []pt, p, q pt, h float64, cap string) []pt {
	if cap != "round" {
		return poly
	}
	l := math.Hypot(q.x-p.x, q.y-p.y)
	n := pt{-(q.y - p.y) / l * h, (q.x - p.x) / l * h}
	return arc(poly, q, h, math.Atan2(n.y, n.x), -math.Pi)
}

func reverse(p []pt) {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}

// dedupe drops repeated points.
func dedupe(sub []pt) []pt {
	out := sub[:1:1]
	for _, p := range sub[1:] {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}

// extend moves q away from p by d.
func extend(p, q pt, d float64) pt {
	l := math.Hypot(q.x-p.x, q.y-p.y)
	return pt{q.x + (q.x-p.x)/l*d, q.y + (q.y-p.y)/l*d}
}
