package site

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"
)

// plainText turns report HTML (the narrative's and the notes' safe
// Markdown) into plain text for an email's text part: paragraphs and list
// items on lines of their own, wrapped at 72 columns; links as their text
// followed by an absolute address in brackets; images as their alt text.
func plainText(h template.HTML) string {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var paras []string
	var cur strings.Builder
	var links []string // hrefs of the open links
	endPara := func() {
		if p := strings.Join(strings.Fields(cur.String()), " "); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			endPara()
			return wrapParas(paras)
		case html.TextToken:
			cur.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "ul", "ol":
				endPara()
			case "li":
				endPara()
				cur.WriteString("- ")
			case "br":
				endPara()
			case "img":
				cur.WriteString(attr(tok, "alt"))
			case "a":
				links = append(links, attr(tok, "href"))
			case "td", "th":
				cur.WriteString(" ")
			}
		case html.EndTagToken:
			tok := z.Token()
			switch tok.Data {
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote":
				endPara()
			case "a":
				if n := len(links); n > 0 {
					if href := links[n-1]; absoluteLink(href) {
						cur.WriteString(" <" + href + ">")
					}
					links = links[:n-1]
				}
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// absoluteLink reports whether href leads somewhere from an email: a web
// or mail address, not a file beside the report.
func absoluteLink(href string) bool {
	h := strings.ToLower(strings.TrimSpace(href))
	return strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "mailto:")
}

// wrapParas wraps each paragraph at 72 columns (list items indented under
// their dash) and separates paragraphs by blank lines.
func wrapParas(paras []string) string {
	out := make([]string, len(paras))
	for i, p := range paras {
		indent := ""
		if strings.HasPrefix(p, "- ") {
			indent = "  "
		}
		out[i] = wrap(p, 72, indent)
	}
	return strings.Join(out, "\n\n")
}

func wrap(p string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(p) {
		l := len([]rune(w))
		switch {
		case i == 0:
		case n+1+l > width:
			b.WriteString("\n" + indent)
			n = len(indent)
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}
