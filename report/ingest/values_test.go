package ingest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) Date {
	v, ok := DateOf(y, m, d)
	if !ok {
		panic("bad test date")
	}
	return v
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		serial   bool
		date1904 bool
		want     Date
		slash    *slashDate
		err      error
	}{
		{"iso", "2024-03-05", false, false, date(2024, 3, 5), nil, nil},
		{"iso single digits", "2024-3-5", false, false, date(2024, 3, 5), nil, nil},
		{"iso slashes", "2024/03/05", false, false, date(2024, 3, 5), nil, nil},
		{"iso time utc", "2024-03-05T23:10:00Z", false, false, date(2024, 3, 5), nil, nil},
		{"iso time zone", "2024-03-05T09:09:33+02:00", false, false, date(2024, 3, 5), nil, nil},
		{"salesforce timestamp", "2017-08-04T09:09:33.000+0000", false, false, date(2017, 8, 4), nil, nil},
		{"iso space time", "2024-03-05 14:30:00", false, false, date(2024, 3, 5), nil, nil},
		{"iso no such day", "2023-02-29", false, false, 0, nil, errNoSuchDay},
		{"iso leap day", "2024-02-29", false, false, date(2024, 2, 29), nil, nil},
		{"iso month 13", "2024-13-01", false, false, 0, nil, errNoSuchDay},
		{"yyyymmdd", "19970101", false, false, date(1997, 1, 1), nil, nil},
		{"yyyymmdd bad", "19970230", false, false, 0, nil, errNoSuchDay},
		{"serial 1900", "45292", true, false, date(2024, 1, 1), nil, nil},
		{"serial with time", "45292.75", true, false, date(2024, 1, 1), nil, nil},
		{"serial 1", "1", true, false, date(1900, 1, 1), nil, nil},
		{"serial 59", "59", true, false, date(1900, 2, 28), nil, nil},
		{"serial 60 is Excel's 29 Feb 1900", "60", true, false, 0, nil, errNoDate},
		{"serial 61", "61", true, false, date(1900, 3, 1), nil, nil},
		{"serial 1904", "43830", true, true, date(2024, 1, 1), nil, nil},
		{"serial 1904 zero day", "1", true, true, date(1904, 1, 2), nil, nil},
		{"five digits in csv is a serial", "45292", false, false, date(2024, 1, 1), nil, nil},
		{"number not a serial in csv", "452", false, false, 0, nil, errNoDate},
		{"slash", "03/04/2024", false, false, 0, &slashDate{3, 4, 2024, false}, nil},
		{"slash two-digit year", "3/4/24", false, false, 0, &slashDate{3, 4, 2024, false}, nil},
		{"slash 1990s", "3/4/97", false, false, 0, &slashDate{3, 4, 1997, false}, nil},
		{"slash with time", "12/31/2023 10:15 AM", false, false, 0, &slashDate{12, 31, 2023, false}, nil},
		{"dots", "31.12.2023", false, false, 0, &slashDate{31, 12, 2023, true}, nil},
		{"dashes", "31-12-2023", false, false, 0, &slashDate{31, 12, 2023, false}, nil},
		{"slash impossible either way", "31/31/2023", false, false, 0, nil, errNoSuchDay},
		{"month name us", "Jan 5, 2024", false, false, date(2024, 1, 5), nil, nil},
		{"month name long", "5 January 2024", false, false, date(2024, 1, 5), nil, nil},
		{"month name dashes", "05-Jan-24", false, false, date(2024, 1, 5), nil, nil},
		{"month name weekday time", "Friday, 5 January 2024 10:00", false, false, date(2024, 1, 5), nil, nil},
		{"month name ordinal", "March 3rd, 2022", false, false, date(2022, 3, 3), nil, nil},
		{"month name bad day", "Feb 30 2024", false, false, 0, nil, errNoSuchDay},
		{"empty", "  ", false, false, 0, nil, errEmpty},
		{"words", "next tuesday", false, false, 0, nil, errNoDate},
		{"n/a", "N/A", false, false, 0, nil, errNoDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, sd, isSlash, err := parseDate(tt.in, tt.serial, tt.date1904)
			if err != tt.err {
				t.Fatalf("parseDate(%q) error = %v, want %v", tt.in, err, tt.err)
			}
			if tt.slash != nil {
				if !isSlash || sd != *tt.slash {
					t.Fatalf("parseDate(%q) = slash %v %v, want %v", tt.in, isSlash, sd, *tt.slash)
				}
				return
			}
			if isSlash {
				t.Fatalf("parseDate(%q) unexpectedly slash %v", tt.in, sd)
			}
			if err == nil && got != tt.want {
				t.Errorf("parseDate(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlashDateResolve(t *testing.T) {
	sd := slashDate{3, 4, 2024, false}
	if d, ok := sd.resolve(OrderMDY); !ok || d != date(2024, 3, 4) {
		t.Errorf("M/D/Y: got %s %v", d, ok)
	}
	if d, ok := sd.resolve(OrderDMY); !ok || d != date(2024, 4, 3) {
		t.Errorf("D/M/Y: got %s %v", d, ok)
	}
	if _, ok := (slashDate{2, 30, 2024, false}).resolve(OrderMDY); ok {
		t.Error("2/30/2024 read as a date")
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		cur  string
		err  error
	}{
		{"1234.5", 1234.5, "", nil},
		{"-1234.5", -1234.5, "", nil},
		{"1475.3000000000002", 1475.3000000000002, "", nil},
		{"$1,234.50", 1234.50, "USD", nil},
		{"$ 1,234.50", 1234.50, "USD", nil},
		{"-$1,234.50", -1234.50, "USD", nil},
		{"$-1,234.50", -1234.50, "USD", nil},
		{"(1,234.50)", -1234.50, "", nil},
		{"($1,234.50)", -1234.50, "USD", nil},
		{"1234.50-", -1234.50, "", nil},
		{"1 234,50 €", 1234.50, "EUR", nil},
		{"1\u00a0234,50\u00a0€", 1234.50, "EUR", nil},
		{"1.234,50", 1234.50, "", nil},
		{"1.234.567", 1234567, "", nil},
		{"1,234,567", 1234567, "", nil},
		{"1,234", 1234, "", nil},
		{"1234,5", 1234.5, "", nil},
		{"0,75", 0.75, "", nil},
		{"1'234.50", 1234.50, "", nil},
		{"EUR 1.234,50", 1234.50, "EUR", nil},
		{"1234.50 USD", 1234.50, "USD", nil},
		{"£99", 99, "GBP", nil},
		{"US$10", 10, "USD", nil},
		{"+500", 500, "", nil},
		{"1.5E+03", 1500, "", nil},
		{"0", 0, "", nil},
		{"", 0, "", errEmpty},
		{"abc", 0, "", errNoAmount},
		{"12 apples", 0, "", errNoAmount},
		{"1.2.3,4.5", 0, "", errNoAmount},
		{"NaN", 0, "", errNoAmount},
		{"Inf", 0, "", errNoAmount},
		{"$", 0, "", errNoAmount},
	}
	for _, tt := range tests {
		got, cur, err := parseAmount(tt.in)
		if err != tt.err || cur != tt.cur || (err == nil && math.Abs(got-tt.want) > 1e-9) {
			t.Errorf("parseAmount(%q) = %v, %q, %v; want %v, %q, %v", tt.in, got, cur, err, tt.want, tt.cur, tt.err)
		}
	}
}

// Stage values are read on whole words, negations first; every word of the
// vocabulary is read as its entry says.
func TestReadStage(t *testing.T) {
	r := func(st Stage) StageReading { return StageReading{Stage: st} }
	assumed := func(st Stage) StageReading { return StageReading{Stage: st, Assumed: true} }
	unknown := StageReading{Stage: Open, Unrecognised: true}
	tests := map[string]StageReading{
		"Won": r(Won), "Closed Won": r(Won), "Closed: won": r(Won), "closedwon": r(Won), "WON": r(Won), "Closed-Won": r(Won),
		"Lost": r(Lost), "Closed Lost": r(Lost), "Closed: lost": r(Lost), "Closed: abandoned": r(Lost), "closedlost": r(Lost),
		"Prospecting": r(Open), "Negotiation/Review": r(Open), "open": r(Open), "": r(Open), "Proposal/Price Quote": r(Open),
		// Negations and substrings.
		"Lost - won by competitor": r(Lost), "Closed - Won't proceed": r(Lost), "Unwon": r(Lost), "not won": r(Lost),
		"Wonderful": unknown, "Glossy": unknown, "Not paid": r(Open), "Unpaid": r(Open), "Paid - Refunded": r(Lost),
		// Other languages, orders, invoices, payments.
		"Verloren": r(Lost), "Perdu": r(Lost), "Disqualified": r(Lost), "Gewonnen": r(Won), "Gagné": r(Won),
		"Ganado": r(Won), "Ganho": r(Won), "Perdido": r(Lost), "PERDIDA": r(Lost),
		"Shipped": r(Won), "Paid": r(Won), "Delivered": r(Won), "Sales Order": r(Won), "Completed": r(Won),
		"Complete": r(Won), "Fulfilled": r(Won), "Invoiced": r(Won), "Posted": r(Won), "Locked": r(Won), "Done": r(Won),
		"succeeded": r(Won), "Partially Paid": r(Won),
		"Cancelled": r(Lost), "Canceled": r(Lost), "Failed": r(Lost), "Refunded": r(Lost), "Voided": r(Lost),
		"Declined": r(Lost), "Rejected": r(Lost), "Returned": r(Lost), "Abandoned": r(Lost),
		"Pending": r(Open), "Processing": r(Open), "In Process": r(Open), "On Hold": r(Open), "Draft": r(Open),
		"Quotation": r(Open), "Quote Sent": r(Open), "New": r(Open), "Sent": r(Open), "Overdue": r(Open),
		"Approved": assumed(Won), "Resolved": assumed(Won), "Closed": assumed(Won), "Created": assumed(Open),
		"Closed - Cancelled": r(Lost), "Frobnicated": unknown,
	}
	for in, want := range tests {
		if got := readStage(in, nil); got != want {
			t.Errorf("readStage(%q) = %+v, want %+v", in, got, want)
		}
	}
	for _, e := range stageVocabulary {
		got := readStage(e.phrase, nil)
		if got.Stage != e.stage || got.Assumed != (e.kind == kindAssumed) || got.Unrecognised {
			t.Errorf("vocabulary %q (%v) read as %+v", e.phrase, e.stage, got)
		}
	}
	cfg := map[string]Stage{StageKey("Shipped"): Open, StageKey("Resolved"): Lost}
	if got := readStage(" shipped ", cfg); got != (StageReading{Stage: Open, Configured: true}) {
		t.Errorf("configured Shipped: %+v", got)
	}
	if got := readStage("Paid", cfg); got != r(Won) {
		t.Errorf("unconfigured Paid: %+v", got)
	}
}

func TestParseBool(t *testing.T) {
	for _, s := range []string{"TRUE", "true", "1", "Yes", "x"} {
		if v, ok := parseBool(s); !v || !ok {
			t.Errorf("parseBool(%q) = %v %v, want true", s, v, ok)
		}
	}
	for _, s := range []string{"FALSE", "0", "no", ""} {
		if v, ok := parseBool(s); v || !ok {
			t.Errorf("parseBool(%q) = %v %v, want false", s, v, ok)
		}
	}
	if _, ok := parseBool("maybe"); ok {
		t.Error(`parseBool("maybe") ok`)
	}
}

func TestParseDiscount(t *testing.T) {
	tests := []struct {
		in           string
		list, amount float64
		want         float64
		money, ok    bool
	}{
		{"15%", 0, 0, 0.15, false, true},
		{"15 %", 0, 0, 0.15, false, true},
		{"0.15", 0, 0, 0.15, false, true},
		{"15", 0, 0, 0.15, false, true},
		{"1500", 10000, 8500, 0.15, true, true},
		{"$1,500", 10000, 8500, 0.15, true, true},
		// Money without a list price: of the amount plus the discount.
		{"$55.46", 0, 31007, 55.46 / (31007 + 55.46), true, true},
		{"1500", 0, 8500, 0.15, true, true},
		{"1500", 0, -1500, 0, true, false},
		{"lots", 0, 0, 0, false, false},
	}
	for _, tt := range tests {
		got, money, err := parseDiscount(tt.in, tt.list, tt.amount)
		if (err == nil) != tt.ok || math.Abs(got-tt.want) > 1e-9 || (err == nil && money != tt.money) {
			t.Errorf("parseDiscount(%q, %v, %v) = %v, %v, %v; want %v money=%v ok=%v", tt.in, tt.list, tt.amount, got, money, err, tt.want, tt.money, tt.ok)
		}
	}
}

func TestNormalizeID(t *testing.T) {
	tests := map[string]string{
		"17850.0": "17850", "17850.00": "17850", "17850": "17850", "00017": "00017",
		"17850.5": "17850.5", "OPP-1.0": "OPP-1.0", " 42.0 ": "42", "1.": "1",
	}
	for in, want := range tests {
		if got := normalizeID(in); got != want {
			t.Errorf("normalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestDateCivil(t *testing.T) {
	// Every day from 1899 to 2101 and a few far ones agree with package time.
	check := func(d Date) {
		y, m, dd := d.Civil()
		ty, tm, td := d.Time().Date()
		if y != ty || m != tm || dd != td {
			t.Fatalf("Civil(%d) = %d-%d-%d, time says %d-%d-%d", d, y, m, dd, ty, tm, td)
		}
		if back, ok := DateOf(y, m, dd); !ok || back != d {
			t.Fatalf("DateOf(Civil(%d)) = %d", d, back)
		}
		if s, want := d.String(), d.Time().Format("2006-01-02"); s != want {
			t.Fatalf("Date(%d).String() = %q, want %q", d, s, want)
		}
	}
	lo, _ := DateOf(1899, 1, 1)
	hi, _ := DateOf(2101, 12, 31)
	for d := lo; d <= hi; d++ {
		check(d)
	}
	for _, y := range []int{1, 100, 400, 1600, 1900, 2000, 9999} {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {3, 1}, {12, 31}} {
			if d, ok := DateOf(y, time.Month(md[0]), md[1]); ok {
				check(d)
			}
		}
	}
}

// TestDateOfAgreesWithTime holds DateOf's arithmetic to package time for
// every month and day number around the valid ones (0 and 13, 0 and 32
// included), over years with every kind of leap rule.
func TestDateOfAgreesWithTime(t *testing.T) {
	years := []int{0, 1, 2, 3, 4, 99, 100, 101, 399, 400, 401, 1582, 1600, 1700, 1899, 1900, 1904, 9996, 9999, 10000}
	for y := 1960; y <= 2040; y++ {
		years = append(years, y)
	}
	for _, y := range years {
		for m := 0; m <= 13; m++ {
			for d := -1; d <= 32; d++ {
				got, ok := DateOf(y, time.Month(m), d)
				tm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
				want := y >= 1 && y <= 9999 && tm.Year() == y && int(tm.Month()) == m && tm.Day() == d
				if ok != want || (ok && int64(got) != tm.Unix()/86400) {
					t.Fatalf("DateOf(%d, %d, %d) = %d, %v; time says %d, %v", y, m, d, got, ok, tm.Unix()/86400, want)
				}
			}
		}
	}
}

// TestParseISODateFastPath: YYYY-MM-DD, read digit by digit, reads as the
// same date with a time after it (the general year-first path), valid or
// not.
func TestParseISODateFastPath(t *testing.T) {
	for _, y := range []string{"0000", "0001", "1900", "2000", "2023", "2024", "9999"} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				s := fmt.Sprintf("%s-%02d-%02d", y, m, d)
				got, _, _, gerr := parseDate(s, false, false)
				want, _, _, werr := parseDate(s+"T10:00:00Z", false, false)
				if got != want || gerr != werr {
					t.Fatalf("parseDate(%q) = %v, %v; with a time %v, %v", s, got, gerr, want, werr)
				}
			}
		}
	}
	if d, _, _, err := parseDate(" 2024-02-29 ", false, false); err != nil || d.String() != "2024-02-29" {
		t.Errorf("parseDate(2024-02-29) = %v, %v", d, err)
	}
	if _, _, _, err := parseDate("2023-02-29", false, false); err != errNoSuchDay {
		t.Errorf("parseDate(2023-02-29) error = %v, want %v", err, errNoSuchDay)
	}
}

// TestParseDecimalIsParseFloat: the fast path rounds every amount as
// strconv.ParseFloat does, to the bit, on random digit strings of every
// length around the fast path's limits, with and without a decimal point.
func TestParseDecimalIsParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cases := []string{"", ".", "0", "5.", ".5", "0.1", "0.3", "4388.06", "9007199254740993", "562949953421311.9",
		"1.7976931348623157", "0.0000000000000000000001", "0.00000000000000000000001", "123456789012345678901234567890"}
	for range 300000 {
		n := 1 + rng.IntN(24)
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		if rng.IntN(4) > 0 {
			b[rng.IntN(n)] = '.'
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseDecimal([]byte(s))
		if ok != (err == nil) || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseDecimal(%q) = %v (%b), %v; ParseFloat: %v (%b), %v", s, got, math.Float64bits(got), ok, want, math.Float64bits(want), err)
		}
	}
}

// TestSimpleAmountAgrees: the one-pass reading of the common forms gives
// what the reading of every form gives, on the forms themselves and on
// random texts of their characters (most of which it must leave alone).
func TestSimpleAmountAgrees(t *testing.T) {
	cases := []string{"0", "5", "4388.06", "$4,388.06", "$4388", "1,234,567.891", "12,345", "123,456",
		"1,23", "1234,567", ",123", "1,,234", "1,234,", "1.", ".5", "$.5", "$", "1.2.3", "1,234.5,6",
		"$-5", "-$5", "(5)", "$ 5", "5$", "1,2345", "0001,000", "99999999999999999999999999999.5", "1e5"}
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := "0123456789,.$ -("
	for range 200000 {
		b := make([]byte, 1+rng.IntN(14))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if rng.IntN(3) == 0 { // mostly well-formed groups
			b = fmt.Appendf(nil, "$%d,%03d.%02d", rng.IntN(1000), rng.IntN(1000), rng.IntN(100))
		}
		cases = append(cases, string(b))
	}
	fast := 0
	for _, s := range cases {
		v, cur, ok := simpleAmount(s)
		if !ok {
			continue
		}
		fast++
		want, wcur, err := parseAmountForms(s)
		if err != nil || math.Float64bits(v) != math.Float64bits(want) || cur != wcur {
			t.Fatalf("simpleAmount(%q) = %v %q; parseAmountForms: %v %q %v", s, v, cur, want, wcur, err)
		}
	}
	if fast < 60000 {
		t.Errorf("only %d of %d texts took the fast path", fast, len(cases))
	}
	for s, want := range map[string]bool{"4388.06": true, "$4,388.06": true, "$4388": true, "12,345": true,
		"1,23": false, "1234,567": false, "$ 5": false, "(5)": false, "1.": false, "5$": false} {
		if _, _, ok := simpleAmount(s); ok != want {
			t.Errorf("simpleAmount(%q) took the fast path: %v, want %v", s, ok, want)
		}
	}
}

// TestTrimSpace: the inlined check trims as strings.TrimSpace does, at
// every byte value on either end and with Unicode spaces.
func TestTrimSpace(t *testing.T) {
	cases := []string{"", " ", "a", " a", "a ", "\u00a0a", "a\u00a0", "\u0085x", "x\u2003", "é", "aé", "\x7fa\x7f", "\x00a", "a\x1f", "日本"}
	for b := range 256 {
		cases = append(cases, string([]byte{byte(b)}), string([]byte{byte(b), 'x'}), string([]byte{'x', byte(b)}))
	}
	for _, s := range cases {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
