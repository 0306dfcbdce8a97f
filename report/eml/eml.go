// Package eml writes a MIME message (RFC 5322, 2045–2049, 2392) that mail
// programs open as a draft: a plain-text and an HTML body, images the HTML
// shows by cid: reference, and attachments:
//
//	multipart/mixed
//	  multipart/related
//	    multipart/alternative (text/plain, text/html)
//	    image/png … (Content-ID)
//	  attachments …
//
// The same message gives the same bytes: its boundaries are derived from
// its content, and nothing depends on the clock.
package eml

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Message is a draft to write.
type Message struct {
	Subject  string
	Date     time.Time
	From, To []*mail.Address // left out when empty
	Text     string          // the plain-text body
	HTML     string          // the HTML body; it refers to Inline parts as cid:ID
	Inline   []Part          // images the HTML shows
	Attach   []Part
}

// Part is an image or an attachment.
type Part struct {
	ID          string // Content-ID of an inline part, without angle brackets
	Filename    string
	ContentType string
	Data        []byte
}

// Bytes writes the message with CRLF line ends.
func (m Message) Bytes() ([]byte, error) {
	for _, p := range append(append([]Part(nil), m.Inline...), m.Attach...) {
		if err := p.check(); err != nil {
			return nil, err
		}
	}
	alt := newMulti("alternative", []string{
		textPart("text/plain; charset=utf-8", m.Text),
		textPart("text/html; charset=utf-8", m.HTML),
	})
	related := []string{alt.body(`multipart/alternative`)}
	for _, p := range m.Inline {
		related = append(related, p.encode("inline", "Content-ID: <"+p.ID+">\r\n"))
	}
	rel := newMulti("related", related)
	mixed := []string{rel.body(`multipart/related; type="multipart/alternative"`)}
	for _, p := range m.Attach {
		mixed = append(mixed, p.encode("attachment", ""))
	}
	top := newMulti("mixed", mixed)
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ":" + v + "\r\n") }
	if len(m.From) > 0 {
		header("From", " "+addressList(m.From))
	}
	if len(m.To) > 0 {
		header("To", " "+addressList(m.To))
	}
	header("Subject", fold(len("Subject:"), " "+mime.QEncoding.Encode("utf-8", m.Subject)))
	header("Date", " "+m.Date.Format(time.RFC1123Z))
	header("X-Unsent", " 1")
	header("MIME-Version", " 1.0")
	b.WriteString(top.body("multipart/mixed"))
	return b.Bytes(), nil
}

// fold breaks a header value, which starts with its space, at its spaces
// so that no line passes 78 characters (RFC 5322 section 2.2.3); used
// characters (the name and colon) are on the first line before it.
func fold(used int, v string) string {
	var b strings.Builder
	n := used
	for i, w := range strings.Split(v, " ") {
		if i > 0 {
			if n+1+len(w) > 78 {
				b.WriteString("\r\n")
				n = 0
			}
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

func addressList(as []*mail.Address) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return strings.Join(out, ", ")
}

func (p Part) check() error {
	bad := func(s string) bool { return strings.ContainsAny(s, "\r\n\"<>\\") }
	if bad(p.ID) || bad(p.Filename) || bad(p.ContentType) || p.ContentType == "" {
		return fmt.Errorf("email part %q: its id, file name or type cannot be written in a header", p.Filename)
	}
	return nil
}

// encode writes a part's headers and its base64 body.
func (p Part) encode(disposition, extra string) string {
	var b strings.Builder
	b.WriteString("Content-Type: " + p.ContentType + ";\r\n name=\"" + p.Filename + "\"\r\n")
	b.WriteString("Content-Transfer-Encoding: base64\r\n")
	b.WriteString(extra)
	b.WriteString("Content-Disposition: " + disposition + ";\r\n filename=\"" + p.Filename + "\"\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(p.Data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}

// textPart is a quoted-printable text part with its headers.
func textPart(contentType, text string) string {
	var b bytes.Buffer
	b.WriteString("Content-Type: " + contentType + "\r\n")
	b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")))
	w.Close()
	b.WriteString("\r\n")
	return b.String()
}

// multi is a multipart entity's parts and its boundary.
type multi struct {
	boundary string
	parts    []string
}

// newMulti chooses a boundary from the parts' content that none of them
// contains.
func newMulti(kind string, parts []string) multi {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	sum := h.Sum(nil)
	for i := 0; ; i++ {
		b := fmt.Sprintf("=_%s_%s_%d", kind, hex.EncodeToString(sum[:12]), i)
		if !containsAny(parts, "--"+b) {
			return multi{boundary: b, parts: parts}
		}
	}
}

func containsAny(parts []string, s string) bool {
	for _, p := range parts {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// body writes the entity: its Content-Type header, then the parts.
func (m multi) body(contentType string) string {
	var b strings.Builder
	b.WriteString("Content-Type: " + contentType + ";\r\n boundary=\"" + m.boundary + "\"\r\n\r\n")
	for _, p := range m.parts {
		b.WriteString("--" + m.boundary + "\r\n" + p)
	}
	b.WriteString("--" + m.boundary + "--\r\n")
	return b.String()
}

// Attach adds an attachment to a message Bytes wrote, after its other
// parts.
func Attach(msg []byte, p Part) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		return nil, fmt.Errorf("reading the email: %w", err)
	}
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return nil, fmt.Errorf("reading the email: not a multipart message")
	}
	end := []byte("--" + params["boundary"] + "--\r\n")
	i := bytes.LastIndex(msg, end)
	if i < 0 {
		return nil, fmt.Errorf("reading the email: its last part does not end")
	}
	out := append(append([]byte(nil), msg[:i]...), "--"+params["boundary"]+"\r\n"...)
	out = append(out, p.encode("attachment", "")...)
	return append(out, msg[i:]...), nil
}
