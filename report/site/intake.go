package site

import (
	"bytes"
	"fmt"
	"html/template"
	"sort"

	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/templates"
)

type problemGroup struct {
	Kind, Column, Action string
	N                    int
}

// Intake renders the page that says what was read: files, column mapping,
// counts and the problems grouped by kind.
func Intake(res *ingest.Result) ([]byte, error) {
	t, err := template.ParseFS(templates.FS, "intake.html")
	if err != nil {
		return nil, fmt.Errorf("parsing intake.html: %w", err)
	}
	css, err := templates.FS.ReadFile("report.css")
	if err != nil {
		return nil, err
	}
	groups := map[[3]string]int{}
	for _, p := range res.Problems {
		groups[[3]string{p.Kind, p.Column, p.Action}]++
	}
	var pg []problemGroup
	for k, n := range groups {
		pg = append(pg, problemGroup{k[0], k[1], k[2], n})
	}
	sort.Slice(pg, func(i, j int) bool {
		if pg[i].N != pg[j].N {
			return pg[i].N > pg[j].N
		}
		if pg[i].Kind != pg[j].Kind {
			return pg[i].Kind < pg[j].Kind
		}
		return pg[i].Column < pg[j].Column
	})
	data := map[string]any{
		"CSS":        template.CSS(css),
		"Files":      res.Files,
		"Deals":      len(res.Deals),
		"Sum":        res.Summary(),
		"Problems":   pg,
		"Duplicates": res.LikelyDuplicates,
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("rendering intake.html: %w", err)
	}
	return b.Bytes(), nil
}
