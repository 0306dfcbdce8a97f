package main

import (
	"cmp"
	"fmt"
	"maps"
	"net/mail"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/forecast"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
	"github.com/dealaudit/dealaudit/report/site"
	"go.yaml.in/yaml/v3"
)

// settings are what one command line asks for: the build's configuration
// and what only the command line uses.
type settings struct {
	cfg report.Config
	// config is the dealaudit.yaml read (--config, or ./dealaudit.yaml
	// when there is one); found says it was found, not named.
	config string
	found  bool
	// initOut is the file init writes.
	initOut         string
	quiet, strict   bool
	pdf, cpuprofile string
	paper           string // a4 or letter; "" for the locale's
	// configDir is the folder of the dealaudit.yaml being read: paths in
	// it are relative to it ("" while flags are read).
	configDir string
	// whereFlag: a --where flag was read, and replaced the file's where:.
	whereFlag bool
	// port is serve's port; 0 for a free one.
	port int
}

func newSettings() *settings {
	s := &settings{initOut: defaultConfigFile}
	s.cfg.Forecast.MonthlyDiscount = forecast.DefaultMonthlyDiscount
	return s
}

// defaultConfigFile is the configuration read when --config is not given
// and the file is in the current folder; init writes it.
const defaultConfigFile = "dealaudit.yaml"

// cmdSet says which subcommands take an option.
type cmdSet uint8

const (
	cmdCheck cmdSet = 1 << iota
	cmdInit
	cmdBuild
	cmdServe                                 // serve's own options; it takes build's too
	cmdRead  = cmdCheck | cmdInit | cmdBuild // every command that reads deal files
)

// option is one setting: its flag, its dealaudit.yaml key, how a value is
// read, and how init writes it. A flag's help names its value between
// back quotes (`DATE`); an empty value leaves an option as it was.
type option struct {
	flag string // without dashes; "" when only in dealaudit.yaml
	key  string // in dealaudit.yaml; "" when only a flag
	cmds cmdSet // the cmdSet whose flag it is
	help string // for -h, and init's comment
	// note is more lines for init's comment (an example, a default).
	note []string
	// isSwitch: a flag without value (--quiet).
	isSwitch bool
	// set reads a value; node, when not nil, reads a dealaudit.yaml value
	// that is a list or a mapping instead.
	set  func(s *settings, v string) error
	node func(s *settings, path string, n *yaml.Node) error
	// show returns the value init writes, in YAML.
	show func(s *settings, res *ingest.Result) string
}

// options lists every option, in the order init writes them.
var options = []option{
	{flag: "config", cmds: cmdRead, help: "read options from `FILE` (default: ./dealaudit.yaml when there is one)",
		set: func(s *settings, v string) error { s.config = v; return nil }},
	{key: "columns", help: "Which column feeds each field, by its header as written in the file.",
		node: readColumns},
	{flag: "sheet", key: "sheet", cmds: cmdRead, help: "XLSX: read the sheet `NAME` (default: first visible sheet with a header)",
		set:  func(s *settings, v string) error { s.cfg.Ingest.Sheet = v; return nil },
		show: func(s *settings, res *ingest.Result) string { return yamlString(firstFile(res).Sheet) }},
	{flag: "date-order", key: "date_order", cmds: cmdRead, help: "read dates like 03/04/2024 as `mdy` (March 4) or dmy (3 April) (default: decided from the data)",
		set: func(s *settings, v string) error {
			o, ok := ingest.ParseDateOrder(v)
			if !ok {
				return fmt.Errorf("expected mdy or dmy, found %q", v)
			}
			s.cfg.Ingest.DateOrder = o
			return nil
		},
		show: func(s *settings, res *ingest.Result) string {
			return yamlString(strings.ToLower(strings.ReplaceAll(firstFile(res).DateOrder, "/", "")))
		}},
	{flag: "accounts", key: "accounts", cmds: cmdRead, help: "an account export `FILE` (Id, Name columns) that turns account ids in the deals into names, as Salesforce data exports need",
		note: []string{"Example: Account.csv"},
		set:  func(s *settings, v string) error { s.cfg.Ingest.Accounts = s.path(v); return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Ingest.Accounts) }},
	{key: "stages", help: "Stage or status values read explicitly as won, lost or open, before the built-in words (check lists every value and its reading).",
		note: []string{"Example:  stages: {won: [Shipped, Resolved], lost: [Returned], open: [On Hold]}"},
		node: readStages,
		show: func(s *settings, res *ingest.Result) string { return stagesYAML(s, res) }},
	{key: "referral_sources", help: "Lead-source words that mark a referral (matched ignoring case and spaces).",
		node: readReferralSources,
		show: func(s *settings, _ *ingest.Result) string {
			src := s.cfg.Ingest.ReferralSources
			if src == nil {
				src = ingest.DefaultReferralSources
			}
			q := make([]string, len(src))
			for i, w := range src {
				q[i] = yamlString(w)
			}
			return "[" + strings.Join(q, ", ") + "]"
		}},
	{flag: "currency", key: "currency", cmds: cmdRead, help: "the report's currency `CODE` (USD, EUR, …), for amounts that do not say, or that currency_rates converts into it (default: as the data says)",
		set: func(s *settings, v string) error {
			if !regexp.MustCompile(`^[A-Za-z]{3}$`).MatchString(v) {
				return fmt.Errorf("expected a three-letter currency code such as USD, found %q", v)
			}
			s.cfg.Ingest.Currency = strings.ToUpper(v)
			return nil
		},
		show: func(s *settings, res *ingest.Result) string {
			if s.cfg.Ingest.Currency != "" {
				return yamlString(s.cfg.Ingest.Currency)
			}
			return yamlString(res.Currency)
		}},
	{flag: "redact", key: "redact", cmds: cmdBuild, help: "replace names with pseudonyms in every output, for sending the report beyond the people it names: `WHAT` is owners (\"Owner A\"), accounts (accounts and referrers, \"Account 0001\") or all; the notes are not changed",
		set: func(s *settings, v string) error {
			r, ok := redactions[strings.ToLower(v)]
			if !ok {
				return fmt.Errorf("expected none, owners, accounts or all, found %q", v)
			}
			s.cfg.Ingest.Redact = r
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string {
			for name, r := range redactions {
				if r == s.cfg.Ingest.Redact && name != "none" {
					return yamlString(name)
				}
			}
			return yamlString("none")
		}},
	{flag: "where", key: "where", cmds: cmdBuild, help: "build the report of the accounts whose `FIELD=VALUE`: FIELD is owner, segment, approach, source or type, read from the account's first purchase (owner=\"Ann Lee\" is the accounts Ann Lee first won); repeat to narrow further",
		note: []string{"Example:  where: {owner: Ann Lee, segment: Enterprise}"},
		set:  setWhere, node: readWhere,
		show: func(s *settings, _ *ingest.Result) string { return whereYAML(s.cfg.Where) }},
	{flag: "split-by", key: "split_by", cmds: cmdBuild, help: "also write one report per `FIELD` value, owner or segment, under DIR/by-FIELD/NAME/, each of the accounts placed under that value by their first purchase, with an index page DIR/by-FIELD/index.html",
		set: func(s *settings, v string) error {
			f, ok := report.ParseScopeField(v)
			if !ok || !slices.Contains(report.SplitFields, f) {
				return fmt.Errorf("expected %s, found %q", strings.Join(report.SplitFields, " or "), v)
			}
			s.cfg.SplitBy = f
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.SplitBy) }},
	{flag: "years", key: "years", cmds: cmdRead, help: fmt.Sprintf("close dates must fall in the years `FROM-TO` (default %d-%d); a date outside is a placeholder such as 12/31/9999, and its row a problem", ingest.DefaultYears.From, ingest.DefaultYears.To),
		set: func(s *settings, v string) error {
			var yr ingest.YearRange
			if _, err := fmt.Sscanf(v, "%d-%d", &yr.From, &yr.To); err != nil || yr.From < 1 || yr.To > 9999 || yr.From > yr.To {
				return fmt.Errorf("expected two years such as 1950-2099, found %q", v)
			}
			if yr == ingest.DefaultYears {
				yr = ingest.YearRange{} // the default's one spelling
			}
			s.cfg.Ingest.Years = yr
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string {
			yr := s.cfg.Ingest.Years
			if yr == (ingest.YearRange{}) {
				yr = ingest.DefaultYears
			}
			return yamlString(fmt.Sprintf("%d-%d", yr.From, yr.To))
		}},
	{flag: "locale", key: "locale", cmds: cmdBuild, help: "write numbers the way `TAG` does (en-US, en-GB, de-DE, fr-FR, es-ES, …): separators and where the currency symbol goes (default: en-US)",
		set: func(s *settings, v string) error {
			if _, err := format.New(v, ""); err != nil {
				return err
			}
			if v == format.DefaultLocale {
				v = "" // the default's one spelling
			}
			s.cfg.Locale = v
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string {
			return yamlString(cmp.Or(s.cfg.Locale, format.DefaultLocale))
		}},
	{key: "currency_rates", help: "Rates into the report's currency, needed when amounts mix currencies.",
		note: []string{"Example:  currency_rates: {EUR: 1.08, GBP: 1.27}"},
		node: readCurrencyRates,
		show: func(s *settings, _ *ingest.Result) string {
			var kv []string
			for _, c := range slices.Sorted(maps.Keys(s.cfg.Ingest.CurrencyRates)) {
				kv = append(kv, c+": "+strconv.FormatFloat(s.cfg.Ingest.CurrencyRates[c], 'g', -1, 64))
			}
			return "{" + strings.Join(kv, ", ") + "}"
		}},
	{flag: "period", key: "period", cmds: cmdBuild, help: "reporting period: `year` (default), quarter or month",
		set: func(s *settings, v string) error {
			k, ok := metrics.ParsePeriodKind(v)
			if !ok {
				return fmt.Errorf("expected year, quarter or month, found %q", v)
			}
			s.cfg.Metrics.Period = k
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Metrics.Period.String()) }},
	{flag: "as-of", key: "as_of", cmds: cmdBuild, help: "report as of `DATE` (YYYY-MM-DD); deals after it are ignored (default: the latest close date)",
		set: func(s *settings, v string) error {
			d, err := parseDay(v)
			if err == nil {
				s.cfg.Metrics.AsOf, s.cfg.Metrics.AsOfSet = d, true
			}
			return err
		},
		show: func(s *settings, _ *ingest.Result) string {
			return yamlDay(s.cfg.Metrics.AsOf, s.cfg.Metrics.AsOfSet)
		}},
	{flag: "target-retention", key: "target_retention", cmds: cmdBuild, help: "measure hidden revenue loss against this `RATE` (0.85 or 85%) instead of the best complete year's retention",
		set: func(s *settings, v string) error {
			r, err := parseRate(v)
			if err == nil {
				s.cfg.Metrics.Target = &r
			}
			return err
		},
		show: func(s *settings, _ *ingest.Result) string {
			if t := s.cfg.Metrics.Target; t != nil {
				return strconv.FormatFloat(*t, 'g', -1, 64)
			}
			return `""`
		}},
	{flag: "holdout-from", key: "holdout_from", cmds: cmdBuild, help: "fit the forecast on purchases before `DATE` (YYYY-MM-DD) and compare its predictions with what was bought from then on",
		set: func(s *settings, v string) error {
			d, err := parseDay(v)
			if err == nil {
				s.cfg.Forecast.HoldoutFrom, s.cfg.Forecast.Holdout = d, true
			}
			return err
		},
		show: func(s *settings, _ *ingest.Result) string {
			return yamlDay(s.cfg.Forecast.HoldoutFrom, s.cfg.Forecast.Holdout)
		}},
	{flag: "discount-rate", key: "monthly_discount_rate", cmds: cmdBuild, help: "monthly `RATE` the 12-month customer lifetime value is discounted at (default 0.01, about 12.7% a year)",
		set: func(s *settings, v string) error {
			r, err := parseRate(v)
			if err == nil {
				s.cfg.Forecast.MonthlyDiscount = r
			}
			return err
		},
		show: func(s *settings, _ *ingest.Result) string {
			return strconv.FormatFloat(s.cfg.Forecast.MonthlyDiscount, 'g', -1, 64)
		}},
	{flag: "notes", key: "notes", cmds: cmdBuild, help: "the consultant's notes: a Markdown `FILE` with front matter (client, title, prepared_by, date, logo, accent)",
		set:  func(s *settings, v string) error { s.cfg.Notes = s.path(v); return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Notes) }},
	{flag: "templates", key: "templates", cmds: cmdBuild, help: "a `DIR` whose files replace built-in templates at the same relative path",
		note: []string{"(write the built-ins out with: dealaudit templates export DIR)"},
		set:  func(s *settings, v string) error { s.cfg.Templates = s.path(v); return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Templates) }},
	{key: "client", help: "The client's name, when the notes' front matter does not give it.",
		set:  func(s *settings, v string) error { s.cfg.Client = v; return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Client) }},
	{key: "title", help: "The report's title, when the notes' front matter does not give it.",
		set:  func(s *settings, v string) error { s.cfg.Title = v; return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Title) }},
	{key: "prepared_by", help: "Who prepared the report, when the notes' front matter does not give it.",
		set:  func(s *settings, v string) error { s.cfg.PreparedBy = v; return nil },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.PreparedBy) }},
	{flag: "report-url", key: "report_url", cmds: cmdBuild, help: "the `URL` where the full report is online (https://…): email.eml and email.html link there (default: no links; email.eml attaches the report)",
		set: func(s *settings, v string) error {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("expected a web address such as https://example.com/audit/, found %q", v)
			}
			s.cfg.Email.ReportURL = u.String()
			return nil
		},
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Email.ReportURL) }},
	{flag: "email-attach", key: "email_attach", cmds: cmdBuild, help: "what email.eml carries: `report` (report.html, and the PDF with --pdf), pdf (the PDF alone, with --pdf) or none (default: report, or none with --report-url, whose links lead to the report)",
		set: func(s *settings, v string) error {
			switch v {
			case site.AttachReport, site.AttachPDF, site.AttachNone:
				s.cfg.Email.Attach = v
				return nil
			}
			return fmt.Errorf("expected report, pdf or none, found %q", v)
		},
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.cfg.Email.Attach) }},
	{flag: "email-from", key: "email_from", cmds: cmdBuild, help: "email.eml's sender, `ADDRESS`es as in a mail program (\"Ann Lee <ann@example.com>\") (default: none, the mail program fills it in)",
		set:  func(s *settings, v string) error { return parseAddresses(v, &s.cfg.Email.From) },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(addressesString(s.cfg.Email.From)) }},
	{flag: "email-to", key: "email_to", cmds: cmdBuild, help: "email.eml's recipients, `ADDRESS`es separated by commas (default: none)",
		set:  func(s *settings, v string) error { return parseAddresses(v, &s.cfg.Email.To) },
		show: func(s *settings, _ *ingest.Result) string { return yamlString(addressesString(s.cfg.Email.To)) }},
	{flag: "paper", key: "paper", cmds: cmdBuild, help: "the PDF's paper `SIZE`: a4 or letter (default: letter for --locale en-US, a4 otherwise)",
		set: func(s *settings, v string) error {
			switch strings.ToLower(v) {
			case "a4", "letter":
				s.paper = strings.ToLower(v)
				return nil
			}
			return fmt.Errorf("expected a4 or letter, found %q", v)
		},
		show: func(s *settings, _ *ingest.Result) string { return yamlString(s.paper) }},
	{flag: "max-part-mb", key: "max_part_mb", cmds: cmdRead, help: fmt.Sprintf("XLSX: refuse a part other than a sheet that expands beyond `MB` (default %d), against crafted files", ingest.DefaultPartMB),
		set: func(s *settings, v string) error { return parseMB(v, &s.cfg.Ingest.Limits.PartMB) },
		show: func(s *settings, _ *ingest.Result) string {
			return strconv.FormatInt(orDefault(s.cfg.Ingest.Limits.PartMB, ingest.DefaultPartMB), 10)
		}},
	{flag: "max-sheet-mb", key: "max_sheet_mb", cmds: cmdRead, help: fmt.Sprintf("XLSX: refuse a sheet whose XML expands beyond `MB` (default %d), against crafted files", ingest.DefaultSheetMB),
		set: func(s *settings, v string) error { return parseMB(v, &s.cfg.Ingest.Limits.SheetMB) },
		show: func(s *settings, _ *ingest.Result) string {
			return strconv.FormatInt(orDefault(s.cfg.Ingest.Limits.SheetMB, ingest.DefaultSheetMB), 10)
		}},
	{flag: "max-cell-kb", key: "max_cell_kb", cmds: cmdRead, help: fmt.Sprintf("refuse a cell (in a text file, a line) longer than `KB` (default %d), against files without line breaks or with a quote never closed", ingest.DefaultCellKB),
		set: func(s *settings, v string) error { return parseKB(v, &s.cfg.Ingest.Limits.CellKB) },
		show: func(s *settings, _ *ingest.Result) string {
			return strconv.FormatInt(orDefault(s.cfg.Ingest.Limits.CellKB, ingest.DefaultCellKB), 10)
		}},
	{flag: "o", cmds: cmdBuild, help: "write the report into `DIR` (required)",
		set: func(s *settings, v string) error { s.cfg.Out = v; return nil }},
	{flag: "o", cmds: cmdInit, help: "write the configuration to `FILE` (default dealaudit.yaml)",
		set: func(s *settings, v string) error { s.initOut = v; return nil }},
	{flag: "port", cmds: cmdServe, help: "serve on 127.0.0.1 port `N` (default: a free port)",
		set: func(s *settings, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 65535 {
				return fmt.Errorf("expected a port number from 1 to 65535, found %q", v)
			}
			s.port = n
			return nil
		}},
	{flag: "force", cmds: cmdBuild, isSwitch: true, help: "replace DIR even if it is not empty and not a previous report",
		set: func(s *settings, v string) error { return setSwitch(&s.cfg.Force, v) }},
	{flag: "force", cmds: cmdInit, isSwitch: true, help: "overwrite FILE if it exists",
		set: func(s *settings, v string) error { return setSwitch(&s.cfg.Force, v) }},
	{flag: "quiet", cmds: cmdCheck | cmdBuild, isSwitch: true, help: "print nothing but errors (no progress bar, no summary)",
		set: func(s *settings, v string) error { return setSwitch(&s.quiet, v) }},
	{flag: "strict", cmds: cmdBuild, isSwitch: true, help: "exit with status 1 when won or lost deals have errors in required fields (the report is still written)",
		set: func(s *settings, v string) error { return setSwitch(&s.strict, v) }},
	{flag: "pdf", cmds: cmdBuild, help: "also print report.html to the PDF `FILE` (needs Chromium, Chrome or Edge; DEALAUDIT_CHROME names one)",
		set: func(s *settings, v string) error { s.pdf = v; return nil }},
	{flag: "cpuprofile", cmds: cmdBuild, help: "write a CPU profile of the build to `FILE`, for go tool pprof (performance work)",
		set: func(s *settings, v string) error { s.cpuprofile = v; return nil }},
}

// paperSize is the PDF's paper: as given, else Letter where the locale is
// American English and A4 elsewhere.
func (s *settings) paperSize() string {
	if s.paper != "" {
		return s.paper
	}
	if s.cfg.Locale == "" || s.cfg.Locale == "en-US" {
		return "letter"
	}
	return "a4"
}

// parseAddresses reads mail addresses ("Ann <ann@example.com>, bob@example.com").
func parseAddresses(v string, dst *[]*mail.Address) error {
	as, err := mail.ParseAddressList(v)
	if err != nil {
		return fmt.Errorf("expected mail addresses such as \"Ann Lee <ann@example.com>\", found %q: %v", v, err)
	}
	*dst = as
	return nil
}

func addressesString(as []*mail.Address) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return strings.Join(out, ", ")
}

// path returns a path given in dealaudit.yaml relative to its folder; a
// path given as a flag is used as it is.
func (s *settings) path(p string) string {
	if s.configDir == "" || filepath.IsAbs(p) || s.configDir == "." {
		return p
	}
	return filepath.Join(s.configDir, p)
}

func firstFile(res *ingest.Result) ingest.FileInfo {
	if res == nil || len(res.Files) == 0 {
		return ingest.FileInfo{}
	}
	return res.Files[0]
}

// parseDay reads an option's date, written YYYY-MM-DD.
func parseDay(v string) (ingest.Date, error) {
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return 0, fmt.Errorf("expected a date as YYYY-MM-DD, found %q", v)
	}
	y, m, d := t.Date()
	day, _ := ingest.DateOf(y, m, d)
	return day, nil
}

// parseRate reads a rate as a fraction (0.85) or a percentage ("85%").
func parseRate(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("expected a fraction such as 0.85 or a percentage such as 85%%, found %q", s)
	}
	if pct || v > 1 {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, fmt.Errorf("expected a rate between 0 and 1, found %q", s)
	}
	return v, nil
}

// maxLimitMB is the largest --max-part-mb and --max-sheet-mb, 8 TiB: a
// limit in bytes must fit an int64 with room to spare.
const maxLimitMB = 8 << 20

// maxCellKB is the largest --max-cell-kb, 1 GiB: a cell is held in memory
// whole, and Excel's cells end at 32,767 characters.
const maxCellKB = 1 << 20

func parseKB(v string, to *int64) error {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > maxCellKB {
		return fmt.Errorf("expected a number of kilobytes from 1 to %s (1 GiB), found %q", format.Count(maxCellKB), v)
	}
	*to = n
	return nil
}

func parseMB(v string, to *int64) error {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > maxLimitMB {
		return fmt.Errorf("expected a number of megabytes from 1 to %s (8 TiB), found %q", format.Count(maxLimitMB), v)
	}
	*to = n
	return nil
}

func setSwitch(to *bool, v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("expected true or false, found %q", v)
	}
	*to = b
	return nil
}

func orDefault(v, d int64) int64 {
	if v > 0 {
		return v
	}
	return d
}

// yamlString quotes s for YAML: always double-quoted, so that headers like
// "Yes", "10" or "Close: Date" stay strings.
func yamlString(s string) string { return fmt.Sprintf("%q", s) }

func yamlDay(d ingest.Date, set bool) string {
	if !set {
		return `""`
	}
	return yamlString(d.String())
}

// stagesYAML is the stages: value init writes: the configured readings,
// and every stage value of the first file with the reading it got, as
// comment lines ready to be made settings.
func stagesYAML(s *settings, res *ingest.Result) string {
	configured := map[ingest.Stage][]string{}
	for _, st := range slices.Sorted(maps.Keys(s.cfg.Ingest.Stages)) {
		configured[s.cfg.Ingest.Stages[st]] = append(configured[s.cfg.Ingest.Stages[st]], yamlString(st))
	}
	read := map[ingest.Stage][]string{}
	for _, c := range firstFile(res).Stages {
		read[c.Stage] = append(read[c.Stage], yamlString(c.Value))
	}
	var b strings.Builder
	b.WriteString(stageLists(configured, ""))
	if len(read) > 0 {
		b.WriteString("\n# How the file's values were read (edit and move above to set):")
		b.WriteString(stageLists(read, "# "))
	}
	return b.String()
}

// stageLists writes won:, lost: and open: lists, each line after prefix;
// {} when there are none and no prefix.
func stageLists(lists map[ingest.Stage][]string, prefix string) string {
	if len(lists) == 0 && prefix == "" {
		return "{}"
	}
	var b strings.Builder
	for _, st := range []ingest.Stage{ingest.Won, ingest.Lost, ingest.Open} {
		if len(lists[st]) > 0 {
			fmt.Fprintf(&b, "\n%s  %s: [%s]", prefix, st, strings.Join(lists[st], ", "))
		}
	}
	return b.String()
}

// redactions are --redact's values.
var redactions = map[string]ingest.Redaction{
	"none":     {},
	"owners":   {Owners: true},
	"accounts": {Accounts: true},
	"all":      {Accounts: true, Owners: true},
}

// setWhere reads one --where FIELD=VALUE; the first replaces the filters
// of dealaudit.yaml, the next ones add to it.
func setWhere(s *settings, v string) error {
	field, value, ok := strings.Cut(v, "=")
	f, known := report.ParseScopeField(field)
	switch {
	case !ok || strings.TrimSpace(value) == "":
		return fmt.Errorf("expected FIELD=VALUE such as owner=\"Ann Lee\", found %q", v)
	case !known:
		return fmt.Errorf("no field %q: expected %s", field, strings.Join(report.ScopeFieldNames(), ", "))
	}
	if !s.whereFlag {
		s.cfg.Where, s.whereFlag = nil, true
	}
	s.cfg.Where = append(s.cfg.Where, report.Filter{Field: f, Value: value})
	return nil
}

// whereYAML writes the filters as dealaudit.yaml's where: mapping.
func whereYAML(where []report.Filter) string {
	kv := make([]string, len(where))
	for i, w := range where {
		kv[i] = w.Field + ": " + yamlString(w.Value)
	}
	return "{" + strings.Join(kv, ", ") + "}"
}
