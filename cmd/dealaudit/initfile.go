package main

import (
	"io"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// fieldHelp says what each field is for, in the written config.
var fieldHelp = map[ingest.Field]string{
	ingest.FieldAccount:         "required: the customer company",
	ingest.FieldCloseDate:       "required: the date the deal was won or lost",
	ingest.FieldAmount:          "required for won deals (or quantity and unit_price)",
	ingest.FieldStage:           "won / lost / open; without it every row is a won deal",
	ingest.FieldIsWon:           "TRUE/FALSE, used when there is no stage column",
	ingest.FieldIsClosed:        "TRUE/FALSE, with is_won: closed and not won is lost",
	ingest.FieldDealID:          "finds rows exported twice and line items of one deal",
	ingest.FieldLeadSource:      "referral, referred, word of mouth count as referrals",
	ingest.FieldReferredBy:      "the account that referred this one",
	ingest.FieldDealType:        "New Business, Renewal, Upsell, ...",
	ingest.FieldOwner:           "sales rep, for win rates by owner",
	ingest.FieldListPrice:       "with amount or discount, for the negotiation analysis",
	ingest.FieldDiscount:        "15%, 0.15 or 15",
	ingest.FieldApproach:        "negotiation approach of the deal",
	ingest.FieldSegment:         "industry, region or segment",
	ingest.FieldQuantity:        "with unit_price, when there is no amount column",
	ingest.FieldUnitPrice:       "with quantity, when there is no amount column",
	ingest.FieldCurrency:        "the currency of each amount (USD, EUR, ...)",
	ingest.FieldRefunded:        "refunded part of an order, netted from its amount",
	ingest.FieldCancelledAt:     "a date here: the order was cancelled, not a purchase",
	ingest.FieldAccountAlt:      "the account where the account cell is blank (a domain, an email)",
	ingest.FieldTransactionType: "Invoice, Payment, Credit Memo, ...: rows that are not sales are not read",
}

// writeInitConfig writes a dealaudit.yaml holding the mapping detected in
// res (from its first file) and every option of the options table,
// commented, for the user to edit.
//
// With missing (a file without a column for a required field), the missing
// fields are written as "TODO" with the likeliest headers, and every header
// of the file is listed.
func writeInitConfig(w io.Writer, res *ingest.Result, s *settings, missing *ingest.MissingColumns) error {
	p := &printer{w: w}
	// Every text from the data or the command line is quoted (yamlString)
	// wherever it is written, comments included: a header or a file name
	// holding a line break cannot start a line of its own.
	p.line("# dealaudit configuration, written by `dealaudit init %s`.", strings.Join(quoteAll(s.cfg.Inputs), " "))
	p.line("# Use it with:  dealaudit build --config dealaudit.yaml FILE... -o report")
	p.line("# (a dealaudit.yaml in the current folder is read without --config).")
	p.line("# Lines starting with # are comments. Paths are relative to this file.")
	for _, o := range options {
		if o.key == "" {
			continue
		}
		p.line("")
		for _, l := range wrap(initComment(o), 76) {
			p.line("# %s", l)
		}
		for _, n := range o.note {
			p.line("# %s", n)
		}
		if o.key == "columns" {
			writeColumns(p, firstFile(res), missing)
			continue
		}
		p.line("%s: %s", o.key, o.show(s, res))
	}
	return p.err
}

// initComment is an option's help as a sentence for init's file: its
// value's name without the back quotes.
func initComment(o option) string {
	h := strings.ReplaceAll(o.help, "`", "")
	if h != "" && h[len(h)-1] != '.' {
		h += "."
	}
	return strings.ToUpper(h[:1]) + h[1:]
}

// writeColumns writes the columns: section: detected columns filled in,
// the other fields commented out.
func writeColumns(p *printer, f ingest.FileInfo, missing *ingest.MissingColumns) {
	p.line("# Detected columns are filled in; a field left commented out is detected")
	p.line("# from the headers at each run (or not used).")
	if missing != nil {
		p.line("# TODO: no column was found for the fields marked TODO below: put the")
		p.line("# header of the column that holds each in place of \"TODO\". The file's headers:")
		p.line("#   %s", strings.Join(quoteAll(missing.Header), ", "))
	}
	p.line("columns:")
	used := map[ingest.Field]string{}
	for _, m := range f.Columns {
		used[m.Field] = m.Header
	}
	todo := map[ingest.Field]bool{}
	if missing != nil {
		for _, fd := range missing.Fields {
			todo[fd] = true
		}
	}
	for _, fd := range ingest.Fields {
		switch h, ok := used[fd]; {
		case todo[fd]:
			likely := "none looks like it"
			if c := missing.Candidates[fd]; len(c) > 0 {
				likely = "likeliest " + strings.Join(quoteAll(c), ", ")
			}
			p.line("  %-12s %-28s # TODO: %s; %s", fd.String()+":", `"TODO"`, fieldHelp[fd], likely)
		case ok:
			p.line("  %-12s %-28s # %s", fd.String()+":", yamlString(h), fieldHelp[fd])
		default:
			p.line("  # %-10s %-28s # %s", fd.String()+":", `""`, fieldHelp[fd])
		}
	}
	if unused, more := f.UnusedListed(); len(unused) > 0 {
		p.line("  # columns not used: %s%s", strings.Join(quoteAll(unused), ", "), andMore(more))
	}
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
