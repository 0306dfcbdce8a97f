package narrative

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// renderNotes renders the notes' Markdown as Render does, with every
// image made part of the report: one in the notes' folder (or below it)
// is embedded as a data URI, so that the report loads nothing from
// outside its own folder; any other (a path out of the folder, an
// absolute path, a web or network address, a type a data URI cannot
// carry safely) is left out, its alt text in its place, with a message
// in dropped.
func renderNotes(md, dir string) (template.HTML, []string, error) {
	src := []byte(md)
	doc := markdown.Parser().Parse(text.NewReader(src))
	var dropped []string
	var images []*ast.Image
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		dest := string(img.Destination)
		uri, why := embedImage(dest, dir)
		if why == "" {
			img.Destination = []byte(uri)
			continue
		}
		dropped = append(dropped, fmt.Sprintf("image %q left out: %s", dest, why))
		alt := ast.NewString([]byte(altText(img, src)))
		img.Parent().ReplaceChild(img.Parent(), img, alt)
	}
	var b bytes.Buffer
	if err := markdown.Renderer().Render(&b, src, doc); err != nil {
		return "", nil, fmt.Errorf("rendering markdown: %w", err)
	}
	return template.HTML(b.String()), dropped, nil
}

// embedImage reads an image of the notes' folder into a data URI, or says
// why it will not.
func embedImage(dest, dir string) (string, string) {
	switch {
	case strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, `\`):
		return "", "only images in the notes' folder are shown (no web, network or absolute addresses)"
	case dir == "":
		return "", "no notes' folder to find it in"
	}
	p := filepath.Join(dir, filepath.FromSlash(dest))
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", "it is outside the notes' folder"
	}
	b, err := readRegular(p, maxLogo)
	if err != nil {
		return "", err.Error()
	}
	mime := http.DetectContentType(b)
	switch mime {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
	default:
		return "", fmt.Sprintf("expected a PNG, JPEG, GIF or WebP image, found %s", mime)
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b), ""
}

// altText is an image's alt text (its children's text).
func altText(img *ast.Image, src []byte) string {
	var b strings.Builder
	for c := img.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
	return b.String()
}
