package compare

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dealaudit/dealaudit/report/stats"
)

// Changes is what changed from the old audit to the new.
type Changes struct {
	Old, New *Audit
	// SamePeriod: both audits' latest complete period is the same one,
	// so its rates are not compared as two samples.
	SamePeriod bool
	Headline   []Row
	// Tests is how many changes were tested, the count Holm's correction
	// is over.
	Tests int
	// Lost are the accounts current or lapsing in the old audit and
	// lapsed in the new; WonBack those lapsed or lapsing then that bought
	// after the old as-of date; by lifetime revenue, largest first.
	Lost, WonBack []Move
	// NewCustomers and NewRevenue count the accounts whose first purchase
	// came after the old as-of date, and their revenue.
	NewCustomers int
	NewRevenue   float64
	// Missing counts accounts of the old audit the new one does not list
	// (renamed, merged or left out of its inputs).
	Missing  int
	Findings []FindingChange
}

// Kind says how a row's figures are written.
type Kind int

const (
	Count Kind = iota
	Money
	Share // a rate; Then and Now hold their counts or amounts
)

// Row is one headline figure then and now.
type Row struct {
	Name      string
	Kind      Kind
	Then, Now float64
	// ThenOK and NowOK are false when the figure was not defined.
	ThenOK, NowOK       bool
	ThenRate, NowRate   Rate
	Tested              bool
	Test                string  // the test, when Tested
	P, Adjusted         float64 // its p-value, and after Holm's correction over Changes.Tests
	Clear               bool    // Tested and Adjusted below stats.Alpha
	Note                string  // why the change is not tested
	ThenLabel, NowLabel string  // the period each figure is of, "" for all time
}

// Move is an account lost or won back between the audits.
type Move struct {
	Name, Then, Now string // statuses
	LastWon         string // in the new audit
	Revenue         float64
}

// FindingChange is one kind of finding in either audit.
type FindingChange struct {
	Kind      string
	Then, Now []string // titles
	Status    string   // new, gone, changed, unchanged
}

// Compare compares two audits of one history, old before new. It
// refuses audits it cannot compare, saying what to rebuild.
func Compare(old, new *Audit) (*Changes, error) {
	if err := comparable(old, new); err != nil {
		return nil, err
	}
	c := &Changes{Old: old, New: new}
	c.headline()
	c.accounts()
	c.findings()
	return c, nil
}

// comparable refuses two audits of different versions, period kinds,
// scopes or currencies, or given newer first.
func comparable(old, new *Audit) error {
	rebuild := fmt.Sprintf("rebuild %s from its inputs with this dealaudit and --as-of %s", old.Dir, old.AsOf)
	switch {
	case series(old.Version) != series(new.Version):
		return &Error{fmt.Sprintf("%s was built by dealaudit %s and %s by %s, whose figures may differ in definition: %s", old.Dir, old.Version, new.Dir, new.Version, rebuild)}
	case old.Period != new.Period:
		return &Error{fmt.Sprintf("%s is by %s and %s by %s: rebuild one with --period %s", old.Dir, old.Period, new.Dir, new.Period, new.Period)}
	case old.Scope != new.Scope:
		return &Error{fmt.Sprintf("%s covers %s and %s covers %s: compare audits of the same accounts", old.Dir, scopeName(old.Scope), new.Dir, scopeName(new.Scope))}
	case old.Currency != "" && new.Currency != "" && old.Currency != new.Currency:
		return &Error{fmt.Sprintf("%s is in %s and %s in %s: rebuild one with --currency and currency_rates", old.Dir, old.Currency, new.Dir, new.Currency)}
	case new.AsOf < old.AsOf:
		return &Error{fmt.Sprintf("%s is as of %s, before %s (as of %s): give the older audit first", new.Dir, new.AsOf, old.Dir, old.AsOf)}
	}
	return nil
}

// series is a version without its patch number: "0.2" of "0.2.1".
// Builds of one series write the same figures the same way.
func series(v string) string {
	parts := strings.SplitN(v, ".", 3)
	return strings.Join(parts[:min(2, len(parts))], ".")
}

func scopeName(s string) string {
	if s == "" {
		return "all accounts"
	}
	return s
}

// headline compares the headline figures. Shares of counts in the two
// latest complete periods are tested when those periods differ (two
// samples); totals, cumulative rates and ratios of money are not.
func (c *Changes) headline() {
	o, n := c.Old, c.New
	c.Headline = []Row{
		{Name: "Customers", Kind: Count, Then: float64(o.Customers), Now: float64(n.Customers), ThenOK: true, NowOK: true, Note: "a count of every customer to date"},
		{Name: "Revenue to date", Kind: Money, Then: o.Revenue, Now: n.Revenue, ThenOK: true, NowOK: true, Note: "a total to date"},
		shareRow("Repeat customer rate", o.RepeatCustomerRate, n.RepeatCustomerRate, "", "", "to date: the same customers count in both"),
	}
	if o.Latest != nil && n.Latest != nil {
		lo, ln := o.Latest, n.Latest
		c.SamePeriod = lo.Label == ln.Label
		tested := map[string]bool{"Customer retention": true, "Referred share of new customers": true, "Win rate": true}
		for _, r := range []Row{
			shareRow("Customer retention", lo.Retention, ln.Retention, lo.Label, ln.Label, ""),
			shareRow("Repeat revenue share", lo.RepeatShare, ln.RepeatShare, lo.Label, ln.Label, "a ratio of money"),
			shareRow("Net revenue retention", lo.NRR, ln.NRR, lo.Label, ln.Label, "a ratio of money"),
			shareRow("Referred share of new customers", lo.ReferralRate, ln.ReferralRate, lo.Label, ln.Label, ""),
			shareRow("Win rate", lo.WinRate, ln.WinRate, lo.Label, ln.Label, ""),
		} {
			if tested[r.Name] && c.SamePeriod {
				r.Note = "the same period in both audits"
			} else if tested[r.Name] && r.ThenOK && r.NowOK {
				r.P, r.Test = stats.Difference(int(r.ThenRate.Num), int(r.ThenRate.Den), int(r.NowRate.Num), int(r.NowRate.Den))
				r.Tested = true
			} else if tested[r.Name] {
				r.Note = "not defined in both audits"
			}
			c.Headline = append(c.Headline, r)
		}
	}
	loss := Row{Name: "Hidden revenue loss", Kind: Money, Note: "an estimate over every complete year, not a sample"}
	if o.HiddenLoss != nil {
		loss.Then, loss.ThenOK = *o.HiddenLoss, true
	}
	if n.HiddenLoss != nil {
		loss.Now, loss.NowOK = *n.HiddenLoss, true
	}
	c.Headline = append(c.Headline, loss,
		Row{Name: "Revenue walked out", Kind: Money, Then: o.WalkedOut, Now: n.WalkedOut, ThenOK: true, NowOK: true, Note: "a total over every complete year"})
	c.correct()
}

// correct applies Holm's correction over the tested rows.
func (c *Changes) correct() {
	var ps []float64
	for _, r := range c.Headline {
		if r.Tested {
			ps = append(ps, r.P)
		}
	}
	adj := stats.Holm(ps)
	c.Tests = len(ps)
	k := 0
	for i := range c.Headline {
		if r := &c.Headline[i]; r.Tested {
			r.Adjusted, r.Clear = adj[k], adj[k] < stats.Alpha
			k++
		}
	}
}

func shareRow(name string, then, now Rate, thenLabel, nowLabel, note string) Row {
	r := Row{Name: name, Kind: Share, ThenRate: then, NowRate: now, Note: note, ThenLabel: thenLabel, NowLabel: nowLabel}
	if then.Value != nil {
		r.Then, r.ThenOK = *then.Value, true
	}
	if now.Value != nil {
		r.Now, r.NowOK = *now.Value, true
	}
	return r
}

// accounts finds the accounts lost, won back and new between the audits.
func (c *Changes) accounts() {
	for _, name := range sortedNames(c.Old.Accounts) {
		was := c.Old.Accounts[name]
		is, ok := c.New.Accounts[name]
		switch {
		case !ok:
			c.Missing++
		case (was.Status == "current" || was.Status == "lapsing") && is.Status == "lapsed":
			c.Lost = append(c.Lost, Move{Name: name, Then: was.Status, Now: is.Status, LastWon: is.LastWon, Revenue: is.Revenue})
		case (was.Status == "lapsed" || was.Status == "lapsing") && is.LastWon > c.Old.AsOf:
			c.WonBack = append(c.WonBack, Move{Name: name, Then: was.Status, Now: is.Status, LastWon: is.LastWon, Revenue: is.Revenue})
		}
	}
	for _, name := range sortedNames(c.New.Accounts) {
		is := c.New.Accounts[name]
		if was, ok := c.Old.Accounts[name]; (!ok || was.FirstWon == "") && is.FirstWon > c.Old.AsOf {
			c.NewCustomers++
			c.NewRevenue += is.Revenue
		}
	}
	byRevenue := func(a, b Move) int { return cmp.Or(cmp.Compare(b.Revenue, a.Revenue), cmp.Compare(a.Name, b.Name)) }
	slices.SortFunc(c.Lost, byRevenue)
	slices.SortFunc(c.WonBack, byRevenue)
}

func sortedNames(m map[string]Account) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// findings pairs the two audits' findings by kind, in the new audit's
// order, then the kinds only the old one had.
func (c *Changes) findings() {
	if !c.Old.HasFindings || !c.New.HasFindings {
		return // a report built before metrics.json listed them
	}
	then, now := byKind(c.Old.Findings), byKind(c.New.Findings)
	var kinds []string
	for _, f := range append(slices.Clone(c.New.Findings), c.Old.Findings...) {
		if !slices.Contains(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	for _, k := range kinds {
		fc := FindingChange{Kind: k, Then: then[k], Now: now[k]}
		switch {
		case len(fc.Then) == 0:
			fc.Status = "new"
		case len(fc.Now) == 0:
			fc.Status = "gone"
		case slices.Equal(fc.Then, fc.Now):
			fc.Status = "unchanged"
		default:
			fc.Status = "changed"
		}
		c.Findings = append(c.Findings, fc)
	}
}

func byKind(fs []Finding) map[string][]string {
	out := map[string][]string{}
	for _, f := range fs {
		out[f.Kind] = append(out[f.Kind], f.Title)
	}
	return out
}
