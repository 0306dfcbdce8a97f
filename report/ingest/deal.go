// Package ingest reads deal histories (CSV, TSV, whitespace-separated text
// and XLSX exports) into clean deals and a list of data-quality problems.
//
// Reading follows the input contract in DESIGN.md: the header row is found
// below title blocks, columns are matched to fields by name, values are parsed
// in every common form, accounts are folded to one key per company, and every
// row that is skipped or changed is recorded as a Problem. Nothing is dropped
// silently.
package ingest

import (
	"fmt"
	"sort"
	"time"
)

// Stage is the outcome of a deal.
type Stage uint8

const (
	Open Stage = iota
	Won
	Lost
)

func (s Stage) String() string {
	switch s {
	case Won:
		return "won"
	case Lost:
		return "lost"
	}
	return "open"
}

// Date is a calendar date, counted in days since 1970-01-01.
type Date int32

// DateOf returns the date y-m-d and whether such a date exists.
// It counts by integer arithmetic (H. Hinnant's days-from-civil algorithm,
// the inverse of Civil): it runs once per deal read.
func DateOf(y int, m time.Month, d int) (Date, bool) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	if m <= 2 {
		y-- // the year counted from March, so that February comes last
	}
	era := y / 400 // y >= 0: no rounding toward zero to undo
	yoe := y - era*400
	mp := (int(m) + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468), true
}

// daysIn returns the number of days in month m of year y (Gregorian).
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Civil returns the year, month and day of the date, by integer arithmetic
// (H. Hinnant's days-to-civil algorithm), for code that runs once per deal.
func (d Date) Civil() (year int, month time.Month, day int) {
	z := int(d) + 719468 // days since 0000-03-01; positive for years from 1
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	year = yoe + era*400
	if m <= 2 {
		year++
	}
	return year, time.Month(m), day
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return string(d.AppendText(make([]byte, 0, 10))) }

// AppendText appends the date as String writes it.
func (d Date) AppendText(b []byte) []byte {
	y, m, dd := d.Civil()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%04d-%02d-%02d", y, int(m), dd)
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		'-', byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+dd/10), byte('0'+dd%10))
}

// Account is an account: spellings that fold to one Key are one account,
// shown under Name, its most frequent spelling.
type Account struct {
	Name string
	Key  string // folded name; equal keys are one account
}

// Attrs are the descriptive fields of a deal. Deals with equal values share
// one entry of History.Attrs, so a million deals hold a few hundred.
type Attrs struct {
	LeadSource string
	Type       string
	Owner      string
	Approach   string
	Segment    string
}

// Deal is one deal (or the sum of one deal's line items) as read from a file.
// It is 48 bytes and holds no pointers, so a million deals are nothing for
// the collector to trace: what deals share is held once in the tables of
// their History, which Deal's indexes point into, and the deal ids are
// held together beside the deals (Result.DealID).
type Deal struct {
	Amount   float64 // negative for credits
	Discount float64 // fraction of list price; valid when HasDiscount

	Close Date
	File  int32 // index into Result.Files
	Row   int32 // row number as a spreadsheet shows it

	Account int32 // index into History.Accounts
	// ReferredBy is 1 + the index into History.Referrers of the account
	// named as referrer, 0 when none is.
	ReferredBy int32
	Attrs      int32 // index into History.Attrs; 0 is a deal without any

	Stage       Stage
	Referral    bool // lead source is a referral or ReferredBy is set
	HasDiscount bool
	// dateSwap: the date was read as M/D but could be D/M; settled per
	// column once the file is read (its text is kept by the file reader).
	dateSwap bool
}

// IsPurchase reports whether d is a purchase: won, with an amount of 0 or
// more. A won deal with a negative amount is a credit (a refund, a
// cancellation, a credit note): it lowers revenue but is not a purchase.
// Lost and open deals are neither. Every figure, the forecast and the
// quality checks count purchases by this rule.
func (d *Deal) IsPurchase() bool { return d.Stage == Won && PurchaseAmount(d.Amount) }

// PurchaseAmount reports whether a won deal of this amount is a purchase
// rather than a credit.
func PurchaseAmount(amount float64) bool { return amount >= 0 }

// Problem is one row of the data-quality table.
type Problem struct {
	File   string
	Row    int    // 0 for problems about a whole file or column
	Column string // header of the column, "" for the whole row
	Value  string
	Kind   string // short, groupable description: "no such date"
	Detail string // specifics: "duplicate of row 12"
	Action string // skipped, fixed, kept, merged, dropped, ignored
	// Required is set when the problem is in a required field of a won or
	// lost deal: such rows make `check` exit 1.
	Required bool
}

// Text returns the problem and its detail as one phrase.
func (p Problem) Text() string {
	if p.Detail == "" {
		return p.Kind
	}
	return p.Kind + ": " + p.Detail
}

// Column mapping of one file: which header feeds each field.
type Mapping struct {
	Field  Field
	Header string
	Index  int // 0-based column
}

// FileInfo says how one input file was read.
type FileInfo struct {
	Path      string
	Format    string // csv, tsv, text, xlsx
	Sheet     string // xlsx only
	Encoding  string // utf-8, utf-8 with BOM, windows-1252
	Delimiter string // for text files: ",", ";", "tab", "|", "spaces"
	HeaderRow int
	Columns   []Mapping
	Unused    []string // headers not mapped to any field
	DateOrder string   // "M/D/Y" or "D/M/Y" when slash dates were seen
	Rows      int      // data rows after the header (blank rows and trailers included)
	Blank     int      // blank rows skipped
	Trailers  int      // trailer rows skipped
	Deals     int      // deals kept from this file (before merging across files)
	// Stages counts the raw stage values and what they were read as.
	Stages []StageCount
	// Kinds counts the values of a transaction-type column and whether
	// their rows were read as sales.
	Kinds []KindCount
	// OrderLines: the file holds order lines, whose amounts went to the
	// orders of the same id in an orders file.
	OrderLines bool
	// DiscountMoney and DiscountRate count the discounts read as money
	// (divided by the list price, or by the amount plus the discount) and
	// as rates.
	DiscountMoney, DiscountRate int

	estRows int // rows expected from the file size, to size the deal slice once
}

// MaxListedUnused is how many unused headers the report, check and init
// list; a file of a million columns lists these and says how many more.
const MaxListedUnused = 50

// UnusedListed is the first MaxListedUnused headers not used, and how
// many more there are.
func (f FileInfo) UnusedListed() ([]string, int) {
	if len(f.Unused) <= MaxListedUnused {
		return f.Unused, 0
	}
	return f.Unused[:MaxListedUnused], len(f.Unused) - MaxListedUnused
}

// StageCount is how often one raw stage value occurred, and how it was
// read.
type StageCount struct {
	Value string
	StageReading
	Count int
}

// KindCount is how often one transaction type occurred, and whether its
// rows were read as sales (Unrecognised: a type transactionKinds does not
// know, read as a sale).
type KindCount struct {
	Value              string
	Count              int
	Sale, Unrecognised bool
}

// LikelyDuplicate is a pair of accounts whose names are close but did not
// fold to the same key. They are kept apart; the user decides.
type LikelyDuplicate struct {
	A, B   string
	Reason string
}

// History is a list of deals and the tables their indexes point into.
type History struct {
	Deals []Deal
	// Accounts holds each account once: deals of one Key share an index.
	Accounts []Account
	// Referrers holds each referrer as written, named like the account of
	// the same Key when there is one.
	Referrers []Account
	// Attrs holds each distinct Attrs once; Attrs[0] is the empty one.
	Attrs []Attrs
}

// Result is everything read from the input files.
type Result struct {
	History
	// ids holds the deal ids of Deals, in order.
	ids      ids
	Files    []FileInfo
	Problems []Problem
	// OpenIncomplete counts open deals without account or close date: normal
	// CRM content, counted but not flagged.
	OpenIncomplete int
	// Spellings counts account keys that had more than one spelling.
	Spellings        int
	LikelyDuplicates []LikelyDuplicate
	// LineItems counts rows merged into another row of the same deal.
	LineItems int
	// Currency is the one currency the amounts were written in (a symbol,
	// a code or a currency column), "" when none was or several were.
	Currency string
}

// DealID returns the deal id of Deals[i], "" when its file has none.
func (r *Result) DealID(i int) string { return string(r.ids.of(i)) }

// Usable reports whether no required field had an error in any row.
func (r *Result) Usable() bool {
	for _, p := range r.Problems {
		if p.Required {
			return false
		}
	}
	return true
}

// Header returns the header of the column that feeds field, or "".
func (f *FileInfo) Header(field Field) string {
	for _, m := range f.Columns {
		if m.Field == field {
			return m.Header
		}
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Summary is what a reader checks first about a history.
type Summary struct {
	Won, Lost, Open int
	// First and Last are the earliest and latest close dates of won and
	// lost deals; LastOpen is the latest expected close date of an open deal.
	First, Last, LastOpen Date
	Accounts              int // distinct account keys
}

// Summary counts the deals by stage, their date range and the accounts.
func (r *Result) Summary() Summary {
	var s Summary
	seen := make([]bool, len(r.Accounts))
	closed := false
	for _, d := range r.Deals {
		if !seen[d.Account] {
			seen[d.Account] = true
			s.Accounts++
		}
		switch d.Stage {
		case Won:
			s.Won++
		case Lost:
			s.Lost++
		default:
			s.Open++
			if s.Open == 1 || d.Close > s.LastOpen {
				s.LastOpen = d.Close
			}
			continue
		}
		if !closed || d.Close < s.First {
			s.First = d.Close
		}
		if !closed || d.Close > s.Last {
			s.Last = d.Close
		}
		closed = true
	}
	return s
}

// ProblemGroup is the problems of one kind, column and action.
type ProblemGroup struct {
	Kind, Column, Action string
	Required             bool      // any of them is in a required field
	N                    int       // how many
	First                []Problem // the first five with a row number
}

// Groups returns the problems grouped by kind, column and action: errors
// in required fields first, then the largest groups; ties in order of
// first appearance.
func (r *Result) Groups() []ProblemGroup {
	idx := map[[3]string]int{}
	var out []ProblemGroup
	for _, p := range r.Problems {
		k := [3]string{p.Kind, p.Column, p.Action}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, ProblemGroup{Kind: p.Kind, Column: p.Column, Action: p.Action})
		}
		g := &out[i]
		g.N++
		g.Required = g.Required || p.Required
		if p.Row > 0 && len(g.First) < 5 {
			g.First = append(g.First, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Required != out[j].Required {
			return out[i].Required
		}
		return out[i].N > out[j].N
	})
	return out
}
