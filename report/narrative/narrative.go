// Package narrative writes the report's text from the metrics: section
// texts from Markdown templates (text/template over the metrics) and the
// findings that matter most, rendered with goldmark. goldmark runs in its
// safe default: raw HTML is dropped and dangerous links are removed, and
// every value from the data is escaped for Markdown before it is written.
package narrative

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	texttemplate "text/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// Sections are the written parts of the report, as HTML.
type Sections struct {
	Findings []Finding
	// Banner says what the data is too small to conclude, "" when it is
	// large enough; every page shows it.
	Banner string
	// Text holds each section's text by name: summary, retention, revenue,
	// referrals, approach, accounts, forecast, method.
	Text map[string]template.HTML
}

// Finding is one of the few things the client should know first.
type Finding struct {
	// Kind is what the finding is about (retention, referrals, …): one
	// finder's findings share it.
	Kind  string
	Title template.HTML
	Body  template.HTML
}

// SectionNames are the narrative templates, templates/narrative/NAME.md.
var SectionNames = []string{"summary", "retention", "revenue", "referrals", "approach", "accounts", "forecast", "method"}

// markdown is the one goldmark configuration: GFM, footnotes, typographer;
// no unsafe mode.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))

// Render turns Markdown into HTML. It is the only place the report turns
// text into template.HTML.
func Render(md string) (template.HTML, error) {
	var b bytes.Buffer
	if err := markdown.Convert([]byte(md), &b); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	return template.HTML(b.String()), nil
}

// inline drops the paragraph around a one-line rendering.
func inline(h template.HTML) template.HTML {
	s := strings.TrimSpace(string(h))
	s = strings.TrimPrefix(s, "<p>")
	s = strings.TrimSuffix(s, "</p>")
	return template.HTML(s)
}

// Write renders the sections and findings of m from the templates in tfs
// (templates/narrative/*.md), its numbers in the style st.
func Write(m *metrics.Metrics, f *forecast.Result, st *format.Style, tfs fs.FS) (*Sections, error) {
	v := newView(m, st)
	v.F = f
	fm := funcs(st)
	s := &Sections{Text: map[string]template.HTML{}}
	for _, name := range SectionNames {
		path := "narrative/" + name + ".md"
		src, err := fs.ReadFile(tfs, path)
		if err != nil {
			return nil, fmt.Errorf("reading template %s: %w", path, err)
		}
		t, err := texttemplate.New(name).Funcs(fm).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", path, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, v); err != nil {
			return nil, fmt.Errorf("template %s: %w", path, err)
		}
		if s.Text[name], err = Render(b.String()); err != nil {
			return nil, err
		}
	}
	s.Banner = tooLittle(m.Enough, m.Period, st)
	for _, f := range findings(v) {
		title, err := Render(f.title)
		if err != nil {
			return nil, err
		}
		body, err := Render(f.body)
		if err != nil {
			return nil, err
		}
		s.Findings = append(s.Findings, Finding{Kind: f.kind, Title: inline(title), Body: body})
	}
	return s, nil
}

// funcs format values for the Markdown templates in the report's style.
// Every string from the data goes through md.
func funcs(st *format.Style) texttemplate.FuncMap {
	return texttemplate.FuncMap{
		"pct":     st.Pct,
		"money":   st.Money,
		"compact": st.MoneyCompact,
		"count":   st.Count,
		"md":      Escape,
		"parts":   st.Parts,
		"pp":      func(from, to metrics.Rate) string { return st.Points(metrics.PointsBetween(from, to)) },
		"rate":    func(v float64) metrics.Rate { return metrics.Rate{Num: v, Den: 1, Defined: true} },
		"num":     st.Num,
		"ci":      st.Interval,
		"p":       st.PValue,
	}
}

// Escape makes text from the data literal in Markdown: punctuation that
// Markdown or HTML would act on is backslash-escaped, line breaks become
// spaces, and a right-to-left name is isolated (format.Isolate) so that
// it cannot reorder the sentence around it.
func Escape(s string) string {
	return format.Isolate(escapeMarkdown(s))
}

// escapeMarkdown is Escape without the isolation.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&\"':=@$%^", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
