package ingest

import "testing"

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		header string
		want   Field
	}{
		// Generic.
		{"Account", FieldAccount}, {"Company", FieldAccount}, {"Customer", FieldAccount}, {"Client", FieldAccount},
		{"Organization", FieldAccount}, {"Close Date", FieldCloseDate}, {"Date", FieldCloseDate},
		{"Amount", FieldAmount}, {"Value", FieldAmount}, {"Revenue", FieldAmount}, {"Sales", FieldAmount},
		{"Total", FieldAmount}, {"dollar_value", FieldAmount}, {"Stage", FieldStage}, {"Status", FieldStage},
		{"Referred By", FieldReferredBy}, {"Referrer", FieldReferredBy}, {"Referral Account", FieldReferredBy},
		{"List Price", FieldListPrice}, {"Discount", FieldDiscount}, {"Discount %", FieldDiscount},
		{"Concession", FieldDiscount}, {"Negotiation Approach", FieldApproach}, {"Negotiation Style", FieldApproach},
		{"Approach", FieldApproach}, {"Segment", FieldSegment}, {"Industry", FieldSegment}, {"Region", FieldSegment},
		{"Sector", FieldSegment}, {"Country", FieldSegment}, {"Rep", FieldOwner}, {"Sales Agent", FieldOwner},
		{"Channel", FieldLeadSource}, {"Source", FieldLeadSource},
		// Salesforce API names.
		{"AccountId", FieldAccount}, {"StageName", FieldStage}, {"CloseDate", FieldCloseDate},
		{"IsWon", FieldIsWon}, {"IsClosed", FieldIsClosed}, {"LeadSource", FieldLeadSource}, {"Type", FieldDealType},
		{"Id", FieldDealID}, {"OwnerId", FieldOwner},
		// Salesforce report labels.
		{"Account Name", FieldAccount}, {"Opportunity Owner", FieldOwner}, {"Opportunity ID", FieldDealID},
		{"Lead Source", FieldLeadSource}, {"Closed On", FieldCloseDate},
		// HubSpot.
		{"Record ID", FieldDealID}, {"Deal Stage", FieldStage}, {"Associated Company", FieldAccount},
		{"Deal owner", FieldOwner}, {"Original Source Type", FieldLeadSource}, {"Deal Type", FieldDealType},
		// Pipedrive.
		{"Deal - Organization", FieldAccount}, {"Deal - Value", FieldAmount}, {"Deal - Won time", FieldCloseDate},
		{"Deal - Status", FieldStage}, {"Deal - Owner", FieldOwner}, {"Deal - ID", FieldDealID},
		// Invoice lines.
		{"InvoiceNo", FieldDealID}, {"CustomerID", FieldAccount}, {"customer_id", FieldAccount},
		{"InvoiceDate", FieldCloseDate}, {"Quantity", FieldQuantity}, {"UnitPrice", FieldUnitPrice},
		{"Order Date", FieldCloseDate}, {"Order ID", FieldDealID},
		// Names that are not fields: above all, an opportunity's own name.
		{"Name", FieldNone}, {"Opportunity Name", FieldNone}, {"Deal Name", FieldNone}, {"Deal - Title", FieldNone},
		{"Description", FieldNone}, {"Probability", FieldNone}, {"", FieldNone}, {"  ", FieldNone},
		{"ExpectedRevenue", FieldNone}, {"number_of_cds", FieldNone},
		// Case, spacing and punctuation do not matter.
		{"  ACCOUNT_NAME ", FieldAccount}, {"close-date", FieldCloseDate}, {"Close Date:", FieldCloseDate},
	}
	for _, tt := range tests {
		if got, _ := MatchHeader(tt.header); got != tt.want {
			t.Errorf("MatchHeader(%q) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestMatchHeaderRank(t *testing.T) {
	// When two columns name one field, the better synonym wins: "Account
	// Name" over "AccountId", "Industry" over "Country".
	_, a := MatchHeader("Account Name")
	_, b := MatchHeader("AccountId")
	if a >= b {
		t.Errorf("Account Name rank %d not better than AccountId rank %d", a, b)
	}
	_, c := MatchHeader("Deal - Organization")
	_, d := MatchHeader("Organization")
	if c <= d {
		t.Errorf("a prefixed header (rank %d) should rank below the bare one (%d)", c, d)
	}
}

func TestParseField(t *testing.T) {
	for _, f := range Fields {
		got, ok := ParseField(f.String())
		if !ok || got != f {
			t.Errorf("ParseField(%q) = %v %v", f.String(), got, ok)
		}
	}
	if _, ok := ParseField("acount"); ok {
		t.Error("ParseField accepted a misspelt field")
	}
}
