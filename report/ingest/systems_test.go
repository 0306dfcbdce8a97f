package ingest

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Each system's export, written to its documented columns, is read with
// no configuration: the columns each field is read from, and the deals
// by stage.
func TestReadSystemsExports(t *testing.T) {
	tests := []struct {
		file            string
		columns         map[Field]string
		won, lost, open int
		accounts        int
		revenue         float64 // of the won deals, when not 0
	}{
		{"salesforce_report.csv", map[Field]string{FieldAccount: "Account Name: Account Name", FieldCloseDate: "Close Date", FieldAmount: "Amount", FieldStage: "Stage", FieldOwner: "Opportunity Owner: Full Name"}, 2, 1, 1, 3, 0},
		{"hubspot_deals.csv", map[Field]string{FieldAccount: "Associated Company (Primary)", FieldCloseDate: "Close Date", FieldAmount: "Amount in company currency", FieldStage: "Deal Stage", FieldDealID: "Record ID", FieldOwner: "Deal owner", FieldAccountAlt: "Associated Company Domain"}, 2, 1, 1, 4, 1870},
		// A blank company falls back to the email.
		{"woocommerce_company.csv", map[Field]string{FieldAccount: "Billing Company", FieldAccountAlt: "Billing Email"}, 3, 0, 0, 2, 230},
		{"pipedrive_de.csv", map[Field]string{FieldAccount: "Deal - Organisation", FieldCloseDate: "Deal - Gewonnen am", FieldAmount: "Deal - Wert", FieldStage: "Deal - Status", FieldOwner: "Deal - Besitzer"}, 1, 1, 0, 2, 0},
		{"pipedrive_cz.csv", map[Field]string{FieldAccount: "Obchod - Organizace", FieldCloseDate: "Obchod - Datum výhry", FieldAmount: "Obchod - Hodnota", FieldStage: "Obchod - Stav"}, 1, 1, 0, 2, 0},
		{"pipedrive_fr.csv", map[Field]string{FieldAccount: "Affaire - Organisation", FieldCloseDate: "Affaire - Date de clôture", FieldAmount: "Affaire - Valeur", FieldStage: "Affaire - Statut"}, 1, 1, 1, 3, 0},
		{"zoho_crm.csv", map[Field]string{FieldAccount: "Account Name", FieldCloseDate: "Closing Date", FieldAmount: "Amount", FieldStage: "Stage", FieldOwner: "Deal Owner"}, 1, 1, 1, 3, 0},
		{"zoho_invoice.csv", map[Field]string{FieldAccount: "Customer Name", FieldCloseDate: "Invoice Date", FieldAmount: "Total", FieldStage: "Invoice Status", FieldDealID: "Invoice Number"}, 2, 1, 1, 3, 0},
		{"dynamics365.csv", map[Field]string{FieldAccount: "Potential Customer", FieldCloseDate: "Actual Close Date", FieldAmount: "Actual Revenue", FieldStage: "Status", FieldOwner: "Owner"}, 1, 1, 0, 2, 0},
		{"odoo_sales.csv", map[Field]string{FieldAccount: "Customer", FieldCloseDate: "Creation Date", FieldAmount: "Total", FieldStage: "Status", FieldDealID: "Order Reference", FieldOwner: "Salesperson"}, 2, 1, 1, 3, 0},
		{"quickbooks.csv", map[Field]string{FieldAccount: "Customer", FieldCloseDate: "Date", FieldAmount: "Amount", FieldDealID: "Num"}, 3, 0, 0, 3, 0},
		// A report grouped by customer: headings name the account, subtotals not counted.
		{"quickbooks_sales_by_customer.csv", map[Field]string{FieldAccount: groupedLabel, FieldCloseDate: "Date", FieldAmount: "Amount"}, 5, 0, 0, 3, 885},
		// A transaction list: payments, deposits and estimates not read; a credit memo nets.
		{"quickbooks_transactions.csv", map[Field]string{FieldTransactionType: "Transaction Type", FieldAmount: "Amount"}, 4, 0, 0, 3, 2100},
		{"woocommerce.csv", map[Field]string{FieldAccount: "Billing Email", FieldCloseDate: "Order Date", FieldAmount: "Order Total", FieldStage: "Order Status", FieldDealID: "Order Number"}, 1, 2, 1, 3, 0},
		{"stripe_payments.csv", map[Field]string{FieldAccount: "Customer ID", FieldCloseDate: "Created (UTC)", FieldAmount: "Converted Amount", FieldStage: "Status", FieldDealID: "id"}, 2, 1, 0, 2, 197.2},
		// An order total repeated on each line is counted once.
		{"xero_invoices.csv", map[Field]string{FieldAccount: "*ContactName", FieldCloseDate: "*InvoiceDate", FieldAmount: "Total", FieldDealID: "*InvoiceNumber"}, 2, 0, 0, 2, 380},
		// Stripe: the converted refund netted from the converted amount.
		{"stripe_refunds.csv", map[Field]string{FieldAmount: "Converted Amount", FieldRefunded: "Converted Amount Refunded"}, 2, 1, 0, 2, 148.6},
		// Lines after an order's first leave its total and status blank.
		{"shopify_orders.csv", map[Field]string{FieldAccount: "Email", FieldCloseDate: "Paid at", FieldAmount: "Total", FieldStage: "Financial Status", FieldDealID: "Name"}, 2, 0, 0, 1, 125},
		// Refunds netted; refunded in full or cancelled: not a sale.
		{"shopify_refunds.csv", map[Field]string{FieldRefunded: "Refunded Amount", FieldCancelledAt: "Cancelled at"}, 2, 3, 0, 5, 150},
		// Stripe: the converted refund netted from the converted amount.
		{"stripe_refunds.csv", map[Field]string{FieldAmount: "Converted Amount", FieldRefunded: "Converted Amount Refunded"}, 2, 1, 0, 2, 148.6},
		// Lines after an order's first leave its total blank, status written.
		{"sales_orders_lines.csv", map[Field]string{FieldAccount: "CUSTOMERNAME", FieldCloseDate: "ORDERDATE", FieldAmount: "ORDERTOTAL", FieldStage: "STATUS", FieldDealID: "ORDERNUMBER"}, 2, 0, 1, 3, 1500},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Read(context.Background(), []string{filepath.Join("testdata", "systems", tt.file)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[Field]string{}
			for _, m := range res.Files[0].Columns {
				got[m.Field] = m.Header
			}
			for f, h := range tt.columns {
				if got[f] != h {
					t.Errorf("%s ← %q, want %q (columns %v)", f, got[f], h, res.Files[0].Columns)
				}
			}
			s := res.Summary()
			if s.Won != tt.won || s.Lost != tt.lost || s.Open != tt.open || s.Accounts != tt.accounts {
				t.Errorf("won %d lost %d open %d accounts %d, want %d %d %d %d; stages %+v; problems %+v",
					s.Won, s.Lost, s.Open, s.Accounts, tt.won, tt.lost, tt.open, tt.accounts, res.Files[0].Stages, res.Problems)
			}
			if tt.revenue != 0 {
				rev := 0.0
				for _, d := range res.Deals {
					if d.Stage == Won {
						rev += d.Amount
					}
				}
				if math.Abs(rev-tt.revenue) > 1e-9 {
					t.Errorf("revenue %v, want %v", rev, tt.revenue)
				}
			}
			if !res.Usable() {
				t.Errorf("errors in required fields: %+v", res.Problems)
			}
			for _, st := range res.Files[0].Stages {
				if st.Unrecognised {
					t.Errorf("stage %q not recognised", st.Value)
				}
			}
		})
	}
}

// Shopify's order name is the deal id (systemColumns) unless
// dealaudit.yaml names another column, or names the Name column as
// something else.
func TestSystemColumnsYieldToConfig(t *testing.T) {
	path := filepath.Join("testdata", "systems", "shopify_orders.csv")
	for _, tt := range []struct {
		named map[Field]ColumnRef
		want  string
	}{
		{nil, "Name"},
		{map[Field]ColumnRef{FieldDealID: {Header: "Id"}}, "Id"},
		{map[Field]ColumnRef{FieldOwner: {Header: "Name"}}, "Id"},
		{map[Field]ColumnRef{FieldDealID: {None: true}}, ""},
	} {
		res, err := Read(context.Background(), []string{path}, Options{Columns: tt.named})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, m := range res.Files[0].Columns {
			if m.Field == FieldDealID {
				got = m.Header
			}
		}
		if got != tt.want {
			t.Errorf("named %v: deal_id ← %q, want %q", tt.named, got, tt.want)
		}
	}
}

// A normalised export: orders (account, date, status) and order lines
// (amounts) joined on the order id; either alone stops with the fix.
func TestReadOrdersAndLines(t *testing.T) {
	dir := filepath.Join("testdata", "systems")
	orders, lines := filepath.Join(dir, "orders.csv"), filepath.Join(dir, "order_items.csv")
	res, err := Read(context.Background(), []string{orders, lines}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, d := range res.Deals {
		got[res.AccountOf(&d).Name+" "+d.Stage.String()] += d.Amount
	}
	want := map[string]float64{"ACME won": 100, "BETA won": 200, "ACME lost": 50}
	if len(got) != len(want) || got["ACME won"] != 100 || got["BETA won"] != 200 || got["ACME lost"] != 50 {
		t.Errorf("deals %v, want %v", got, want)
	}
	var kinds []string
	for _, p := range res.Problems {
		kinds = append(kinds, p.Kind)
	}
	if !slices.Contains(kinds, "order without lines") || !slices.Contains(kinds, "lines without an order") {
		t.Errorf("problems %v", kinds)
	}
	if _, err := Read(context.Background(), []string{orders}, Options{}); err == nil || !strings.Contains(err.Error(), "give both files") {
		t.Errorf("orders alone: %v", err)
	}
	if _, err := Read(context.Background(), []string{lines}, Options{}); err == nil || !strings.Contains(err.Error(), "give both files") {
		t.Errorf("lines alone: %v", err)
	}
}

// Rows of a transaction list are read by their type: sales, credits, and
// kinds that are not sales (not read, one quality row per type with its
// count); a type not recognised is read as a sale and named.
func TestTransactionKinds(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tx.csv")
	csv := "Date,Transaction Type,Customer,Amount\n" +
		"2024-01-05,Invoice,Acme,100\n2024-01-20,Payment,Acme,100\n2024-02-05,Receive Payment,Acme,50\n" +
		"2024-03-01,Refund Receipt,Acme,-30\n2024-03-02,Journal Entry,Acme,999\n2024-04-01,Barter,Acme,7\n"
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	res := read(t, Options{}, p)
	equalBriefs(t, res, []brief{{"Acme", "2024-01-05", 100, Won}, {"Acme", "2024-03-01", -30, Won}, {"Acme", "2024-04-01", 7, Won}})
	want := []KindCount{{"Barter", 1, true, true}, {"Invoice", 1, true, false}, {"Journal Entry", 1, false, false},
		{"Payment", 1, false, false}, {"Receive Payment", 1, false, false}, {"Refund Receipt", 1, true, false}}
	if !slices.Equal(res.Files[0].Kinds, want) {
		t.Errorf("kinds %+v, want %+v", res.Files[0].Kinds, want)
	}
	var notSales, unknown []string
	for _, q := range res.Problems {
		switch q.Kind {
		case "not a sale":
			notSales = append(notSales, q.Value+": "+q.Detail)
		case "transaction type not recognised":
			unknown = append(unknown, q.Value)
		}
	}
	if len(notSales) != 3 || !strings.HasPrefix(notSales[1], "Payment: 1 row of this") || !slices.Equal(unknown, []string{"Barter"}) {
		t.Errorf("quality rows: not a sale %q, not recognised %q", notSales, unknown)
	}
}

// A blank first header is a grouped report only when the rows are grouped:
// an unnamed index column (pandas' to_csv) is not an account column.
func TestGroupedReportNeedsGroups(t *testing.T) {
	p := filepath.Join(t.TempDir(), "index.csv")
	if err := os.WriteFile(p, []byte(",Date,Amount\n0,2024-01-05,100\n1,2024-02-05,200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(context.Background(), []string{p}, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Missing == nil || fe.Missing.Fields[0] != FieldAccount {
		t.Fatalf("an index column read as accounts: err %v", err)
	}
	res := read(t, Options{}, filepath.Join("systems", "quickbooks_sales_by_customer.csv"))
	names := map[string]bool{}
	for _, d := range res.Deals {
		names[res.AccountOf(&d).Name] = true
	}
	if len(names) != 3 || !names["Amy's Bird Sanctuary"] || !names["Cool Cars"] {
		t.Errorf("accounts %v", names)
	}
	kinds := map[string]string{}
	for _, q := range res.Problems {
		kinds[q.Kind] = q.Detail
	}
	if kinds["report grouped by customer"] != "3 customer heading rows: each names the account of the rows below it" ||
		kinds["subtotal rows"] != "4 rows of totals (Total for …)" {
		t.Errorf("quality rows %v", kinds)
	}
}
