package chartpng

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// node is one element of the SVG.
type node struct {
	name string
	attr map[string]string
	kids []*node
	text string // character data directly inside the element
}

// maxNodes bounds the elements one SVG may have.
const maxNodes = 1 << 20

// parse reads the SVG into a tree and indexes its elements by id (so that
// a reference may come before its definition).
func parse(svg string) (*node, map[string]*node, error) {
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	defs := map[string]*node{}
	var root *node
	var stack []*node
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("drawing the chart: reading the SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if count++; count > maxNodes {
				return nil, nil, fmt.Errorf("drawing the chart: more than %d elements", maxNodes)
			}
			n := &node{name: t.Name.Local, attr: make(map[string]string, len(t.Attr))}
			for _, a := range t.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			if id := n.attr["id"]; id != "" {
				defs[id] = n
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, nil, fmt.Errorf("drawing the chart: more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, nil, fmt.Errorf("drawing the chart: the SVG is empty")
	}
	return root, defs, nil
}

// length reads an SVG length in user units: "12", "12px", "12.5".
func length(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !isBad(v)
}

// fraction reads a number or a percentage as a fraction: "0.5", "50%".
func fraction(s string, def float64) float64 {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		if v, err := strconv.ParseFloat(p, 64); err == nil && !isBad(v) {
			return v / 100
		}
		return def
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && !isBad(v) {
		return v
	}
	return def
}

// numbers reads a list of numbers separated by commas or spaces.
func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || isBad(v) {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func isBad(v float64) bool { return v != v || v > 1e15 || v < -1e15 }
