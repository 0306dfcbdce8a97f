package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"strconv"
	"time"

	"github.com/dealaudit/dealaudit/report/compare"
	"github.com/dealaudit/dealaudit/report/eml"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// CompareView is what the comparison of two audits shows.
type CompareView struct {
	Then, Now string // the as-of dates, YYYY-MM-DD
	Intro     string
	Headline  Table
	Verdicts  []string // the changes that are clear, as sentences; none when none is
	Lost      Table
	WonBack   Table
	// LostCount and WonBackCount are how many there are (the tables list
	// at most maxMoves).
	LostCount, WonBackCount string
	Movement                string // new customers, accounts missing
	Findings                []compareFinding
	NoFinding               string // why findings are not compared, "" when they are
}

type compareFinding struct {
	Kind, Status string
	Then, Now    []string
}

// maxMoves is how many lost or won-back accounts the page lists; all are
// in data/changes.csv.
const maxMoves = 25

func compareView(c *compare.Changes, st *format.Style) CompareView {
	v := CompareView{Then: c.Old.AsOf, Now: c.New.AsOf}
	v.Intro = fmt.Sprintf("The audit as of %s against the one as of %s, both by %s.", c.New.AsOf, c.Old.AsOf, c.New.Period)
	if c.SamePeriod {
		v.Intro += " Both audits' latest complete " + c.New.Period + " is the same one, so its rates are not tested as two samples."
	}
	v.Headline = Table{Head: []string{"figure", "then", "now", "change", "clear?"}}
	for _, r := range c.Headline {
		then, now, change, verdict := rowCells(r, st)
		v.Headline.Rows = append(v.Headline.Rows, []string{r.Name, then, now, change, verdict})
		if r.Clear {
			v.Verdicts = append(v.Verdicts, fmt.Sprintf("%s: %s in %s against %s in %s, %s (%s, %s after correction for %s comparisons).",
				r.Name, now, r.NowLabel, then, r.ThenLabel, change, r.Test, st.PValue(r.Adjusted), st.Count(c.Tests)))
		}
	}
	v.Lost, v.WonBack = moveTable(c.Lost, st), moveTable(c.WonBack, st)
	v.LostCount, v.WonBackCount = st.Count(len(c.Lost)), st.Count(len(c.WonBack))
	v.Movement = fmt.Sprintf("%s accounts made their first purchase after %s, bringing %s.", st.Count(c.NewCustomers), c.Old.AsOf, st.Money(c.NewRevenue))
	if c.Missing > 0 {
		v.Movement += fmt.Sprintf(" %s accounts of the old audit are not in the new one (renamed, merged or not in its inputs).", st.Count(c.Missing))
	}
	if !c.Old.HasFindings || !c.New.HasFindings {
		v.NoFinding = "One of the audits was built before metrics.json listed its findings: rebuild it with this version to compare them."
	}
	for _, f := range c.Findings {
		v.Findings = append(v.Findings, compareFinding{Kind: f.Kind, Status: f.Status, Then: f.Then, Now: f.Now})
	}
	return v
}

// rowCells writes a headline row's figures, its change and whether the
// change is clear.
func rowCells(r compare.Row, st *format.Style) (then, now, change, verdict string) {
	val := func(x float64, ok bool, rate compare.Rate, label string) string {
		if !ok {
			return "n/a"
		}
		s := ""
		switch r.Kind {
		case compare.Count:
			s = st.Count(int(math.Round(x)))
		case compare.Money:
			s = st.Money(x)
		default:
			s = st.Pct(metrics.Rate{Num: rate.Num, Den: rate.Den, Defined: true})
		}
		if label != "" {
			s += " (" + label + ")"
		}
		return s
	}
	then, now = val(r.Then, r.ThenOK, r.ThenRate, r.ThenLabel), val(r.Now, r.NowOK, r.NowRate, r.NowLabel)
	if r.ThenOK && r.NowOK {
		switch r.Kind {
		case compare.Share:
			change = st.Points(metrics.Points{Value: metrics.Round((r.Now-r.Then)*100, 1), Defined: true})
		case compare.Count:
			change = signed(st.Count(int(math.Round(r.Now-r.Then))), r.Now-r.Then)
		default:
			change = signed(st.Money(r.Now-r.Then), r.Now-r.Then)
		}
	}
	switch {
	case r.Tested && r.Clear:
		verdict = "clear (" + st.PValue(r.Adjusted) + ")"
	case r.Tested:
		verdict = "not clear (" + st.PValue(r.Adjusted) + ")"
	default:
		verdict = "not tested: " + r.Note
	}
	return then, now, change, verdict
}

func signed(s string, v float64) string {
	if v > 0 {
		return "+" + s
	}
	return s
}

func moveTable(moves []compare.Move, st *format.Style) Table {
	t := Table{Head: []string{"account", "then", "now", "last purchase", "lifetime revenue"}}
	for _, m := range moves[:min(len(moves), maxMoves)] {
		t.Rows = append(t.Rows, []string{m.Name, m.Then, m.Now, m.LastWon, st.Money(m.Revenue)})
	}
	if len(moves) > maxMoves {
		t.Note = fmt.Sprintf("The %d with the most revenue of %s; all are in data/changes.csv.", maxMoves, st.Count(len(moves)))
	}
	return t
}

// ChangesCSV is data/changes.csv: every headline row, account moved and
// finding compared, one per line.
func ChangesCSV(c *compare.Changes) []byte {
	return table([]string{"section", "name", "then", "now", "change", "test", "p_adjusted", "clear", "note"}, func(add func(...string)) {
		num := func(x float64, ok bool) string {
			if !ok {
				return ""
			}
			return strconv.FormatFloat(metrics.Round(x, 4), 'f', -1, 64)
		}
		for _, r := range c.Headline {
			change, p := "", ""
			if r.ThenOK && r.NowOK {
				change = num(r.Now-r.Then, true)
			}
			if r.Tested {
				p = num(r.Adjusted, true)
			}
			add("headline", r.Name, num(r.Then, r.ThenOK), num(r.Now, r.NowOK), change, r.Test, p, strconv.FormatBool(r.Clear), r.Note)
		}
		for _, m := range c.Lost {
			add("lost", csvCell(m.Name), m.Then, m.Now, money(m.Revenue), "", "", "", "last purchase "+m.LastWon)
		}
		for _, m := range c.WonBack {
			add("won back", csvCell(m.Name), m.Then, m.Now, money(m.Revenue), "", "", "", "last purchase "+m.LastWon)
		}
		for _, f := range c.Findings {
			add("finding", f.Kind, csvCell(joinTitles(f.Then)), csvCell(joinTitles(f.Now)), f.Status, "", "", "", "")
		}
	})
}

func joinTitles(ts []string) string {
	var b bytes.Buffer
	for i, t := range ts {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(t)
	}
	return b.String()
}

// ComparePages renders the comparison: index.html (its style sheet in
// assets/), report.html (one file), email.eml (the page as an email, with
// report.html attached) and data/changes.csv.
func ComparePages(c *compare.Changes, tfs fs.FS, st *format.Style, version string) (Files, error) {
	a, err := loadAssets(tfs)
	if err != nil {
		return nil, err
	}
	v := compareView(c, st)
	var body bytes.Buffer
	if err := a.t.ExecuteTemplate(&body, "compare", v); err != nil {
		return nil, fmt.Errorf("rendering the comparison: %w", err)
	}
	title := "What changed since the last audit"
	d := doc{Brand: Brand{Title: title, Client: "Relationship revenue audit"}, AsOf: c.New.AsOf + " against " + c.Old.AsOf, Version: version,
		Inputs: c.Old.Dir + " and " + c.New.Dir, Scope: c.New.Scope, PageTitle: "Changes", DataURL: "data/changes.csv"}
	d.Sections = []section{{ID: "compare", Title: "Changes", Body: template.HTML(body.String())}}
	page := d
	page.CSP = csp([]string{"'none'"}, []string{"'self'"})
	files := Files{"assets/report.css": a.css, "data/changes.csv": ChangesCSV(c)}
	if files["index.html"], err = execPage(a.t, page); err != nil {
		return nil, err
	}
	one := d
	one.Single, one.CSS = true, template.CSS(a.css)
	one.CSP = csp([]string{"'none'"}, hashes(string(a.css)))
	if files["report.html"], err = execPage(a.t, one); err != nil {
		return nil, err
	}
	var mail bytes.Buffer
	if err := a.t.ExecuteTemplate(&mail, "compare-email", struct {
		CompareView
		Title, Scope string
	}{v, title, c.New.Scope}); err != nil {
		return nil, fmt.Errorf("rendering the comparison's email: %w", err)
	}
	asOf, _ := time.Parse(time.DateOnly, c.New.AsOf)
	msg := eml.Message{Subject: subject(Brand{Title: title}, c.New.Scope), Date: asOf.Add(12 * time.Hour),
		Text: plainText(template.HTML(body.String())), HTML: mail.String(),
		Attach: []eml.Part{{Filename: "report.html", ContentType: "text/html; charset=utf-8", Data: files["report.html"]}}}
	if files["email.eml"], err = msg.Bytes(); err != nil {
		return nil, err
	}
	return files, nil
}
