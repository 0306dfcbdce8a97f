package site

import (
	"bytes"
	"image/png"
	"net/mail"
	"regexp"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report/eml"
)

// emailParts reads email.eml as a mail client does and returns its
// headers, its parts' bodies by key (eml.Leaf.Key) and its MIME tree.
func emailParts(t *testing.T, msg []byte) (mail.Header, map[string][]byte, string) {
	t.Helper()
	h, leaves, err := eml.Read(msg)
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	var tree []string
	for _, l := range leaves {
		parts[l.Key()] = l.Body
		tree = append(tree, l.Path)
	}
	return h, parts, strings.Join(tree, "\n")
}

var cidRef = regexp.MustCompile(`src="(cid:[^"]+)"`)

// The email as Gmail and Outlook get it: every picture a PNG part the
// HTML refers to by cid:, no SVG, script, data: URI or link anywhere but
// to the report's address; the text part carries the same figures.
func TestEmailMessage(t *testing.T) {
	r := reportOf(t, smallHistory)
	r.Email = EmailOptions{ReportURL: "https://audits.example.com/northwind/", Attach: AttachReport}
	files, err := Pages(r)
	if err != nil {
		t.Fatal(err)
	}
	h, parts, tree := emailParts(t, files["email.eml"])
	const rel = "multipart/mixed/multipart/related/"
	want := rel + "multipart/alternative/text/plain\n" + rel + "multipart/alternative/text/html\n" +
		rel + "image/png\n" + rel + "image/png\nmultipart/mixed/text/html"
	if tree != want {
		t.Errorf("MIME tree:\n%s\nwant:\n%s", tree, want)
	}
	if h.Get("X-Unsent") != "1" || h.Get("From") != "" || h.Get("To") != "" {
		t.Errorf("headers %v", h)
	}
	if d, err := h.Date(); err != nil || d.Format("2006-01-02") != r.M.AsOf.String() {
		t.Errorf("Date %v (%v), want the as-of date %s", d, err, r.M.AsOf)
	}
	body := string(parts["text/html"])
	refs := cidRef.FindAllStringSubmatch(body, -1)
	if len(refs) != len(emailCharts) {
		t.Errorf("%d cid: pictures, want %d", len(refs), len(emailCharts))
	}
	for _, ref := range refs {
		img, err := png.Decode(bytes.NewReader(parts[ref[1]]))
		if err != nil {
			t.Errorf("%s: %v", ref[1], err)
			continue
		}
		if w := img.Bounds().Dx(); w != 2*emailWidth {
			t.Errorf("%s is %d pixels wide, want %d (twice its displayed width)", ref[1], w, 2*emailWidth)
		}
	}
	for _, bad := range []string{"<svg", "data:", "<script", "<style", "<link"} {
		if strings.Contains(body, bad) {
			t.Errorf("the HTML part holds %q", bad)
		}
	}
	for _, href := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if !strings.HasPrefix(href[1], "cid:") && href[1] != r.Email.ReportURL {
			t.Errorf("the HTML part links to %q", href[1])
		}
	}
	if !regexp.MustCompile(`<img src="cid:chart-retention@dealaudit" width="552" height="\d+" alt="Bars of active accounts[^"]+\d+(\.\d)?%`).MatchString(body) {
		t.Error("the retention chart lacks its size or an alt text with its figure")
	}
	text := string(parts["text/plain"])
	for _, k := range append(slicesConcat(r), r.Email.ReportURL) {
		if !strings.Contains(text, k) || !strings.Contains(body, k) {
			t.Errorf("%q is not in both the text and the HTML part", k)
		}
	}
	if !bytes.Equal(parts["report.html"], files["report.html"]) {
		t.Error("report.html is not attached as it is")
	}
}

// slicesConcat is every headline figure's value.
func slicesConcat(r Report) []string {
	var out []string
	for _, k := range kpis(r.M, r.Style) {
		out = append(out, k.Value)
	}
	return out
}

// With an address and no --email-attach, nothing is attached: the links
// lead to the report.
func TestEmailLinksInsteadOfAttaching(t *testing.T) {
	r := reportOf(t, smallHistory)
	r.Email = EmailOptions{ReportURL: "https://audits.example.com/northwind/"}
	files, err := Pages(r)
	if err != nil {
		t.Fatal(err)
	}
	_, parts, tree := emailParts(t, files["email.eml"])
	if strings.Contains(tree, "multipart/mixed/text/html") || parts["report.html"] != nil {
		t.Errorf("report.html attached beside --report-url:\n%s", tree)
	}
}

// Without an address the email links nowhere and says what it carries.
func TestEmailWithoutAddress(t *testing.T) {
	for _, c := range []struct {
		o        EmailOptions
		attached []string
		says     string
	}{
		{EmailOptions{}, []string{"report.html"}, "The full report is attached (report.html: open it in a browser)"},
		{EmailOptions{Attach: AttachPDF, PDF: "audit.pdf"}, nil, "The full report is attached (audit.pdf to print or read anywhere)"},
		{EmailOptions{Attach: AttachNone}, nil, "it is sent separately"},
		{EmailOptions{Attach: AttachReport, PDF: "audit.pdf"}, []string{"report.html"}, "The full report is attached (report.html: open it in a browser, and audit.pdf to print or read anywhere)"},
	} {
		r := reportOf(t, smallHistory)
		r.Email = c.o
		files, err := Pages(r)
		if err != nil {
			t.Fatal(err)
		}
		_, parts, _ := emailParts(t, files["email.eml"])
		for _, f := range []string{"report.html"} {
			if _, ok := parts[f]; ok != (len(c.attached) > 0) {
				t.Errorf("%+v: %s attached: %v", c.o, f, ok)
			}
		}
		for name, b := range map[string][]byte{"html part": parts["text/html"], "text part": parts["text/plain"], "email.html": files["email.html"]} {
			s := strings.Join(strings.Fields(string(b)), " ")
			if !strings.Contains(s, c.says) {
				t.Errorf("%+v: the %s does not say %q", c.o, name, c.says)
			}
			if strings.Contains(s, "href=") {
				t.Errorf("%+v: the %s has a link", c.o, name)
			}
		}
	}
}

func TestEmailBytesRepeat(t *testing.T) {
	a, err := Pages(reportOf(t, smallHistory))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Pages(reportOf(t, smallHistory))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a["email.eml"], b["email.eml"]) {
		t.Error("two builds wrote different email.eml")
	}
}
