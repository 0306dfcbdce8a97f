package chartpng

import (
	"math"
	"strings"
)

// pt is a point in device pixels (or user units before a transform).
type pt struct{ x, y float64 }

// matrix is the affine transform [a c e; b d f; 0 0 1], as SVG writes it.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

func translation(x, y float64) matrix { return matrix{a: 1, d: 1, e: x, f: y} }
func scaling(x, y float64) matrix     { return matrix{a: x, d: y} }

// mul returns m·n: n applied first.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m matrix) apply(p pt) pt { return pt{m.a*p.x + m.c*p.y + m.e, m.b*p.x + m.d*p.y + m.f} }

// inverse returns m's inverse, and false when m is singular.
func (m matrix) inverse() (matrix, bool) {
	det := m.a*m.d - m.b*m.c
	if det == 0 || isBad(det) {
		return matrix{}, false
	}
	return matrix{
		a: m.d / det, b: -m.b / det, c: -m.c / det, d: m.a / det,
		e: (m.c*m.f - m.d*m.e) / det, f: (m.b*m.e - m.a*m.f) / det,
	}, true
}

// scale is how much m stretches a length on average (for stroke widths).
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

// transform reads a transform attribute: matrix, translate, scale, rotate,
// skewX and skewY, applied left to right as SVG says.
func transform(s string) matrix {
	m := identity
	for {
		s = strings.TrimLeft(s, " ,\t\n")
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return m
		}
		name := strings.TrimSpace(s[:open])
		v := numbers(s[open+1 : end])
		s = s[end+1:]
		m = m.mul(oneTransform(name, v))
	}
}

func oneTransform(name string, v []float64) matrix {
	arg := func(i int, def float64) float64 {
		if i < len(v) {
			return v[i]
		}
		return def
	}
	switch name {
	case "matrix":
		if len(v) == 6 {
			return matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
		}
	case "translate":
		return translation(arg(0, 0), arg(1, 0))
	case "scale":
		return scaling(arg(0, 1), arg(1, arg(0, 1)))
	case "rotate":
		r := arg(0, 0) * math.Pi / 180
		cx, cy := arg(1, 0), arg(2, 0)
		sin, cos := math.Sincos(r)
		return translation(cx, cy).mul(matrix{a: cos, b: sin, c: -sin, d: cos}).mul(translation(-cx, -cy))
	case "skewX":
		return matrix{a: 1, d: 1, c: math.Tan(arg(0, 0) * math.Pi / 180)}
	case "skewY":
		return matrix{a: 1, d: 1, b: math.Tan(arg(0, 0) * math.Pi / 180)}
	}
	return identity
}

// shape is a list of sub-paths in device pixels; closed ones end where
// they start.
type shape struct {
	subs   [][]pt
	closed []bool
}

// builder flattens curves into a shape as they come, in device pixels.
type builder struct {
	m      matrix
	tol    float64 // flattening tolerance, device pixels
	s      shape
	cur    []pt
	start  pt // sub-path start, user units
	pen    pt // current point, user units
	active bool
	umin   pt // bounding box of the points given, user units
	umax   pt
	any    bool
}

func newBuilder(m matrix) *builder { return &builder{m: m, tol: 0.1} }

// see widens the user-space bounding box to p.
func (b *builder) see(p pt) {
	if !b.any {
		b.umin, b.umax, b.any = p, p, true
		return
	}
	b.umin = pt{math.Min(b.umin.x, p.x), math.Min(b.umin.y, p.y)}
	b.umax = pt{math.Max(b.umax.x, p.x), math.Max(b.umax.y, p.y)}
}

// ubox is the bounding box of the points (and control points) given.
func (b *builder) ubox() box {
	return box{b.umin.x, b.umin.y, b.umax.x - b.umin.x, b.umax.y - b.umin.y}
}

func (b *builder) moveTo(p pt) {
	b.see(p)
	b.flush(false)
	b.cur = append(b.cur[:0:0], b.m.apply(p))
	b.start, b.pen, b.active = p, p, true
}

func (b *builder) lineTo(p pt) {
	if !b.active {
		b.moveTo(b.pen)
	}
	b.see(p)
	b.cur = append(b.cur, b.m.apply(p))
	b.pen = p
}

// cubicTo flattens a cubic Bézier from the pen through c1, c2 to p.
func (b *builder) cubicTo(c1, c2, p pt) {
	b.see(c1)
	b.see(c2)
	b.see(p)
	p0, d1, d2, d3 := b.m.apply(b.pen), b.m.apply(c1), b.m.apply(c2), b.m.apply(p)
	n := segments(math.Hypot(d1.x-p0.x, d1.y-p0.y)+math.Hypot(d2.x-d1.x, d2.y-d1.y)+math.Hypot(d3.x-d2.x, d3.y-d2.y), b.tol)
	if !b.active {
		b.moveTo(b.pen)
	}
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		b.cur = append(b.cur, pt{
			u*u*u*p0.x + 3*u*u*t*d1.x + 3*u*t*t*d2.x + t*t*t*d3.x,
			u*u*u*p0.y + 3*u*u*t*d1.y + 3*u*t*t*d2.y + t*t*t*d3.y,
		})
	}
	b.pen = p
}

// quadTo flattens a quadratic Bézier as the cubic it equals.
func (b *builder) quadTo(c, p pt) {
	c1 := pt{b.pen.x + 2.0/3*(c.x-b.pen.x), b.pen.y + 2.0/3*(c.y-b.pen.y)}
	c2 := pt{p.x + 2.0/3*(c.x-p.x), p.y + 2.0/3*(c.y-p.y)}
	b.cubicTo(c1, c2, p)
}

// segments is how many chords approximate a curve of about this length
// within tol.
func segments(length, tol float64) int {
	n := int(math.Ceil(math.Sqrt(length / tol)))
	return max(1, min(n, 1000))
}

func (b *builder) closePath() {
	if b.active {
		b.cur = append(b.cur, b.m.apply(b.start))
		b.flush(true)
		b.pen = b.start
	}
}

func (b *builder) flush(closed bool) {
	if b.active && len(b.cur) > 1 {
		b.s.subs = append(b.s.subs, b.cur)
		b.s.closed = append(b.s.closed, closed)
	}
	b.cur, b.active = nil, false
}

func (b *builder) shape() shape {
	b.flush(false)
	return b.s
}

// arcTo adds an elliptical arc from the pen to p (SVG's A command, by the
// endpoint-to-centre conversion of SVG 1.1 appendix F.6).
func (b *builder) arcTo(rx, ry, rot float64, large, sweep bool, p pt) {
	p0 := b.pen
	if p0 == p {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.lineTo(p)
		return
	}
	sin, cos := math.Sincos(rot * math.Pi / 180)
	dx, dy := (p0.x-p.x)/2, (p0.y-p.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (p0.x+p.x)/2
	cy := sin*cx1 + cos*cy1 + (p0.y+p.y)/2
	angle := func(ux, uy, vx, vy float64) float64 { return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy) }
	t1 := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := segments(math.Abs(dt)*math.Max(rx, ry)*b.m.scale(), b.tol)
	for i := 1; i <= n; i++ {
		t := t1 + dt*float64(i)/float64(n)
		st, ct := math.Sincos(t)
		q := pt{cx + cos*rx*ct - sin*ry*st, cy + sin*rx*ct + cos*ry*st}
		if i == n {
			q = p
		}
		b.lineTo(q)
	}
}
