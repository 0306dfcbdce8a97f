package ingest

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// layout is what parsing a row of one file needs to know, fixed once the
// file's header is read: which column feeds each field, how dates are
// stored, the account names of --accounts and the seed of row hashes.
// Nothing changes it while rows are read, so rows can be parsed on any
// goroutine.
type layout struct {
	path         string
	header       []string
	cols         columns
	serial       bool      // numbers in a date column are Excel serials
	years        YearRange // a close date outside is a placeholder
	date1904     bool
	accountNames map[string]string // account id → name, from Options.Accounts
	rates        map[string]float64
	rowSeed      maphash.Seed
	accountSeed  maphash.Seed     // of the builder's spelling table
	stages       map[string]Stage // stages: of dealaudit.yaml, by StageKey
	accountIDs   bool             // the account column holds ids (Customer ID), not names
	// amountConverted: the amount column is converted into one currency
	// (convertedAmountHeaders); refundOtherCurrency: the refund column is
	// not in the amount's currency (one converted, the other not).
	amountConverted, refundOtherCurrency bool
	// amountFromLines: an orders file without amounts, which its order
	// lines give once every file is read.
	amountFromLines bool
}

// parsedRow is one data row read into typed values, with the problems
// found in it in the order a reader of the quality table expects them.
type parsedRow struct {
	fixed    []int // columns whose invalid UTF-8 was replaced
	nonEmpty int   // cells not blank
	hash     uint64
	stage    Stage
	rawStage string // the stage (or IsWon) value as written; counted per file
	// account is the account as written (an id turned into its name), and
	// accountHash its hash in the builder's spelling table.
	account     string
	accountHash uint64
	accountIsID bool // an id of an id column, not turned into a name
	// incomplete: an open deal without account or close date, normal CRM
	// content that is counted, not reported.
	incomplete bool
	// kind is the row's transaction type as written; notSale: it is not a
	// sale (transactionKinds).
	kind    string
	notSale bool
	// problems after the account's are in problems; skip says the row is
	// not a deal. continuation: a won row without amount but with a deal
	// id, a line of an order whose total is on another row of the id.
	problems     []Problem
	skip         bool
	continuation bool
	// dateOK: the close date was read; slash: as a/b/y, in sd, to be
	// settled with the file's other slash dates (raw is its text).
	dateOK bool
	slash  bool
	sd     slashDate
	raw    string
	close  Date
	// currency is the currency written with the amount ("" for none), and
	// converted whether its rate was applied.
	currency  string
	converted bool
	amount    float64
	discount  float64
	hasDisc   bool
	// discountMoney: the discount was written as money, not as a rate.
	discountMoney bool
	attrs         Attrs
	referrer      string // the referrer as written (an id turned into its name)
	id            string
}

// parseRow reads the cells of one data row (row as a spreadsheet numbers
// it) into p, replacing invalid UTF-8 in cells. It reads only l and the
// row: it may run on any goroutine.
func (l *layout) parseRow(cells []string, row int, p *parsedRow) {
	*p = parsedRow{fixed: p.fixed[:0], problems: p.problems[:0]}
	for i, c := range cells {
		if !utf8.ValidString(c) {
			cells[i] = strings.ToValidUTF8(c, "\uFFFD")
			p.fixed = append(p.fixed, i)
		}
	}
	p.hash, p.nonEmpty = hashRow(l.rowSeed, cells)
	l.parseStage(cells, p)
	if l.cols[FieldTransactionType] >= 0 {
		p.kind = l.cell(cells, FieldTransactionType)
		if sale, known := transactionKinds[StageKey(p.kind)]; known && !sale {
			p.notSale = true
			return
		}
	}
	raw := normalizeID(l.text(cells, FieldAccount, p, row))
	p.account = l.accountName(raw)
	p.accountIsID = l.accountIDs && p.account == raw && raw != ""
	if raw == "" {
		p.account = l.text(cells, FieldAccountAlt, p, row) // a domain or an email where the company is blank
	}
	p.raw = l.cell(cells, FieldCloseDate)
	if p.stage == Open && (p.account == "" || p.raw == "") {
		p.incomplete = true
		return
	}
	if p.account == "" {
		return // reported by the caller, which names accounts
	}
	p.accountHash = maphash.String(l.accountSeed, p.account)
	need := p.stage != Open // won and lost deals need account and date
	bad := func(f Field, value, kind, action string, required bool) {
		p.problems = append(p.problems, Problem{File: l.path, Row: row, Column: l.headerOf(f), Value: value, Kind: kind, Action: action, Required: required})
	}
	if p.raw == "" {
		bad(FieldCloseDate, "", "no close date", "skipped", true)
		p.skip = true
		return
	}
	var err error
	p.close, p.sd, p.slash, err = parseDate(p.raw, l.serial, l.date1904)
	if err != nil {
		bad(FieldCloseDate, p.raw, err.Error(), "skipped", need)
		p.skip = true
		return
	}
	y, _, _ := p.close.Civil()
	if p.slash {
		y = p.sd.y // settled for the file later; its year is known now
	}
	if y < l.years.From || y > l.years.To {
		bad(FieldCloseDate, p.raw, fmt.Sprintf("a placeholder date: not within %d–%d (--years)", l.years.From, l.years.To), "skipped", need)
		p.skip = true
		return
	}
	p.dateOK = true
	p.id = normalizeID(l.cell(cells, FieldDealID))
	if !l.parseAmount(cells, p, bad) {
		p.skip = true
		return
	}
	l.refundsAndCancellations(cells, p, bad)
	p.attrs = Attrs{LeadSource: l.text(cells, FieldLeadSource, p, row), Type: l.text(cells, FieldDealType, p, row),
		Owner: l.text(cells, FieldOwner, p, row), Approach: l.text(cells, FieldApproach, p, row), Segment: l.text(cells, FieldSegment, p, row)}
	if rb := l.text(cells, FieldReferredBy, p, row); rb != "" {
		p.referrer = l.accountName(rb)
	}
	l.parseDiscount(cells, p, bad)
}

// parseStage reads the row's stage: from the stage column, or from IsWon
// (and IsClosed) when there is none, or won when there is neither.
func (l *layout) parseStage(cells []string, p *parsedRow) {
	p.stage = Won
	switch {
	case l.cols[FieldStage] >= 0:
		p.rawStage = l.cell(cells, FieldStage)
		p.stage = readStage(p.rawStage, l.stages).Stage
	case l.cols[FieldIsWon] >= 0:
		v := l.cell(cells, FieldIsWon)
		won, _ := parseBool(v)
		closed, _ := parseBool(l.cell(cells, FieldIsClosed))
		switch {
		case won:
			p.stage = Won
		case l.cols[FieldIsClosed] >= 0 && closed:
			p.stage = Lost
		case l.cols[FieldIsClosed] < 0 && v != "":
			p.stage = Lost
		default:
			p.stage = Open
		}
		p.rawStage = v // counted for the summary; IsWon/IsClosed decide
	}
}

// stageOf reads a raw value of the file's stage column (or of IsWon when
// there is none) the way the column means it, for the summary of stages.
func (l *layout) stageOf(v string) StageReading {
	if l.cols[FieldStage] >= 0 {
		return readStage(v, l.stages)
	}
	if won, _ := parseBool(v); won {
		return StageReading{Stage: Won}
	}
	return StageReading{Stage: Lost}
}

// accountName returns an account (or referrer) as written, with an id that
// spreadsheets wrote as a float made whole and an id of --accounts turned
// into its name.
func (l *layout) accountName(s string) string {
	s = normalizeID(s)
	if name, ok := l.accountNames[s]; ok {
		return name
	}
	return s
}

// parseAmount fills p.amount (and its currency), from the amount column or
// quantity × unit price; it reports false when the row is skipped.
func (l *layout) parseAmount(cells []string, p *parsedRow, bad func(Field, string, string, string, bool)) bool {
	won := p.stage == Won
	var v float64
	var cur string
	if l.amountFromLines {
		return true
	}
	if l.cols[FieldAmount] >= 0 {
		raw := l.cell(cells, FieldAmount)
		if raw == "" {
			if won && p.id != "" {
				p.continuation = true // a line of an order whose total is on another row, or an error: the file tells
				return false
			}
			if won {
				bad(FieldAmount, "", "no amount on a won deal", "skipped", true)
				return false
			}
			return true
		}
		var err error
		if v, cur, err = parseAmount(raw); err != nil {
			if won {
				bad(FieldAmount, raw, err.Error(), "skipped", true)
				return false
			}
			bad(FieldAmount, raw, err.Error(), "kept without amount", false)
			return true
		}
	} else {
		rq, rp := l.cell(cells, FieldQuantity), l.cell(cells, FieldUnitPrice)
		q, _, errQ := parseAmount(rq)
		price, c, errP := parseAmount(rp)
		if errQ != nil || errP != nil {
			f, raw, err := FieldQuantity, rq, errQ
			if errQ == nil {
				f, raw, err = FieldUnitPrice, rp, errP
			}
			if won {
				bad(f, raw, err.Error(), "skipped", true)
				return false
			}
			return true
		}
		v, cur = q*price, c
	}
	if c := l.cell(cells, FieldCurrency); c != "" {
		cur = currencyCode(c) // the column says what the cell does not, and wins
	}
	if rate, ok := l.rates[cur]; ok && cur != "" {
		v *= rate
		p.converted = true
	}
	if !(math.Abs(v) <= MaxAmount) { // NaN too
		raw := l.cell(cells, FieldAmount)
		if l.cols[FieldAmount] < 0 {
			raw = l.cell(cells, FieldQuantity) + " × " + l.cell(cells, FieldUnitPrice)
		}
		msg := fmt.Sprintf("amount beyond ±%g: no deal is this large, and sums of it would overflow", MaxAmount)
		if won {
			bad(FieldAmount, raw, msg, "skipped", true)
			return false
		}
		bad(FieldAmount, raw, msg, "kept without amount", false)
		v, cur = 0, ""
	}
	p.amount, p.currency = v, cur
	return true
}

// MaxAmount bounds an amount, in the report's currency: a million
// billion. Larger values are placeholders or mistakes, and a few of them
// would overflow the sums.
const MaxAmount = 1e15

// refundsAndCancellations nets a won order's refunded amount from it; an
// order refunded in full, or with a cancellation date, is not a purchase:
// it is read as not a sale (lost). Each is a quality row.
func (l *layout) refundsAndCancellations(cells []string, p *parsedRow, bad func(Field, string, string, string, bool)) {
	if p.stage != Won {
		return
	}
	if c := l.cell(cells, FieldCancelledAt); c != "" {
		bad(FieldCancelledAt, c, "cancelled order", "not counted as a purchase (read as not a sale)", false)
		p.stage = Lost
		return
	}
	raw := l.cell(cells, FieldRefunded)
	if raw == "" {
		return
	}
	r, _, err := parseAmount(raw)
	switch {
	case err != nil:
		bad(FieldRefunded, raw, "refunded amount "+err.Error(), "kept without refund", false)
	case r <= 0:
	case l.refundOtherCurrency:
		bad(FieldRefunded, raw, "refund in another currency than the amount", "kept: not netted; name refund columns in the amount's currency in dealaudit.yaml", false)
	case r >= p.amount:
		bad(FieldRefunded, raw, "order refunded in full", "not counted as a purchase (read as not a sale)", false)
		p.stage = Lost
	default:
		bad(FieldRefunded, raw, "partial refund", "refund netted", false)
		p.problems[len(p.problems)-1].Detail = fmt.Sprintf("%s of %s counted", strconv.FormatFloat(p.amount-r, 'f', -1, 64), strconv.FormatFloat(p.amount, 'f', -1, 64))
		p.amount -= r
	}
}

// parseDiscount reads the list price and the discount, or the discount
// from the list price and the amount.
func (l *layout) parseDiscount(cells []string, p *parsedRow, bad func(Field, string, string, string, bool)) {
	var listPrice float64
	if v := l.cell(cells, FieldListPrice); v != "" {
		if lp, _, err := parseAmount(v); err == nil {
			listPrice = lp
		} else {
			bad(FieldListPrice, v, "list price "+err.Error(), "kept without list price", false)
		}
	}
	if v := l.cell(cells, FieldDiscount); v != "" {
		if disc, money, err := parseDiscount(v, listPrice, p.amount); err == nil {
			p.discount, p.hasDisc, p.discountMoney = disc, true, money
		} else {
			bad(FieldDiscount, v, "discount "+err.Error(), "kept without discount", false)
		}
	} else if listPrice > 0 && p.amount >= 0 && p.amount <= listPrice {
		p.discount, p.hasDisc = 1-p.amount/listPrice, true
	}
}

// cell returns the trimmed value of the column that feeds f, "" when the
// file has none or the row is short.
func (l *layout) cell(cells []string, f Field) string {
	if i := l.cols[f]; uint(i) < uint(len(cells)) { // -1: no such column
		return trimSpace(cells[i])
	}
	return ""
}

// text is a text cell as cell returns it, cleaned of what no label may
// carry (cleanText); a cell that was cleaned is a problem of the row,
// fixed, its value quoted with what was removed shown as escapes.
func (l *layout) text(cells []string, f Field, p *parsedRow, row int) string {
	v := l.cell(cells, f)
	c, changed := cleanText(v)
	if changed {
		p.problems = append(p.problems, Problem{File: l.path, Row: row, Column: l.headerOf(f), Value: strconv.QuoteToGraphic(v),
			Kind: "invisible control or direction characters removed", Action: "fixed"})
	}
	return c
}

// headerOf returns the header of the column that feeds f, or "".
func (l *layout) headerOf(f Field) string {
	if i := l.cols[f]; i >= 0 {
		return l.header[i]
	}
	return ""
}

// trimSpace is strings.TrimSpace, with the call left out for the usual
// cell: one that starts and ends with a printable ASCII byte, which no
// Unicode space is or ends with.
func trimSpace(s string) string {
	if needsTrim(s) {
		return strings.TrimSpace(s)
	}
	return s
}

func needsTrim(s string) bool {
	return len(s) > 0 && (s[0] <= ' ' || s[len(s)-1] <= ' ' || (s[0]|s[len(s)-1]) >= utf8.RuneSelf)
}

// hashRow is a hash of a row's trimmed cells, for finding rows exported
// twice, and the number of cells that are not blank. Each cell is hashed
// on its own (so cell bounds count) by maphash, and the cells' hashes are
// chained in order.
func hashRow(seed maphash.Seed, cells []string) (uint64, int) {
	h, n := uint64(fnvOffset), 0
	for _, c := range cells {
		c = trimSpace(c)
		if c != "" {
			n++
		}
		h = (bits.RotateLeft64(h, 29) ^ maphash.String(seed, c)) * fnvPrime
	}
	return h, n
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// fnvString continues the FNV-1a hash h with the bytes of s.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}
