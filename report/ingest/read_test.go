package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unsafe"
)

func read(t *testing.T, opts Options, names ...string) *Result {
	t.Helper()
	var paths []string
	for _, n := range names {
		if !filepath.IsAbs(n) {
			n = filepath.Join("testdata", n)
		}
		paths = append(paths, n)
	}
	res, err := Read(context.Background(), paths, opts)
	if err != nil {
		t.Fatalf("Read(%v): %v", names, err)
	}
	return res
}

// brief is a deal reduced to what the tests compare.
type brief struct {
	Account string
	Close   string
	Amount  float64
	Stage   Stage
}

func briefs(res *Result) []brief {
	var out []brief
	for _, d := range res.Deals {
		out = append(out, brief{res.AccountOf(&d).Name, d.Close.String(), math.Round(d.Amount*100) / 100, d.Stage})
	}
	return out
}

func equalBriefs(t *testing.T, got *Result, want []brief) {
	t.Helper()
	g := briefs(got)
	if len(g) != len(want) {
		t.Fatalf("got %d deals %v, want %d %v", len(g), g, len(want), want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("deal %d = %+v, want %+v", i, g[i], want[i])
		}
	}
}

// kinds lists the problems as "row kind action" lines, for comparison.
func kinds(res *Result) []string {
	var out []string
	for _, p := range res.Problems {
		out = append(out, strings.TrimSpace(strings.Join([]string{itoa(p.Row), p.Kind, p.Action}, " ")))
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%02d", n)
}

func equalStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot  %q\nwant %q", what, got, want)
	}
}

func TestReadTitleBlockAndTrailer(t *testing.T) {
	res := read(t, Options{}, "title_trailer.csv")
	f := res.Files[0]
	if f.HeaderRow != 4 || f.Trailers != 3 || f.Blank != 1 || f.Rows != 8 {
		t.Errorf("header row %d, trailers %d, blank %d, rows %d; want 4, 3, 1, 8", f.HeaderRow, f.Trailers, f.Blank, f.Rows)
	}
	equalBriefs(t, res, []brief{
		{"Globex Corp", "2024-01-15", 1000, Won}, // spellings of one account: mixed case wins a tie
		{"Globex Corp", "2024-03-02", 500, Won},
		{"Initech", "2024-02-10", 2000, Lost},
		{"Initech", "2024-06-30", 0, Open},
	})
	equalStrings(t, "problems", kinds(res), []string{
		"01 title row above the header skipped",
		"02 title row above the header skipped",
		"06 account spelling merged fixed",
		"10 trailer row below the data skipped",
		"11 trailer row below the data skipped",
		"12 trailer row below the data skipped",
	})
	if p := res.Problems[2]; p.Value != "GLOBEX CORPORATION" || p.Detail != `1 deal written this way shown as "Globex Corp"` || p.Column != "Account Name" {
		t.Errorf("spelling problem %+v", p)
	}
	if res.Spellings != 1 {
		t.Errorf("Spellings = %d, want 1", res.Spellings)
	}
	// Both spellings are one account, held once: the deals share its index.
	if len(res.Accounts) != 2 || res.Deals[0].Account != res.Deals[1].Account || res.Deals[1].Account == res.Deals[2].Account {
		t.Errorf("accounts %+v, deals' indexes %d %d %d", res.Accounts, res.Deals[0].Account, res.Deals[1].Account, res.Deals[2].Account)
	}
	unused := strings.Join(f.Unused, ",")
	if unused != "Opportunity Name" {
		t.Errorf("unused = %q: an opportunity's own name must not be the account", unused)
	}
}

func TestReadBOMCRLFSemicolonDecimalComma(t *testing.T) {
	res := read(t, Options{}, "bom_crlf.csv")
	f := res.Files[0]
	if f.Encoding != "utf-8 with BOM" || f.Delimiter != ";" || f.DateOrder != "D/M/Y" {
		t.Errorf("encoding %q delimiter %q date order %q", f.Encoding, f.Delimiter, f.DateOrder)
	}
	if f.Columns[0].Header != "Customer" { // BOM not part of the first header
		t.Errorf("first header %q", f.Columns[0].Header)
	}
	equalBriefs(t, res, []brief{
		{"Müller GmbH", "2024-01-31", 1234.50, Won},
		{"Müller GmbH", "2024-02-05", -200, Won}, // a credit
		{"Schmidt AG", "2024-03-13", 2000, Lost},
	})
	if len(res.Problems) != 0 {
		t.Errorf("problems: %v", kinds(res))
	}
}

func TestReadLatin1(t *testing.T) {
	res := read(t, Options{}, "latin1.csv")
	if enc := res.Files[0].Encoding; enc != "windows-1252" {
		t.Errorf("encoding %q", enc)
	}
	equalBriefs(t, res, []brief{
		{"Café Noir", "2024-01-05", 1234.50, Won},
		{"Société Générale", "2024-02-05", 99, Won},
		{"Café Noir", "2024-03-05", 10, Won},
	})
}

func TestReadUTF16(t *testing.T) {
	res := read(t, Options{}, "utf16.txt")
	if enc := res.Files[0].Encoding; enc != "utf-16" {
		t.Errorf("encoding %q", enc)
	}
	equalBriefs(t, res, []brief{{"Zoë Ltd", "2024-01-01", 10, Won}})
}

func TestReadWhitespaceColumns(t *testing.T) {
	res := read(t, Options{}, "whitespace.txt")
	f := res.Files[0]
	if f.Delimiter != "spaces" || f.HeaderRow != 1 || f.Rows != 5 {
		t.Errorf("delimiter %q header %d rows %d", f.Delimiter, f.HeaderRow, f.Rows)
	}
	equalBriefs(t, res, []brief{
		{"00001", "1997-01-01", 11.77, Won},
		{"00002", "1997-01-12", 12, Won},
		{"00002", "1997-01-12", 77, Won},
		{"00003", "1997-01-02", 20.76, Won},
		{"00003", "1997-01-02", 20.76, Won}, // no deal id: kept, reported
	})
	equalStrings(t, "problems", kinds(res), []string{"06 possible duplicate kept"})
}

// Ids whose hashes collide are told apart by TestFirstOfIDs.
func TestReadDuplicatesAndLineItems(t *testing.T) {
	res := read(t, Options{}, "duplicates.csv")
	equalBriefs(t, res, []brief{
		{"Acme", "2024-01-10", 100, Won},    // D1 exported twice: one deal
		{"Acme", "2024-02-10", 100, Won},    // D2: two line items, 40 + 60
		{"Umbrella", "2024-02-11", 75, Won}, // D3: a copy dropped, then a line item: 70 + 5
		{"Umbrella", "2024-03-01", 10, Won}, // no id: both kept
		{"Umbrella", "2024-03-01", 10, Won},
	})
	equalStrings(t, "problems", kinds(res), []string{
		"- line items merged: amounts summed",
		"03 duplicate row dropped",
		"07 duplicate row dropped",
		"10 possible duplicate kept",
	})
	if res.LineItems != 2 {
		t.Errorf("LineItems = %d, want 2", res.LineItems)
	}
}

func TestReadDuplicatesAcrossFiles(t *testing.T) {
	// The same export given twice: every row of the second is a copy.
	res := read(t, Options{}, "title_trailer.csv", "title_trailer.csv")
	if len(res.Deals) != 4 {
		t.Fatalf("got %d deals, want 4", len(res.Deals))
	}
	dropped := 0
	for _, p := range res.Problems {
		if p.Kind == "duplicate row" {
			dropped++
			if !strings.Contains(p.Detail, "title_trailer.csv row") {
				t.Errorf("detail %q does not name the other file", p.Detail)
			}
		}
	}
	if dropped != 4 {
		t.Errorf("dropped %d rows, want 4", dropped)
	}
}

func TestReadHubSpotPipe(t *testing.T) {
	res := read(t, Options{}, "hubspot.txt")
	if d := res.Files[0].Delimiter; d != "|" {
		t.Errorf("delimiter %q", d)
	}
	equalBriefs(t, res, []brief{
		{"Hooli", "2024-05-01", 5000, Won},
		{"Hooli", "2024-06-01", 100, Lost},
	})
	if res.OpenIncomplete != 1 {
		t.Errorf("OpenIncomplete = %d, want 1", res.OpenIncomplete)
	}
	if !res.Deals[0].Referral || res.Deals[1].Referral {
		t.Errorf("referral flags %v %v; want the 'Referrals' source only", res.Deals[0].Referral, res.Deals[1].Referral)
	}
	if len(res.Problems) != 0 {
		t.Errorf("open deals without account or date are not problems: %v", kinds(res))
	}
}

func TestReadPipedriveTSV(t *testing.T) {
	res := read(t, Options{}, "pipedrive.tsv")
	equalBriefs(t, res, []brief{{"Pied Piper", "2024-04-01", 1200, Won}})
	// The lost deal has no won time: a lost deal needs a date, so it is a
	// problem; the open one is normal CRM content.
	equalStrings(t, "problems", kinds(res), []string{"03 no close date skipped"})
	if res.OpenIncomplete != 1 {
		t.Errorf("OpenIncomplete = %d", res.OpenIncomplete)
	}
	if o := res.AttrsOf(&res.Deals[0]).Owner; o != "Richard" || res.DealID(0) != "1" {
		t.Errorf("owner %q id %q", o, res.DealID(0))
	}
}

func TestReadInvoiceLines(t *testing.T) {
	res := read(t, Options{}, "invoice.csv")
	equalBriefs(t, res, []brief{
		{"17850", "2010-12-01", 35.64, Won}, // 6 × 2.55 + 6 × 3.39, one invoice
		{"17850", "2010-12-13", 11.1, Won},
		{"14527", "2010-12-14", -27.5, Won}, // a credit note
		{"14527", "2010-12-15", 34.8, Won},
	})
	if res.Files[0].DateOrder != "M/D/Y" {
		t.Errorf("date order %q", res.Files[0].DateOrder)
	}
	if res.LineItems != 1 {
		t.Errorf("LineItems = %d", res.LineItems)
	}
}

func TestReadSalesforceWithAccounts(t *testing.T) {
	res := read(t, Options{Accounts: "testdata/salesforce_accounts.csv"}, "salesforce_api.csv")
	equalBriefs(t, res, []brief{
		{"Nissan Motors", "2021-07-11", 1475.3, Won},
		{"Gateway", "2021-08-01", 2000, Lost},
		{"Nissan Motors", "2022-07-11", 3000, Open},
		{"001C", "2021-09-01", 100, Won}, // an id the account file lacks stays an id
	})
	if !res.Deals[0].Referral || res.AttrsOf(&res.Deals[0]).Type != "Existing Customer - Upgrade" {
		t.Errorf("deal 0: %+v", res.Deals[0])
	}
	equalStrings(t, "problems", kinds(res), []string{"04 account name shared by several ids merged: their deals count as one account"})
	f := res.Files[0]
	for _, m := range f.Columns {
		if m.Field == FieldIsWon || m.Field == FieldIsClosed {
			t.Errorf("IsWon/IsClosed used although StageName is there")
		}
	}
}

func TestReadIsWonWithoutStage(t *testing.T) {
	res := read(t, Options{}, "iswon.csv")
	equalBriefs(t, res, []brief{
		{"A", "2024-01-01", 10, Won},
		{"B", "2024-01-02", 20, Lost},
		{"C", "2024-01-03", 30, Open},
	})
}

func TestReadDateOrder(t *testing.T) {
	res := read(t, Options{}, "ambiguous_dates.csv")
	equalBriefs(t, res, []brief{{"A", "2024-01-02", 10, Won}, {"B", "2024-03-04", 20, Won}})
	equalStrings(t, "problems", kinds(res), []string{"- ambiguous day/month order kept; set date_order in dealaudit.yaml or --date-order dmy if wrong"})

	res = read(t, Options{DateOrder: OrderDMY}, "ambiguous_dates.csv")
	equalBriefs(t, res, []brief{{"A", "2024-02-01", 10, Won}, {"B", "2024-04-03", 20, Won}})
	if len(res.Problems) != 0 {
		t.Errorf("a configured order is not ambiguous: %v", kinds(res))
	}

	res = read(t, Options{}, "dmy_dates.csv")
	equalBriefs(t, res, []brief{
		{"A", "2024-02-01", 10, Won},
		{"B", "2024-04-25", 20, Won},
		{"D", "2024-12-31", 40, Lost},
	})
	equalStrings(t, "problems", kinds(res), []string{"04 no such date skipped"})
	if !res.Problems[0].Required {
		t.Error("an impossible date on a won deal is an error in a required field")
	}
}

// A row skipped after its slash date was read (here for its amount) must
// not shift the texts kept for dates settled later.
func TestReadDateOrderAfterSkippedRow(t *testing.T) {
	res := read(t, Options{}, "slash_after_skip.csv")
	equalBriefs(t, res, []brief{{"A", "2024-01-02", 10, Won}, {"C", "2024-02-15", 30, Won}, {"D", "2024-02-16", 40, Won}})
	var got []string
	for _, p := range res.Problems {
		if p.Row > 0 {
			got = append(got, fmt.Sprintf("%d %s %s", p.Row, p.Kind, p.Value))
		}
	}
	equalStrings(t, "row problems", got, []string{"3 not an amount abc", "6 no such date 13/02/2024"})
}

func TestReadBadRows(t *testing.T) {
	res := read(t, Options{}, "bad_rows.csv")
	equalBriefs(t, res, []brief{
		{"A", "2024-01-01", 100, Won},
		{"F", "2024-03-03", 0, Lost}, // lost deals need no amount
		{"H", "2024-03-04", 90, Won},
		{"I", "2024-03-05", 90, Won},
	})
	equalStrings(t, "problems", kinds(res), []string{
		"03 no account skipped",
		"04 no close date skipped",
		"05 no such date skipped",
		"06 no amount on a won deal skipped",
		"07 not an amount skipped",
		"10 not a date skipped",
		"12 discount not an amount kept without discount",
	})
	var required []int
	for _, p := range res.Problems {
		if p.Required {
			required = append(required, p.Row)
		}
	}
	if len(required) != 5 {
		t.Errorf("required-field errors on rows %v, want 3-7", required)
	}
	if res.Usable() {
		t.Error("Usable() with errors in required fields")
	}
	if res.OpenIncomplete != 1 {
		t.Errorf("OpenIncomplete = %d", res.OpenIncomplete)
	}
	if d := res.Deals[0]; !d.HasDiscount || d.Discount != 0.10 {
		t.Errorf("deal A discount %v %v", d.HasDiscount, d.Discount)
	}
	if d := res.Deals[2]; !d.HasDiscount || math.Abs(d.Discount-0.10) > 1e-9 {
		t.Errorf("deal H: discount from list price %v %v, want 0.10", d.HasDiscount, d.Discount)
	}
	if p := res.Problems[0]; p.File != "testdata/bad_rows.csv" || p.Column != "Account Name" && p.Column != "Account" {
		t.Errorf("problem names file %q column %q", p.File, p.Column)
	}
}

func TestReadMixedCurrency(t *testing.T) {
	_, err := Read(context.Background(), []string{"testdata/mixed_currency.csv"}, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "EUR in 1 row (first row 3)") || !strings.Contains(err.Error(), "USD in 1 row (first row 2)") {
		t.Fatalf("err = %v", err)
	}
	res := read(t, Options{CurrencyRates: map[string]float64{"EUR": 1.1, "USD": 1}}, "mixed_currency.csv")
	equalBriefs(t, res, []brief{{"A", "2024-01-01", 100, Won}, {"B", "2024-01-02", 220, Won}, {"C", "2024-01-03", 300, Won}})
	var details []string
	for _, p := range res.Problems {
		details = append(details, p.Text())
	}
	equalStrings(t, "conversions", details, []string{
		"amounts converted: 1 amount in EUR multiplied by 1.1 (currency_rates)",
		"amounts converted: 1 amount in USD multiplied by 1 (currency_rates)",
	})
}

func TestReadConfiguredColumns(t *testing.T) {
	cols := map[Field]ColumnRef{
		FieldAccount:   {Header: "Kunde"},
		FieldCloseDate: {Header: "datum"}, // case does not matter
		FieldAmount:    {Header: "Betrag"},
		FieldStage:     {Header: "Status"},
	}
	res := read(t, Options{Columns: cols}, "bom_crlf_semicolon.csv")
	if len(res.Deals) != 3 || res.Deals[0].Amount != 1234.5 {
		t.Fatalf("deals %v", briefs(res))
	}
	cols[FieldAmount] = ColumnRef{Header: "Umsatz", Where: "dealaudit.yaml line 5"}
	_, err := Read(context.Background(), []string{"testdata/bom_crlf_semicolon.csv"}, Options{Columns: cols})
	if err == nil || !strings.Contains(err.Error(), `dealaudit.yaml line 5: column "Umsatz" for amount not found`) {
		t.Errorf("err = %v", err)
	}
}

func TestReadDuplicateHeader(t *testing.T) {
	res := read(t, Options{}, "duplicate_header.csv")
	equalBriefs(t, res, []brief{{"A", "2024-01-01", 10, Won}})
	equalStrings(t, "problems", kinds(res), []string{"01 duplicate header ignored"})
	if !strings.Contains(res.Problems[0].Detail, "column D has the same name as column C") {
		t.Errorf("detail %q", res.Problems[0].Detail)
	}
}

func TestReadUnusableFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		mustWrite(t, p, b)
		return p
	}
	tests := []struct {
		name string
		path string
		want string
	}{
		{"no account column", "testdata/no_account.csv", "expected a column for the account"},
		{"missing file", filepath.Join(dir, "nope.csv"), "cannot open: no such file or directory"},
		{"empty", write("empty.csv", nil), "found an empty file"},
		{"header only, unknown", write("h.csv", []byte("foo,bar\n1,2\n")), "expected a header row naming at least two of"},
		// The message quotes the first row, not a later, wider one.
		{"no header, rows widen", write("figures.csv", []byte("Quarterly figures\n\nNorth,5\nSouth,7\nEast,2\n")), `found first row "Quarterly figures"`},
		{"pdf", write("r.csv", []byte("%PDF-1.4\n...")), "found a PDF document"},
		{"old xls", write("old.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)), "old binary Excel (.xls)"},
		{"encrypted", write("enc.xlsx", append(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), utf16le("EncryptionInfo")...)), "password-protected"},
		{"html as xls", write("page.xls", []byte("<html><table><tr><td>Account</td></tr></table></html>")), "found an HTML page"},
		{"binary", write("bin.csv", []byte("Account,Date\x00\x01\x02")), "found binary data"},
		{"truncated zip", write("cut.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00")), "damaged or truncated"},
		{"folder", dir, "expected a file, found a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), []string{tt.path}, Options{})
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v (%T), want a *FileError", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.path+": ") {
				t.Errorf("err = %q, want it to start with the file and contain %q", err, tt.want)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, []string{"testdata/title_trailer.csv"}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestReadManyFiles(t *testing.T) {
	// A daily export: 300 files, one history. Rows repeated across two
	// consecutive days (same deal id and values) are one deal.
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 300; i++ {
		p := filepath.Join(dir, fmt.Sprintf("day%03d.csv", i))
		text := "Deal ID,Account,Close Date,Amount\n"
		text += fmt.Sprintf("D%d,Account %d,2024-01-%02d,%d\n", i, i%7, i%28+1, 10+i)
		if i > 0 {
			text += fmt.Sprintf("D%d,Account %d,2024-01-%02d,%d\n", i-1, (i-1)%7, (i-1)%28+1, 10+i-1)
		}
		mustWrite(t, p, []byte(text))
		paths = append(paths, p)
	}
	res, err := Read(context.Background(), paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 300 || len(res.Deals) != 300 {
		t.Fatalf("%d files, %d deals; want 300, 300", len(res.Files), len(res.Deals))
	}
	sum := 0.0
	for _, d := range res.Deals {
		sum += d.Amount
	}
	if want := float64(300*10 + 299*300/2); sum != want {
		t.Errorf("total %v, want %v", sum, want)
	}
	if len(res.Problems) != 299 || res.Problems[0].File != paths[1] || !strings.Contains(res.Problems[0].Detail, "day000.csv row 2") {
		t.Errorf("%d problems, first %+v", len(res.Problems), res.Problems[0])
	}
}

func TestSummary(t *testing.T) {
	res := read(t, Options{}, "title_trailer.csv")
	got := res.Summary()
	want := Summary{Won: 2, Lost: 1, Open: 1, First: date(2024, 1, 15), Last: date(2024, 3, 2), LastOpen: date(2024, 6, 30), Accounts: 2}
	if got != want {
		t.Errorf("Summary() = %+v, want %+v", got, want)
	}
}

func TestReadMixedLineEnds(t *testing.T) {
	// CR alone (old Mac), CRLF and LF in one file.
	res := read(t, Options{}, "mixed_line_ends.csv")
	equalBriefs(t, res, []brief{{"A", "2024-01-01", 5, Won}, {"B", "2024-01-02", 6, Won}, {"C", "2024-01-03", 7, Won}})
	if res.Deals[2].Row != 4 {
		t.Errorf("row of C = %d, want 4", res.Deals[2].Row)
	}
}

// Rows are numbered as a spreadsheet shows them, one per record, whatever
// line breaks quoted cells hold: in the first cell, a middle one or the
// last.
func TestReadLineBreaksInCells(t *testing.T) {
	p := filepath.Join(t.TempDir(), "breaks.csv")
	mustWrite(t, p, []byte("Account,Notes,Close Date,Amount\n"+
		"\"A\nCo\",x,2024-01-01,5\n"+
		"B,\"one\ntwo\",2024-01-02,6\n"+
		"C,x,2024-01-03,7\n"+
		"D,\"x\ny\nz\",2024-01-04,\"8\n\n\"\n"+
		"E,x,2024-01-05,9\n"))
	res := read(t, Options{}, p)
	want := []int32{2, 3, 4, 5, 6}
	if len(res.Deals) != len(want) {
		t.Fatalf("%d deals, want %d: %+v", len(res.Deals), len(want), res.Problems)
	}
	for i, d := range res.Deals {
		if d.Row != want[i] {
			t.Errorf("deal %d (amount %g) on row %d, want %d", i, d.Amount, d.Row, want[i])
		}
	}
}

func TestReadStrayQuote(t *testing.T) {
	// The quote before B opens a cell that swallows the rest of the file:
	// reported, not read as a deal, never silent.
	res := read(t, Options{}, "stray_quote.csv")
	equalBriefs(t, res, []brief{{`A "quoted`, "2024-01-01", 5, Won}})
	equalStrings(t, "problems", kinds(res), []string{"03 stray quote skipped: fix the quote in the file"})
	if !res.Problems[0].Required || !strings.Contains(res.Problems[0].Value, "C,2024-01-03") {
		t.Errorf("problem %+v", res.Problems[0])
	}
}

func TestProblemValuesAreBounded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.csv")
	mustWrite(t, p, []byte("Account,Close Date,Amount\nA,2024-01-01,"+strings.Repeat("x", 10<<20)+"\n"))
	res := read(t, Options{}, p)
	if len(res.Problems) != 1 || len([]rune(res.Problems[0].Value)) != maxValue+1 {
		t.Fatalf("problems %d, value of %d runes", len(res.Problems), len([]rune(res.Problems[0].Value)))
	}
}

func TestProblemGroups(t *testing.T) {
	res := read(t, Options{}, "bad_rows.csv")
	g := res.Groups()
	if len(g) != 7 || !g[0].Required || g[len(g)-1].Required {
		t.Fatalf("groups %+v: required first", g)
	}
	if g[0].Kind != "no account" || g[0].N != 1 || len(g[0].First) != 1 || g[0].First[0].Row != 3 {
		t.Errorf("first group %+v", g[0])
	}
}

// Deal ids are kept beside the deals: after rows are dropped (a date that
// does not fit the column's day/month order, a duplicate) and line items
// merged, deal i still has its own row's id.
func TestDealIDsStayWithTheirDeals(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	mustWrite(t, a, []byte(`Deal ID,Account,Close Date,Amount
R2,Acme,13/01/2024,10
R3,Birch,14/01/2024,20
R4,Cedar,01/13/2024,30
R5,Dune,05/02/2024,40
R2,Acme,13/01/2024,10
R5,Dune,05/02/2024,5
,Elm,06/02/2024,50
R9,Fir,07/02/2024,60
`))
	mustWrite(t, b, []byte(`Deal ID,Account,Close Date,Amount
R9,Fir,07/02/2024,60
S3,Gale,2024-03-01,70
`))
	res := read(t, Options{}, a, b)
	want := []struct {
		id     string
		file   int32
		row    int32
		amount float64
	}{
		{"R2", 0, 2, 10}, {"R3", 0, 3, 20}, {"R5", 0, 5, 45}, {"", 0, 8, 50}, {"R9", 0, 9, 60}, {"S3", 1, 3, 70},
	}
	if len(res.Deals) != len(want) {
		t.Fatalf("%d deals, want %d: %+v", len(res.Deals), len(want), kinds(res))
	}
	for i, w := range want {
		d := res.Deals[i]
		if got := res.DealID(i); got != w.id || d.File != w.file || d.Row != w.row || d.Amount != w.amount {
			t.Errorf("deal %d: id %q, file %d row %d, amount %g; want %q, file %d row %d, amount %g",
				i, got, d.File, d.Row, d.Amount, w.id, w.file, w.row, w.amount)
		}
	}
}

// A million deals are held in memory at once: each is 48 bytes, with its id
// beside it (Result.DealID) and what deals share in the History's tables,
// and holds no pointer for the collector to trace.
func TestDealSize(t *testing.T) {
	if n := unsafe.Sizeof(Deal{}); n != 48 {
		t.Errorf("a Deal is %d bytes, want 48", n)
	}
	ty := reflect.TypeFor[Deal]()
	for i := range ty.NumField() {
		switch f := ty.Field(i); f.Type.Kind() {
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint8, reflect.Float64:
		default:
			t.Errorf("Deal.%s is a %s: a deal holds numbers only", f.Name, f.Type)
		}
	}
}

// lineEnds turns CRLF and lone CR into LF, however the input is cut into
// reads (a CR at the end of one read and its LF at the start of the next).
func TestLineEnds(t *testing.T) {
	in := "a,b\r\nc,d\re,f\n\r\ng\r\r\nh"
	want := "a,b\nc,d\ne,f\n\ng\n\nh"
	for name, r := range map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"halves":   iotest.HalfReader,
	} {
		got, err := io.ReadAll(&lineEnds{r: r(strings.NewReader(in))})
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}

// Past the first 1,024 ids the id array is sized for the rest at once: the
// ids read back the same on either side.
func TestManyDealIDs(t *testing.T) {
	var b strings.Builder
	b.WriteString("Deal ID,Account,Close Date,Amount\n")
	const n = 3000
	for i := range n {
		fmt.Fprintf(&b, "ID-%d%s,Acme,2024-01-%02d,%d\n", i, strings.Repeat("x", i%7), 1+i%28, i)
	}
	p := filepath.Join(t.TempDir(), "many.csv")
	mustWrite(t, p, []byte(b.String()))
	res := read(t, Options{}, p)
	if len(res.Deals) != n {
		t.Fatalf("%d deals, want %d", len(res.Deals), n)
	}
	for i := range n {
		if want := fmt.Sprintf("ID-%d%s", i, strings.Repeat("x", i%7)); res.DealID(i) != want || res.Deals[i].Amount != float64(i) {
			t.Fatalf("deal %d: id %q amount %g, want %q and %d", i, res.DealID(i), res.Deals[i].Amount, want, i)
		}
	}
}

// TestHashRow: rows alike but for spaces around cells hash alike; moving
// a cell bound, a value or the order of cells changes the hash.
func TestHashRow(t *testing.T) {
	seed := maphash.MakeSeed()
	h := func(cells ...string) uint64 { v, _ := hashRow(seed, cells); return v }
	base := h("D-1", "Acme", "2024-01-05", "$100")
	if got := h(" D-1", "Acme ", "2024-01-05", "\t$100"); got != base {
		t.Errorf("spaces around cells changed the hash")
	}
	for _, other := range [][]string{
		{"D-1A", "cme", "2024-01-05", "$100"},
		{"D-1", "Acme", "2024-01-06", "$100"},
		{"Acme", "D-1", "2024-01-05", "$100"},
		{"D-1", "Acme", "2024-01-05", "$100", ""},
		{"D-1", "Acme", "2024-01-05"},
	} {
		if h(other...) == base {
			t.Errorf("%q hashes as the base row", other)
		}
	}
	if _, n := hashRow(seed, []string{"a", " ", "", "b"}); n != 2 {
		t.Errorf("non-blank cells = %d, want 2", n)
	}
}

// TestFirstOfIDs holds the sorted look-up of deal ids to a map from each
// id to its first deal, with ids repeated, missing, and hashes that share
// their top bits (here: hashes of a few values only).
func TestFirstOfIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 4))
	seed := maphash.MakeSeed()
	for _, collide := range []bool{false, true} {
		hash := func(b []byte) uint64 { return maphash.Bytes(seed, b) }
		if collide {
			hash = func(b []byte) uint64 { return maphash.Bytes(seed, b) % 5 << 40 }
		}
		for _, n := range []int{0, 1, 2, 100, 5000} {
			var s ids
			for range n {
				id := ""
				if rng.IntN(10) > 0 {
					id = fmt.Sprintf("D-%d", rng.IntN(n/2+1))
				}
				s.add(id)
			}
			got := firstOfIDs(&s, n, hash)
			first := map[string]int32{}
			for i := range n {
				id := string(s.of(i))
				want := int32(-1)
				if f, ok := first[id]; ok && id != "" {
					want = f
				} else if id != "" {
					first[id] = int32(i)
				}
				if got[i] != want {
					t.Fatalf("collide %v, n %d: firstOf[%d] (id %q) = %d, want %d", collide, n, i, id, got[i], want)
				}
			}
		}
	}
}

// TestRadixSort sorts by the bits from lo up, keeping the order of keys
// equal there, for odd and even numbers of passes.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 6))
	for _, lo := range []uint{0, 20, 31, 42, 53, 63} {
		keys := make([]uint64, 3000)
		for i := range keys {
			keys[i] = rng.Uint64()>>lo<<lo | uint64(rng.IntN(1<<min(lo, 8)))
			if i%7 == 0 && i > 0 { // equal high bits, different low ones
				keys[i] = keys[i-1]>>lo<<lo | uint64(rng.IntN(1<<min(lo, 8)))
			}
		}
		want := slices.Clone(keys)
		slices.SortStableFunc(want, func(a, b uint64) int { return cmp.Compare(a>>lo, b>>lo) })
		radixSort(keys, lo)
		if !slices.Equal(keys, want) {
			t.Errorf("lo %d: not sorted stably by the high bits", lo)
		}
	}
}

// A row with cells past the header's width is kept and reported, with
// how many cells it has.
func TestReadRaggedRow(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ragged.csv")
	mustWrite(t, p, []byte("Account,Close Date,Amount\nAcme,2024-01-05,100\nBeta,2024-02-05,200,oops\nGamma,2024-03-05,300,,\n"))
	res, err := Read(context.Background(), []string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deals) != 3 || len(res.Problems) != 1 {
		t.Fatalf("%d deals, problems %+v", len(res.Deals), res.Problems)
	}
	if pr := res.Problems[0]; pr.Row != 3 || pr.Kind != "row has more cells than the header" || pr.Detail != "4 cells, the header has 3" || pr.Value != "oops" {
		t.Errorf("problem %+v", pr)
	}
}

// A currency column is read like a symbol in the cell: several currencies
// are refused with their row counts, and converted by currency_rates; a
// converted amount is preferred, and its file's currency column not read.
func TestReadCurrencyColumn(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "payments.csv")
	mustWrite(t, p, []byte("Customer,Created,Amount,Currency\nA,2024-01-01,100,usd\nB,2024-01-02,90,eur\nC,2024-01-03,50,eur\n"))
	_, err := Read(context.Background(), []string{p}, Options{})
	if err == nil || !strings.Contains(err.Error(), `found several in column "Amount": EUR in 2 rows (first row 3), USD in 1 row (first row 2)`) {
		t.Fatalf("err = %v", err)
	}
	res, err := Read(context.Background(), []string{p}, Options{CurrencyRates: map[string]float64{"EUR": 1.1, "USD": 1}})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, d := range res.Deals {
		total += d.Amount
	}
	if math.Abs(total-254) > 1e-9 || res.Currency != "" {
		t.Errorf("converted total %v (want 254), currency %q", total, res.Currency)
	}
	q := filepath.Join(dir, "stripe.csv")
	mustWrite(t, q, []byte("Customer,Created,Amount,Currency,Converted Amount,Converted Currency\nA,2024-01-01,100,usd,100,usd\nB,2024-01-02,90,eur,97.2,usd\n"))
	res, err = Read(context.Background(), []string{q}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Files[0]; f.Header(FieldAmount) != "Converted Amount" || f.Header(FieldCurrency) != "" {
		t.Errorf("columns %+v", f.Columns)
	}
	one := filepath.Join(dir, "one.csv")
	mustWrite(t, one, []byte("Customer,Created,Amount,Currency\nA,2024-01-01,100,EUR\nB,2024-01-02,90,eur\n"))
	if res = read(t, Options{}, one); res.Currency != "EUR" {
		t.Errorf("currency %q, want EUR", res.Currency)
	}
}

// A file names its currency in a title block or the amount's header.
func TestReadDeclaredCurrency(t *testing.T) {
	dir := t.TempDir()
	for text, want := range map[string]string{
		"Pipeline report\nCurrency: usd\n\nAccount,Close Date,Amount\nA,2024-01-01,100\n":                        "USD",
		"Account,Close Date,Amount (EUR)\nA,2024-01-01,100\n":                                                    "EUR",
		"Account,Close Date,Amount\nA,2024-01-01,100\n":                                                          "",
		"Currency: usd\nAccount,Close Date,Amount\nA,2024-01-01,£100\n":                                          "GBP",
		"Exported 2026-01-05 · All opportunities · Currency: USD\nAccount,Close Date,Amount\nA,2024-01-01,100\n": "USD",
		"Account,Close Date,Amount (net)\nA,2024-01-01,100\n":                                                    "",
	} {
		p := filepath.Join(dir, "f.csv")
		mustWrite(t, p, []byte(text))
		res, err := Read(context.Background(), []string{p}, Options{})
		if err != nil || res.Currency != want {
			t.Errorf("%q: currency %q, %v; want %q", text, res.Currency, err, want)
		}
	}
}

// currency: names the report's currency where the data does not, and may
// not contradict it.
func TestReadConfiguredCurrency(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f.csv")
	mustWrite(t, p, []byte("Account,Close Date,Amount\nA,2024-01-01,100\n"))
	if res, err := Read(context.Background(), []string{p}, Options{Currency: "chf"}); err != nil || res.Currency != "CHF" {
		t.Errorf("currency %v, %v", res, err)
	}
	mustWrite(t, p, []byte("Account,Close Date,Amount\nA,2024-01-01,€100\n"))
	if _, err := Read(context.Background(), []string{p}, Options{Currency: "USD"}); err == nil || !strings.Contains(err.Error(), "the amounts are in EUR, but the configuration says the currency is USD") {
		t.Errorf("err = %v", err)
	}
	if res, err := Read(context.Background(), []string{p}, Options{Currency: "USD", CurrencyRates: map[string]float64{"EUR": 1.1}}); err != nil || res.Currency != "USD" || math.Abs(res.Deals[0].Amount-110) > 1e-9 {
		t.Errorf("converted: %v %v", res, err)
	}
}

// Dates written with dots are day-first where nothing else decides:
// month-first locales never write them.
func TestReadDottedDatesAreDayFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "de.csv")
	mustWrite(t, path, []byte("Kunde;Datum;Betrag;Phase\nA;03.01.2024;10;gewonnen\nB;05.02.2025;20;gewonnen\n"))
	res := read(t, Options{}, path)
	equalBriefs(t, res, []brief{{"A", "2024-01-03", 10, Won}, {"B", "2025-02-05", 20, Won}})
	if res.Files[0].DateOrder != "D/M/Y" {
		t.Errorf("date order %q", res.Files[0].DateOrder)
	}
	// Slashes still default to month-first.
	mustWrite(t, path, []byte("Account,Date,Amount,Stage\nA,03/01/2024,10,Won\n"))
	if d := read(t, Options{}, path).Deals[0].Close.String(); d != "2024-03-01" {
		t.Errorf("03/01/2024 read as %s", d)
	}
}
