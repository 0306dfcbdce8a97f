package chartsvg

import (
	"strconv"
	"strings"
	"unicode"
)

// measure is ECharts' measureText: the width in pixels of text set in a CSS
// font ("bold 14px sans-serif"), from the advance widths of the font the
// charts name. Format characters (direction isolates, joiners) have no
// width; other runes without a width count as a full em when they are
// East Asian wide and as the width of "n" otherwise.
func measure(text, font string) float64 {
	size, bold := 12.0, 0
	for _, f := range strings.Fields(font) {
		switch {
		case strings.HasSuffix(f, "px"):
			if v, err := strconv.ParseFloat(strings.TrimSuffix(f, "px"), 64); err == nil && v > 0 {
				size = v
			}
		case f == "bold" || f == "bolder":
			bold = 1
		default:
			if w, err := strconv.Atoi(f); err == nil && w >= 600 {
				bold = 1
			}
		}
	}
	var units int
	for _, r := range text {
		if w, ok := advance[r]; ok {
			units += int(w[bold])
			continue
		}
		if unicode.Is(unicode.Cf, r) {
			continue
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r >= 0xFF00 && r <= 0xFFEF {
			units += unitsPerEm
			continue
		}
		units += int(advance['n'][bold])
	}
	return float64(units) * size / unitsPerEm
}
