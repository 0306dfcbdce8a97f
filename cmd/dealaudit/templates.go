package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dealaudit/dealaudit/templates"
)

const templatesHelp = `Usage: dealaudit templates export DIR

Writes the built-in templates (page layouts, sections, CSS, script and the
Markdown narrative) into DIR to start your own from. Edit any of them and
build with --templates DIR: a file there replaces the built-in one at the
same relative path; files you delete fall back to the built-ins.

Examples:
  dealaudit templates export my-templates
  dealaudit build --templates my-templates deals.xlsx -o report
`

func runTemplates(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("templates", templatesHelp, stderr)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "export" {
		fs.Usage()
		return usageError{"expected: dealaudit templates export DIR"}
	}
	written, err := templates.Export(pos[1])
	if err != nil {
		return usageError{err.Error()}
	}
	fmt.Fprintf(stdout, "wrote %d templates into %s\n", len(written), pos[1])
	return nil
}
