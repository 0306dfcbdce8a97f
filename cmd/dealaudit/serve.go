package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dealaudit/dealaudit/report"
)

const serveHelp = `Usage: dealaudit serve [options] FILE...

Builds the report as build does, into a temporary folder, and serves it
on this computer only (http://127.0.0.1:PORT/) while you work on it: when
you save an input, the notes, dealaudit.yaml or a file of the templates
folder, it builds again and every open page reloads. A build that fails
shows its error at the top of the pages, which keep the last good report.
Ctrl-C stops it and removes the temporary folder. It takes the options of
build (but -o and --pdf: write the report you send with build).

Examples:
  dealaudit serve --notes notes.md deals.xlsx
  dealaudit serve --port 8080 --config client.yaml deals.xlsx
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", serveHelp, stderr)
	s, files, err := parseCommand(fs, cmdBuild|cmdServe, args)
	if err != nil {
		return err
	}
	if err := needFiles(fs, files); err != nil {
		return err
	}
	if s.cfg.Out != "" || s.pdf != "" {
		return usageError{"serve builds into a temporary folder of its own and prints no PDF: leave out -o and --pdf (dealaudit build writes the report to send)"}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(s.port))
	if err != nil {
		return usageError{fmt.Sprintf("--port %d: %v", s.port, err)}
	}
	tmp, err := os.MkdirTemp("", "dealaudit-serve-")
	if err != nil {
		ln.Close()
		return err
	}
	defer os.RemoveAll(tmp)
	p := newPreview(filepath.Join(tmp, "report"))
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)

	paths := watched(s)
	rebuild := func() []string {
		paths = serveBuild(ctx, args, p, stdout, paths)
		return paths
	}
	rebuild()
	fmt.Fprintf(stdout, "serving http://%s/ (building into %s); Ctrl-C to stop\n", ln.Addr(), tmp)
	watch(ctx, paths, rebuild)

	p.close()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	fmt.Fprintf(stdout, "stopped; removed %s\n", tmp)
	return nil
}

// serveBuild reads the command line again (dealaudit.yaml may have
// changed), builds into the preview's folder and tells its pages; it
// returns the paths to watch, prev when the command line no longer parses.
func serveBuild(ctx context.Context, args []string, p *preview, stdout io.Writer, prev []string) []string {
	start := time.Now()
	s, _, err := parseCommand(newFlagSet("serve", "", io.Discard), cmdBuild|cmdServe, args)
	var o *report.Outcome
	if err == nil {
		s.cfg.Out, s.cfg.Force = p.dir, true
		o, err = report.Build(ctx, s.cfg)
	}
	if ctx.Err() != nil {
		return nil
	}
	p.finished(err)
	if err != nil {
		fmt.Fprintf(stdout, "%s build failed: %v\n", time.Now().Format(time.TimeOnly), err)
	} else {
		fmt.Fprintf(stdout, "%s built in %.1fs\n", time.Now().Format(time.TimeOnly), time.Since(start).Seconds())
		for _, n := range o.Notices {
			fmt.Fprintln(stdout, "note:", n)
		}
	}
	if s == nil {
		return prev
	}
	return watched(s)
}

// watched is what a serve build reads: the inputs, the accounts file,
// the notes, dealaudit.yaml and the templates folder.
func watched(s *settings) []string {
	out := append([]string(nil), s.cfg.Inputs...)
	for _, p := range []string{s.cfg.Ingest.Accounts, s.cfg.Notes, s.cfg.Templates, s.config} {
		if p != "" {
			out = append(out, p)
		}
	}
	if s.config == "" {
		out = append(out, defaultConfigFile) // watched for being created
	}
	return out
}
