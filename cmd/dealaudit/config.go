package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/ingest"
	"go.yaml.in/yaml/v3"
)

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

// findConfig names ./dealaudit.yaml as the configuration when no --config
// was given and there is one.
func (s *settings) findConfig() error {
	if s.config != "" {
		return nil
	}
	if _, err := os.Stat(defaultConfigFile); err == nil {
		s.config, s.found = defaultConfigFile, true
	} else if !errors.Is(err, fs.ErrNotExist) {
		return &ConfigError{File: defaultConfigFile, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	return nil
}

// loadConfig reads the dealaudit.yaml at path into s, by the options
// table. Paths in it are relative to its folder. Every error names the
// file and line.
func (s *settings) loadConfig(path string) error {
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
	s.configDir = filepath.Dir(path)
	defer func() { s.configDir = "" }()
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return configError(path, k, "%s is set twice (first on line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
		o := optionByKey(k.Value)
		if o == nil {
			return configError(path, k, "unknown option %q; options are %s", k.Value, strings.Join(configKeys(), ", "))
		}
		if err := s.setFromYAML(path, o, v); err != nil {
			return err
		}
	}
	return nil
}

// setFromYAML sets option o from its dealaudit.yaml value v.
func (s *settings) setFromYAML(path string, o *option, v *yaml.Node) error {
	var err error
	switch {
	case o.node != nil:
		err = o.node(s, path, v)
	case v.Kind != yaml.ScalarNode:
		return configError(path, v, "%s: expected a single value", o.key)
	case v.Tag == "!!null" || v.Value == "":
		return nil // an empty value leaves the option as it was
	default:
		err = o.set(s, v.Value)
	}
	var ce *ConfigError
	switch {
	case errors.As(err, &ce):
		return err
	case err != nil:
		return configError(path, v, "%s: %v", o.key, err)
	}
	return nil
}

func configError(path string, n *yaml.Node, format string, a ...any) error {
	return &ConfigError{File: path, Line: n.Line, Msg: fmt.Sprintf(format, a...)}
}

func optionByKey(key string) *option {
	for i := range options {
		if options[i].key == key && key != "" {
			return &options[i]
		}
	}
	return nil
}

// configKeys are the keys dealaudit.yaml takes, in the table's order.
func configKeys() []string {
	var keys []string
	for _, o := range options {
		if o.key != "" {
			keys = append(keys, o.key)
		}
	}
	return keys
}

// readColumns reads the columns: mapping of field names to headers.
func readColumns(s *settings, path string, v *yaml.Node) error {
	pairs, err := mappingOf(path, v, "columns: expected field: header lines, such as  account: Account Name")
	if err != nil {
		return err
	}
	fieldLine := map[ingest.Field]int{}
	for _, kv := range pairs {
		fk, fv := kv[0], kv[1]
		f, ok := ingest.ParseField(fk.Value)
		if !ok {
			return configError(path, fk, "columns: unknown field %q; fields are %s", fk.Value, fieldList())
		}
		if line, dup := fieldLine[f]; dup {
			return configError(path, fk, "columns: %s is set twice (first on line %d)", f, line)
		}
		fieldLine[f] = fk.Line
		if fv.Kind != yaml.ScalarNode {
			return configError(path, fv, "columns.%s: expected a single value", fk.Value)
		}
		if fv.Value == "" || fv.Tag == "!!null" {
			continue
		}
		if s.cfg.Ingest.Columns == nil {
			s.cfg.Ingest.Columns = map[ingest.Field]ingest.ColumnRef{}
		}
		ref := ingest.ColumnRef{Header: fv.Value, Where: fmt.Sprintf("%s line %d", path, fv.Line)}
		if fv.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && strings.EqualFold(fv.Value, "none") {
			ref = ingest.ColumnRef{None: true, Where: ref.Where} // the field switched off; "none" in quotes is a header
		}
		s.cfg.Ingest.Columns[f] = ref
	}
	return nil
}

// readStages reads the stages: mapping of won, lost and open to lists of
// raw stage values.
func readStages(s *settings, path string, v *yaml.Node) error {
	pairs, err := mappingOf(path, v, "stages: expected won:, lost: and open: lists, such as  won: [Shipped, Paid]")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		k, list := kv[0], kv[1]
		st, ok := map[string]ingest.Stage{"won": ingest.Won, "lost": ingest.Lost, "open": ingest.Open}[strings.ToLower(k.Value)]
		if !ok {
			return configError(path, k, "stages: expected won, lost or open, found %q", k.Value)
		}
		values := []*yaml.Node{list}
		if list.Kind == yaml.SequenceNode {
			values = list.Content
		}
		for _, e := range values {
			if e.Kind != yaml.ScalarNode {
				return configError(path, e, "stages.%s: expected a list of stage values", k.Value)
			}
			if s.cfg.Ingest.Stages == nil {
				s.cfg.Ingest.Stages = map[string]ingest.Stage{}
			}
			key := ingest.StageKey(e.Value)
			if prev, dup := s.cfg.Ingest.Stages[key]; dup && prev != st {
				return configError(path, e, "stages: %q is given as both %s and %s", e.Value, prev, st)
			}
			s.cfg.Ingest.Stages[key] = st
		}
	}
	return nil
}

// readReferralSources reads the referral_sources: list.
func readReferralSources(s *settings, path string, v *yaml.Node) error {
	if v.Kind != yaml.SequenceNode {
		return configError(path, v, "referral_sources: expected a list, such as [referral, partner]")
	}
	list := []string{}
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode {
			return configError(path, e, "referral_sources: expected a single value")
		}
		if e.Tag != "!!null" {
			list = append(list, e.Value)
		}
	}
	s.cfg.Ingest.ReferralSources = list
	return nil
}

// readCurrencyRates reads the currency_rates: mapping of codes to rates.
func readCurrencyRates(s *settings, path string, v *yaml.Node) error {
	pairs, err := mappingOf(path, v, "currency_rates: expected CODE: rate lines, such as  EUR: 1.08")
	if err != nil {
		return err
	}
	for _, kv := range pairs {
		ck, cv := kv[0], kv[1]
		r, err := strconv.ParseFloat(cv.Value, 64)
		if err != nil || r <= 0 {
			return configError(path, cv, "currency_rates: %s: expected a positive number, found %q", ck.Value, cv.Value)
		}
		if s.cfg.Ingest.CurrencyRates == nil {
			s.cfg.Ingest.CurrencyRates = map[string]float64{}
		}
		s.cfg.Ingest.CurrencyRates[strings.ToUpper(ck.Value)] = r
	}
	return nil
}

// mappingOf returns the key and value nodes of a dealaudit.yaml mapping,
// none for an empty value, or an error saying what was expected (msg).
func mappingOf(path string, v *yaml.Node, msg string) ([][2]*yaml.Node, error) {
	if v.Kind == yaml.ScalarNode && (v.Value == "" || v.Tag == "!!null") {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, configError(path, v, "%s", msg)
	}
	var pairs [][2]*yaml.Node
	for j := 0; j+1 < len(v.Content); j += 2 {
		pairs = append(pairs, [2]*yaml.Node{v.Content[j], v.Content[j+1]})
	}
	return pairs, nil
}

func fieldList() string {
	names := make([]string, len(ingest.Fields))
	for i, f := range ingest.Fields {
		names[i] = f.String()
	}
	return strings.Join(names, ", ")
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// readWhere reads the where: mapping of fields to values.
func readWhere(s *settings, path string, v *yaml.Node) error {
	pairs, err := mappingOf(path, v, "where: expected FIELD: value lines, such as  owner: Ann Lee")
	if err != nil {
		return err
	}
	s.cfg.Where = nil
	for _, kv := range pairs {
		f, ok := report.ParseScopeField(kv[0].Value)
		if !ok {
			return configError(path, kv[0], "where: no field %q; the fields are %s", kv[0].Value, strings.Join(report.ScopeFieldNames(), ", "))
		}
		if kv[1].Kind != yaml.ScalarNode || strings.TrimSpace(kv[1].Value) == "" {
			return configError(path, kv[1], "where: %s: expected one value", kv[0].Value)
		}
		s.cfg.Where = append(s.cfg.Where, report.Filter{Field: f, Value: kv[1].Value})
	}
	return nil
}
