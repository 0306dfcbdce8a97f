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
		"organizationname", "potentialcustomer", "contactname",
		"accountid", "customerid", "clientid", "companyid",
		// Pipedrive and other exports in German, French, Spanish, Portuguese, Dutch, Czech, Italian.
		"kunde", "firma", "entreprise", "societe", "empresa", "organizacion", "organizacao",
		"bedrijf", "organisatie", "klant", "organizace", "spolecnost", "zakaznik", "azienda", "organizzazione", "cliente",
		"billingcompany"},
	// The account of rows whose account cell is blank: a company's domain,
	// a customer's email (shops and payments). Without an account column,
	// it is the account column.
	FieldAccountAlt: {"associatedcompanydomain", "companydomain", "customeremail", "email", "billingemail", "emailaddress", "contactemail"},
	FieldCloseDate: {"closedate", "closedon", "closeddate", "dateclosed", "actualclosedate", "closingdate", "wontime", "wondate",
		"invoicedate", "orderdate", "date", "saledate", "transactiondate", "purchasedate", "paidat",
		"estclosedate", "expectedclosedate",
		"datum", "gewonnenam", "abschlussdatum", "rechnungsdatum", "dategagnee", "datedecloture", "fecha", "fechadecierre",
		"data", "datadefechamento", "gewonnenop", "datumuzavreni", "datumvyhry", "datadichiusura",
		"createdat", "created", "createddate", "createdtime", "creationdate", "createdate", "datecreated"},
	FieldAmount: {"amountconverted", "convertedamount", "amountincompanycurrency", "amount", "dealvalue", "closevalue", "value",
		"actualrevenue", "revenue", "sales", "grandtotal", "ordertotal", "total",
		"totalamount", "netamount", "dollarvalue", "amountusd", "salesamount", "invoiceamount", "estrevenue",
		"betrag", "wert", "montant", "valeur", "importe", "valor", "bedrag", "waarde", "castka", "hodnota", "importo", "valore"},
	FieldStage: {"stage", "stagename", "dealstage", "status", "dealstatus", "outcome", "financialstatus", "orderstatus",
		"invoicestatus", "statusreason", "phase", "statut", "estado", "estatus", "stato", "stav", "fase"},
	FieldIsWon:      {"iswon", "won"},
	FieldIsClosed:   {"isclosed", "closed"},
	FieldDealID:     {"dealid", "opportunityid", "recordid", "id", "invoiceno", "invoicenumber", "invoiceid", "orderid", "orderno", "ordernumber", "orderreference", "num", "number", "chargeid"},
	FieldLeadSource: {"leadsource", "source", "originalsourcetype", "originalsource", "channel", "dealsource", "quelle", "origine", "fuente", "origem", "bron", "zdroj", "fonte"},
	FieldReferredBy: {"referredby", "referrer", "referralaccount", "referredbyaccount", "referringaccount"},
	FieldDealType:   {"dealtype", "type", "opportunitytype", "businesstype"},
	FieldOwner: {"owner", "opportunityowner", "dealowner", "salesagent", "salesrep", "rep", "ownername", "accountowner", "ownerid",
		"salesperson", "assignedto", "besitzer", "inhaber", "proprietaire", "propietario", "proprietario", "eigenaar", "vlastnik"},
	FieldListPrice:       {"listprice", "listamount", "listvalue"},
	FieldDiscount:        {"discount", "discountpercent", "discountpct", "discountrate", "concession"},
	FieldApproach:        {"negotiationapproach", "approach", "negotiationstyle"},
	FieldSegment:         {"segment", "industry", "sector", "region", "country"},
	FieldQuantity:        {"quantity", "qty", "units"},
	FieldUnitPrice:       {"unitprice", "priceeach", "price"},
	FieldRefunded:        {"convertedamountrefunded", "amountrefundedconverted", "refundedamount", "amountrefunded", "refundamount", "refunded", "totalrefunded", "refunds"},
	FieldCancelledAt:     {"cancelledat", "canceledat", "cancelleddate", "canceleddate", "cancellationdate", "dateofcancellation"},
	FieldTransactionType: {"transactiontype", "txntype", "transtype", "typeoftransaction"},
	FieldCurrency: {"currency", "currencycode", "currencyisocode", "amountcurrency", "dealcurrency", "ordercurrency", "invoicecurrency",
		"wahrung", "devise", "moneda", "moeda", "valuta", "mena"},
}

// systemColumns are columns of one system's export that header names alone
// would read wrong, recognised by headers only that export writes: Shopify's
// order export names each order in "Name" ("#1001", on every line of the
// order) and gives its "Id" on the first line only. A column named in
// dealaudit.yaml wins over these.
var systemColumns = []struct {
	system    string
	signature []string // folded headers that all appear in the export
	fields    map[Field]string
}{
	{"Shopify orders", []string{"financialstatus", "lineitemname", "name"}, map[Field]string{FieldDealID: "name"}},
}

// transactionKinds says which rows of an accounting system's transaction
// list (QuickBooks' Transaction Type) are sales: invoices and sales
// receipts, and credit memos and refunds as sales with a negative amount.
// Payments settle invoices already counted, and the other kinds are not
// customers' purchases: those rows are not read. A kind not listed is read
// as a sale and named in the quality table.
var transactionKinds = map[string]bool{
	"invoice": true, "sales receipt": true, "sale": true, "sales": true, "credit memo": true, "credit note": true,
	"refund receipt": true, "refund": true, "charge": true, "statement charge": true, "cash sale": true,
	"payment": false, "receive payment": false, "customer payment": false, "payment received": false,
	"deposit": false, "transfer": false, "journal entry": false, "general journal": false, "bill": false,
	"bill payment": false, "bill payment check": false, "expense": false, "check": false, "cheque": false,
	"estimate": false, "quote": false, "purchase order": false, "sales order": false, "vendor credit": false,
	"credit card credit": false, "credit card expense": false, "delayed charge": false, "delayed credit": false,
}

// convertedAmountHeaders are amount headers in one currency whatever the
// row's (Stripe's Converted Amount, Salesforce's "Amount (converted)",
// HubSpot's "Amount in company currency"): with one of them, a currency
// column is not read.
var convertedAmountHeaders = []string{"amountconverted", "convertedamount", "amountincompanycurrency"}

// convertedRefundHeaders are refunded-amount headers in the converted
// amount's currency (Stripe's Converted Amount Refunded): read with a
// converted amount, and only with one.
var convertedRefundHeaders = []string{"convertedamountrefunded", "amountrefundedconverted"}

// entityPrefixes are words CRMs put before a field name ("Deal - Value",
// "Opportunity Owner", "Obchod - Hodnota"). They are tried off only after
// the whole name failed.
var entityPrefixes = []string{"opportunity", "deal", "opp", "order", "invoice",
	"affaire", "negocio", "oportunidad", "oportunidade", "obchod", "trattativa", "opportunita", "geschaft", "verkoopkans"}

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

// monthNames are the months as words, without accents: the word, its
// first four letters or its first three, in English, German, French,
// Spanish, Portuguese, Dutch, Italian and Czech.
var monthNames = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"mrz": 3, "mär": 3, "mai": 5, "okt": 10, "dez": 12, "sept": 9, // German
	"janv": 1, "fev": 2, "fevr": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "aou": 8, "aout": 8, // French
	"ene": 1, "abr": 4, "ago": 8, "dic": 12, // Spanish
	"set": 9, "out": 10, // Portuguese, Italian
	"mrt": 3, "mei": 5, "maa": 3, "maart": 3, // Dutch
	"gen": 1, "mag": 5, "giu": 6, "lug": 7, "ott": 10, // Italian
	"led": 1, "uno": 2, "bre": 3, "dub": 4, "kve": 5, "cvn": 6, "cvc": 7, "srp": 8, "zar": 9, "rij": 10, "lis": 11, "pro": 12, // Czech
	"cerven": 6, "cervna": 6, "cervenec": 7, "cervence": 7,
}

// dateFillers are the short words of dates written out ("5 de enero de
// 2024", "the 5th of May 2024").
var dateFillers = map[string]bool{"de": true, "del": true, "of": true, "the": true, "le": true, "du": true, "den": true, "der": true, "di": true, "do": true, "da": true, "van": true}

// weekdays are skipped in dates written with words.
var weekdays = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

// legalSuffixes are words at the end of a company name that do not tell two
// companies apart: the long ones are dropped from account keys
// (suffixDropped); the two-letter ones can end a name ("Nguyên Sa", "Lee
// Co"), so two names that differ only by one are listed for review
// (suffixReviewed).
var legalSuffixes = map[string]suffixKind{
	"inc": suffixDropped, "incorporated": suffixDropped, "llc": suffixDropped, "ltd": suffixDropped, "limited": suffixDropped,
	"gmbh": suffixDropped, "corp": suffixDropped, "corporation": suffixDropped, "company": suffixDropped, "plc": suffixDropped,
	"srl": suffixDropped, "sarl": suffixDropped, "sas": suffixDropped, "spa": suffixDropped, "pty": suffixDropped,
	"llp": suffixDropped, "pvt": suffixDropped, "pte": suffixDropped, "sro": suffixDropped,
	"co": suffixReviewed, "sa": suffixReviewed, "ag": suffixReviewed, "bv": suffixReviewed, "nv": suffixReviewed, "lp": suffixReviewed,
	"oy": suffixReviewed, "ab": suffixReviewed, "as": suffixReviewed, "kg": suffixReviewed, "kk": suffixReviewed, "sl": suffixReviewed,
	"se": suffixReviewed, "ug": suffixReviewed,
}

type suffixKind uint8

const (
	notSuffix suffixKind = iota
	suffixDropped
	suffixReviewed
)

// stageVocabulary says what the words and phrases of stage and status
// values mean: CRM stages, and the outcomes of orders, invoices and
// payments. Values are matched on whole words after folding (lower case,
// accents off, anything but letters and digits a space: "Won't" is "won t"),
// never on substrings. When a value holds several, the strongest kind
// wins: a negation ("won by competitor", "not paid"), then lost, won, open,
// and last the words that could go either way, read as the export's system
// most often means them and marked assumed. Words no entry knows are open
// and reported as not recognised.
var stageVocabulary = []stageEntry{
	// Negations: read before the words they contain.
	{"won by competitor", Lost, kindNegation}, {"lost to competitor", Lost, kindNegation},
	{"won t", Lost, kindNegation}, {"wont", Lost, kindNegation}, {"not won", Lost, kindNegation},
	{"unwon", Lost, kindNegation}, {"never won", Lost, kindNegation}, {"no win", Lost, kindNegation},
	{"not paid", Open, kindNegation}, {"unpaid", Open, kindNegation}, {"not shipped", Open, kindNegation},
	{"not delivered", Open, kindNegation}, {"not completed", Open, kindNegation}, {"incomplete", Open, kindNegation},
	{"not invoiced", Open, kindNegation}, {"uninvoiced", Open, kindNegation},
	// Lost, or not a sale.
	{"closed lost", Lost, kindLost}, {"closedlost", Lost, kindLost}, {"lost", Lost, kindLost}, {"lose", Lost, kindLost},
	{"verloren", Lost, kindLost}, {"perdu", Lost, kindLost}, {"perdue", Lost, kindLost}, {"perdido", Lost, kindLost},
	{"perdida", Lost, kindLost}, {"perso", Lost, kindLost}, {"verloren gegaan", Lost, kindLost}, {"prohrany", Lost, kindLost},
	{"prohrano", Lost, kindLost},
	{"disqualified", Lost, kindLost}, {"abandoned", Lost, kindLost}, {"abandon", Lost, kindLost},
	{"cancelled", Lost, kindLost}, {"canceled", Lost, kindLost}, {"cancellation", Lost, kindLost},
	{"storniert", Lost, kindLost}, {"annule", Lost, kindLost}, {"annulee", Lost, kindLost}, {"cancelado", Lost, kindLost},
	{"refunded", Lost, kindLost}, {"voided", Lost, kindLost}, {"void", Lost, kindLost}, {"failed", Lost, kindLost},
	{"declined", Lost, kindLost}, {"rejected", Lost, kindLost}, {"returned", Lost, kindLost}, {"expired", Lost, kindLost},
	// Won: deals won, and orders, invoices and payments that are sales.
	{"closed won", Won, kindWon}, {"closedwon", Won, kindWon}, {"closed win", Won, kindWon}, {"closedwin", Won, kindWon},
	{"won", Won, kindWon}, {"win", Won, kindWon}, {"gewonnen", Won, kindWon}, {"gagne", Won, kindWon},
	{"gagnee", Won, kindWon}, {"ganado", Won, kindWon}, {"ganada", Won, kindWon}, {"ganho", Won, kindWon},
	{"vinto", Won, kindWon}, {"vyhrano", Won, kindWon}, {"vyhrany", Won, kindWon},
	{"paid", Won, kindWon}, {"partially paid", Won, kindWon}, {"partially refunded", Won, kindWon},
	{"bezahlt", Won, kindWon}, {"paye", Won, kindWon}, {"pagado", Won, kindWon}, {"pago", Won, kindWon},
	{"shipped", Won, kindWon}, {"delivered", Won, kindWon}, {"fulfilled", Won, kindWon}, {"completed", Won, kindWon},
	{"complete", Won, kindWon}, {"invoiced", Won, kindWon}, {"posted", Won, kindWon}, {"sales order", Won, kindWon},
	{"locked", Won, kindWon}, {"done", Won, kindWon}, {"succeeded", Won, kindWon}, {"captured", Won, kindWon},
	{"settled", Won, kindWon},
	// Open: the pipeline, orders and invoices not yet a sale.
	{"open", Open, kindOpen}, {"offen", Open, kindOpen}, {"ouvert", Open, kindOpen}, {"ouverte", Open, kindOpen},
	{"abierto", Open, kindOpen}, {"aberto", Open, kindOpen}, {"otevreno", Open, kindOpen}, {"aperto", Open, kindOpen},
	{"new", Open, kindOpen}, {"pending", Open, kindOpen}, {"processing", Open, kindOpen},
	{"in process", Open, kindOpen}, {"in progress", Open, kindOpen}, {"on hold", Open, kindOpen}, {"draft", Open, kindOpen},
	{"quotation", Open, kindOpen}, {"quotation sent", Open, kindOpen}, {"quote", Open, kindOpen}, {"quote sent", Open, kindOpen},
	{"sent", Open, kindOpen}, {"viewed", Open, kindOpen}, {"overdue", Open, kindOpen}, {"authorized", Open, kindOpen},
	{"authorised", Open, kindOpen}, {"requires payment method", Open, kindOpen}, {"prospecting", Open, kindOpen},
	{"qualification", Open, kindOpen}, {"qualify", Open, kindOpen}, {"qualified", Open, kindOpen}, {"develop", Open, kindOpen},
	{"propose", Open, kindOpen}, {"proposal", Open, kindOpen}, {"price quote", Open, kindOpen}, {"negotiation", Open, kindOpen},
	{"review", Open, kindOpen}, {"needs analysis", Open, kindOpen}, {"value proposition", Open, kindOpen},
	{"id decision makers", Open, kindOpen}, {"perception analysis", Open, kindOpen}, {"lead", Open, kindOpen},
	{"discovery", Open, kindOpen}, {"demo", Open, kindOpen}, {"contract sent", Open, kindOpen},
	{"appointment scheduled", Open, kindOpen}, {"appointmentscheduled", Open, kindOpen}, {"qualified to buy", Open, kindOpen},
	{"qualifiedtobuy", Open, kindOpen}, {"presentation scheduled", Open, kindOpen}, {"presentationscheduled", Open, kindOpen},
	{"decision maker bought in", Open, kindOpen}, {"decisionmakerboughtin", Open, kindOpen}, {"contractsent", Open, kindOpen},
	// Either way: read as most systems mean them.
	{"closed", Won, kindAssumed}, {"resolved", Won, kindAssumed}, {"approved", Won, kindAssumed},
	{"accepted", Won, kindAssumed}, {"created", Open, kindAssumed}, {"disputed", Open, kindAssumed},
	{"deleted", Lost, kindAssumed},
}

// stageEntry is a word or phrase of stage values and what it means.
type stageEntry struct {
	phrase string // folded words, one space apart
	stage  Stage
	kind   stageKind
}

// stageKind orders the entries a value holds: the first kind wins.
type stageKind uint8

const (
	kindNegation stageKind = iota
	kindLost
	kindWon
	kindOpen
	kindAssumed
)

// boolWords are the TRUE/FALSE cells of IsWon and IsClosed columns, in
// lower case; anything else is neither.
var boolWords = map[string]bool{
	"true": true, "1": true, "yes": true, "y": true, "x": true, "t": true, "wahr": true, "vrai": true,
	"false": false, "0": false, "no": false, "n": false, "f": false, "": false, "falsch": false, "faux": false,
}

// DefaultReferralSources mark a lead source as a referral.
var DefaultReferralSources = []string{"referral", "referred", "word of mouth"}

// subtotalRE matches the first cell of a group's subtotal row in a report
// grouped by customer (grouped.go).
var subtotalRE = regexp.MustCompile(`(?i)^(total|totals|subtotal|summe|gesamt|total pour|total de|totaal)\b`)

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

// accountIDHeaders are the account headers whose values are ids, not
// names: never folded, never paired as likely duplicates.
var accountIDHeaders = []string{"accountid", "customerid", "clientid", "companyid"}

// orderTotalHeaders are amount headers that name an order's total: a line
// of the order that repeats it is counted once.
var orderTotalHeaders = []string{"total", "grandtotal", "ordertotal", "totalamount", "invoiceamount", "invoicetotal"}

// titleCurrency finds the currency a title-block line names ("Exported
// 2026-01-05 · Currency: USD", "Währung: EUR"), headerCurrency the one an
// amount header names ("Amount (EUR)"); the code must be a currency's.
var (
	titleCurrency  = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:currency|currency code|w(?:a|ä)hrung|devise|moneda|moeda|valuta|měna)\s*[:=]\s*([a-z]{3})(?:[^\pL]|$)`)
	headerCurrency = regexp.MustCompile(`\(\s*([A-Za-z]{3})\s*\)\s*$`)
)
