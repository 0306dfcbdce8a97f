package ingest

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/transform"
)

// Errors from value parsing. Their text is the "problem" column of the
// quality table.
var (
	errEmpty     = errors.New("empty")
	errNoDate    = errors.New("not a date")
	errNoSuchDay = errors.New("no such date")
	errNoAmount  = errors.New("not an amount")
)

// DateOrder says how to read dates like 03/04/2024.
type DateOrder uint8

const (
	OrderUnknown DateOrder = iota
	OrderMDY
	OrderDMY
)

func (o DateOrder) String() string {
	switch o {
	case OrderMDY:
		return "M/D/Y"
	case OrderDMY:
		return "D/M/Y"
	}
	return ""
}

// ParseDateOrder reads "mdy", "dmy" (also "M/D/Y", "D/M/Y") or "".
func ParseDateOrder(s string) (DateOrder, bool) {
	switch foldHeader(s) {
	case "":
		return OrderUnknown, true
	case "mdy", "mdyyyy", "mmddyyyy", "us":
		return OrderMDY, true
	case "dmy", "dmyyyy", "ddmmyyyy", "eu":
		return OrderDMY, true
	}
	return OrderUnknown, false
}

// slashDate is a date written as three numbers whose day and month order is
// decided per column: a/b/y.
type slashDate struct {
	a, b, y int
	dot     bool // written with dots (31.12.2024), as only day-first locales do
}

// resolve returns the date under the given order.
func (s slashDate) resolve(o DateOrder) (Date, bool) {
	if o == OrderDMY {
		return DateOf(s.y, time.Month(s.b), s.a)
	}
	return DateOf(s.y, time.Month(s.a), s.b)
}

// parseSlashDate reads a/b/y with '/', '-' or '.' between, a two- or
// four-digit year and an optional time after a space or 'T'.
func parseSlashDate(s string) (slashDate, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	var sep byte
	for _, c := range []byte{'/', '-', '.'} {
		if strings.Count(s, string(c)) == 2 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return slashDate{}, false
	}
	parts := strings.Split(s, string(sep))
	var n [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i < 2 && len(p) > 2) {
			return slashDate{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil {
			return slashDate{}, false
		}
		n[i] = v
	}
	y := n[2]
	switch len(parts[2]) {
	case 2:
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	case 4:
	default:
		return slashDate{}, false
	}
	return slashDate{n[0], n[1], y, sep == '.'}, true
}

// parseDate reads one date value. Excel serial numbers are accepted when
// serial is set (a numeric XLSX cell) or when the value is a five-digit
// number; date1904 selects the 1904 date system. Dates written as a/b/y are
// returned in sd for the caller to settle the day/month order per column.
func parseDate(s string, serial, date1904 bool) (d Date, sd slashDate, isSlash bool, err error) {
	s = trimSpace(s)
	if s == "" {
		return 0, sd, false, errEmpty
	}
	for _, form := range dateForms {
		if r, ok := form(s, serial, date1904); ok {
			return r.d, r.sd, r.slash, r.err
		}
	}
	return 0, sd, false, errNoDate
}

// dateRead is what a date form made of a value.
type dateRead struct {
	d     Date
	sd    slashDate
	slash bool // d is not set: sd is, for the file to settle
	err   error
}

// dateForms are the ways dates are written, tried in order; each reports
// whether the value is written its way.
var dateForms = []func(s string, serial, date1904 bool) (dateRead, bool){
	isoDate, yearFirstDate, compactDate, serialDate, slashDateForm, monthNameDate,
}

// ymd is the read of y-m-d, or no such date.
func ymd(y, m, d int) dateRead {
	if v, ok := DateOf(y, time.Month(m), d); ok {
		return dateRead{d: v}
	}
	return dateRead{err: errNoSuchDay}
}

// isoDate reads 2024-01-05, by far the most common form, digit by digit.
func isoDate(s string, _, _ bool) (dateRead, bool) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:]) {
		return ymd(digits(s[:4]), digits(s[5:7]), digits(s[8:])), true
	}
	return dateRead{}, false
}

// yearFirstDate reads 2024/1/5, 2024.01.05 and ISO 8601 with a time:
// 2024-01-05T10:00:00Z.
func yearFirstDate(s string, _, _ bool) (dateRead, bool) {
	if len(s) < 8 || !isDigits(s[:4]) || (s[4] != '-' && s[4] != '/' && s[4] != '.') {
		return dateRead{}, false
	}
	rest := s[5:]
	if i := strings.IndexAny(rest, " T"); i > 0 {
		rest = rest[:i]
	}
	m, dd, ok := strings.Cut(rest, s[4:5])
	if !ok || len(m) > 2 || len(dd) > 2 || !isDigits(m) || !isDigits(dd) {
		return dateRead{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(dd)
	return ymd(y, mi, di), true
}

// compactDate reads YYYYMMDD.
func compactDate(s string, _, _ bool) (dateRead, bool) {
	if len(s) != 8 || !isDigits(s) {
		return dateRead{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	dd, _ := strconv.Atoi(s[6:])
	return ymd(y, m, dd), true
}

// serialDate reads an Excel serial: in a numeric XLSX cell, or five digits.
func serialDate(s string, serial, date1904 bool) (dateRead, bool) {
	if !serial && (len(s) != 5 || !isDigits(s)) {
		return dateRead{}, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return dateRead{}, false
	}
	if d, ok := excelSerial(v, date1904); ok {
		return dateRead{d: d}, true
	}
	return dateRead{err: errNoDate}, true
}

// slashDateForm reads a/b/y, whose day and month order the file settles.
func slashDateForm(s string, _, _ bool) (dateRead, bool) {
	sl, ok := parseSlashDate(s)
	if !ok {
		return dateRead{}, false
	}
	_, mdy := sl.resolve(OrderMDY)
	_, dmy := sl.resolve(OrderDMY)
	if !mdy && !dmy {
		return dateRead{err: errNoSuchDay}, true
	}
	return dateRead{sd: sl, slash: true}, true
}

// monthNameDate reads dates with the month as a word.
func monthNameDate(s string, _, _ bool) (dateRead, bool) {
	d, ok, known := parseMonthName(s)
	if !known {
		return dateRead{}, false
	}
	if !ok {
		return dateRead{err: errNoSuchDay}, true
	}
	return dateRead{d: d}, true
}

// excelSerial converts an Excel date serial number. In the 1900 system Excel
// counts a 29 February 1900 that never was, so serials from 61 on are one
// day later than a plain count from 1899-12-31.
func excelSerial(v float64, date1904 bool) (Date, bool) {
	if math.IsNaN(v) || v < 1 || v > 2958465 {
		return 0, false
	}
	n := int(math.Floor(v))
	if date1904 {
		base, _ := DateOf(1904, 1, 1)
		return base + Date(n), true
	}
	if n == 60 {
		return 0, false // 1900-02-29
	}
	base, _ := DateOf(1899, 12, 31)
	if n > 60 {
		n--
	}
	return base + Date(n), true
}

// parseMonthName reads dates with the month as a word: "Jan 5, 2024",
// "5 January 2024", "05-Jan-24", "Friday, 5 January 2024 10:00". known is
// false when the value has no month word.
func parseMonthName(s string) (d Date, ok, known bool) {
	if i := strings.IndexByte(s, ':'); i > 0 { // drop a time of day
		j := strings.LastIndexAny(s[:i], " T")
		if j < 0 {
			return 0, false, false
		}
		s = s[:j]
	}
	if !isASCII(s) {
		if t, _, err := transform.String(stripMarks, strings.ToValidUTF8(s, " ")); err == nil {
			s = t
		}
	}
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var month time.Month
	var nums []string
	for _, f := range fields {
		if isDigits(f) {
			nums = append(nums, f)
			continue
		}
		f = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f, "st"), "nd"), "rd"), "th")
		if isDigits(f) && f != "" {
			nums = append(nums, f)
			continue
		}
		if dateFillers[f] {
			continue // "5 de enero de 2024", "the 5th of May"
		}
		rs := []rune(f)
		if len(rs) < 3 {
			return 0, false, false
		}
		if weekdays[string(rs[:3])] {
			continue
		}
		m, found := monthOf(f)
		if !found || month != 0 {
			return 0, false, false
		}
		month = m
	}
	if month == 0 || len(nums) != 2 {
		return 0, false, false
	}
	day, year := nums[0], nums[1]
	if len(day) > 2 {
		day, year = year, day
	}
	di, _ := strconv.Atoi(day)
	yi, _ := strconv.Atoi(year)
	switch len(year) {
	case 2:
		if yi < 70 {
			yi += 2000
		} else {
			yi += 1900
		}
	case 4:
	default:
		return 0, false, true
	}
	d, ok = DateOf(yi, month, di)
	return d, ok, true
}

// monthOf reads a month word by monthNames: the word, its first four
// letters or its first three.
func monthOf(w string) (time.Month, bool) {
	rs := []rune(w)
	for _, n := range []int{len(rs), 4, 3} {
		if n <= len(rs) {
			if m, ok := monthNames[string(rs[:n])]; ok {
				return m, true
			}
		}
	}
	return 0, false
}

// digits returns the value of s, which holds only ASCII digits (a few).
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseAmount reads a money amount in the forms exports use: "$1,234.50",
// "1 234,50 €", "(1,234.50)", "-1234.5", "1234.5-", "1475.3000000000002",
// "EUR 1.234,50". It returns the value and the currency tag ("" when none
// was written).
func parseAmount(s string) (float64, string, error) {
	s = trimSpace(s)
	if v, cur, ok := simpleAmount(s); ok {
		return v, cur, nil
	}
	return parseAmountForms(s)
}

// simpleAmount reads the forms most exports write, "1234.56", "$1,234.56"
// and "$1234", in one pass, and reports whether s was one of them. Commas
// must group by threes (as parseAmountForms reads them too), the dot comes
// last, and nothing else is allowed: any other text goes the long way.
func simpleAmount(s string) (float64, string, bool) {
	cur := ""
	if len(s) > 0 && s[0] == '$' {
		cur, s = "USD", s[1:]
	}
	var buf [32]byte
	b := buf[:0]
	n, commas, i := 0, false, 0 // n: digits in the current group
	for ; i < len(s) && s[i] != '.'; i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' && len(b) < len(buf)-1:
			b = append(b, c)
			n++
		case c == ',' && n > 0 && (n <= 3 && !commas || n == 3):
			commas, n = true, 0
		default:
			return 0, "", false
		}
	}
	if n == 0 || commas && n != 3 {
		return 0, "", false
	}
	if i < len(s) { // the dot, then at least one digit
		if i == len(s)-1 {
			return 0, "", false
		}
		b = append(b, '.')
		for i++; i < len(s); i++ {
			if c := s[i]; c < '0' || c > '9' || len(b) == len(buf) {
				return 0, "", false
			} else {
				b = append(b, c)
			}
		}
	}
	v, ok := parseDecimal(b)
	return v, cur, ok
}

// parseAmountForms is parseAmount for every form it reads; s is trimmed.
func parseAmountForms(s string) (float64, string, error) {
	if s == "" {
		return 0, "", errEmpty
	}
	if plainNumber(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v, "", nil
		}
	}
	s, cur, neg := amountSign(s)
	// Now only digits and separators may remain. (Amounts fit the arrays
	// on the stack; longer texts spill to the heap.)
	var cleanBuf, digitBuf [40]byte
	clean, decimal, ok := separators(s, cleanBuf[:0])
	if !ok {
		return 0, "", errNoAmount
	}
	digits := digitBuf[:0]
	for i, c := range clean {
		switch {
		case i == decimal:
			digits = append(digits, '.')
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		}
	}
	v, ok := parseDecimal(digits)
	if !ok {
		return 0, "", errNoAmount
	}
	if neg {
		v = -v
	}
	return v, cur, nil
}

// amountSign takes the sign and the currency off an amount: parentheses,
// a leading or trailing minus, a leading plus, a currency at either end
// (inside or outside the sign).
func amountSign(s string) (rest, cur string, neg bool) {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	s, cur = cutCurrency(s)
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, strings.TrimSpace(s[1:])
	} else if strings.HasSuffix(s, "-") {
		neg, s = !neg, strings.TrimSpace(s[:len(s)-1])
	} else if strings.HasPrefix(s, "+") {
		s = strings.TrimSpace(s[1:])
	}
	if cur == "" {
		s, cur = cutCurrency(s)
	}
	return s, cur, neg
}

// separators appends the digits, dots and commas of s to clean, dropping
// thousands separators written as spaces or apostrophes, and says which of
// them is the decimal separator (-1 for none): the last of two kinds, or a
// lone comma not followed by three digits, or a lone dot. ok is false for
// anything else in s, or separators that cannot be read one way.
func separators(s string, clean []byte) (_ []byte, decimal int, ok bool) {
	lastDot, lastComma, nDot, nComma := -1, -1, 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			clean = append(clean, byte(r))
		case r == '.':
			lastDot, nDot = len(clean), nDot+1
			clean = append(clean, '.')
		case r == ',':
			lastComma, nComma = len(clean), nComma+1
			clean = append(clean, ',')
		case r == ' ' || r == '\'' || r == '\u00a0' || r == '\u202f' || r == '’':
			// thousands separator
		default:
			return clean, -1, false
		}
	}
	decimal = -1
	switch {
	case nDot > 0 && nComma > 0:
		decimal = max(lastDot, lastComma)
		if (decimal == lastDot && nDot > 1) || (decimal == lastComma && nComma > 1) {
			return clean, -1, false
		}
	case nComma == 1 && len(clean)-lastComma-1 != 3:
		decimal = lastComma
	case nDot == 1:
		decimal = lastDot
	}
	return clean, decimal, true
}

// plainNumber reports whether s has only the characters of a number
// strconv reads, so that other forms skip a failing ParseFloat.
// parseDecimal returns the value of b, ASCII digits with at most one '.',
// rounded to the nearest float64 as strconv.ParseFloat rounds it, and
// false where it is not finite. Amounts have few digits: their value is
// the integer of all the digits divided by a power of ten, which are both
// exact as float64 (below 2⁵³ and 10²²), so the one rounding of the
// division is the correct one (Clinger's fast path, which ParseFloat also
// takes, without its text scanning). Other texts go to ParseFloat.
func parseDecimal(b []byte) (float64, bool) {
	var mant uint64
	frac, dot := 0, false
	if len(b) == 0 || string(b) == "." {
		return 0, false
	}
	for _, c := range b {
		switch {
		case c == '.' && !dot:
			dot = true
		case c >= '0' && c <= '9' && mant < 1<<49: // ×10 + 9 stays below 2⁵³
			mant = mant*10 + uint64(c-'0')
			if dot {
				frac++
			}
		default:
			v, err := strconv.ParseFloat(string(b), 64)
			return v, err == nil && !math.IsInf(v, 0)
		}
	}
	if frac > 22 {
		v, err := strconv.ParseFloat(string(b), 64)
		return v, err == nil && !math.IsInf(v, 0)
	}
	return float64(mant) / pow10[frac], true
}

// pow10 holds the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func plainNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == '-', c == '+', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return true
}

// cutCurrency removes a currency symbol or code from either end of s. A
// three-letter code must stand apart from letters around it.
func cutCurrency(s string) (string, string) {
	// No currency starts or ends with a digit or a separator.
	if s == "" || numberByte(s[0]) && numberByte(s[len(s)-1]) {
		return s, ""
	}
	u := strings.ToUpper(s)
	if len(u) != len(s) {
		u = s
	}
	// A symbol can only begin (or end) s where its first (last) byte is.
	first, last := u[0], u[len(u)-1]
	for _, c := range currencyMarkers {
		if c.sym[0] != first && c.sym[len(c.sym)-1] != last {
			continue
		}
		code := len(c.sym) == 3 && c.sym[0] >= 'A' && c.sym[0] <= 'Z'
		if rest, ok := strings.CutPrefix(u, c.sym); ok && rest != "" {
			if code && unicode.IsLetter(rune(rest[0])) {
				continue
			}
			return strings.TrimSpace(s[len(c.sym):]), c.tag
		}
		if rest, ok := strings.CutSuffix(u, c.sym); ok && rest != "" {
			if code && unicode.IsLetter(rune(rest[len(rest)-1])) {
				continue
			}
			return strings.TrimSpace(s[:len(rest)]), c.tag
		}
	}
	return s, ""
}

// currencyCode reads a currency column's value: a code in any case
// ("usd"), or a symbol currencyMarkers knows ("€").
func currencyCode(v string) string {
	u := strings.ToUpper(strings.TrimSpace(v))
	for _, c := range currencyMarkers {
		if u == c.sym {
			return c.tag
		}
	}
	return u
}

func numberByte(b byte) bool { return b >= '0' && b <= '9' || b == '.' || b == ',' }

// parseBool reads TRUE/FALSE cells by boolWords; ok is false for values
// that are neither.
func parseBool(s string) (v, ok bool) {
	v, ok = boolWords[strings.ToLower(strings.TrimSpace(s))]
	return v, ok
}

// parseDiscount reads a discount as a fraction of the price before it:
// "15%", "0.15" and "15" are all 0.15. A discount written with a currency
// ("$55.46") or above 100 is money (money is then true): divided by the
// list price when one is known, else by the amount plus the discount.
func parseDiscount(s string, listPrice, amount float64) (frac float64, money bool, err error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	v, cur, err := parseAmount(t)
	if err != nil {
		return 0, false, err
	}
	switch {
	case pct:
		return v / 100, false, nil
	case cur == "" && math.Abs(v) <= 1:
		return v, false, nil
	case cur == "" && v <= 100:
		return v / 100, false, nil
	case listPrice > 0:
		return v / listPrice, true, nil
	case amount+v > 0:
		return v / (amount + v), true, nil
	}
	return 0, true, errNoAmount
}

// normalizeID turns ids that a spreadsheet wrote as floats ("17850.0") back
// into the integers they were.
func normalizeID(s string) string {
	s = trimSpace(s)
	if i := strings.IndexByte(s, '.'); i > 0 && isDigits(s[:i]) && strings.Trim(s[i+1:], "0") == "" {
		return s[:i]
	}
	return s
}
