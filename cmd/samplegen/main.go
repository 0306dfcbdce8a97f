// Command samplegen writes dealaudit's sample deal history
// (sample-data/deals.xlsx and sample-data/deals.csv) from a fixed seed, and
// large deal files for benchmarks.
//
// Usage:
//
//	go run ./cmd/samplegen                              # rewrite sample-data/
//	go run ./cmd/samplegen -rows 1000000 -o bench/1m.csv
//	go run ./cmd/samplegen -rows 1000000 -o bench/1m.xlsx
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const help = `Usage: samplegen [-dir DIR] | -rows N -o FILE

Without -rows, writes the sample deal history (about 400 accounts and 3,000
deals, 2019-2025, with the dirt real exports carry) to DIR/deals.xlsx and
DIR/deals.csv. With -rows, writes a large file of N deals for benchmarks,
as CSV or XLSX by the extension of FILE. Output depends only on -seed.

Examples:
  go run ./cmd/samplegen
  go run ./cmd/samplegen -rows 1000000 -o bench/1m.csv
  go run ./cmd/samplegen -rows 100000 -o bench/100k.xlsx

Options:
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if err != flag.ErrHelp {
			fmt.Fprintln(os.Stderr, "samplegen:", err)
		}
		os.Exit(2)
	}
}

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("samplegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, help); fs.PrintDefaults() }
	dir := fs.String("dir", "sample-data", "write the sample history into `DIR`")
	rows := fs.Int("rows", 0, "write a large file of `N` deals instead of the sample")
	out := fs.String("o", "", "large file to write: `FILE`.csv or FILE.xlsx (with -rows)")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rows > 0 {
		if *out == "" {
			return fmt.Errorf("-rows needs -o FILE.csv or FILE.xlsx")
		}
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".csv":
			return writeLargeCSV(*out, *rows, *seed)
		case ".xlsx":
			return writeLargeXLSX(*out, *rows, *seed)
		}
		return fmt.Errorf("-o %s: expected a .csv or .xlsx file name", *out)
	}
	deals, tr := history(*seed)
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	if err := writeSampleXLSX(filepath.Join(*dir, "deals.xlsx"), deals); err != nil {
		return err
	}
	if err := writeSampleCSV(filepath.Join(*dir, "deals.csv"), deals); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s/deals.xlsx and %s/deals.csv: %d rows, %d accounts (won %d, lost %d, open %d)\n",
		*dir, *dir, len(deals), tr.Accounts, tr.Won, tr.Lost, tr.Open)
	return nil
}
