package eml

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
)

// Leaf is one part of a message that is not multipart, decoded.
type Leaf struct {
	// Path is the content types from the top down to it:
	// "multipart/mixed/multipart/related/image/png".
	Path   string
	Header textproto.MIMEHeader
	Body   []byte
}

// Key is how a test or a caller finds a leaf: "cid:ID" for a part with a
// Content-ID, its file name for an attachment, else its content type.
func (l Leaf) Key() string {
	if id := l.Header.Get("Content-Id"); id != "" {
		return "cid:" + strings.Trim(id, "<>")
	}
	if _, ps, err := mime.ParseMediaType(l.Header.Get("Content-Disposition")); err == nil && ps["filename"] != "" {
		return ps["filename"]
	}
	mt, _, _ := mime.ParseMediaType(l.Header.Get("Content-Type"))
	return mt
}

// Read parses a message as a mail program does (net/mail, mime/multipart)
// and returns its headers and its leaves in order.
func Read(msg []byte) (mail.Header, []Leaf, error) {
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		return nil, nil, err
	}
	var leaves []Leaf
	var visit func(h textproto.MIMEHeader, body io.Reader, path string) error
	visit = func(h textproto.MIMEHeader, body io.Reader, path string) error {
		mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
		if err != nil {
			return fmt.Errorf("%s: Content-Type: %w", path, err)
		}
		path = strings.TrimPrefix(path+"/"+mt, "/")
		if strings.HasPrefix(mt, "multipart/") {
			r := multipart.NewReader(body, params["boundary"])
			for {
				p, err := r.NextRawPart()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return fmt.Errorf("%s: %w", path, err)
				}
				if err := visit(p.Header, p, path); err != nil {
					return err
				}
			}
		}
		var b []byte
		switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
		case "base64":
			raw, _ := io.ReadAll(body)
			b, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(raw)))
		case "quoted-printable":
			b, err = io.ReadAll(quotedprintable.NewReader(body))
		default:
			b, err = io.ReadAll(body)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		leaves = append(leaves, Leaf{Path: path, Header: h, Body: b})
		return nil
	}
	if err := visit(textproto.MIMEHeader(m.Header), m.Body, ""); err != nil {
		return nil, nil, err
	}
	return m.Header, leaves, nil
}
