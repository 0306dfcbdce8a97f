package chartpng

import (
	"image/color"
	"strconv"
	"strings"
)

// state is what an element inherits from its ancestors.
type state struct {
	m                     matrix
	fill, stroke          string // paint as written: "#abc", "rgb(…)", "url(#id)", "none"
	fillOpacity, strokeOp float64
	opacity               float64 // the product of the ancestors' opacities
	strokeWidth           float64
	lineCap               string
	fontSize              float64
	bold                  bool
	anchor, baseline      string
	strokeFirst           bool   // paint-order: stroke before fill
	clips                 []clip // every clip path in force
}

func rootState(m matrix) state {
	return state{m: m, fill: "#000", stroke: "none", fillOpacity: 1, strokeOp: 1, opacity: 1,
		strokeWidth: 1, lineCap: "butt", fontSize: 16, anchor: "start", baseline: "auto"}
}

// inherit applies an element's presentation attributes to its parent's
// state.
func (s state) inherit(n *node) state {
	a := n.attr
	if t, ok := a["transform"]; ok {
		s.m = s.m.mul(transform(t))
	}
	set := func(name string, dst *string) {
		if v, ok := a[name]; ok && v != "inherit" {
			*dst = strings.TrimSpace(v)
		}
	}
	set("fill", &s.fill)
	set("stroke", &s.stroke)
	set("stroke-linecap", &s.lineCap)
	set("text-anchor", &s.anchor)
	set("dominant-baseline", &s.baseline)
	if v, ok := a["fill-opacity"]; ok {
		s.fillOpacity = unit(v)
	}
	if v, ok := a["stroke-opacity"]; ok {
		s.strokeOp = unit(v)
	}
	if v, ok := a["opacity"]; ok {
		s.opacity *= unit(v)
	}
	if v, ok := length(a["stroke-width"]); ok && v >= 0 {
		s.strokeWidth = v
	}
	if v, ok := length(a["font-size"]); ok && v > 0 {
		s.fontSize = v
	}
	if v, ok := a["font-weight"]; ok {
		w, err := strconv.Atoi(v)
		s.bold = v == "bold" || v == "bolder" || err == nil && w >= 600
	}
	if v, ok := a["paint-order"]; ok {
		s.strokeFirst = strings.HasPrefix(strings.TrimSpace(v), "stroke")
	}
	return s
}

// unit reads an opacity, clamped to [0, 1].
func unit(v string) float64 {
	return min(1, max(0, fraction(v, 1)))
}

// solid reads a colour: #rgb, #rrggbb, rgb(), rgba() or a few names. The
// second result is false for "none", for references and for what it
// cannot read (which draws nothing, as in browsers).
func solid(s string) (color.NRGBA, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := named[s]; ok {
		return c, true
	}
	if h, ok := strings.CutPrefix(s, "#"); ok {
		v, err := strconv.ParseUint(h, 16, 32)
		switch {
		case err != nil:
		case len(h) == 6:
			return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
		case len(h) == 3:
			return color.NRGBA{uint8(v>>8&15) * 17, uint8(v>>4&15) * 17, uint8(v&15) * 17, 255}, true
		}
		return color.NRGBA{}, false
	}
	fn, args, ok := strings.Cut(s, "(")
	if !ok || !strings.HasSuffix(args, ")") || (fn != "rgb" && fn != "rgba") {
		return color.NRGBA{}, false
	}
	parts := strings.Split(strings.TrimSuffix(args, ")"), ",")
	if len(parts) != 3 && len(parts) != 4 {
		return color.NRGBA{}, false
	}
	var c [4]float64
	c[3] = 1
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i < 3 {
			if q, ok := strings.CutSuffix(p, "%"); ok {
				v, err := strconv.ParseFloat(q, 64)
				if err != nil {
					return color.NRGBA{}, false
				}
				c[i] = v * 255 / 100
				continue
			}
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return color.NRGBA{}, false
		}
		c[i] = v
	}
	b := func(v, top float64) uint8 { return uint8(min(top, max(0, v))/top*255 + 0.5) }
	return color.NRGBA{b(c[0], 255), b(c[1], 255), b(c[2], 255), b(c[3], 1)}, true
}

var named = map[string]color.NRGBA{
	"black": {0, 0, 0, 255}, "white": {255, 255, 255, 255}, "red": {255, 0, 0, 255},
	"green": {0, 128, 0, 255}, "blue": {0, 0, 255, 255}, "gray": {128, 128, 128, 255},
	"grey": {128, 128, 128, 255}, "transparent": {0, 0, 0, 0},
}
