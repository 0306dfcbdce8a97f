package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"

	"github.com/dealaudit/dealaudit/report/narrative"
)

// emailWidth is the width of the charts in email.html: its 640-pixel
// column less the padding.
const emailWidth = 584

// emailCharts are the charts email.html shows.
var emailCharts = []string{"chart-retention", "chart-revenue"}

func isEmailChart(id string) bool { return slices.Contains(emailCharts, id) }

// emailData is what templates/email.html sees.
type emailData struct {
	Brand                    Brand
	Accent                   template.CSS
	AsOf, Version, Inputs    string
	Summary                  template.HTML
	KPIRows                  [][]KPI
	Findings                 []narrative.Finding
	LossDefined              bool
	LossTotal, LossBenchmark string
	Charts                   []Chart
}

// emailPage renders email.html: the executive summary as one HTML file for
// an email body, with no script, inline styles only and the key charts as
// inline SVG drawn at the email's width.
func emailPage(t *template.Template, d *SectionsView, base doc, dr *Drawing) ([]byte, error) {
	e := emailData{Brand: base.Brand, Accent: base.Brand.Accent, AsOf: base.AsOf, Version: base.Version, Inputs: base.Inputs,
		Findings: d.Findings, LossDefined: d.Loss.Defined, LossTotal: d.Loss.Total, LossBenchmark: d.Loss.Benchmark}
	if e.Accent == "" {
		e.Accent = template.CSS(Palette[0])
	}
	if d.Sections != nil {
		e.Summary = d.Text["summary"]
	}
	for i := 0; i < len(d.KPIs); i += 3 {
		e.KPIRows = append(e.KPIRows, d.KPIs[i:min(i+3, len(d.KPIs))])
	}
	for _, id := range emailCharts {
		c, ok := d.charts[id]
		if !ok {
			continue
		}
		c.SVG = dr.emailSVG(id)
		e.Charts = append(e.Charts, c)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "email", e); err != nil {
		return nil, fmt.Errorf("rendering email.html: %w", err)
	}
	return b.Bytes(), nil
}
