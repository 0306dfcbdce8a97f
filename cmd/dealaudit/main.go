// Command dealaudit turns a company's deal history (CSV, TSV or XLSX
// exports from a CRM or accounting system) into a relationship revenue
// audit: a static HTML report on retention, repeat revenue and referrals.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/ingest"
	"github.com/dealaudit/dealaudit/report/narrative"
	"github.com/dealaudit/dealaudit/report/site"
)

// Exit codes.
const (
	exitOK       = 0
	exitData     = 1   // data problems (check)
	exitUsage    = 2   // usage and configuration errors
	exitUnusable = 3   // input that cannot be read
	exitWrite    = 4   // the report could not be written (full disk, read-only folder, another build)
	exitInternal = 5   // the tool's own failure
	exitSignal   = 130 // interrupted (Ctrl-C)
)

const usage = `dealaudit turns a deal history into a relationship revenue audit.

Usage:
  dealaudit check FILE...          what is in the file, how it was read, what is wrong
  dealaudit build FILE... -o DIR   write the report into DIR
  dealaudit init FILE...           write dealaudit.yaml with the detected column mapping
  dealaudit serve FILE...          build and serve the report, rebuilding as you edit
  dealaudit compare OLD NEW -o DIR what changed between two report folders
  dealaudit templates export DIR   write the built-in templates out to customise
  dealaudit version                print the version (also: dealaudit --version)

Run "dealaudit COMMAND -h" or "dealaudit help COMMAND" for a command's
options and examples.

Exit codes: 0 ok, 1 data problems (check, or build --strict), 2 usage or
configuration error, 3 input that cannot be read, 4 the report could not be
written, 5 an internal error (please report it), 130 interrupted.
`

func main() {
	setReadingGC()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx := interruptible(context.Background(), sigs, os.Exit, os.Stderr)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	signal.Stop(sigs)
	code := exitCode(err)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "dealaudit: interrupted; nothing was written and a previous report is as it was")
	case code == exitInternal:
		fmt.Fprintf(os.Stderr, "dealaudit: internal error: %v\nThis is a fault of dealaudit, not of your data: please report it with this message, the command you ran and the output of dealaudit --version.\n", err)
	case err != nil && !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errDataProblems):
		fmt.Fprintln(os.Stderr, "dealaudit:", err)
	}
	os.Exit(code)
}

// interruptible returns a context that the first signal on sigs cancels,
// so that the command stops at its next check and leaves a previous
// report as it was; a second signal exits at once with exitSignal, for a
// build stuck where it does not check (a slow disk, a hung network file).
func interruptible(parent context.Context, sigs <-chan os.Signal, exit func(int), stderr io.Writer) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		cancel()
		if _, ok := <-sigs; !ok {
			return
		}
		fmt.Fprintln(stderr, "dealaudit: interrupted again: stopping now; a previous report is as it was")
		exit(exitSignal)
	}()
	return ctx
}

// run executes one command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{}
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "init":
		return runInit(ctx, args[1:], stdout, stderr)
	case "templates":
		return runTemplates(ctx, args[1:], stdout, stderr)
	case "compare":
		return runCompare(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(stdout)
	case "help":
		if len(args) > 1 && helpCommands[args[1]] {
			return run(ctx, []string{args[1], "-h"}, stdout, stdout)
		}
		fmt.Fprint(stdout, usage)
		return nil
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q%s; run dealaudit -h for the commands", args[0], suggest(args[0], commandNames))}
}

// commandNames and helpCommands are the subcommands, for help COMMAND and suggestions.
var (
	commandNames = []string{"build", "check", "init", "serve", "compare", "templates", "version", "help"}
	helpCommands = map[string]bool{"build": true, "check": true, "init": true, "serve": true, "compare": true, "templates": true}
)

// usageError is a mistake on the command line; its message (if any) is
// printed after the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

var errDataProblems = errors.New("data problems in required fields")

func exitCode(err error) int {
	var ue usageError
	var ce *ConfigError
	var fe *ingest.FileError
	var ne *narrative.NotesError
	var oe *report.OptionsError
	var we *site.WriteError
	var ie *report.InternalError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitSignal
	case errors.Is(err, errDataProblems), errors.As(err, new(*ingest.NoWonError)):
		return exitData
	case errors.As(err, &ue), errors.As(err, &ce), errors.As(err, &ne), errors.As(err, &oe), errors.Is(err, site.ErrNotReport):
		return exitUsage
	case errors.As(err, &fe):
		return exitUnusable
	case errors.As(err, &we):
		return exitWrite
	case errors.As(err, &ie):
		return exitInternal
	}
	return exitUnusable
}
