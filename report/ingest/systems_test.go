package ingest

import (
	"context"
	"path/filepath"
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
	}{
		{"salesforce_report.csv", map[Field]string{FieldAccount: "Account Name: Account Name", FieldCloseDate: "Close Date", FieldAmount: "Amount", FieldStage: "Stage", FieldOwner: "Opportunity Owner: Full Name"}, 2, 1, 1, 3},
		{"hubspot_deals.csv", map[Field]string{FieldAccount: "Associated Company (Primary)", FieldCloseDate: "Close Date", FieldAmount: "Amount in company currency", FieldStage: "Deal Stage", FieldDealID: "Record ID", FieldOwner: "Deal owner"}, 1, 1, 1, 3},
		{"pipedrive_de.csv", map[Field]string{FieldAccount: "Deal - Organisation", FieldCloseDate: "Deal - Gewonnen am", FieldAmount: "Deal - Wert", FieldStage: "Deal - Status", FieldOwner: "Deal - Besitzer"}, 1, 1, 0, 2},
		{"pipedrive_cz.csv", map[Field]string{FieldAccount: "Obchod - Organizace", FieldCloseDate: "Obchod - Datum výhry", FieldAmount: "Obchod - Hodnota", FieldStage: "Obchod - Stav"}, 1, 1, 0, 2},
		{"pipedrive_fr.csv", map[Field]string{FieldAccount: "Affaire - Organisation", FieldCloseDate: "Affaire - Date de clôture", FieldAmount: "Affaire - Valeur", FieldStage: "Affaire - Statut"}, 1, 1, 1, 3},
		{"zoho_crm.csv", map[Field]string{FieldAccount: "Account Name", FieldCloseDate: "Closing Date", FieldAmount: "Amount", FieldStage: "Stage", FieldOwner: "Deal Owner"}, 1, 1, 1, 3},
		{"zoho_invoice.csv", map[Field]string{FieldAccount: "Customer Name", FieldCloseDate: "Invoice Date", FieldAmount: "Total", FieldStage: "Invoice Status", FieldDealID: "Invoice Number"}, 2, 1, 1, 3},
		{"dynamics365.csv", map[Field]string{FieldAccount: "Potential Customer", FieldCloseDate: "Actual Close Date", FieldAmount: "Actual Revenue", FieldStage: "Status", FieldOwner: "Owner"}, 1, 1, 0, 2},
		{"odoo_sales.csv", map[Field]string{FieldAccount: "Customer", FieldCloseDate: "Creation Date", FieldAmount: "Total", FieldStage: "Status", FieldDealID: "Order Reference", FieldOwner: "Salesperson"}, 2, 1, 1, 3},
		{"quickbooks.csv", map[Field]string{FieldAccount: "Customer", FieldCloseDate: "Date", FieldAmount: "Amount", FieldDealID: "Num"}, 3, 0, 0, 3},
		{"woocommerce.csv", map[Field]string{FieldAccount: "Billing Email", FieldCloseDate: "Order Date", FieldAmount: "Order Total", FieldStage: "Order Status", FieldDealID: "Order Number"}, 1, 2, 1, 3},
		{"stripe_payments.csv", map[Field]string{FieldAccount: "Customer ID", FieldCloseDate: "Created (UTC)", FieldAmount: "Converted Amount", FieldStage: "Status", FieldDealID: "id"}, 2, 1, 0, 2},
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
			for _, st := range res.Files[0].Stages {
				if st.Unrecognised {
					t.Errorf("stage %q not recognised", st.Value)
				}
			}
		})
	}
}
