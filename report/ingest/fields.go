package ingest

import (
	"strings"
	"unicode"
)

// Field is a piece of a deal that a column can feed.
type Field uint8

const (
	FieldNone Field = iota
	FieldAccount
	FieldCloseDate
	FieldAmount
	FieldStage
	FieldIsWon
	FieldIsClosed
	FieldDealID
	FieldLeadSource
	FieldReferredBy
	FieldDealType
	FieldOwner
	FieldListPrice
	FieldDiscount
	FieldApproach
	FieldSegment
	FieldQuantity
	FieldUnitPrice
	numFields
)

// Fields lists every field in the order reports show them.
var Fields = []Field{
	FieldAccount, FieldCloseDate, FieldAmount, FieldStage, FieldIsWon, FieldIsClosed,
	FieldDealID, FieldLeadSource, FieldReferredBy, FieldDealType, FieldOwner,
	FieldListPrice, FieldDiscount, FieldApproach, FieldSegment, FieldQuantity, FieldUnitPrice,
}

var fieldNames = [numFields]string{
	FieldNone:       "none",
	FieldAccount:    "account",
	FieldCloseDate:  "close_date",
	FieldAmount:     "amount",
	FieldStage:      "stage",
	FieldIsWon:      "is_won",
	FieldIsClosed:   "is_closed",
	FieldDealID:     "deal_id",
	FieldLeadSource: "lead_source",
	FieldReferredBy: "referred_by",
	FieldDealType:   "deal_type",
	FieldOwner:      "owner",
	FieldListPrice:  "list_price",
	FieldDiscount:   "discount",
	FieldApproach:   "approach",
	FieldSegment:    "segment",
	FieldQuantity:   "quantity",
	FieldUnitPrice:  "unit_price",
}

// String returns the field's name as used in dealaudit.yaml.
func (f Field) String() string {
	if f < numFields {
		return fieldNames[f]
	}
	return "?"
}

// ParseField returns the field with the given config name.
func ParseField(name string) (Field, bool) {
	for _, f := range Fields {
		if fieldNames[f] == name {
			return f, true
		}
	}
	return FieldNone, false
}

// synonyms lists, per field, the folded header names that mean it, best
// first. A header matches after folding (see foldHeader); when several
// columns match one field, the one with the earlier synonym wins.
var synonyms = [numFields][]string{
	FieldAccount: {"account", "accountname", "company", "companyname", "associatedcompany",
		"customer", "customername", "client", "clientname", "organization", "organisation",
		"organizationname", "accountid", "customerid", "clientid", "companyid"},
	FieldCloseDate: {"closedate", "closedon", "closeddate", "dateclosed", "wontime", "wondate",
		"invoicedate", "orderdate", "date", "saledate", "transactiondate", "purchasedate"},
	FieldAmount: {"amount", "dealvalue", "closevalue", "value", "revenue", "sales", "total",
		"totalamount", "netamount", "dollarvalue", "amountusd", "salesamount", "invoiceamount"},
	FieldStage:      {"stage", "stagename", "dealstage", "status", "dealstatus", "outcome"},
	FieldIsWon:      {"iswon", "won"},
	FieldIsClosed:   {"isclosed", "closed"},
	FieldDealID:     {"dealid", "opportunityid", "recordid", "id", "invoiceno", "invoicenumber", "invoiceid", "orderid", "orderno", "ordernumber"},
	FieldLeadSource: {"leadsource", "source", "originalsourcetype", "originalsource", "channel", "dealsource"},
	FieldReferredBy: {"referredby", "referrer", "referralaccount", "referredbyaccount", "referringaccount"},
	FieldDealType:   {"dealtype", "type", "opportunitytype", "businesstype"},
	FieldOwner:      {"owner", "opportunityowner", "dealowner", "salesagent", "salesrep", "rep", "ownername", "accountowner", "ownerid"},
	FieldListPrice:  {"listprice", "listamount", "listvalue"},
	FieldDiscount:   {"discount", "discountpercent", "discountpct", "discountrate", "concession"},
	FieldApproach:   {"negotiationapproach", "approach", "negotiationstyle"},
	FieldSegment:    {"segment", "industry", "sector", "region", "country"},
	FieldQuantity:   {"quantity", "qty", "units"},
	FieldUnitPrice:  {"unitprice", "priceeach", "price"},
}

// entityPrefixes are words CRMs put before a field name ("Deal - Value",
// "Opportunity Owner"). They are tried off only after the whole name failed.
var entityPrefixes = []string{"opportunity", "deal", "opp", "order", "invoice"}

// foldHeader lowers a header and drops everything but letters and digits.
func foldHeader(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// MatchHeader returns the field a header names and the rank of the synonym
// that matched (lower is better). It returns FieldNone for headers it does
// not know, such as an opportunity's own "Name".
func MatchHeader(h string) (Field, int) {
	k := foldHeader(h)
	if k == "" {
		return FieldNone, 0
	}
	if f, r := lookupSynonym(k); f != FieldNone {
		return f, r
	}
	for _, p := range entityPrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			if f, r := lookupSynonym(rest); f != FieldNone {
				return f, r + 100
			}
		}
	}
	return FieldNone, 0
}

func lookupSynonym(k string) (Field, int) {
	for _, f := range Fields {
		for i, s := range synonyms[f] {
			if s == k {
				return f, i
			}
		}
	}
	return FieldNone, 0
}
