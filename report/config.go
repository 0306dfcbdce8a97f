package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dealaudit/dealaudit/report/ingest"
	"go.yaml.in/yaml/v3"
)

// Config is everything a build or check needs: the command line merged over
// the config file.
type Config struct {
	Inputs []string // deal files
	Out    string   // output folder (build)
	Force  bool     // write into a non-empty folder that is not a report

	Ingest ingest.Options

	Period          string // year, quarter or month
	AsOf            string // YYYY-MM-DD or ""
	TargetRetention *float64
	HoldoutFrom     string   // YYYY-MM-DD or "": fit the forecast before it, compare after
	MonthlyDiscount *float64 // the forecast's monthly discount rate; nil for the default
	Notes           string   // consultant's notes file (Markdown)
	Templates       string   // folder whose files replace built-in templates

	// AfterStep, if set, is called between the steps of Build, for a
	// caller that tunes the runtime to what is live at each (the command
	// line sets the collector and the memory limit from it).
	AfterStep func(Step)

	// Branding when the notes do not give it.
	Client, Title, PreparedBy string
}

// ConfigError is a mistake in dealaudit.yaml; its message names the line.
type ConfigError struct {
	File string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Periods are the accepted --period values.
var Periods = []string{"year", "quarter", "month"}

// LoadConfig reads a dealaudit.yaml into cfg. Paths in it are relative to
// the file's folder. Every error names the file and line.
func LoadConfig(path string, cfg *Config) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return &ConfigError{File: path, Msg: fmt.Sprintf("cannot read: %v", unwrapPathErr(err))}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return &ConfigError{File: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return nil // empty file: all defaults
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &ConfigError{File: path, Line: root.Line, Msg: "expected option: value lines"}
	}
	dir := filepath.Dir(path)
	bad := func(n *yaml.Node, format string, a ...any) error {
		return &ConfigError{File: path, Line: n.Line, Msg: fmt.Sprintf(format, a...)}
	}
	str := func(n *yaml.Node, key string) (string, error) {
		if n.Kind != yaml.ScalarNode {
			return "", bad(n, "%s: expected a single value", key)
		}
		if n.Tag == "!!null" {
			return "", nil
		}
		return n.Value, nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return bad(k, "%s is set twice (first on line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
		var s string
		if v.Kind == yaml.ScalarNode {
			if s, err = str(v, k.Value); err != nil {
				return err
			}
		}
		switch k.Value {
		case "columns":
			if v.Kind == yaml.ScalarNode && s == "" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return bad(v, "columns: expected field: header lines, such as  account: Account Name")
			}
			fieldLine := map[ingest.Field]int{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				f, ok := ingest.ParseField(fk.Value)
				if !ok {
					return bad(fk, "columns: unknown field %q; fields are %s", fk.Value, fieldList())
				}
				if line, dup := fieldLine[f]; dup {
					return bad(fk, "columns: %s is set twice (first on line %d)", f, line)
				}
				fieldLine[f] = fk.Line
				h, err := str(fv, "columns."+fk.Value)
				if err != nil {
					return err
				}
				if h == "" {
					continue
				}
				if cfg.Ingest.Columns == nil {
					cfg.Ingest.Columns = map[ingest.Field]ingest.ColumnRef{}
				}
				cfg.Ingest.Columns[f] = ingest.ColumnRef{Header: h, Where: fmt.Sprintf("%s line %d", path, fv.Line)}
			}
		case "sheet":
			cfg.Ingest.Sheet = s
		case "date_order":
			o, ok := ingest.ParseDateOrder(s)
			if !ok {
				return bad(v, "date_order: expected mdy or dmy, found %q", s)
			}
			cfg.Ingest.DateOrder = o
		case "accounts":
			if s != "" {
				cfg.Ingest.Accounts = relTo(dir, s)
			}
		case "notes":
			if s != "" {
				cfg.Notes = relTo(dir, s)
			}
		case "templates":
			if s != "" {
				cfg.Templates = relTo(dir, s)
			}
		case "max_part_mb", "max_sheet_mb":
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return bad(v, "%s: expected a positive number of megabytes, found %q", k.Value, s)
			}
			if k.Value == "max_part_mb" {
				cfg.Ingest.Limits.PartMB = n
			} else {
				cfg.Ingest.Limits.SheetMB = n
			}
		case "client":
			cfg.Client = s
		case "title":
			cfg.Title = s
		case "prepared_by":
			cfg.PreparedBy = s
		case "referral_sources":
			if v.Kind != yaml.SequenceNode {
				return bad(v, "referral_sources: expected a list, such as [referral, partner]")
			}
			list := []string{}
			for _, e := range v.Content {
				x, err := str(e, "referral_sources")
				if err != nil {
					return err
				}
				list = append(list, x)
			}
			cfg.Ingest.ReferralSources = list
		case "currency_rates":
			if v.Kind == yaml.ScalarNode && s == "" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return bad(v, "currency_rates: expected CODE: rate lines, such as  EUR: 1.08")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				r, err := strconv.ParseFloat(cv.Value, 64)
				if err != nil || r <= 0 {
					return bad(cv, "currency_rates: %s: expected a positive number, found %q", ck.Value, cv.Value)
				}
				if cfg.Ingest.CurrencyRates == nil {
					cfg.Ingest.CurrencyRates = map[string]float64{}
				}
				cfg.Ingest.CurrencyRates[strings.ToUpper(ck.Value)] = r
			}
		case "period":
			if s != "" && !validPeriod(s) {
				return bad(v, "period: expected year, quarter or month, found %q", s)
			}
			cfg.Period = s
		case "as_of":
			if s != "" {
				if _, err := time.Parse("2006-01-02", s); err != nil {
					return bad(v, "as_of: expected a date as YYYY-MM-DD, found %q", s)
				}
			}
			cfg.AsOf = s
		case "target_retention":
			if s == "" {
				continue
			}
			t, err := ParseRate(s)
			if err != nil {
				return bad(v, "target_retention: %v", err)
			}
			cfg.TargetRetention = &t
		case "holdout_from":
			if s != "" {
				if _, err := time.Parse("2006-01-02", s); err != nil {
					return bad(v, "holdout_from: expected a date as YYYY-MM-DD, found %q", s)
				}
			}
			cfg.HoldoutFrom = s
		case "monthly_discount_rate":
			if s == "" {
				continue
			}
			t, err := ParseRate(s)
			if err != nil {
				return bad(v, "monthly_discount_rate: %v", err)
			}
			cfg.MonthlyDiscount = &t
		default:
			return bad(k, "unknown option %q; options are columns, sheet, date_order, accounts, referral_sources, currency_rates, period, as_of, target_retention, holdout_from, monthly_discount_rate, notes, templates, client, title, prepared_by, max_part_mb, max_sheet_mb", k.Value)
		}
	}
	return nil
}

// ParseRate reads a rate as a fraction (0.85) or a percentage ("85%").
func ParseRate(s string) (float64, error) {
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

func validPeriod(s string) bool {
	for _, p := range Periods {
		if s == p {
			return true
		}
	}
	return false
}

func fieldList() string {
	var b bytes.Buffer
	for i, f := range ingest.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

func relTo(dir, p string) string {
	if filepath.IsAbs(p) || dir == "." {
		return p
	}
	return filepath.Join(dir, p)
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
