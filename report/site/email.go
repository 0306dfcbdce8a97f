package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/mail"
	"path/filepath"
	"slices"
	"strings"
	texttemplate "text/template"

	"github.com/dealaudit/dealaudit/report/narrative"
)

// emailColumn is the email's column: 600 pixels at most, narrower on
// phones; emailWidth is the charts' width in it, less the padding.
const (
	emailColumn = 600
	emailWidth  = emailColumn - 2*24
)

// emailCharts are the charts the email shows.
var emailCharts = []string{"chart-retention", "chart-revenue"}

func isEmailChart(id string) bool { return slices.Contains(emailCharts, id) }

// Email options say what email.eml links to or carries and whom it is
// addressed to.
type EmailOptions struct {
	// ReportURL is where the full report is online; its links point
	// there. Without it the email links nowhere and says what is attached.
	ReportURL string
	// Attach is what email.eml carries: AttachReport (report.html, and
	// the PDF), AttachPDF or AttachNone; "" is AttachReport without
	// ReportURL and AttachNone with it. The PDF is added by the caller
	// that prints it (eml.Attach); PDF names it when one is printed.
	Attach   string
	PDF      string
	From, To []*mail.Address
}

// AttachmentName is the name a file is attached under: its base name with
// what a MIME header cannot hold plainly (quotes, controls, non-ASCII)
// as "_".
func AttachmentName(path string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' || strings.ContainsRune(`"\<>/`, r) {
			return '_'
		}
		return r
	}, filepath.Base(path))
}

// What email.eml attaches.
const (
	AttachReport = "report"
	AttachPDF    = "pdf"
	AttachNone   = "none"
)

// Attaches is what email.eml carries, the default resolved.
func (o EmailOptions) Attaches() string {
	switch {
	case o.Attach != "":
		return o.Attach
	case o.ReportURL != "":
		return AttachNone
	}
	return AttachReport
}

// attached lists the files email.eml carries.
func (o EmailOptions) attached() []string {
	var out []string
	a := o.Attaches()
	if a == AttachReport {
		out = append(out, "report.html")
	}
	if o.PDF != "" && a != AttachNone {
		out = append(out, o.PDF)
	}
	return out
}

// fullReport is the sentence that says where the full report is, when
// there is no address to link to.
func (o EmailOptions) fullReport() string {
	const what = "every chart with its data, the cohorts, referrals, negotiation approach, accounts, the forecast and the data-quality notes"
	if o.ReportURL != "" {
		return "The full report has " + what + ":"
	}
	files := o.attached()
	switch len(files) {
	case 0:
		return "The full report (report.html, one file to open in a browser) has " + what + "; it is sent separately."
	case 1:
		return "The full report is attached (" + describe(files[0]) + "). It has " + what + "."
	}
	return "The full report is attached (" + describe(files[0]) + ", and " + describe(files[1]) + "). It has " + what + "."
}

func describe(file string) string {
	if file == "report.html" {
		return "report.html: open it in a browser"
	}
	return file + " to print or read anywhere"
}

// emailData is what templates/email.html and email.txt see.
type emailData struct {
	CSP                      string
	Brand                    Brand
	Accent                   template.CSS
	AsOf, Version, Inputs    string
	Scope                    string // Report.Scope
	Preheader                string
	Intro, Summary           template.HTML // the notes' introduction; the executive summary
	KPIRows                  [][]KPI
	Findings                 []narrative.Finding
	LossDefined              bool
	LossTotal, LossBenchmark string
	Charts                   []emailChart
	Logo                     emailLogo
	ReportURL                string // "" without one
	FullReport               string // where the full report is, without ReportURL
}

// emailChart is one chart as email.html (SVG) or email.eml (a PNG part)
// shows it.
type emailChart struct {
	ID, Title, Caption, Alt string
	SVG                     template.HTML
	Src                     template.URL // cid: reference of the PNG part
	Width, Height           int          // displayed size, pixels
	PNG                     []byte
}

// emailLogo is the logo: inline SVG in email.html (a raster logo cannot be
// shown there: no data: URIs), a PNG part in email.eml.
type emailLogo struct {
	SVG           template.HTML
	Src           template.URL
	Width, Height int
	PNG           []byte
}

// emailText is what templates/email.txt sees: emailData's texts as plain
// text.
type emailText struct {
	emailData
	Intro, Summary string
	KPIs           []KPI
	Findings       []string // "1. Title" and the body, wrapped
}

// newEmail gathers the email's content, its charts drawn at the email's
// width.
func newEmail(d *SectionsView, base doc, dr drawing, o EmailOptions) emailData {
	e := emailData{Brand: base.Brand, Accent: base.Brand.Accent, AsOf: base.AsOf, Scope: base.Scope, Version: base.Version, Inputs: base.Inputs,
		LossDefined: d.Loss.Defined, LossTotal: d.Loss.Total, LossBenchmark: d.Loss.Benchmark,
		ReportURL: o.ReportURL, FullReport: o.fullReport(), Intro: emailSafe(d.NotesIntro)}
	if e.Accent == "" {
		e.Accent = template.CSS(Palette[0])
	}
	if d.Sections != nil {
		e.Summary, e.Findings = d.Text["summary"], d.Findings
	}
	for i := 0; i < len(d.KPIs); i += 3 {
		e.KPIRows = append(e.KPIRows, d.KPIs[i:min(i+3, len(d.KPIs))])
	}
	e.Preheader = preheader(d)
	for _, id := range emailCharts {
		c, ok := d.charts[id]
		if !ok {
			continue
		}
		svg := dr.emailSVG(id)
		if svg == "" {
			continue // too long to draw: the email goes without it
		}
		e.Charts = append(e.Charts, emailChart{ID: id, Title: c.Title, Caption: c.Caption, Alt: c.Alt, SVG: svg,
			Width: emailWidth, Height: emailHeight(c)})
	}
	return e
}

// preheader is the line inboxes show after the subject: the first finding,
// or the first headline figures.
func preheader(d *SectionsView) string {
	if d.Sections != nil && len(d.Findings) > 0 {
		return plainText(template.HTML(d.Findings[0].Title))
	}
	var parts []string
	for _, k := range d.KPIs[:min(2, len(d.KPIs))] {
		parts = append(parts, k.Label+": "+k.Value)
	}
	return strings.Join(parts, " · ")
}

// emailPage renders email.html: the email's content as one HTML file, its
// charts as inline SVG, inline styles only, no script, nothing loaded.
func emailPage(t *template.Template, e emailData) ([]byte, error) {
	e.CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
	e.Logo.Src, e.Logo.PNG = "", nil
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "email", e); err != nil {
		return nil, fmt.Errorf("rendering email.html: %w", err)
	}
	return b.Bytes(), nil
}

// emailBodies renders email.eml's HTML part (its pictures by cid:) and
// its plain-text part.
func emailBodies(t *template.Template, tt *texttemplate.Template, e emailData) (htmlPart, textPart string, err error) {
	e.CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src cid:; base-uri 'none'; form-action 'none'"
	e.Logo.SVG = ""
	for i := range e.Charts {
		e.Charts[i].SVG = ""
	}
	var h bytes.Buffer
	if err := t.ExecuteTemplate(&h, "email", e); err != nil {
		return "", "", fmt.Errorf("rendering email.eml: %w", err)
	}
	v := emailText{emailData: e, Intro: plainText(e.Intro), Summary: plainText(e.Summary), KPIs: slices.Concat(e.KPIRows...)}
	for i, f := range e.Findings {
		v.Findings = append(v.Findings, wrap(fmt.Sprintf("%d. %s", i+1, plainText(template.HTML(f.Title))), 72, "   ")+
			"\n   "+strings.ReplaceAll(plainText(f.Body), "\n", "\n   "))
	}
	var x bytes.Buffer
	if err := tt.ExecuteTemplate(&x, "email-text", v); err != nil {
		return "", "", fmt.Errorf("rendering email.eml's text: %w", err)
	}
	return h.String(), x.String(), nil
}
