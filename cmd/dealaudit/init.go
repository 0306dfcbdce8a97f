package main

import (
	"regexp"
	"strings"

	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/dealaudit/dealaudit/report/ingest"
	"io"
	"io/fs"
	"os"

	"github.com/dealaudit/dealaudit/report"
)

const initHelp = `Usage: dealaudit init [options] FILE...

Reads the deal files and writes dealaudit.yaml: the column mapping that was
detected and every option, commented, for you to edit. Then pass it to the
other commands with --config dealaudit.yaml.

Examples:
  dealaudit init deals.xlsx
  dealaudit init -o client.yaml --accounts Account.csv Opportunity.csv
  dealaudit init --force deals.csv      (overwrite an existing dealaudit.yaml)
`

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("init", initHelp, stderr)
	s, files, err := parseCommand(fset, cmdInit, args)
	if err != nil {
		return err
	}
	if err := needFiles(fset, files); err != nil {
		return err
	}
	out := s.initOut
	if _, err := os.Stat(out); err == nil && !s.cfg.Force {
		return usageError{fmt.Sprintf("%s exists; pass --force to overwrite it, or -o to write elsewhere", out)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s.cfg.Ingest.FirstRowHeader = true
	res, err := report.Read(ctx, s.cfg)
	var fe *ingest.FileError
	var missing *ingest.MissingColumns
	if errors.As(err, &fe) && fe.Missing != nil {
		missing = fe.Missing
		res = &ingest.Result{Files: []ingest.FileInfo{missing.Info}}
	} else if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := writeInitConfig(&b, res, s, missing); err != nil {
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if todo := todoLines(b.String()); len(todo) > 0 {
		fmt.Fprintf(stdout, "wrote %s: %d columns mapped, %d to name: edit %s, then run dealaudit build --config %s FILE... -o DIR\n",
			out, len(res.Files[0].Columns), len(todo), strings.Join(todo, ", "), out)
		return nil
	}
	fmt.Fprintf(stdout, "wrote %s: %d columns mapped; edit it, then run dealaudit build --config %s FILE... -o DIR\n", out, len(res.Files[0].Columns), out)
	return nil
}

// todoLines names the lines of init's file that must be edited: "line 12
// (amount)".
func todoLines(text string) []string {
	var out []string
	for i, l := range strings.Split(text, "\n") {
		if m := todoLine.FindStringSubmatch(l); m != nil {
			out = append(out, fmt.Sprintf("line %d (%s)", i+1, m[1]))
		}
	}
	return out
}

var todoLine = regexp.MustCompile(`^\s+(\w+):\s+"TODO"`)
