package chartsvg

import (
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
)

// elements are the SVG elements a chart may contain; anything else (style,
// script, foreignObject, image, a) is dropped with its content.
var elements = map[string]bool{
	"svg": true, "g": true, "path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "tspan": true, "defs": true, "clipPath": true,
	"linearGradient": true, "radialGradient": true, "stop": true, "title": true,
}

// Clean re-writes an SVG from outside (a logo) through the whitelist, as
// the charts are: what is left only draws. Its ids move under prefix.
func Clean(svg, prefix string) (string, error) { return clean(svg, prefix) }

// idRef matches a reference to an id in an attribute: url(#x) or #x.
var idRef = regexp.MustCompile(`#([A-Za-z_][\w.-]*)`)

// clean re-writes an SVG from ECharts through the whitelist: known elements
// only; no event handlers, no classes, no links but to ids in the same SVG,
// style attributes turned into presentation attributes; every value
// escaped. Ids are renumbered in order of appearance under the chart's id:
// zrender numbers them from counters that run on across charts.
func clean(svg, chartID string) (string, error) {
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	var toks []xml.Token
	ids := map[string]string{}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("chart %s: reading the SVG: %w", chartID, err)
		}
		tok = xml.CopyToken(tok)
		if t, ok := tok.(xml.StartElement); ok {
			for _, a := range t.Attr {
				if a.Name.Space == "" && a.Name.Local == "id" {
					if _, seen := ids[a.Value]; !seen {
						ids[a.Value] = fmt.Sprintf("%s-%d", chartID, len(ids))
					}
				}
			}
		}
		toks = append(toks, tok)
	}
	var b strings.Builder
	skip := 0 // depth inside a dropped element
	depth := 0
	for _, tok := range toks {
		switch t := tok.(type) {
		case xml.StartElement:
			name := qname(t.Name)
			if skip > 0 || !elements[name] || depth == 0 && name != "svg" {
				skip++
				continue
			}
			depth++
			b.WriteString("<" + name)
			for _, a := range t.Attr {
				writeAttr(&b, qname(a.Name), a.Value, ids)
			}
			b.WriteString(">")
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			depth--
			b.WriteString("</" + qname(t.Name) + ">")
		case xml.CharData:
			if skip == 0 && depth > 0 {
				b.WriteString(html.EscapeString(string(t)))
			}
		}
	}
	if depth != 0 || b.Len() == 0 {
		return "", errors.New("chart " + chartID + ": the SVG is incomplete")
	}
	return b.String(), nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// writeAttr writes one attribute if the whitelist allows it.
func writeAttr(b *strings.Builder, name, value string, ids map[string]string) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "on") || lower == "class":
		return
	case lower == "style":
		// "font-size:12px;font-family:Arial;" → font-size="12px" font-family="Arial".
		for _, decl := range strings.Split(value, ";") {
			k, v, ok := strings.Cut(decl, ":")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if ok && presentation[k] {
				writeAttr(b, k, v, ids)
			}
		}
		return
	case lower == "href" || lower == "xlink:href":
		if !strings.HasPrefix(value, "#") {
			return
		}
	case strings.Contains(strings.ToLower(value), "javascript:"):
		return
	}
	if lower == "id" {
		value = ids[value]
	} else if lower != "xmlns" && !strings.HasPrefix(lower, "xmlns:") {
		value = idRef.ReplaceAllStringFunc(value, func(ref string) string {
			if id, ok := ids[ref[1:]]; ok {
				return "#" + id
			}
			return ref
		})
	}
	b.WriteString(" " + name + `="` + html.EscapeString(value) + `"`)
}

// presentation are the style properties ECharts writes that SVG also takes
// as attributes.
var presentation = map[string]bool{
	"font-size": true, "font-family": true, "font-weight": true, "font-style": true, "font-variant": true,
	"fill": true, "fill-opacity": true, "stroke": true, "stroke-opacity": true, "stroke-width": true, "opacity": true,
}
