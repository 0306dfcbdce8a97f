package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/compare"
	"github.com/dealaudit/dealaudit/report/format"
	"github.com/dealaudit/dealaudit/report/site"
	"github.com/dealaudit/dealaudit/templates"
)

const compareHelp = `Usage: dealaudit compare OLD_DIR NEW_DIR -o DIR

Compares two audits of one history — two report folders a build wrote,
the older first — and writes what changed into DIR: index.html and
report.html (the same page in one file), email.eml and data/changes.csv.
It shows the headline figures then and now with the change and whether it
is clear (shares of counts in two different periods, by the report's test,
corrected for the comparisons made), the accounts lost (current or lapsing
then, lapsed now) and won back (lapsed or lapsing then, a purchase since),
the hidden
revenue loss then and now, and the findings that changed.

The two folders must come from the same version series of dealaudit, use
the same period, cover the same accounts (both whole, or the same
--where) and be given older first.

Examples:
  dealaudit build --as-of 2025-06-30 deals.xlsx -o audit-2025-06
  dealaudit build --as-of 2025-12-31 deals.xlsx -o audit-2025-12
  dealaudit compare audit-2025-06 audit-2025-12 -o changes
`

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", compareHelp, stderr)
	var out, locale string
	var force bool
	fs.StringVar(&out, "o", "", "write the comparison into `DIR` (required)")
	fs.StringVar(&locale, "locale", "", "write numbers the way `TAG` does (en-US, en-GB, de-DE, …) (default: en-US)")
	fs.BoolVar(&force, "force", false, "replace DIR even if it is not empty and not a previous report")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 2:
		return usageError{"expected two report folders: dealaudit compare OLD_DIR NEW_DIR -o DIR"}
	case out == "":
		return usageError{"-o DIR is required: the folder to write the comparison into"}
	}
	var audits [2]*compare.Audit
	for i, dir := range pos {
		if audits[i], err = compare.Read(dir); err != nil {
			return compareError(err)
		}
	}
	c, err := compare.Compare(audits[0], audits[1])
	if err != nil {
		return compareError(err)
	}
	st, err := format.New(locale, audits[1].Currency)
	if err != nil {
		return usageError{"--locale: " + err.Error()}
	}
	tfs, err := templates.Open("")
	if err != nil {
		return err
	}
	files, err := site.ComparePages(c, tfs, st, report.Version)
	if err != nil {
		return &report.InternalError{Err: err}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := site.WriteDir(out, files, site.WriteOptions{Force: force, Keep: pos}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "compared %s (as of %s) with %s (as of %s): %d accounts lost, %d won back; wrote %s\n",
		pos[0], audits[0].AsOf, pos[1], audits[1].AsOf, len(c.Lost), len(c.WonBack), out)
	return nil
}

// compareError makes a folder compare cannot use a usage error: the
// message says which folder to rebuild or give instead.
func compareError(err error) error {
	if ce, ok := err.(*compare.Error); ok {
		return usageError{ce.Msg}
	}
	return err
}
