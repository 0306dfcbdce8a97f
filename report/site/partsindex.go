package site

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// PartsIndex is the index page of a report split by a field: one row per
// value, with its headline figures and a link to its report.
type PartsIndex struct {
	Field string // owner, segment
	Parts []PartEntry
}

// PartEntry is one value of a split.
type PartEntry struct {
	Value string
	// Slug is the value's folder under SplitDir(Field); "" when it has
	// no report, and Why says why.
	Slug, Why string
	M         *metrics.Metrics // nil without a report
	F         *forecast.Result
}

// partsView is what the "parts" template shows.
type partsView struct {
	Field, Scope string
	Head         []string
	Rows         []partRow
	Total        string // the whole report's row, for comparison
}

type partRow struct {
	Name  string
	Href  string // its report, relative to the index; "" for none
	Cells []string
}

// PartsIndexPage renders the index of a split report, whole being the
// whole report's pages (brand, templates, style, scope): one file, its
// style sheet inline, with no script.
func PartsIndexPage(whole Report, idx PartsIndex) ([]byte, error) {
	a, err := loadAssets(whole.Templates)
	if err != nil {
		return nil, err
	}
	st := whole.Style
	v := partsView{Field: idx.Field, Scope: whole.Scope,
		Head: []string{idx.Field, "customers", "revenue", "repeat purchase", "retention", "accounts to call"}}
	cells := func(m *metrics.Metrics, f *forecast.Result) []string {
		return []string{st.Count(m.Customers), st.Money(m.Revenue), pct(m.RepeatCustomerRate, st), pct(m.PooledRetention, st),
			st.Count(len(callList(m, f)))}
	}
	for _, p := range idx.Parts {
		row := partRow{Name: p.Value}
		if p.Slug == "" {
			row.Cells = []string{p.Why}
		} else {
			row.Href, row.Cells = p.Slug+"/index.html", cells(p.M, p.F)
		}
		v.Rows = append(v.Rows, row)
	}
	v.Total = "All accounts: " + joinCells(v.Head[1:], cells(whole.M, whole.F))
	var body bytes.Buffer
	if err := a.t.ExecuteTemplate(&body, "parts", v); err != nil {
		return nil, fmt.Errorf("rendering the index of the reports by %s: %w", idx.Field, err)
	}
	d := doc{Brand: brandOf(whole), AsOf: whole.M.AsOf.String(), Version: whole.Version, Inputs: inputNames(whole.Inputs),
		Scope: whole.Scope, PageTitle: "Reports by " + idx.Field, Single: true, CSS: template.CSS(a.css),
		DataURL: "../data/metrics.json"}
	if d.Brand.Accent != "" {
		d.AccentCSS = template.CSS(":root { --accent: " + string(d.Brand.Accent) + "; }")
	}
	d.CSP = csp([]string{"'none'"}, hashes(string(a.css), string(d.AccentCSS)))
	d.Nav = []navItem{{Href: "../index.html", Title: "Whole report"}, {Href: "index.html", Title: d.PageTitle, Current: true}}
	d.Sections = []section{{ID: "parts", Title: d.PageTitle, Body: template.HTML(body.String())}}
	return execPage(a.t, d)
}

// joinCells writes figures with their names: "customers 120 · revenue $1.2M".
func joinCells(names, values []string) string {
	var b bytes.Buffer
	for i := range names {
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(names[i] + " " + values[i])
	}
	return b.String()
}
