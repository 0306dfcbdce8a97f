package ingest

import (
	"regexp"
	"time"
)

// The knowledge of export formats, as tables: header names, stage and
// status words, currency markers, month names, legal suffixes and the
// words of report trailers. Teaching the reader a new system is adding
// rows here (and a fixture and a test), not code paths.

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

// currencyMarkers maps currency symbols and codes to one tag per currency,
// longest symbol first so that "US$" is tried before "$".
var currencyMarkers = []struct{ sym, tag string }{
	{"US$", "USD"}, {"USD", "USD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"JPY", "JPY"},
	{"INR", "INR"}, {"CHF", "CHF"}, {"CAD", "CAD"}, {"AUD", "AUD"}, {"SEK", "SEK"},
	{"NOK", "NOK"}, {"DKK", "DKK"}, {"CNY", "CNY"}, {"RMB", "CNY"}, {"BRL", "BRL"},
	{"MXN", "MXN"}, {"ZAR", "ZAR"}, {"NZD", "NZD"}, {"PLN", "PLN"},
	{"C$", "CAD"}, {"A$", "AUD"}, {"R$", "BRL"},
	{"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}, {"₹", "INR"},
}

// monthNames are the months as words (their first three letters), in
// English and German.
var monthNames = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"mrz": 3, "mär": 3, "mai": 5, "okt": 10, "dez": 12, "sept": 9,
}

// weekdays are skipped in dates written with words.
var weekdays = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

// legalSuffixes are words at the end of a company name that do not tell two
// companies apart.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "ltd": true, "limited": true, "gmbh": true,
	"corp": true, "corporation": true, "co": true, "company": true, "plc": true, "sa": true,
	"ag": true, "bv": true, "nv": true, "srl": true, "sarl": true, "sas": true, "spa": true,
	"pty": true, "llp": true, "lp": true, "oy": true, "ab": true, "as": true, "kg": true,
	"kk": true, "pvt": true, "pte": true, "sl": true, "se": true, "ug": true,
}

// stageWords say what a stage or status value means, folded as headers are
// (foldHeader), tried in order: a word matches a value equal to it, or
// one containing it when contains is set. Values no word matches are open.
var stageWords = []stageWord{
	{"won", Won, true}, {"win", Won, false}, {"closedwin", Won, false},
	{"lost", Lost, true}, {"abandon", Lost, true}, {"lose", Lost, false},
}

type stageWord struct {
	word     string
	stage    Stage
	contains bool
}

// boolWords are the TRUE/FALSE cells of IsWon and IsClosed columns, in
// lower case; anything else is neither.
var boolWords = map[string]bool{
	"true": true, "1": true, "yes": true, "y": true, "x": true, "t": true, "wahr": true, "vrai": true,
	"false": false, "0": false, "no": false, "n": false, "f": false, "": false, "falsch": false, "faux": false,
}

// DefaultReferralSources mark a lead source as a referral.
var DefaultReferralSources = []string{"referral", "referred", "word of mouth"}

// trailerRE matches the first cell of a report trailer below the data.
var trailerRE = regexp.MustCompile(`(?i)^(grand totals?\b|totals?\b|subtotals?\b|confidential|copyright|©|\(c\)|generated by|report generated|run by|filtered by|\d+ records?\b)`)

// accountExportIDs and accountExportNames are the folded headers of the id
// and name columns of an account export (--accounts), best first.
var (
	accountExportIDs   = []string{"id", "accountid", "customerid", "companyid"}
	accountExportNames = []string{"name", "accountname", "companyname", "customername"}
)

// requiredHelp names each required field with the headers that feed it,
// for the message about a file that has none.
var requiredHelp = map[Field]string{
	FieldAccount:   "the account (Account, Account Name, Company, Customer, Client, Organization, CustomerID)",
	FieldCloseDate: "the close date (Close Date, Closed On, Won Time, Date, Invoice Date, Order Date)",
	FieldAmount:    "the amount (Amount, Value, Deal Value, Revenue, Sales, Total, or Quantity and Unit Price)",
}
