package site

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	_ "image/gif" // logos
	_ "image/jpeg"
	"image/png"
	"math"
	"regexp"
	"strings"
	"sync"
	"time"

	_ "golang.org/x/image/webp"

	"github.com/dealaudit/dealaudit/report/chartpng"
	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/eml"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/templates"
)

// The logo's box in the email, pixels: it is scaled to fit.
const logoMaxWidth, logoMaxHeight = 160, 48

// emailMessage writes email.eml: the email's content with its charts and
// logo as PNG parts (twice their displayed size) and the attachments the
// options ask for (report is report.html's bytes).
func emailMessage(a *assets, fonts *chartpng.Fonts, e emailData, asOf ingest.Date, report []byte, o EmailOptions) ([]byte, error) {
	var inline []eml.Part
	if err := drawEmailCharts(fonts, e.Charts); err != nil {
		return nil, err
	}
	for i, c := range e.Charts {
		id := c.ID + "@dealaudit"
		e.Charts[i].Src = template.URL("cid:" + id) // an id built here
		inline = append(inline, eml.Part{ID: id, Filename: c.ID + ".png", ContentType: "image/png", Data: c.PNG})
	}
	if logo, ok := logoPNG(fonts, e.Brand.Logo); ok {
		logo.Src = "cid:logo@dealaudit"
		e.Logo = logo
		inline = append(inline, eml.Part{ID: "logo@dealaudit", Filename: "logo.png", ContentType: "image/png", Data: logo.PNG})
	}
	htmlPart, textPart, err := emailBodies(a.t, a.text, e)
	if err != nil {
		return nil, err
	}
	msg := eml.Message{Subject: subject(e.Brand, e.Scope), Date: asOf.Time().Add(12 * time.Hour), // noon UTC: the as-of day in every time zone of the Americas and Europe
		From: o.From, To: o.To, Text: textPart, HTML: htmlPart, Inline: inline}
	if o.Attaches() == AttachReport {
		msg.Attach = append(msg.Attach, eml.Part{Filename: "report.html", ContentType: "text/html; charset=utf-8", Data: report})
	}
	return msg.Bytes()
}

// subject is the email's subject: the title, the client when there is
// one, and the scope when the report covers part of the accounts.
func subject(b Brand, scope string) string {
	s := b.Title
	if b.Client != "" {
		s += " — " + b.Client
	}
	if scope != "" {
		s += " — " + scope
	}
	return s
}

// chartFonts are the vendored fonts, parsed.
func chartFonts() (*chartpng.Fonts, error) {
	regular, bold, err := templates.ChartFonts()
	if err != nil {
		return nil, err
	}
	return chartpng.NewFonts(regular, bold)
}

// drawEmailCharts draws each chart's SVG as PNG at twice its width, one
// goroutine per chart.
func drawEmailCharts(fonts *chartpng.Fonts, charts []emailChart) error {
	errs := make([]error, len(charts))
	var wg sync.WaitGroup
	for i := range charts {
		wg.Go(func() {
			charts[i].PNG, errs[i] = fonts.PNG(string(charts[i].SVG), 2)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("drawing %s for email.eml: %w", charts[i].ID, err)
		}
	}
	return nil
}

// logoPNG turns the notes' logo (a data URI built by narrative.ReadNotes)
// into a PNG at twice its displayed size; false without a logo or for one
// that cannot be drawn (the email then goes without it).
func logoPNG(fonts *chartpng.Fonts, uri template.URL) (emailLogo, bool) {
	typ, data, ok := decodeDataURI(string(uri))
	if !ok {
		return emailLogo{}, false
	}
	if typ == "image/svg+xml" {
		w, h, err := fonts.Size(string(data))
		if err != nil {
			return emailLogo{}, false
		}
		dw, dh := fitBox(w, h)
		b, err := fonts.PNG(string(data), 2*float64(dw)/w)
		return emailLogo{Width: dw, Height: dh, PNG: b}, err == nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return emailLogo{}, false
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return emailLogo{}, false
	}
	r := img.Bounds()
	dw, dh := fitBox(float64(r.Dx())/2, float64(r.Dy())/2) // a raster logo is taken as drawn for a high-density screen
	return emailLogo{Width: dw, Height: dh, PNG: b.Bytes()}, true
}

// fitBox scales w × h to fit the logo's box, keeping its proportions, and
// never up.
func fitBox(w, h float64) (int, int) {
	k := math.Min(1, math.Min(logoMaxWidth/w, logoMaxHeight/h))
	return max(1, int(math.Round(w*k))), max(1, int(math.Round(h*k)))
}

func decodeDataURI(u string) (string, []byte, bool) {
	rest, ok := strings.CutPrefix(u, "data:")
	if !ok {
		return "", nil, false
	}
	typ, enc, ok := strings.Cut(rest, ";base64,")
	if !ok {
		return "", nil, false
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	return typ, b, err == nil
}

// logoSVG is an SVG logo for email.html, re-written through the charts'
// whitelist (no script, no links, no foreign content) and sized to the
// logo's box; "" for raster logos.
func logoSVG(fonts *chartpng.Fonts, uri template.URL) template.HTML {
	typ, data, ok := decodeDataURI(string(uri))
	if !ok || typ != "image/svg+xml" {
		return ""
	}
	w, h, err := fonts.Size(string(data))
	if err != nil {
		return ""
	}
	svg, err := chartsvg.Clean(string(data), "email-logo")
	if err != nil {
		return ""
	}
	dw, dh := fitBox(w, h)
	end := strings.IndexByte(svg, '>')
	root := rootSize.ReplaceAllString(svg[:end], "")
	if !strings.Contains(root, "viewBox=") {
		root += fmt.Sprintf(` viewBox="0 0 %g %g"`, w, h)
	}
	return template.HTML(root + fmt.Sprintf(` width="%d" height="%d"`, dw, dh) + svg[end:]) // re-written through chartsvg's whitelist
}

// rootSize matches the width and height attributes Clean writes.
var rootSize = regexp.MustCompile(` (width|height)="[^"]*"`)
