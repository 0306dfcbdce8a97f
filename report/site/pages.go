package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	texttemplate "text/template"

	"github.com/dealaudit/dealaudit/report/chartsvg"
	"github.com/dealaudit/dealaudit/report/format"

	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/templates"
)

// Report is everything the pages show.
type Report struct {
	Res       *ingest.Result
	M         *metrics.Metrics
	F         *forecast.Result
	Text      *narrative.Sections
	Notes     *narrative.Notes // nil without notes
	Brand     Brand            // from the config; the notes' front matter wins
	Templates fs.FS
	Version   string
	Inputs    []string
	// Charts draws the charts: one renderer for every report of a build
	// (NewCharts), or nil for one of Pages' own.
	Charts *chartsvg.Renderer
	// Style writes the numbers: the locale and the currency.
	Style *format.Style
	// Email says what email.eml links to, carries and is addressed to.
	Email EmailOptions
	// Kept counts the deals kept after duplicates and line items, by
	// stage: the count the build, check and the quality page all give.
	Kept ingest.Summary
	// Scope names the accounts the report covers ("Owner: Ann Lee
	// (accounts first won by this owner)"), "" for all: on every page,
	// the email and metrics.json.
	Scope string
	// Split is the field the report has one sub-report per value of, in
	// by-FIELD/ beside it ("" for none): the footer links their index.
	// PartOf is the field of the split this report is a part of, in
	// by-FIELD/SLUG/ ("" for none): the footer links the index above it.
	Split, PartOf string
}

// Brand is the masthead.
type Brand struct {
	Client, Title, PreparedBy, Date string
	Logo                            template.URL
	Accent                          template.CSS
}

type navItem struct {
	Href, Title string
	Current     bool
}

type section struct {
	ID, Title, File string
	Body            template.HTML
}

type doc struct {
	Banner    string // what the data is too small to conclude, on every page
	CSP       string
	AccentCSS template.CSS
	PageTitle string
	Brand     Brand
	Nav       []navItem
	Sections  []section
	Single    bool
	CSS       template.CSS
	ECharts   template.JS
	JS        template.JS
	AsOf      string
	Version   string
	Inputs    string
	DataURL   string // the data tables online, when the report's address is given
	Scope     string // Report.Scope
	// SplitHref is the index of the sub-reports, "" without; SplitField
	// the field they are by. PartHref is the index of the split this
	// report is a part of, "" for none.
	SplitHref, SplitField, PartHref string
}

// Chart returns the chart with the given id.
func (d *SectionsView) Chart(id string) (Chart, error) {
	c, ok := d.charts[id]
	if !ok {
		return Chart{}, fmt.Errorf("no chart %q", id)
	}
	return c, nil
}

// HasChart reports whether the page data has a chart with the given id.
func (d *SectionsView) HasChart(id string) bool {
	_, ok := d.charts[id]
	return ok
}

// ChartAs returns the chart under another id, for a second place on one
// page; the ids inside its SVG move to the new id too.
func (d *SectionsView) ChartAs(id, as string) (Chart, error) {
	c, err := d.Chart(id)
	c.SVG = template.HTML(strings.NewReplacer(`"`+id+"-", `"`+as+"-", "#"+id+"-", "#"+as+"-").Replace(string(c.SVG)))
	c.ID = as
	return c, err
}

// topAccounts is how many accounts the accounts page lists; all are in
// data/accounts.csv, so the report's size does not grow with the data.
const topAccounts = 25

// maxDuplicates is how many likely duplicate accounts the quality page
// lists; all are in data/quality.csv.
const maxDuplicates = 50

// Pages renders the site pages (one per section) and report.html (all
// sections in one file with CSS and scripts inline), and the assets.
func Pages(r Report) (Files, error) {
	a, err := loadAssets(r.Templates)
	if err != nil {
		return nil, err
	}
	data := sectionsView(r)
	charts := r.Charts
	if charts == nil {
		if charts, err = NewCharts(); err != nil {
			return nil, err
		}
	}
	drawn, err := draw(charts, data.charts)
	if err != nil {
		return nil, err
	}
	secs, err := renderSections(a.t, data, r.Notes != nil && strings.TrimSpace(string(r.Notes.Rest)) != "")
	if err != nil {
		return nil, err
	}
	base := doc{Brand: brandOf(r), AsOf: r.M.AsOf.String(), Version: r.Version, Inputs: inputNames(r.Inputs), Banner: r.Text.Banner,
		DataURL: online(r.Email.ReportURL, "data/metrics.json"), Scope: r.Scope}
	if r.Split != "" {
		base.SplitHref, base.SplitField = SplitDir(r.Split)+"index.html", r.Split
	}
	if r.PartOf != "" {
		base.PartHref, base.SplitField = "../index.html", r.PartOf
	}
	if base.Brand.Accent != "" {
		base.AccentCSS = template.CSS(":root { --accent: " + string(base.Brand.Accent) + "; }")
	}
	// The site loads its own assets; report.html allows exactly its inline
	// scripts and styles by hash. Neither may load anything from a network.
	base.CSP = csp([]string{"'self'"}, append([]string{"'self'"}, hashes(string(base.AccentCSS))...))
	files := Files{
		"assets/report.css":          a.css,
		"assets/report.js":           a.js,
		"assets/echarts.min.js":      a.echarts,
		"assets/LICENSE-echarts.txt": mustRead(r.Templates, "vendor/echarts/LICENSE"),
	}
	for _, s := range secs {
		d := base
		d.PageTitle, d.Sections = s.Title, []section{s}
		for _, n := range secs {
			d.Nav = append(d.Nav, navItem{Href: n.File, Title: n.Title, Current: n.ID == s.ID})
		}
		if files[s.File], err = execPage(a.t, d); err != nil {
			return nil, err
		}
	}
	if files["report.html"], err = singlePage(a, base, secs); err != nil {
		return nil, err
	}
	fonts, err := chartFonts()
	if err != nil {
		return nil, err
	}
	e := newEmail(data, base, drawn, r.Email)
	e.Logo.SVG = logoSVG(fonts, base.Brand.Logo)
	if files["email.html"], err = emailPage(a.t, e); err != nil {
		return nil, err
	}
	if files["email.eml"], err = emailMessage(a, fonts, e, r.M.AsOf, files["report.html"], r.Email); err != nil {
		return nil, err
	}
	return files, nil
}

// assets are the page templates and what the pages load or inline.
type assets struct {
	t                *template.Template
	text             *texttemplate.Template // email.txt
	css, js, echarts []byte
}

// loadAssets parses the page templates and reads the style sheet, the
// page script and ECharts, refusing a script that cannot be inlined.
func loadAssets(tfs fs.FS) (*assets, error) {
	t, err := template.New("").Funcs(template.FuncMap{"nowrap": nowrap}).ParseFS(tfs, "page.html", "sections.html", "email.html")
	if err != nil {
		return nil, fmt.Errorf("parsing page templates: %w", err)
	}
	a := &assets{t: t}
	if a.text, err = texttemplate.New("").ParseFS(tfs, "email.txt"); err != nil {
		return nil, fmt.Errorf("parsing the email's text template: %w", err)
	}
	if a.css, err = fs.ReadFile(tfs, "report.css"); err != nil {
		return nil, err
	}
	if a.js, err = fs.ReadFile(tfs, "report.js"); err != nil {
		return nil, err
	}
	if a.echarts, err = templates.ECharts(); err != nil {
		return nil, err
	}
	for _, s := range [][]byte{a.echarts, a.js} {
		if scriptBreaker.Match(s) {
			return nil, fmt.Errorf("a script to inline holds </script or <!--")
		}
	}
	if styleBreaker.Match(a.css) {
		return nil, fmt.Errorf("report.css holds </style or <!--, which would end the style sheet inlined in report.html: remove it from the templates folder's report.css")
	}
	return a, nil
}

// pageSections are the report's sections, one page each, in order.
var pageSections = []section{
	{ID: "summary", Title: "Executive summary", File: "index.html"},
	{ID: "retention", Title: "Retention", File: "retention.html"},
	{ID: "revenue", Title: "Repeat revenue", File: "revenue.html"},
	{ID: "referrals", Title: "Referrals", File: "referrals.html"},
	{ID: "approach", Title: "Negotiation approach", File: "approach.html"},
	{ID: "accounts", Title: "Accounts", File: "accounts.html"},
	{ID: "forecast", Title: "Forecast", File: "forecast.html"},
	{ID: "quality", Title: "Data quality & method", File: "quality.html"},
}

// ownersSection is the owners page, shown when it compares two owners or
// more.
var ownersSection = section{ID: "owners", Title: "Owners", File: "owners.html"}

// renderSections renders each section's body, the owners' when it
// compares owners (after the approach section), and the notes' when they
// have sections.
func renderSections(t *template.Template, data *SectionsView, notes bool) ([]section, error) {
	secs := slices.Clone(pageSections)
	if data.Owners.Compares() {
		at := slices.IndexFunc(secs, func(s section) bool { return s.ID == "approach" }) + 1
		secs = slices.Insert(secs, at, ownersSection)
	}
	if notes {
		secs = append(secs, section{ID: "notes", Title: "Notes", File: "notes.html"})
	}
	for i := range secs {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, secs[i].ID, data); err != nil {
			return nil, fmt.Errorf("rendering section %s: %w", secs[i].ID, err)
		}
		secs[i].Body = template.HTML(b.String())
	}
	return secs, nil
}

// singlePage renders report.html: every section in one file, the style
// sheet and scripts inline and allowed by their hashes.
func singlePage(a *assets, base doc, secs []section) ([]byte, error) {
	one := base
	one.PageTitle, one.Sections, one.Single = "Report", secs, true
	one.CSS, one.ECharts, one.JS = template.CSS(a.css), template.JS(a.echarts), template.JS(a.js)
	one.CSP = csp(hashes(string(a.echarts), string(a.js)), hashes(string(a.css), string(base.AccentCSS)))
	for _, n := range secs {
		one.Nav = append(one.Nav, navItem{Href: "#" + n.ID, Title: n.Title})
	}
	return execPage(a.t, one)
}

var scriptBreaker = regexp.MustCompile(`(?i)</script|<!--`)

// styleBreaker is what would end a style element early.
var styleBreaker = regexp.MustCompile(`(?i)</style|<!--`)

// csp is the Content-Security-Policy of a page: nothing but the given
// script and style sources, images from the page or data URIs, no
// network, no forms, no plugins.
func csp(scripts, styles []string) string {
	return "default-src 'none'; script-src " + strings.Join(scripts, " ") + "; style-src " + strings.Join(styles, " ") +
		"; img-src data:; base-uri 'none'; form-action 'none'; object-src 'none'" // every image is a data URI: on a file: page 'self' is every file
}

// hashes returns the CSP hash sources of inline contents ("" skipped).
func hashes(contents ...string) []string {
	var out []string
	for _, c := range contents {
		if c == "" {
			continue
		}
		sum := sha256.Sum256([]byte(c))
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return out
}

func mustRead(f fs.FS, name string) []byte {
	b, _ := fs.ReadFile(f, name)
	return b
}

func execPage(t *template.Template, d doc) ([]byte, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "page", d); err != nil {
		return nil, fmt.Errorf("rendering page %s: %w", d.PageTitle, err)
	}
	return b.Bytes(), nil
}

func inputNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	if len(names) > 3 {
		return fmt.Sprintf("%s and %d more files", strings.Join(names[:3], ", "), len(names)-3)
	}
	return strings.Join(names, ", ")
}

func brandOf(r Report) Brand {
	b := r.Brand
	b.Logo, b.Accent = "", "" // only from the notes, where they are checked
	if n := r.Notes; n != nil {
		b.Client = first(n.Client, b.Client)
		b.Title = first(n.Title, b.Title)
		b.PreparedBy = first(n.PreparedBy, b.PreparedBy)
		b.Date, b.Logo = n.Date, n.Logo
		if n.Accent != "" {
			b.Accent = template.CSS(n.Accent) // checked as #rgb or #rrggbb
		}
	}
	b.Title = first(b.Title, "Relationship revenue audit")
	return b
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// winRatesCompare reports whether win rates by the groups compare
// anything: two groups or more, and a lost deal among them. A file that
// records no lost deal (a shop's orders, a payment provider's charges)
// has every win rate at 100%, which says nothing of winning.
func winRatesCompare(groups []metrics.Group) bool {
	return len(groups) >= 2 && anyLost(groups)
}

func anyLost(groups []metrics.Group) bool {
	for _, g := range groups {
		if g.Lost > 0 {
			return true
		}
	}
	return false
}

// metricsCharts are the charts drawn from the metrics alone.
func metricsCharts(m *metrics.Metrics, st *format.Style) []Chart {
	cs := []Chart{
		RetentionChart(m, st), RevenueChart(m, st), NRRChart(m, st), CohortChart(m, false, st), CohortChart(m, true, st),
		TimeToSecondChart(m, st), ReferralChart(m, st), TopReferrersChart(m, 15, st), NetworkChart(m, 25), ApproachChart(m, st),
		ParetoChart(m, st), StatusChart(m, st),
	}
	if winRatesCompare(m.WinRateBySource) {
		cs = append(cs, WinRateChart("chart-winrate-source", "Win rate by lead source", "lead source", m.WinRateBySource, 12, st))
	}
	if winRatesCompare(m.WinRateByOwner) {
		cs = append(cs, WinRateChart("chart-winrate-owner", "Win rate by owner", "owner", m.WinRateByOwner, 12, st))
	}
	if len(m.NextPurchase.Groups) >= 2 {
		cs = append(cs, NextPurchaseChart(m, st))
	}
	return cs
}

// kpis are the headline cards: the latest complete period's figures
// against the period before (none without a complete period), each saying
// its scope.
func kpis(m *metrics.Metrics, st *format.Style) []KPI {
	if m.Latest < 0 {
		return []KPI{{Label: "Repeat customer rate, all time", Value: st.Pct(m.RepeatCustomerRate), Parts: st.Parts(m.RepeatCustomerRate)}}
	}
	cur, ch := m.Periods[m.Latest], m.Changes
	vs := func(s string) string {
		if !ch.Defined || s == "" || !m.Enough.OK() {
			return ""
		}
		return s + " on " + ch.From
	}
	revenueChange := ""
	if v, ok := ch.Revenue.Value(); ok {
		revenueChange = fmt.Sprintf("%+.1f%%", v*100)
	}
	parts := func(r metrics.Rate, money bool) string {
		if !r.Defined {
			return ""
		}
		if money {
			return st.Money(r.Num) + " of " + st.Money(r.Den)
		}
		return st.Parts(r)
	}
	in := ", in " + cur.Label
	return []KPI{
		{Label: "Active customers" + in, Value: st.Count(cur.Active), Change: vs(fmt.Sprintf("%+d", ch.Active))},
		{Label: "Customer retention" + in, Value: st.Pct(cur.Retention), Change: vs(st.Points(ch.Retention)), Parts: parts(cur.Retention, false)},
		{Label: "Revenue" + in, Value: st.MoneyCompact(cur.Revenue), Change: vs(revenueChange), Parts: fullIfShort(st, cur.Revenue)},
		{Label: "Repeat revenue share" + in, Value: st.Pct(cur.RepeatShare), Change: vs(st.Points(ch.RepeatShare)), Parts: parts(cur.RepeatShare, true)},
		{Label: "Net revenue retention" + in, Value: st.Pct(cur.NRR), Change: vs(st.Points(ch.NRR)), Parts: parts(cur.NRR, true)},
		{Label: "Repeat customer rate, all time", Value: st.Pct(m.RepeatCustomerRate), Parts: parts(m.RepeatCustomerRate, false)},
	}
}

// fullIfShort is an amount in full under its card's short form, "" when
// the card shows it in full already.
func fullIfShort(st *format.Style, v float64) string {
	if full := st.Money(v); full != st.MoneyCompact(v) {
		return full
	}
	return ""
}

func accountsTable(m *metrics.Metrics, st *format.Style) Table {
	t := Table{Head: []string{"account", "status", "first purchase", "last purchase", "purchase dates", "lifetime revenue", "referred by", "referrals made"}}
	n := 0
	for _, a := range m.Accounts {
		if a.PurchaseDates == 0 {
			continue
		}
		if n == topAccounts {
			break
		}
		n++
		t.Rows = append(t.Rows, []string{a.Name, a.Status.String(), a.FirstWon.String(), a.LastWon.String(), st.Count(a.PurchaseDates),
			st.Money(a.Revenue), a.ReferredBy, st.Count(a.ReferralsMade)})
	}
	if m.Customers > topAccounts {
		t.Note = fmt.Sprintf("The %d largest of %s customers; every account is in data/accounts.csv.", topAccounts, st.Count(m.Customers))
	}
	return t
}

func problemGroups(res *ingest.Result) []ProblemGroup {
	var out []ProblemGroup
	for _, g := range res.Groups() {
		rows := make([]string, len(g.First))
		for i, p := range g.First {
			rows[i] = fmt.Sprint(p.Row)
		}
		out = append(out, ProblemGroup{Kind: g.Kind, Column: g.Column, Action: g.Action, N: g.N, First: strings.Join(rows, ", ")})
	}
	return out
}
