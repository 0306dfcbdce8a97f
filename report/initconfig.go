package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
)

// fieldHelp says what each field is for, in the written config.
var fieldHelp = map[ingest.Field]string{
	ingest.FieldAccount:    "required: the customer company",
	ingest.FieldCloseDate:  "required: the date the deal was won or lost",
	ingest.FieldAmount:     "required for won deals (or quantity and unit_price)",
	ingest.FieldStage:      "won / lost / open; without it every row is a won deal",
	ingest.FieldIsWon:      "TRUE/FALSE, used when there is no stage column",
	ingest.FieldIsClosed:   "TRUE/FALSE, with is_won: closed and not won is lost",
	ingest.FieldDealID:     "finds rows exported twice and line items of one deal",
	ingest.FieldLeadSource: "referral, referred, word of mouth count as referrals",
	ingest.FieldReferredBy: "the account that referred this one",
	ingest.FieldDealType:   "New Business, Renewal, Upsell, ...",
	ingest.FieldOwner:      "sales rep, for win rates by owner",
	ingest.FieldListPrice:  "with amount or discount, for the negotiation analysis",
	ingest.FieldDiscount:   "15%, 0.15 or 15",
	ingest.FieldApproach:   "negotiation approach of the deal",
	ingest.FieldSegment:    "industry, region or segment",
	ingest.FieldQuantity:   "with unit_price, when there is no amount column",
	ingest.FieldUnitPrice:  "with quantity, when there is no amount column",
}

// WriteInitConfig writes a dealaudit.yaml holding the mapping detected in
// res (from its first file) and every option, commented, for the user to
// edit.
func WriteInitConfig(w io.Writer, res *ingest.Result, cfg Config) error {
	p := &printer{w: w}
	p.line("# dealaudit configuration, written by `dealaudit init %s`.", strings.Join(cfg.Inputs, " "))
	p.line("# Use it with:  dealaudit build --config dealaudit.yaml FILE... -o report")
	p.line("# Lines starting with # are comments. Paths are relative to this file.")
	p.line("")
	p.line("# Which column feeds each field, by its header as written in the file.")
	p.line("# Detected columns are filled in; a field left commented out is detected")
	p.line("# from the headers at each run (or not used).")
	p.line("columns:")
	used := map[ingest.Field]string{}
	if len(res.Files) > 0 {
		for _, m := range res.Files[0].Columns {
			used[m.Field] = m.Header
		}
	}
	for _, f := range ingest.Fields {
		if h, ok := used[f]; ok {
			p.line("  %-12s %-28s # %s", f.String()+":", yamlString(h), fieldHelp[f])
		} else {
			p.line("  # %-10s %-28s # %s", f.String()+":", `""`, fieldHelp[f])
		}
	}
	if len(res.Files) > 0 && len(res.Files[0].Unused) > 0 {
		p.line("  # columns not used: %s", strings.Join(res.Files[0].Unused, ", "))
	}
	p.line("")
	sheet := ""
	if len(res.Files) > 0 {
		sheet = res.Files[0].Sheet
	}
	p.line("# XLSX only: the sheet to read. Empty: the first visible sheet with a header.")
	p.line("sheet: %s", yamlString(sheet))
	p.line("")
	order := ""
	if len(res.Files) > 0 && res.Files[0].DateOrder != "" {
		order = strings.ToLower(strings.ReplaceAll(res.Files[0].DateOrder, "/", ""))
	}
	p.line("# How to read dates like 03/04/2024: mdy (March 4) or dmy (3 April).")
	p.line("# Empty: decided per column from the data.")
	p.line("date_order: %s", yamlString(order))
	p.line("")
	p.line("# An account export (Id, Name columns) that turns account ids in the")
	p.line("# deals into names, as Salesforce data exports need. Example: Account.csv")
	p.line("accounts: %s", yamlString(cfg.Ingest.Accounts))
	p.line("")
	p.line("# Lead-source words that mark a referral (matched ignoring case and spaces).")
	src := cfg.Ingest.ReferralSources
	if src == nil {
		src = ingest.DefaultReferralSources
	}
	q := make([]string, len(src))
	for i, s := range src {
		q[i] = yamlString(s)
	}
	p.line("referral_sources: [%s]", strings.Join(q, ", "))
	p.line("")
	p.line("# Rates into the report's currency, needed when amounts mix currencies.")
	p.line("# Example:  currency_rates: {EUR: 1.08, GBP: 1.27}")
	p.line("currency_rates: {}")
	p.line("")
	p.line("# Reporting period: year, quarter or month.")
	p.line("period: %s", yamlString(orDefault(cfg.Period, "year")))
	p.line("")
	p.line("# The date the report is as of (YYYY-MM-DD). Empty: the latest close date.")
	p.line("as_of: %s", yamlString(cfg.AsOf))
	p.line("")
	p.line("# Retention to measure hidden revenue loss against, such as 0.85.")
	p.line("# Empty: the best retention observed in the data.")
	p.line("target_retention: \"\"")
	p.line("")
	p.line("# The consultant's notes (a Markdown file) for the executive summary.")
	p.line("notes: %s", yamlString(cfg.Notes))
	p.line("")
	p.line("# A folder of templates that replace built-in ones by relative path")
	p.line("# (write the built-ins out with: dealaudit templates export DIR).")
	p.line("templates: %s", yamlString(cfg.Templates))
	p.line("")
	p.line("# Branding, when the notes' front matter does not give it.")
	p.line("client: %s", yamlString(cfg.Client))
	p.line("title: %s", yamlString(cfg.Title))
	p.line("prepared_by: %s", yamlString(cfg.PreparedBy))
	p.line("")
	p.line("# XLSX limits in MB, against crafted files: a part other than a sheet,")
	p.line("# and a sheet's XML, once decompressed.")
	p.line("max_part_mb: %d", orDefaultInt(cfg.Ingest.Limits.PartMB, ingest.DefaultPartMB))
	p.line("max_sheet_mb: %d", orDefaultInt(cfg.Ingest.Limits.SheetMB, ingest.DefaultSheetMB))
	return p.err
}

func orDefaultInt(v, d int64) int64 {
	if v > 0 {
		return v
	}
	return d
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// yamlString quotes s for YAML: always double-quoted, so that headers like
// "Yes", "10" or "Close: Date" stay strings.
func yamlString(s string) string {
	return fmt.Sprintf("%q", s)
}
