package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// deal is one generated opportunity.
type deal struct {
	ID, Account, Name, Stage string
	Close                    time.Time
	BadDate                  string // written instead of Close when set
	Amount, ListPrice        float64
	Discount                 float64 // fraction
	LeadSource, ReferredBy   string
	Type, Owner, Approach    string
	Segment                  string
}

// truth is what the generator knows about the history it wrote: the counts
// that reading it back must give.
type truth struct {
	Won, Lost, Open int       // deals, excluding the dirt rows below
	Duplicates      int       // exact copies of a row, same deal id
	NoAccount       int       // won rows without an account
	BadDate         int       // won rows with an impossible date
	Accounts        int       // distinct companies with a deal
	Spellings       int       // companies written in more than one way
	Typo            [2]string // a company and a misspelling of it
}

// owner is a sales rep and the habits the generator gives their deals.
type owner struct {
	name      string
	discount  float64 // mean discount
	collab    float64 // share of deals negotiated collaboratively
	winChance float64
}

var owners = []owner{
	{"Dana Whitfield", 0.08, 0.75, 0.62},
	{"Marcus Lee", 0.22, 0.20, 0.55},
	{"Priya Raman", 0.10, 0.65, 0.60},
	{"Tom Becker", 0.27, 0.10, 0.50},
	{"Elena Sousa", 0.14, 0.45, 0.58},
	{"Sam Okafor", 0.18, 0.35, 0.52},
}

var (
	segments = []string{"Manufacturing", "Healthcare", "Financial Services", "Retail", "Technology", "Logistics"}
	sources  = []string{"Web", "Outbound", "Trade Show", "Partner", "Webinar"}
	stems    = []string{"Acme", "Vertex", "Blue Harbor", "Northwind", "Summit", "Ironwood", "Crescent", "Pioneer",
		"Silverline", "Redwood", "Keystone", "Brightwater", "Oakridge", "Lakeshore", "Granite", "Harborview",
		"Evergreen", "Sterling", "Falcon", "Cobalt", "Meridian", "Highland", "Riverside", "Cascade", "Atlas",
		"Beacon", "Copperfield", "Driftwood", "Eastgate", "Foxglove", "Goldleaf", "Hawthorne", "Juniper",
		"Kingsley", "Lumen", "Maple Grove", "Nimbus", "Orchard", "Palisade", "Quarry", "Rosewood", "Sable"}
	kinds = []string{"Logistics", "Health", "Foods", "Systems", "Capital", "Manufacturing", "Labs", "Retail",
		"Energy", "Analytics", "Partners", "Industries", "Medical", "Freight", "Software"}
	legal     = []string{"Inc", "LLC", "Ltd", "Corp", "GmbH", "plc", "Co", ""}
	openStage = []string{"Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"}
)

const (
	approachCollab = "Collaborative"
	approachComp   = "Competitive"
	approachComprm = "Compromising"
)

// history generates the sample deal history: about 400 accounts and 3,000
// deals over 2019–2025, and the dirt real exports carry. It is a pure
// function of the seed.
func history(seed uint64) ([]deal, truth) {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		start: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), end: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	names := g.companyNames()
	g.accts = make([]genAccount, 0, len(names))
	for i, name := range names {
		g.account(i, name)
	}
	sort.SliceStable(g.deals, func(i, j int) bool { return g.deals[i].Close.Before(g.deals[j].Close) })
	g.misspell()
	g.addDirt()
	return g.deals, g.tr
}

// generator is the state of one history being generated; every random
// draw comes from r, in a fixed order.
type generator struct {
	r          *rand.Rand
	start, end time.Time
	deals      []deal
	tr         truth
	id         int
	referrers  []int // indexes into accts of accounts that refer
	accts      []genAccount
}

// genAccount is one generated company.
type genAccount struct {
	name, segment, approach string
	loyal                   float64 // chance of buying again after each purchase
	referrals               float64 // propensity to refer
}

func (g *generator) nextID() string { g.id++; return fmt.Sprintf("OPP-%06d", g.id) }

// companyNames returns 400 unique company names, Globex among them.
func (g *generator) companyNames() []string {
	r := g.r
	names := []string{"Globex Corporation"}
	seen := map[string]bool{"Globex Corporation": true}
	for len(names) < 400 {
		base := stems[r.IntN(len(stems))] + " " + kinds[r.IntN(len(kinds))]
		if seen[base] {
			continue // one company per name, whatever its legal form
		}
		seen[base] = true
		if l := legal[r.IntN(len(legal))]; l != "" {
			base += " " + l
		}
		names = append(names, base)
	}
	return names
}

// addDeal adds a deal of a, priced by its owner's habits and its approach.
func (g *generator) addDeal(a genAccount, ownerIdx int, close time.Time, typ, stage, src, refBy string) {
	r, o := g.r, owners[ownerIdx]
	list := math.Round(math.Exp(9.6+0.55*r.NormFloat64())/100) * 100
	if typ != "New Business" {
		list = math.Round(list*0.6/100) * 100
	}
	disc := o.discount + 0.04*r.NormFloat64()
	switch a.approach {
	case approachCollab:
		disc -= 0.03
	case approachComp:
		disc += 0.06
	}
	disc = math.Round(math.Min(0.45, math.Max(0, disc))*100) / 100
	amount := math.Round(list*(1-disc)*100) / 100
	g.deals = append(g.deals, deal{
		ID: g.nextID(), Account: a.name, Name: fmt.Sprintf("%s — %s %d", a.name, typ, close.Year()),
		Stage: stage, Close: close.Truncate(24 * time.Hour), Amount: amount, ListPrice: list, Discount: disc,
		LeadSource: src, ReferredBy: refBy, Type: typ, Owner: o.name, Approach: a.approach, Segment: a.segment,
	})
	switch stage {
	case "Closed Won":
		g.tr.Won++
	case "Closed Lost":
		g.tr.Lost++
	default:
		g.tr.Open++
	}
}

// account generates company i's relationship: lost attempts, a first win,
// repeat business until it lapses, and open pipeline at the end.
func (g *generator) account(i int, name string) {
	r := g.r
	// Acquisition dates lean early, so that cohorts have time to age.
	first := g.start.Add(time.Duration(g.end.Sub(g.start).Hours()/24*math.Pow(r.Float64(), 1.3)*24) * time.Hour)
	ownerIdx := r.IntN(len(owners))
	a := g.newAccount(name, owners[ownerIdx])
	src, refBy := sources[r.IntN(len(sources))], ""
	if len(g.referrers) > 0 && r.Float64() < 0.25 {
		ref := g.accts[g.referrers[r.IntN(len(g.referrers))]]
		src, refBy = "Referral", ref.name
		if r.Float64() < 0.3 {
			src = "Word of mouth"
		}
	}
	g.accts = append(g.accts, a)
	t := g.firstWin(a, ownerIdx, first, src, refBy)
	if t.IsZero() {
		return
	}
	if r.Float64() < a.referrals*2 {
		g.referrers = append(g.referrers, i)
	}
	t = g.repeatBusiness(a, ownerIdx, t)
	// Open pipeline for accounts still around at the end.
	if g.end.Sub(t) < 200*24*time.Hour && r.Float64() < 0.6 {
		g.addDeal(a, ownerIdx, g.end.Add(time.Duration(20+r.IntN(150))*24*time.Hour), "Upsell",
			openStage[r.IntN(len(openStage))], "Web", "")
	}
}

// newAccount draws a company's segment and its owner's approach, which
// sets how loyal it is and how much it refers.
func (g *generator) newAccount(name string, o owner) genAccount {
	r := g.r
	approach := approachComprm
	switch x := r.Float64(); {
	case x < o.collab:
		approach = approachCollab
	case x < o.collab+(1-o.collab)*0.6:
		approach = approachComp
	}
	a := genAccount{name: name, segment: segments[r.IntN(len(segments))], approach: approach}
	switch approach {
	case approachCollab:
		a.loyal, a.referrals = 0.95, 0.35
	case approachComp:
		a.loyal, a.referrals = 0.84, 0.05
	default:
		a.loyal, a.referrals = 0.90, 0.15
	}
	return a
}

// firstWin adds the lost attempts before the first win and the win, and
// returns its date; zero for a prospect never won.
func (g *generator) firstWin(a genAccount, ownerIdx int, t time.Time, src, refBy string) time.Time {
	r := g.r
	for r.Float64() > owners[ownerIdx].winChance+0.15*btof(refBy != "") {
		g.addDeal(a, ownerIdx, t, "New Business", "Closed Lost", src, refBy)
		t = t.Add(time.Duration(30+r.IntN(200)) * 24 * time.Hour)
		if t.After(g.end) || r.Float64() < 0.35 {
			return time.Time{}
		}
	}
	g.addDeal(a, ownerIdx, t, "New Business", "Closed Won", src, refBy)
	return t
}

// repeatBusiness adds renewals and upsells after t until the relationship
// lapses (a few come back), and returns the date of the last.
func (g *generator) repeatBusiness(a genAccount, ownerIdx int, t time.Time) time.Time {
	r := g.r
	for {
		gap := 20 + r.ExpFloat64()*70
		if r.Float64() > a.loyal {
			if r.Float64() > 0.12 {
				return t
			}
			gap += 500 + r.Float64()*400 // lapsed, then came back
		}
		next := t.Add(time.Duration(gap*24) * time.Hour)
		if next.After(g.end) {
			return next
		}
		t = next
		typ := "Renewal"
		if r.Float64() < 0.35 {
			typ = "Upsell"
		}
		stage := "Closed Won"
		if r.Float64() < 0.22 {
			stage = "Closed Lost"
		}
		g.addDeal(a, ownerIdx, t, typ, stage, sources[r.IntN(len(sources))], "")
	}
}

// misspell writes Globex three ways, as CRMs accumulate spellings, and one
// company with a typo that folding cannot catch (listed as a likely
// duplicate, counted as an account of its own); it counts the companies.
func (g *generator) misspell() {
	deals := g.deals
	companies := map[string]bool{}
	globex := 0
	for i := range deals {
		companies[deals[i].Account] = true
		if deals[i].Account == "Globex Corporation" {
			switch globex % 3 {
			case 1:
				deals[i].Account = "Globex Corp"
			case 2:
				deals[i].Account = "GLOBEX CORPORATION"
			}
			globex++
		}
	}
	if globex >= 2 {
		g.tr.Spellings = 1
	}
	for i := len(deals) / 2; i < len(deals); i++ {
		if n := deals[i].Account; n != "" && n != "Globex Corporation" && deals[i].Stage == "Closed Won" && len(n) > 8 {
			deals[i].Account = n[:3] + n[4:]
			companies[deals[i].Account] = true
			g.tr.Typo = [2]string{n, deals[i].Account}
			break
		}
	}
	g.tr.Accounts = len(companies)
}

// addDirt adds two exact duplicates, a won row without account and one
// with an impossible date.
func (g *generator) addDirt() {
	dup := func(i int) { g.deals = append(g.deals[:i+1], g.deals[i:]...); g.tr.Duplicates++ }
	dup(len(g.deals) / 3)
	dup(2 * len(g.deals) / 3)
	noAcct := deal{ID: g.nextID(), Name: "Consulting hours", Stage: "Closed Won", Close: time.Date(2022, 5, 17, 0, 0, 0, 0, time.UTC),
		Amount: 4800, ListPrice: 5000, Discount: 0.04, LeadSource: "Web", Type: "New Business", Owner: owners[0].name,
		Approach: approachCollab, Segment: "Technology"}
	g.deals = append(g.deals[:len(g.deals)/2], append([]deal{noAcct}, g.deals[len(g.deals)/2:]...)...)
	g.tr.NoAccount++
	k := len(g.deals) / 4
	for g.deals[k].Stage != "Closed Won" || g.deals[k].Account == "" {
		k++
	}
	bad := g.deals[k]
	bad.ID, bad.BadDate = g.nextID(), "2023-02-30"
	bad.Name = bad.Account + " — Services"
	g.deals = append(g.deals[:k], append([]deal{bad}, g.deals[k:]...)...)
	g.tr.BadDate++
}

func btof(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
