package ingest

import (
	"strings"

	"golang.org/x/text/transform"
	"unicode"
	"unicode/utf8"
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
	FieldCurrency
	FieldRefunded
	FieldCancelledAt
	FieldAccountAlt
	FieldTransactionType
	numFields
)

// Fields lists every field in the order reports show them.
var Fields = []Field{
	FieldAccount, FieldCloseDate, FieldAmount, FieldStage, FieldIsWon, FieldIsClosed,
	FieldDealID, FieldLeadSource, FieldReferredBy, FieldDealType, FieldOwner,
	FieldListPrice, FieldDiscount, FieldApproach, FieldSegment, FieldQuantity, FieldUnitPrice, FieldCurrency,
	FieldRefunded, FieldCancelledAt, FieldAccountAlt, FieldTransactionType,
}

var fieldNames = [numFields]string{
	FieldNone:            "none",
	FieldAccount:         "account",
	FieldCloseDate:       "close_date",
	FieldAmount:          "amount",
	FieldStage:           "stage",
	FieldIsWon:           "is_won",
	FieldIsClosed:        "is_closed",
	FieldDealID:          "deal_id",
	FieldLeadSource:      "lead_source",
	FieldReferredBy:      "referred_by",
	FieldDealType:        "deal_type",
	FieldOwner:           "owner",
	FieldListPrice:       "list_price",
	FieldDiscount:        "discount",
	FieldApproach:        "approach",
	FieldSegment:         "segment",
	FieldQuantity:        "quantity",
	FieldUnitPrice:       "unit_price",
	FieldCurrency:        "currency",
	FieldRefunded:        "refunded_amount",
	FieldCancelledAt:     "cancelled_at",
	FieldAccountAlt:      "account_fallback",
	FieldTransactionType: "transaction_type",
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

// foldHeader lowers a header and drops everything but letters and digits.
func foldHeader(h string) string { return string(foldInto(nil, h)) }

// foldInto appends h folded as foldHeader folds it to b.
func foldInto(b []byte, h string) []byte {
	for _, r := range h {
		if r < utf8.RuneSelf {
			switch c := byte(r); {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				b = append(b, c)
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return b
}

// MatchHeader returns the field a header names and the rank of the synonym
// that matched (lower is better). It returns FieldNone for headers it does
// not know, such as an opportunity's own "Name". A header is tried as
// written, then by its readings (headerReadings), each ranked below the
// ones before.
func MatchHeader(h string) (Field, int) {
	for i, read := range headerReadings {
		for j, k := range read(h) {
			if k == "" {
				continue
			}
			if f, r := lookupSynonym(k); f != FieldNone {
				return f, r + 100*(2*i+j)
			}
		}
	}
	return FieldNone, 0
}

// headerReadings are the ways a header names its field, best first, each
// giving folded names to look up: as written; without a qualifier in
// brackets ("Associated Company (Primary)", "Created (UTC)"); either side
// of a colon (Salesforce reports' "Account Name: Account Name"); without
// an entity prefix ("Deal - Value", "Obchod - Hodnota").
var headerReadings = []func(h string) []string{
	func(h string) []string { return []string{foldHeaderPlain(h)} },
	func(h string) []string { return []string{foldHeaderPlain(withoutBrackets(h))} },
	func(h string) []string {
		before, after, ok := strings.Cut(h, ":")
		if !ok {
			return nil
		}
		return []string{foldHeaderPlain(after), foldHeaderPlain(before)}
	},
	func(h string) []string {
		k := foldHeaderPlain(withoutBrackets(h))
		var out []string
		for _, p := range entityPrefixes {
			if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
				out = append(out, rest)
			}
		}
		return out
	},
}

// foldHeaderPlain is foldHeader without accents, for matching headers.
func foldHeaderPlain(h string) string {
	if !isASCII(h) {
		if s, _, err := transform.String(stripMarks, strings.ToValidUTF8(h, " ")); err == nil {
			h = s
		}
	}
	return foldHeader(h)
}

// withoutBrackets drops text in round or square brackets.
func withoutBrackets(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range h {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
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
