package chartpng

import (
	"strconv"
)

// pathData reads SVG path data ("M0 0L10 0A3 3 0 0 1 ...") into b. A
// malformed command ends the path there, as browsers do.
func pathData(d string, b *builder) {
	s := scanner{s: d}
	var cmd byte
	var ctrl pt // the last control point, for S and T
	var prev byte
	for {
		s.skipSpace()
		if s.i >= len(s.s) {
			return
		}
		if c := s.s[s.i]; isCommand(c) {
			cmd = c
			s.i++
		} else if cmd == 0 {
			return
		} else if cmd == 'M' {
			cmd = 'L' // numbers after a moveto are linetos
		} else if cmd == 'm' {
			cmd = 'l'
		}
		rel := cmd >= 'a'
		base := pt{}
		if rel {
			base = b.pen
		}
		at := func(x, y float64) pt { return pt{base.x + x, base.y + y} }
		ok := true
		switch cmd | 0x20 {
		case 'z':
			b.closePath()
			ctrl, prev = b.pen, 'z'
			cmd = 0 // no number may follow a closepath without a command
			continue
		case 'm':
			x, y := s.num(&ok), s.num(&ok)
			if ok {
				b.moveTo(at(x, y))
			}
		case 'l':
			x, y := s.num(&ok), s.num(&ok)
			if ok {
				b.lineTo(at(x, y))
			}
		case 'h':
			x := s.num(&ok)
			if ok {
				b.lineTo(pt{base.x + x, b.pen.y})
			}
		case 'v':
			y := s.num(&ok)
			if ok {
				b.lineTo(pt{b.pen.x, base.y + y})
			}
		case 'c':
			x1, y1, x2, y2, x, y := s.num(&ok), s.num(&ok), s.num(&ok), s.num(&ok), s.num(&ok), s.num(&ok)
			if ok {
				ctrl = at(x2, y2)
				b.cubicTo(at(x1, y1), ctrl, at(x, y))
			}
		case 's':
			x2, y2, x, y := s.num(&ok), s.num(&ok), s.num(&ok), s.num(&ok)
			if ok {
				c1 := b.pen
				if prev|0x20 == 'c' || prev|0x20 == 's' {
					c1 = pt{2*b.pen.x - ctrl.x, 2*b.pen.y - ctrl.y}
				}
				ctrl = at(x2, y2)
				b.cubicTo(c1, ctrl, at(x, y))
			}
		case 'q':
			x1, y1, x, y := s.num(&ok), s.num(&ok), s.num(&ok), s.num(&ok)
			if ok {
				ctrl = at(x1, y1)
				b.quadTo(ctrl, at(x, y))
			}
		case 't':
			x, y := s.num(&ok), s.num(&ok)
			if ok {
				c := b.pen
				if prev|0x20 == 'q' || prev|0x20 == 't' {
					c = pt{2*b.pen.x - ctrl.x, 2*b.pen.y - ctrl.y}
				}
				ctrl = c
				b.quadTo(c, at(x, y))
			}
		case 'a':
			rx, ry, rot := s.num(&ok), s.num(&ok), s.num(&ok)
			large, sweep := s.flag(&ok), s.flag(&ok)
			x, y := s.num(&ok), s.num(&ok)
			if ok {
				b.arcTo(rx, ry, rot, large, sweep, at(x, y))
			}
		default:
			return
		}
		if !ok {
			return
		}
		prev = cmd
	}
}

func isCommand(c byte) bool {
	switch c | 0x20 {
	case 'm', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a', 'z':
		return true
	}
	return false
}

type scanner struct {
	s string
	i int
}

func (s *scanner) skipSpace() {
	for s.i < len(s.s) && (s.s[s.i] == ' ' || s.s[s.i] == ',' || s.s[s.i] == '\t' || s.s[s.i] == '\n' || s.s[s.i] == '\r') {
		s.i++
	}
}

// num reads one number ("-1.5e3", ".5", "1.5.5" is 1.5 then .5).
func (s *scanner) num(ok *bool) float64 {
	s.skipSpace()
	j := s.i
	if j < len(s.s) && (s.s[j] == '-' || s.s[j] == '+') {
		j++
	}
	digits, dot := 0, false
	for j < len(s.s) {
		c := s.s[j]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		j++
	}
	if digits > 0 && j < len(s.s) && (s.s[j] == 'e' || s.s[j] == 'E') {
		k := j + 1
		if k < len(s.s) && (s.s[k] == '-' || s.s[k] == '+') {
			k++
		}
		if k < len(s.s) && s.s[k] >= '0' && s.s[k] <= '9' {
			for k < len(s.s) && s.s[k] >= '0' && s.s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	v, err := strconv.ParseFloat(s.s[s.i:j], 64)
	if digits == 0 || err != nil || isBad(v) {
		*ok = false
		return 0
	}
	s.i = j
	return v
}

// flag reads an arc flag: "0" or "1", which may touch the next number.
func (s *scanner) flag(ok *bool) bool {
	s.skipSpace()
	if s.i < len(s.s) && (s.s[s.i] == '0' || s.s[s.i] == '1') {
		s.i++
		return s.s[s.i-1] == '1'
	}
	*ok = false
	return false
}
