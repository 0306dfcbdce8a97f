package site

import (
	"fmt"
	"html/template"

	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/narrative"
)

// SectionsView is what templates/sections.html sees: the contract of
// --templates, listed in the README's Templates section. Every field is
// text, a table or a flag, written for the page; a template reaches no
// internal result.
type SectionsView struct {
	// Findings and Text (by section name: summary, retention, revenue,
	// referrals, approach, accounts, forecast, method) are the written
	// parts, as HTML.
	*narrative.Sections
	KPIs                  []KPI // headline figures
	Loss                  LossView
	Forecast              ForecastView
	NotesIntro, NotesRest template.HTML // the consultant's notes before and from the first "## "
	TopAccounts           Table         // the largest customers
	CallList              Table         // lapsing and at-risk accounts, by owner, most value at stake first
	Owners                OwnersView    // the owners page; Owners.Shown is false without an owner column
	Kept                  string        // the deals kept, as the build and check count them
	NoLostDeals           bool          // no deal was lost: the win rates, all 100%, are not shown
	Files                 []FileView    // how each input was read
	ProblemGroups         []ProblemGroup
	Duplicates            []DuplicateView // likely duplicate accounts, the first maxDuplicates
	MoreDuplicates        int             // how many more are in data/quality.csv
	charts                map[string]Chart
}

// KPI is one headline figure: its value, its change on the period before
// and its numerator and denominator.
type KPI struct{ Label, Value, Change, Parts string }

// LossView is hidden revenue loss, written out.
type LossView struct {
	Defined                                               bool // false without a benchmark
	Total, Benchmark, BenchmarkSource, WalkedOut, Formula string
	Gone, Returned, Rule                                  string
	Compact                                               string // Total in a card's short form
	Years                                                 Table  // the loss by year, which adds up to Total
}

// ForecastView is what the forecast section shows besides its charts.
type ForecastView struct {
	Fitted  bool  // false when the forecast was skipped (Text.forecast says why)
	AtRisk  Table // relationships most at risk; no rows when none are
	WinBack Table // valuable relationships that have likely ended
	Holdout bool  // a holdout comparison was made (chart-holdout)
}

// FileView is one input file as the method section lists it.
type FileView struct {
	Path, Sheet string
	HeaderRow   int
	Rows, Deals int
	Columns     []ColumnView
	Unused      []string // headers not used, the first ingest.MaxListedUnused
	MoreUnused  int      // how many more
	Stages      []StageView
}

// StageView is one stage value of a file: how often it occurred, what it
// was read as, and how (vocabulary, assumed, configured, not recognised).
type StageView struct {
	Value, Stage string
	Count        int
	Reading      string
}

// ColumnView is one field and the header that feeds it.
type ColumnView struct{ Field, Header string }

// ProblemGroup is the problems of one kind: where, what was done, how
// many, and the first rows.
type ProblemGroup struct {
	Kind, Column, Action, First string
	N                           int
}

// DuplicateView is a pair of accounts that are probably one company.
type DuplicateView struct{ A, B, Reason string }

// sectionsView makes the sections' view of a report.
func sectionsView(r Report) *SectionsView {
	m, st := r.M, r.Style
	d := &SectionsView{Sections: r.Text, charts: map[string]Chart{}}
	for _, c := range forecastCharts(r.F, st) {
		d.charts[c.ID] = c
	}
	for _, c := range metricsCharts(m, st) {
		d.charts[c.ID] = c
	}
	d.Loss = lossView(m.HiddenLoss, st)
	if f := r.F; f != nil && f.Skipped == "" {
		d.Forecast = ForecastView{Fitted: true, AtRisk: atRiskTable(f, st), WinBack: winBackTable(f, st), Holdout: f.Holdout != nil}
	}
	if r.Notes != nil {
		d.NotesIntro, d.NotesRest = r.Notes.Intro, r.Notes.Rest
	}
	d.KPIs = kpis(m, st)
	k := r.Kept
	d.Kept = fmt.Sprintf("%s deals kept after duplicates and line items (won %s, lost %s, open %s): the count the figures start from, as the build and check report it.",
		st.Count(k.Won+k.Lost+k.Open), st.Count(k.Won), st.Count(k.Lost), st.Count(k.Open))
	d.TopAccounts = accountsTable(m, st)
	d.CallList = callListTable(m, r.F, st)
	d.Owners = ownersView(m, st)
	d.NoLostDeals = !anyLost(m.WinRateBySource) // every deal has a lead source group, "(not recorded)" too
	for _, f := range r.Res.Files {
		unused, more := f.UnusedListed()
		fv := FileView{Path: f.Path, Sheet: f.Sheet, HeaderRow: f.HeaderRow, Rows: f.Rows, Deals: f.Deals, Unused: unused, MoreUnused: more}
		for _, c := range f.Columns {
			fv.Columns = append(fv.Columns, ColumnView{Field: c.Field.String(), Header: c.Header})
		}
		for _, sc := range InputOf(f.Path, "", &f).Stages {
			fv.Stages = append(fv.Stages, StageView{Value: sc.Value, Stage: sc.Stage, Count: sc.Count, Reading: sc.Reading})
		}
		d.Files = append(d.Files, fv)
	}
	d.ProblemGroups = problemGroups(r.Res)
	for i, ld := range r.Res.LikelyDuplicates {
		if i == maxDuplicates {
			d.MoreDuplicates = len(r.Res.LikelyDuplicates) - maxDuplicates
			break
		}
		d.Duplicates = append(d.Duplicates, DuplicateView{A: ld.A, B: ld.B, Reason: ld.Reason})
	}
	return d
}

// lossView shows the hidden revenue loss with the table of its years.
func lossView(l metrics.HiddenLoss, st *format.Style) LossView {
	v := LossView{Defined: l.Defined, Total: st.Money(l.Total), BenchmarkSource: l.BenchmarkSource,
		Benchmark: st.Pct(metrics.Rate{Num: l.Benchmark, Den: 1, Defined: l.Defined}), WalkedOut: st.Money(l.WalkedOut),
		Compact: st.MoneyCompact(l.Total), Gone: st.Money(l.Gone), Returned: st.Money(l.Returned), Formula: l.Formula, Rule: l.Rule}
	v.Years = Table{Head: []string{"year", "active the year before", "retention", "benchmark", "average revenue of a retained account", "hidden loss", "walked out, never back", "walked out, came back"}}
	for _, y := range l.Years {
		loss := "n/a"
		if y.LossDefined {
			loss = st.Money(y.Loss)
		}
		avg := "n/a"
		if a, ok := y.AvgRetained.Value(); ok {
			avg = st.Money(a)
		}
		v.Years.Rows = append(v.Years.Rows, []string{y.Year, st.Count(y.Base), st.Pct(y.Retention) + " (" + st.Parts(y.Retention) + ")",
			v.Benchmark, avg, loss, st.Money(y.Gone), st.Money(y.Returned)})
	}
	if l.Defined {
		v.Years.Rows = append(v.Years.Rows, []string{"total", "", "", "", "", v.Total, v.Gone, v.Returned})
	}
	return v
}
