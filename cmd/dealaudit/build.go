package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/site"
)

const buildHelp = `Usage: dealaudit build [options] FILE... -o DIR

Reads the deal files as one history and writes the report into DIR:
index.html and one page per section, report.html (everything in one file),
email.eml (the summary as an email draft with its charts as pictures and
report.html attached: open it in a mail program and send), email.html (the
same summary as one HTML file), assets/, and the
data tables in DIR/data (metrics.json, forecast.json, periods.csv,
cohorts.csv, accounts.csv, referrers.csv, approach.csv, and quality.csv,
which lists every row that was skipped or changed, and why). Charts are
drawn at build time, so they show with scripts off and in print. DIR is
replaced as a whole, in one step; a failed build leaves the previous report
as it was. A DIR that holds files no build wrote is refused without --force,
and one that holds a file the build reads is refused always.

Examples:
  dealaudit build sample-data/deals.xlsx -o report
  dealaudit build --period quarter --as-of 2025-12-31 deals.csv -o report
  dealaudit build jan.csv feb.csv mar.csv -o q1-report
  dealaudit build --accounts Account.csv Opportunity.csv -o report
  dealaudit build --config client.yaml deals.xlsx -o report
                        (without --config, ./dealaudit.yaml is read when there is one)
  dealaudit build --notes notes.md --templates my-templates deals.xlsx -o report
  dealaudit build --pdf audit.pdf deals.xlsx -o report   (also print report.html to a PDF)
  dealaudit build --pdf audit.pdf --paper a4 --email-to "Sales <sales@example.com>" deals.xlsx -o report
                        (email.eml addressed to the team, with report.html and the PDF attached)
  dealaudit build --report-url https://audits.example.com/acme/ deals.xlsx -o report
                        (email.eml and email.html link to the report online; nothing attached)
  dealaudit build --split-by owner deals.xlsx -o report
                        (also one report per owner in report/by-owner/NAME/, listed in report/by-owner/index.html)
  dealaudit build --where owner="Ann Lee" --redact accounts deals.xlsx -o ann
                        (the accounts Ann Lee first won, named on every page)
  dealaudit build --strict deals.csv -o report   (exit 1 if required values are missing)
  dealaudit build --as-of 1997-09-30 --holdout-from 1997-10-01 purchases.txt -o report
                                                 (test the forecast on what came after)
  dealaudit build --cpuprofile cpu.prof deals.csv -o report && go tool pprof -top cpu.prof
                                                 (where the time goes)

Exit status: 0 ok; 1 with --strict when won or lost deals have errors in
required fields; 2 usage or configuration errors; 3 a file that cannot be
read; 4 the report could not be written (a full disk, a folder that cannot
be written, another build beside it); 5 an internal error (please report it).
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", buildHelp, stderr)
	s, files, err := parseCommand(fs, cmdBuild, args)
	if err != nil {
		return err
	}
	if err := needFiles(fs, files); err != nil {
		return err
	}
	if s.cfg.Out == "" {
		fs.Usage()
		return usageError{"no output folder given: add -o DIR"}
	}
	chrome := ""
	if s.pdf != "" {
		if chrome, err = findChrome(s.cfg.Out); err != nil {
			return err
		}
		s.cfg.Email.PDF = site.AttachmentName(s.pdf)
	} else if s.cfg.Email.Attach == site.AttachPDF {
		return usageError{"--email-attach pdf attaches the PDF that --pdf FILE prints: add --pdf audit.pdf, or use --email-attach report"}
	}
	s.cfg.Ingest.Progress = newProgress(stderr, s.quiet)
	s.cfg.AfterStep = tuneMemory
	if s.cpuprofile != "" {
		stop, err := startCPUProfile(s.cpuprofile)
		if err != nil {
			return usageError{"--cpuprofile: " + err.Error()}
		}
		defer stop()
	}
	start := time.Now()
	o, err := report.Build(ctx, s.cfg)
	if err != nil {
		return err
	}
	for _, n := range o.Notices {
		fmt.Fprintln(stderr, "dealaudit: note:", n)
	}
	if !s.quiet {
		writeSummary(stdout, s, o, time.Since(start))
	}
	if s.pdf != "" {
		if err := printPDF(ctx, chrome, filepath.Join(s.cfg.Out, "report.html"), s.pdf, s.paperSize()); err != nil {
			return fmt.Errorf("--pdf: %w", err)
		}
		if s.cfg.Email.Attaches() != site.AttachNone {
			if err := attachPDF(filepath.Join(s.cfg.Out, "email.eml"), s.pdf); err != nil {
				return fmt.Errorf("--pdf: attaching it to email.eml: %w", err)
			}
		}
		if !s.quiet {
			fmt.Fprintf(stdout, "printed %s\n", s.pdf)
		}
	}
	if s.strict && !o.Res.Usable() {
		fmt.Fprintf(stderr, "dealaudit: --strict: won or lost deals have errors in required fields; see %s/data/quality.csv\n", s.cfg.Out)
		return errDataProblems
	}
	return nil
}

// writeSummary prints what a build read, computed and wrote.
func writeSummary(stdout io.Writer, s *settings, o *report.Outcome, took time.Duration) {
	res, m, f, out := o.Res, o.M, o.F, s.cfg.Out
	rows := 0
	for _, f := range res.Files {
		rows += f.Rows
	}
	fmt.Fprintf(stdout, "read %d rows from %d file(s) in %.1fs: %d deals kept, %d problems (see %s/data/quality.csv)\n",
		rows, len(res.Files), o.ReadTime.Seconds(), o.Deals, len(res.Problems), out)
	if m.AfterAsOf > 0 {
		fmt.Fprintf(stdout, "%d won or lost deals after the as-of date %s not used\n", m.AfterAsOf, m.AsOf)
	}
	if f.Skipped != "" {
		fmt.Fprintf(stdout, "no forecast: %s\n", f.Skipped)
	} else {
		fmt.Fprintf(stdout, "forecast: BG/NBD fitted to %d accounts (%d repeat buyers) up to %s in %.1fs; %d relationships at risk, %d to win back\n",
			f.Accounts, f.RepeatBuyers, f.End, o.FitTime.Seconds(), len(f.AtRisk), len(f.WinBack))
		if f.HoldoutSkipped != "" {
			fmt.Fprintf(stdout, "no holdout comparison: %s\n", f.HoldoutSkipped)
		}
		if h := f.Holdout; h != nil {
			fmt.Fprintf(stdout, "holdout %s to %s: %.0f repeat purchases predicted, %d made\n", h.From, h.To, h.Predicted, h.Actual)
		}
	}
	fmt.Fprintf(stdout, "as of %s: %d customers over %d %s periods; wrote %s in %.1fs%s\n",
		m.AsOf, m.Customers, len(m.Periods), m.Period, out, took.Seconds(), s.configNote())
}

// configNote says which dealaudit.yaml was found and read, for a summary
// line; "" when none was, or when it was named.
func (s *settings) configNote() string {
	if !s.found {
		return ""
	}
	return " (options from ./" + defaultConfigFile + ")"
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
