package narrative

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Notes are the consultant's own Markdown: front matter for branding, an
// introduction for the executive summary and sections for the end.
type Notes struct {
	Client, Title, PreparedBy, Date string
	// Logo is the logo as a data URI, "" without one.
	Logo template.URL
	// Accent is a CSS colour (#rgb or #rrggbb), "" for the default.
	Accent string
	// Intro is the notes before their first "## " heading; Rest the
	// sections from it on.
	Intro, Rest template.HTML
	// Dropped says which images were left out, and why (renderNotes).
	Dropped []string
}

var (
	hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	yamlLine  = regexp.MustCompile(`^line (\d+): `)
)

// NotesError is a mistake in the notes file; it names the line.
type NotesError struct {
	File string
	Line int
	Msg  string
}

func (e *NotesError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// ReadNotes reads a notes file: optional YAML front matter between "---"
// lines (client, title, prepared_by, date, logo, accent), then Markdown.
// Raw HTML in the Markdown is not rendered.
func ReadNotes(path string) (*Notes, error) {
	b, err := readRegular(path, maxNotes)
	if err != nil {
		return nil, &NotesError{File: path, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	text := strings.ReplaceAll(string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))), "\r\n", "\n")
	n := &Notes{}
	body := text
	if strings.HasPrefix(text, "---\n") {
		end := strings.Index(text[4:], "\n---")
		if end < 0 {
			return nil, &NotesError{File: path, Line: 1, Msg: "front matter starts with --- but has no closing --- line"}
		}
		front := text[4 : 4+end]
		body = strings.TrimPrefix(text[4+end+4:], "\n")
		if err := n.front(path, front); err != nil {
			return nil, err
		}
	}
	intro, rest := body, ""
	if i := strings.Index("\n"+body, "\n## "); i >= 0 {
		intro, rest = body[:i], body[i:]
	}
	var dropped []string
	if n.Intro, dropped, err = renderNotes(intro, filepath.Dir(path)); err != nil {
		return nil, err
	}
	n.Dropped = append(n.Dropped, dropped...)
	if n.Rest, dropped, err = renderNotes(rest, filepath.Dir(path)); err != nil {
		return nil, err
	}
	n.Dropped = append(n.Dropped, dropped...)
	return n, nil
}

func (n *Notes) front(path, front string) error {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(front), &doc); err != nil {
		// yaml counts lines from the front matter's first line, the file from
		// the opening ---.
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			line++
			msg = strings.TrimPrefix(msg, m[0])
		}
		return &NotesError{File: path, Line: line, Msg: "front matter: " + msg}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &NotesError{File: path, Line: root.Line + 1, Msg: "front matter: expected key: value lines"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := k.Line + 1 // the opening --- is line 1
		if v.Kind != yaml.ScalarNode {
			return &NotesError{File: path, Line: line, Msg: k.Value + ": expected a single value"}
		}
		switch k.Value {
		case "client":
			n.Client = v.Value
		case "title":
			n.Title = v.Value
		case "prepared_by":
			n.PreparedBy = v.Value
		case "date":
			n.Date = v.Value
		case "accent", "accent_colour", "accent_color":
			if !hexColour.MatchString(v.Value) {
				return &NotesError{File: path, Line: line, Msg: fmt.Sprintf("accent: expected a colour such as #1e6091, found %q", v.Value)}
			}
			n.Accent = v.Value
		case "logo":
			logo := v.Value
			if !filepath.IsAbs(logo) {
				logo = filepath.Join(filepath.Dir(path), logo)
			}
			uri, err := logoURI(logo)
			if err != nil {
				return &NotesError{File: path, Line: line, Msg: "logo: " + err.Error()}
			}
			n.Logo = uri
		default:
			return &NotesError{File: path, Line: line, Msg: fmt.Sprintf("unknown key %q; keys are client, title, prepared_by, date, logo, accent", k.Value)}
		}
	}
	return nil
}

// maxLogo keeps the one-file report small.
const maxLogo = 200 << 10

// maxNotes bounds the notes file.
const maxNotes = 10 << 20

// logoURI reads a PNG, JPEG, GIF, WebP or SVG image into a data URI.
func logoURI(path string) (template.URL, error) {
	b, err := readRegular(path, maxLogo)
	if err != nil {
		return "", err
	}
	mime := http.DetectContentType(b)
	if strings.HasSuffix(strings.ToLower(path), ".svg") && bytes.Contains(b, []byte("<svg")) {
		mime = "image/svg+xml"
	}
	switch mime {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml":
	default:
		return "", fmt.Errorf("%s: expected a PNG, JPEG, GIF, WebP or SVG image, found %s", path, mime)
	}
	// A data URI of an image type built here, never from the notes' text:
	// safe to mark as a URL for the img element.
	return template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b)), nil
}

// readRegular reads a regular file of at most max bytes. Anything else is
// refused before it is opened: a pipe would block the build, a device
// like /dev/zero would never end.
func readRegular(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (a folder, a pipe or a device)", path)
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s is %d KB; keep it under %d KB", path, st.Size()>>10, max>>10)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		return nil, fmt.Errorf("%s grew past %d KB while read", path, max>>10)
	}
	return b, err
}
