package chartpng

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// glyph is a glyph's outline in font units, y down, and its advance.
type glyph struct {
	segs    []sfnt.Segment
	advance float64
}

type glyphKey struct {
	bold bool
	r    rune
}

// typesetter lays text out in the fonts, caching outlines.
type typesetter struct {
	fonts  *Fonts
	buf    sfnt.Buffer
	glyphs map[glyphKey]glyph
}

// unitsPPEM loads outlines at one pixel per font unit (Liberation Sans'
// 2048), so that they come in font units.
const unitsPPEM = 2048

func (t *typesetter) face(bold bool) *sfnt.Font {
	if bold {
		return t.fonts.bold
	}
	return t.fonts.regular
}

func (t *typesetter) glyph(bold bool, r rune) glyph {
	k := glyphKey{bold, r}
	if g, ok := t.glyphs[k]; ok {
		return g
	}
	var g glyph
	if unicode.Is(unicode.Cf, r) {
		t.glyphs[k] = g // format characters (direction isolates) take no room and draw nothing
		return g
	}
	f := t.face(bold)
	idx, err := f.GlyphIndex(&t.buf, r)
	if err == nil && idx == 0 && r != ' ' {
		idx, _ = f.GlyphIndex(&t.buf, 'n') // no glyph: the width chartsvg's layout gave it, and nothing drawn
		if adv, err := f.GlyphAdvance(&t.buf, idx, fixed.I(unitsPPEM), font.HintingNone); err == nil {
			g.advance = float64(adv) / 64
		}
		t.glyphs[k] = g
		return g
	}
	if err == nil {
		if adv, err := f.GlyphAdvance(&t.buf, idx, fixed.I(unitsPPEM), font.HintingNone); err == nil {
			g.advance = float64(adv) / 64
		}
		if segs, err := f.LoadGlyph(&t.buf, idx, fixed.I(unitsPPEM), nil); err == nil {
			g.segs = append([]sfnt.Segment(nil), segs...)
		}
	}
	t.glyphs[k] = g
	return g
}

// text adds the outlines of s set at size (user units) with its anchor
// and baseline at (x, y) to b, and returns nothing else: b holds the
// glyphs as closed sub-paths.
func (t *typesetter) text(b *builder, s string, x, y float64, st state) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return
	}
	k := st.fontSize / unitsPPEM
	width := 0.0
	for _, r := range s {
		width += t.glyph(st.bold, r).advance
	}
	switch st.anchor {
	case "middle":
		x -= width * k / 2
	case "end":
		x -= width * k
	}
	y += baselineShift(st.baseline, st.fontSize)
	if m := b.m; m.b == 0 && m.c == 0 && m.d != 0 {
		// Chromium puts an unrotated baseline on a whole device pixel.
		d := m.apply(pt{x, y}).y
		y += (math.Round(d) - d) / m.d
	}
	pen := 0.0
	for _, r := range s {
		g := t.glyph(st.bold, r)
		at := func(p fixed.Point26_6) pt { return pt{x + (pen+float64(p.X)/64)*k, y + float64(p.Y)/64*k} }
		for _, sg := range g.segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				b.closePath()
				b.moveTo(at(sg.Args[0]))
			case sfnt.SegmentOpLineTo:
				b.lineTo(at(sg.Args[0]))
			case sfnt.SegmentOpQuadTo:
				b.quadTo(at(sg.Args[0]), at(sg.Args[1]))
			case sfnt.SegmentOpCubeTo:
				b.cubicTo(at(sg.Args[0]), at(sg.Args[1]), at(sg.Args[2]))
			}
		}
		b.closePath()
		pen += g.advance
	}
}

// Liberation Sans' vertical metrics, in ems: the ascent and descent of
// its hhea table (1854 and 434 units of 2048) and its x-height (1082).
const (
	ascent  = 1854.0 / 2048
	descent = 434.0 / 2048
	xHeight = 1082.0 / 2048
)

// baselineShift is how far below the y of a text element its alphabetic
// baseline sits, in user units, for a dominant-baseline value and a font
// size. Like Chromium, it takes the ascent and descent rounded to whole
// units at the size (12px: 11 and 3, so "central" is 4 below).
func baselineShift(b string, size float64) float64 {
	asc, desc := math.Round(ascent*size), math.Round(descent*size)
	switch b {
	case "central":
		return (asc - desc) / 2
	case "middle":
		return xHeight * size / 2
	case "hanging", "text-before-edge", "text-top":
		return asc
	case "text-after-edge", "text-bottom", "ideographic":
		return -desc
	}
	return 0
}
