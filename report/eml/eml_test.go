package eml

import (
	"bytes"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func sample() Message {
	return Message{
		Subject: "Audit — Nörthwind\r\nBcc: victim@example.com",
		Date:    time.Date(2025, 12, 30, 12, 0, 0, 0, time.UTC),
		To:      []*mail.Address{{Name: "Team", Address: "team@example.com"}},
		Text:    "Retention 68.3%\nA line that is long enough to be wrapped by quoted-printable encoding because it runs past seventy-six characters.\n",
		HTML:    `<p>Retention 68.3% — <img src="cid:chart-a@dealaudit" alt="a"></p>`,
		Inline:  []Part{{ID: "chart-a@dealaudit", Filename: "chart-a.png", ContentType: "image/png", Data: []byte("\x89PNG fake bytes")}},
		Attach:  []Part{{Filename: "report.html", ContentType: "text/html; charset=utf-8", Data: []byte("<!doctype html><p>--=_not a boundary</p>")}},
	}
}

// walk reads a message and returns its leaves by key and their paths.
func walk(t *testing.T, msg []byte) (*mail.Message, map[string][]byte, []string) {
	t.Helper()
	h, leaves, err := Read(msg)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string][]byte{}
	var paths []string
	for _, l := range leaves {
		byKey[l.Key()] = l.Body
		paths = append(paths, l.Path)
	}
	return &mail.Message{Header: h}, byKey, paths
}

func TestMessageParses(t *testing.T) {
	msg, err := sample().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	m, leaves, tree := walk(t, msg)
	want := "multipart/mixed/multipart/related/multipart/alternative/text/plain\n" +
		"multipart/mixed/multipart/related/multipart/alternative/text/html\n" +
		"multipart/mixed/multipart/related/image/png\n" +
		"multipart/mixed/text/html"
	if got := strings.Join(tree, "\n"); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	if m.Header.Get("X-Unsent") != "1" || m.Header.Get("Bcc") != "" || m.Header.Get("From") != "" {
		t.Errorf("headers: %v", m.Header)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subj != sample().Subject {
		t.Errorf("subject %q (%v)", subj, err)
	}
	if d, err := m.Header.Date(); err != nil || !d.Equal(sample().Date) {
		t.Errorf("date %v (%v)", d, err)
	}
	if to, err := m.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "team@example.com" {
		t.Errorf("to %v (%v)", to, err)
	}
	if got := string(leaves["text/plain"]); got != strings.ReplaceAll(sample().Text, "\n", "\r\n") {
		t.Errorf("text part %q", got)
	}
	if got := string(leaves["cid:chart-a@dealaudit"]); got != "\x89PNG fake bytes" {
		t.Errorf("image part %q", got)
	}
	if got := string(leaves["report.html"]); got != string(sample().Attach[0].Data) {
		t.Errorf("attachment %q", got)
	}
	for _, line := range strings.Split(string(msg), "\r\n") {
		if len(line) > 78 {
			t.Fatalf("a line of %d characters: %.60s…", len(line), line)
		}
	}
	again, _ := sample().Bytes()
	if !bytes.Equal(msg, again) {
		t.Error("two writes of one message differ")
	}
	other := sample()
	other.Text += "x"
	o, _ := other.Bytes()
	boundary := func(b []byte) string {
		m, _ := mail.ReadMessage(bytes.NewReader(b))
		_, ps, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
		return ps["boundary"]
	}
	if boundary(o) == boundary(msg) || boundary(o) == "" {
		t.Errorf("another message has the same boundary %q", boundary(o))
	}
}

func TestAttach(t *testing.T) {
	msg, _ := sample().Bytes()
	pdf := bytes.Repeat([]byte("%PDF-1.7 \x00\xff"), 100)
	out, err := Attach(msg, Part{Filename: "audit.pdf", ContentType: "application/pdf", Data: pdf})
	if err != nil {
		t.Fatal(err)
	}
	_, leaves, tree := walk(t, out)
	if !bytes.Equal(leaves["audit.pdf"], pdf) || tree[len(tree)-1] != "multipart/mixed/application/pdf" {
		t.Errorf("tree %v", tree)
	}
	if _, err := Attach([]byte("Subject: x\r\n\r\nhello"), Part{Filename: "a", ContentType: "text/plain"}); err == nil {
		t.Error("attached to a message that is not multipart")
	}
	if _, err := Attach(msg, Part{Filename: "a\"\r\nX-Evil: 1", ContentType: "text/plain"}); err == nil {
		t.Error("a file name with a line break was written into a header")
	}
}
