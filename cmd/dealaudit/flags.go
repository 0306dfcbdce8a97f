package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/ingest"
)

// inputFlags are the options every subcommand shares: how to read files.
type inputFlags struct {
	config    string
	sheet     string
	dateOrder string
	accounts  string
	partMB    int64
	sheetMB   int64
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "read options from `FILE` (dealaudit.yaml, as written by dealaudit init)")
	fs.StringVar(&f.sheet, "sheet", "", "XLSX: read the sheet `NAME` (default: first visible sheet with a header)")
	fs.StringVar(&f.dateOrder, "date-order", "", "read dates like 03/04/2024 as `mdy` or dmy (default: decided from the data)")
	fs.StringVar(&f.accounts, "accounts", "", "account export `FILE` (Id, Name) that turns account ids into names")
	fs.Int64Var(&f.partMB, "max-part-mb", 0, fmt.Sprintf("XLSX: refuse a part other than a sheet that expands beyond `MB` (default %d)", ingest.DefaultPartMB))
	fs.Int64Var(&f.sheetMB, "max-sheet-mb", 0, fmt.Sprintf("XLSX: refuse a sheet whose XML expands beyond `MB` (default %d)", ingest.DefaultSheetMB))
}

// config merges the config file (if any) and the flags, flags winning.
func (f *inputFlags) apply(cfg *report.Config) error {
	if f.config != "" {
		if err := report.LoadConfig(f.config, cfg); err != nil {
			return err
		}
	}
	if f.sheet != "" {
		cfg.Ingest.Sheet = f.sheet
	}
	if f.dateOrder != "" {
		o, ok := ingest.ParseDateOrder(f.dateOrder)
		if !ok {
			return usageError{fmt.Sprintf("--date-order: expected mdy or dmy, found %q", f.dateOrder)}
		}
		cfg.Ingest.DateOrder = o
	}
	if f.accounts != "" {
		cfg.Ingest.Accounts = f.accounts
	}
	if f.partMB < 0 || f.sheetMB < 0 {
		return usageError{"--max-part-mb and --max-sheet-mb take a positive number of megabytes"}
	}
	if f.partMB > 0 {
		cfg.Ingest.Limits.PartMB = f.partMB
	}
	if f.sheetMB > 0 {
		cfg.Ingest.Limits.SheetMB = f.sheetMB
	}
	return nil
}

// parse parses flags and positional arguments in any order, as in
// "dealaudit build deals.csv -o report". A mistake in the flags is one
// line that names it, suggests the nearest option and points to -h; -h
// prints the command's help.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				fs.SetOutput(out)
				usage()
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError turns the flag package's error into one line for the user.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if _, name, ok := strings.Cut(msg, ": -"); ok {
		msg = strings.Replace(msg, ": -", ": "+dashes(name), 1)
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
		msg = fmt.Sprintf("unknown option --%s%s", strings.TrimLeft(name, "-"), suggest("--"+strings.TrimLeft(name, "-"), names))
	}
	return usageError{fmt.Sprintf("%s: %s; dealaudit %s -h lists the options", fs.Name(), msg, fs.Name())}
}

// newFlagSet makes a FlagSet whose -h output is the command's help text
// followed by its options.
func newFlagSet(name, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), help)
		fmt.Fprintln(fs.Output(), "\nOptions:")
		printOptions(fs)
	}
	return fs
}

// dashes is how the help and the examples write an option: -o, --notes.
func dashes(name string) string {
	if len(name) == 1 {
		return "-"
	}
	return "--"
}

// printOptions lists the options as the examples write them, with "--".
func printOptions(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		line := "  " + dashes(f.Name) + f.Name
		if name != "" {
			line += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			help += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(fs.Output(), "%s\n    \t%s\n", line, strings.ReplaceAll(help, "\n", "\n    \t"))
	})
}

func needFiles(fs *flag.FlagSet, files []string) error {
	if len(files) == 0 {
		fs.Usage()
		return usageError{"no input files given"}
	}
	return nil
}
