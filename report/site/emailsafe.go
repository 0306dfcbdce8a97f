package site

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"
)

// emailSafe keeps of safe HTML (the notes' rendered Markdown) what works
// in an email: images become their alt text (they are files beside the
// notes, which no mail client can load) and links that lead to files
// beside the report become their text; web and mail links stay.
func emailSafe(h template.HTML) template.HTML {
	if h == "" {
		return ""
	}
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var b strings.Builder
	var open []bool // for each open link: kept
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return template.HTML(b.String()) // every token re-written by the tokenizer's escaping
		}
		tok := z.Token()
		switch {
		case tok.Data == "img" && (tt == html.StartTagToken || tt == html.SelfClosingTagToken):
			b.WriteString(html.EscapeString(attr(tok, "alt")))
			continue
		case tok.Data == "a" && tt == html.StartTagToken:
			keep := absoluteLink(attr(tok, "href"))
			open = append(open, keep)
			if !keep {
				continue
			}
		case tok.Data == "a" && tt == html.EndTagToken:
			keep := len(open) > 0 && open[len(open)-1]
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			if !keep {
				continue
			}
		}
		b.WriteString(tok.String())
	}
}
