package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/metrics"
)

// Filter keeps the accounts whose Field, as metrics.Placing places them,
// is Value (--where FIELD=VALUE).
type Filter struct {
	Field, Value string
}

// scopeField is a field a build can be filtered or split by.
type scopeField struct {
	name  string // as --where and --split-by write it
	label string // as the pages name it
	// whose says which accounts a value holds, for the scope line.
	whose string
	get   func(*ingest.Attrs) string
}

// scopeFields are the fields --where and --split-by take.
var scopeFields = []scopeField{
	{"owner", "Owner", "accounts first won by this owner", func(a *ingest.Attrs) string { return a.Owner }},
	{"segment", "Segment", "accounts whose first purchase was in this segment", func(a *ingest.Attrs) string { return a.Segment }},
	{"approach", "Approach", "accounts whose first purchase used this approach", func(a *ingest.Attrs) string { return a.Approach }},
	{"source", "Lead source", "accounts whose first purchase came from this source", func(a *ingest.Attrs) string { return a.LeadSource }},
	{"type", "Deal type", "accounts whose first purchase was of this type", func(a *ingest.Attrs) string { return a.Type }},
}

// SplitFields are the fields --split-by takes.
var SplitFields = []string{"owner", "segment"}

// ScopeFieldNames are the fields --where takes, in order.
func ScopeFieldNames() []string {
	out := make([]string, len(scopeFields))
	for i, f := range scopeFields {
		out[i] = f.name
	}
	return out
}

// ParseScopeField returns the field name as --where and --split-by
// spell it, accepting lead_source for source; false for any other.
func ParseScopeField(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "lead_source" || s == "lead-source" {
		s = "source"
	}
	_, ok := fieldNamed(s)
	return s, ok
}

func fieldNamed(name string) (scopeField, bool) {
	for _, f := range scopeFields {
		if f.name == name {
			return f, true
		}
	}
	return scopeField{}, false
}

// NoValueLabel names the accounts a field places nowhere (no deal
// records it), which a split reports as a group of their own.
const NoValueLabel = metrics.NoValue

// placed returns each account's value of field (NoValueLabel when none).
func placed(h *ingest.History, asOf ingest.Date, f scopeField) []string {
	vals := metrics.Placing(h, asOf, f.get)
	for i, v := range vals {
		if v == "" {
			vals[i] = NoValueLabel
		}
	}
	return vals
}

// whereKeep marks the accounts every filter keeps. It refuses a filter
// that keeps no account, listing the values there are.
func whereKeep(res *ingest.Result, asOf ingest.Date, where []Filter) ([]bool, error) {
	keep := make([]bool, len(res.Accounts))
	for i := range keep {
		keep[i] = true
	}
	for _, w := range where {
		f, ok := fieldNamed(w.Field)
		if !ok {
			return nil, &OptionsError{fmt.Sprintf("--where %s=%s: no field %q; the fields are %s", w.Field, w.Value, w.Field, strings.Join(ScopeFieldNames(), ", "))}
		}
		vals := placed(&res.History, asOf, f)
		if d := distinct(vals); len(d) == 1 && d[0] == NoValueLabel {
			return nil, unrecorded("--where "+w.Field+"="+w.Value, w.Field)
		}
		value, alike := matchValue(vals, w.Value)
		if len(alike) > 1 {
			return nil, &OptionsError{fmt.Sprintf("--where %s=%s: the %s values %s differ from it, and from each other, only in case: write the one you mean as the data does", w.Field, w.Value, w.Field, strings.Join(quoted(alike), " and "))}
		}
		if len(alike) == 0 {
			return nil, &OptionsError{fmt.Sprintf("--where %s=%s: no account is placed under %q; the %s values are: %s", w.Field, w.Value, w.Value, w.Field, listValues(vals))}
		}
		for i, v := range vals {
			keep[i] = keep[i] && v == value
		}
	}
	if !slices.Contains(keep, true) {
		return nil, &OptionsError{"the --where filters together keep no account: " + whereText(where)}
	}
	return keep, nil
}

// whereScope is the scope line of the accounts keep marks, which share
// the value of each filter's field: read from res, so that with
// redaction it names the pseudonym, not the name given.
func whereScope(res *ingest.Result, asOf ingest.Date, where []Filter, keep []bool) string {
	at := slices.Index(keep, true)
	lines := make([]string, len(where))
	for i, w := range where {
		f, _ := fieldNamed(w.Field)
		lines[i] = scopeLine(f, placed(&res.History, asOf, f)[at])
	}
	return strings.Join(lines, "; ")
}

func whereText(where []Filter) string {
	q := make([]string, len(where))
	for i, w := range where {
		q[i] = w.Field + "=" + w.Value
	}
	return strings.Join(q, ", ")
}

// unrecorded is the error of an option that needs a field no deal
// records.
func unrecorded(option, field string) error {
	return &OptionsError{fmt.Sprintf("%s: no deal records the %s field; if a column holds it, map it with columns: in dealaudit.yaml (dealaudit check lists the columns read)", option, field)}
}

// scopeLine names a subset: "Owner: Alice Smith (accounts first won by
// this owner)".
func scopeLine(f scopeField, value string) string {
	return f.label + ": " + value + " (" + f.whose + ")"
}

// matchValue finds v among vals: as written, else the values equal to it
// ignoring case and surrounding spaces. alike holds what matched: one
// value is a match, none or several are not.
func matchValue(vals []string, v string) (value string, alike []string) {
	if slices.Contains(vals, v) {
		return v, []string{v}
	}
	for _, x := range distinct(vals) {
		if strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(v)) {
			alike = append(alike, x)
		}
	}
	if len(alike) == 1 {
		return alike[0], alike
	}
	return "", alike
}

func quoted(vals []string) []string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return q
}

// distinct returns the values of vals once each, sorted.
func distinct(vals []string) []string {
	out := slices.Clone(vals)
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(a, b) })
	return slices.Compact(out)
}

// maxListedValues is how many values an error lists.
const maxListedValues = 20

func listValues(vals []string) string {
	d := distinct(vals)
	s := strings.Join(quoted(d[:min(len(d), maxListedValues)]), ", ")
	if len(d) > maxListedValues {
		s += fmt.Sprintf(" and %d more", len(d)-maxListedValues)
	}
	return s
}
