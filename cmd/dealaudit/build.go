package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/dealaudit/dealaudit/report"
)

const buildHelp = `Usage: dealaudit build [options] FILE... -o DIR

Reads the deal files as one history and writes the report into DIR:
index.html and one page per section, report.html (everything in one file),
email.html (the summary for an email body, no scripts), assets/, and the
data tables in DIR/data (metrics.json, forecast.json, periods.csv,
cohorts.csv, accounts.csv, referrers.csv, approach.csv, and quality.csv,
which lists every row that was skipped or changed, and why). Charts are
drawn at build time, so they show with scripts off and in print. DIR is
replaced as a whole; a failed build leaves the previous report as it was.

Examples:
  dealaudit build sample-data/deals.xlsx -o report
  dealaudit build --period quarter --as-of 2025-12-31 deals.csv -o report
  dealaudit build jan.csv feb.csv mar.csv -o q1-report
  dealaudit build --accounts Account.csv Opportunity.csv -o report
  dealaudit build --config dealaudit.yaml deals.xlsx -o report
  dealaudit build --notes notes.md --templates my-templates deals.xlsx -o report
  dealaudit build --pdf audit.pdf deals.xlsx -o report   (also print report.html to a PDF)
  dealaudit build --strict deals.csv -o report   (exit 1 if required values are missing)
  dealaudit build --as-of 1997-09-30 --holdout-from 1997-10-01 purchases.txt -o report
                                                 (test the forecast on what came after)
  dealaudit build --cpuprofile cpu.prof deals.csv -o report && go tool pprof -top cpu.prof
                                                 (where the time goes)

Exit status: 0 ok; 1 with --strict when won or lost deals have errors in
required fields; 2 usage or configuration errors; 3 a file that cannot be
read.
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", buildHelp, stderr)
	var in inputFlags
	in.register(fs)
	out := fs.String("o", "", "write the report into `DIR` (required)")
	force := fs.Bool("force", false, "replace DIR even if it is not empty and not a previous report")
	period := fs.String("period", "", "reporting period: `year` (default), quarter or month")
	asOf := fs.String("as-of", "", "report as of `DATE` (YYYY-MM-DD); deals after it are ignored (default: the latest close date)")
	target := fs.String("target-retention", "", "measure hidden revenue loss against this `RATE` (0.85 or 85%) instead of the best observed retention")
	quiet := fs.Bool("quiet", false, "print nothing but errors (no progress bar, no summary)")
	strict := fs.Bool("strict", false, "exit with status 1 when won or lost deals have errors in required fields (the report is still written)")
	notes := fs.String("notes", "", "the consultant's notes: a Markdown `FILE` with front matter (client, title, prepared_by, date, logo, accent)")
	tdir := fs.String("templates", "", "a `DIR` whose files replace built-in templates at the same relative path")
	holdout := fs.String("holdout-from", "", "fit the forecast on purchases before `DATE` (YYYY-MM-DD) and compare its predictions with what was bought from then on")
	pdf := fs.String("pdf", "", "also print report.html to the PDF `FILE` (needs Chromium or Chrome installed)")
	discount := fs.String("discount-rate", "", "monthly `RATE` the 12-month customer lifetime value is discounted at (default 0.01, about 12.7% a year)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof (performance work)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := needFiles(fs, files); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return usageError{"no output folder given: add -o DIR"}
	}
	cfg := report.Config{Inputs: files, Out: *out, Force: *force}
	if err := in.apply(&cfg); err != nil {
		return err
	}
	if *period != "" {
		cfg.Period = *period
	}
	if *notes != "" {
		cfg.Notes = *notes
	}
	if *tdir != "" {
		cfg.Templates = *tdir
	}
	if *asOf != "" {
		cfg.AsOf = *asOf
	}
	if *target != "" {
		t, err := report.ParseRate(*target)
		if err != nil {
			return usageError{"--target-retention: " + err.Error()}
		}
		cfg.TargetRetention = &t
	}
	if *holdout != "" {
		cfg.HoldoutFrom = *holdout
	}
	if *discount != "" {
		t, err := report.ParseRate(*discount)
		if err != nil {
			return usageError{"--discount-rate: " + err.Error()}
		}
		cfg.MonthlyDiscount = &t
	}
	if _, err := cfg.MetricsOptions(); err != nil {
		return usageError{err.Error()}
	}
	if _, err := cfg.ForecastOptions(); err != nil {
		return usageError{err.Error()}
	}
	chrome := ""
	if *pdf != "" {
		if chrome = findChromium(); chrome == "" {
			return usageError{fmt.Sprintf("--pdf needs Chromium or Chrome, and none was found (looked for %s): install it (Debian: apt-get install chromium), or open %s/report.html in a browser and print it",
				strings.Join(chromiumNames, ", "), *out)}
		}
	}
	cfg.Ingest.Progress = newProgress(stderr, *quiet)
	cfg.AfterStep = tuneMemory
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return usageError{"--cpuprofile: " + err.Error()}
		}
		defer stop()
	}
	start := time.Now()
	o, err := report.Build(ctx, cfg)
	if err != nil {
		return err
	}
	res, m, f := o.Res, o.M, o.F
	if !*quiet {
		rows := 0
		for _, f := range res.Files {
			rows += f.Rows
		}
		fmt.Fprintf(stdout, "read %d rows from %d file(s) in %.1fs: %d deals kept, %d problems (see %s/data/quality.csv)\n",
			rows, len(res.Files), o.ReadTime.Seconds(), o.Deals, len(res.Problems), *out)
		if m.AfterAsOf > 0 {
			fmt.Fprintf(stdout, "%d won or lost deals after the as-of date %s not used\n", m.AfterAsOf, m.AsOf)
		}
		if f.Skipped != "" {
			fmt.Fprintf(stdout, "no forecast: %s\n", f.Skipped)
		} else {
			fmt.Fprintf(stdout, "forecast: BG/NBD fitted to %d accounts (%d repeat buyers) up to %s in %.1fs; %d relationships at risk\n",
				f.Accounts, f.RepeatBuyers, f.End, o.FitTime.Seconds(), len(f.AtRisk))
			if f.HoldoutSkipped != "" {
				fmt.Fprintf(stdout, "no holdout comparison: %s\n", f.HoldoutSkipped)
			}
			if h := f.Holdout; h != nil {
				fmt.Fprintf(stdout, "holdout %s to %s: %.0f repeat purchases predicted, %d made\n", h.From, h.To, h.Predicted, h.Actual)
			}
		}
		fmt.Fprintf(stdout, "as of %s: %d customers over %d %s periods; wrote %s in %.1fs\n",
			m.AsOf, m.Customers, len(m.Periods), m.Period, *out, time.Since(start).Seconds())
	}
	if *pdf != "" {
		if err := printPDF(ctx, chrome, filepath.Join(*out, "report.html"), *pdf); err != nil {
			return fmt.Errorf("--pdf: %w", err)
		}
		if !*quiet {
			fmt.Fprintf(stdout, "printed %s\n", *pdf)
		}
	}
	if *strict && !res.Usable() {
		fmt.Fprintf(stderr, "dealaudit: --strict: won or lost deals have errors in required fields; see %s/data/quality.csv\n", *out)
		return errDataProblems
	}
	return nil
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
