package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dealaudit/dealaudit/report"
)

const checkHelp = `Usage: dealaudit check [options] FILE...

Reads the deal files as a build would and prints what a consultant checks
first: the file and sheet read, the header row, the column mapping
(field ← header), rows read, deals by stage, the date range, distinct
accounts, and the problems grouped by kind with the first row numbers.

Exit status: 0 when the files are usable, 1 when won or lost deals have
errors in required fields (account, close date, amount), 2 for usage or
configuration errors, 3 when a file cannot be read at all.

Examples:
  dealaudit check deals.xlsx
  dealaudit check --sheet "Closed deals" export.xlsx
  dealaudit check --accounts Account.csv Opportunity.csv
  dealaudit check --config dealaudit.yaml jan.csv feb.csv mar.csv
`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkHelp, stderr)
	s, files, err := parseCommand(fs, cmdCheck, args)
	if err != nil {
		return err
	}
	if err := needFiles(fs, files); err != nil {
		return err
	}
	s.cfg.Ingest.Progress = newProgress(stderr, s.quiet)
	res, err := report.Read(ctx, s.cfg)
	if err != nil {
		return err
	}
	if s.found {
		fmt.Fprintf(stdout, "options     from ./%s\n\n", defaultConfigFile)
	}
	if err := writeCheck(stdout, res); err != nil {
		return err
	}
	if err := res.CheckWon(); err != nil {
		return err
	}
	if !res.Usable() {
		return errDataProblems
	}
	return nil
}
