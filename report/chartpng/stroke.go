package chartpng

import "math"

// outline turns a shape's sub-paths into the polygons that cover its
// stroke of width w (device pixels): a quadrilateral per segment and a
// disc at each join (joins are round whatever stroke-linejoin says), with
// caps as cap says. Every polygon winds the same way, so that where they
// overlap the rasterizer's non-zero fill covers them once.
func outline(s shape, w float64, cap string) [][]pt {
	h := w / 2
	var out [][]pt
	for i, sub := range s.subs {
		sub = dedupe(sub)
		closed := s.closed[i]
		if len(sub) < 2 {
			if len(sub) == 1 && cap != "butt" {
				out = append(out, disc(sub[0], h)) // a zero-length sub-path draws a dot with round or square caps
			}
			continue
		}
		for j := 1; j < len(sub); j++ {
			p, q := sub[j-1], sub[j]
			if !closed && cap == "square" {
				if j == 1 {
					p = extend(q, p, h)
				}
				if j == len(sub)-1 {
					q = extend(p, q, h)
				}
			}
			out = append(out, quad(p, q, h))
		}
		last := len(sub) - 1
		for j := 1; j < last; j++ {
			out = append(out, disc(sub[j], h))
		}
		if closed || cap == "round" {
			out = append(out, disc(sub[0], h))
			if !closed {
				out = append(out, disc(sub[last], h))
			}
		}
	}
	return out
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

// quad is the rectangle of half-width h around the segment pq, wound
// clockwise on screen.
func quad(p, q pt, h float64) []pt {
	dx, dy := q.x-p.x, q.y-p.y
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*h, dx/l*h
	return []pt{{p.x + nx, p.y + ny}, {q.x + nx, q.y + ny}, {q.x - nx, q.y - ny}, {p.x - nx, p.y - ny}}
}

// disc is a polygon of radius r around c, wound as quad winds.
func disc(c pt, r float64) []pt {
	n := max(8, min(64, int(math.Ceil(r*4))))
	out := make([]pt, n)
	for i := range out {
		s, co := math.Sincos(-2 * math.Pi * float64(i) / float64(n))
		out[i] = pt{c.x + r*co, c.y + r*s}
	}
	return out
}
