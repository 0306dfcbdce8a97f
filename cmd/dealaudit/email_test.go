package main

import (
	"errors"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report"
	"github.com/dealaudit/dealaudit/report/eml"
	"github.com/dealaudit/dealaudit/report/site"
)

// The email options reach email.eml: the addresses, the report's address
// in its links, and nothing attached with --email-attach none.
func TestBuildEmailOptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	_, stderr, code := runCmd(t, "build", "--quiet", "-o", out, "--report-url", "https://audits.example.com/acme/",
		"--email-to", "Sales Team <sales@example.com>, ceo@example.com", "--email-from", "Ann Lee <ann@example.com>",
		"--email-attach", "none", fixtures+"title_trailer.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h, leaves := readEmail(t, filepath.Join(out, "email.eml"))
	if h.Get("To") != `"Sales Team" <sales@example.com>, <ceo@example.com>` || h.Get("From") != `"Ann Lee" <ann@example.com>` {
		t.Errorf("To %q, From %q", h.Get("To"), h.Get("From"))
	}
	for _, l := range leaves {
		if strings.HasPrefix(l.Path, "multipart/mixed/") && !strings.HasPrefix(l.Path, "multipart/mixed/multipart/related/") {
			t.Errorf("attached with --email-attach none: %s", l.Key())
		}
		if strings.HasSuffix(l.Path, "text/html") && !strings.Contains(string(l.Body), `href="https://audits.example.com/acme/"`) {
			t.Error("the HTML part does not link to --report-url")
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !strings.Contains(string(page), `href="https://audits.example.com/acme/data/metrics.json"`) {
		t.Error("report.html does not link to the data tables online")
	}
}

// Options with a bad value stop before the build with a message saying
// what is expected (the limits overflowed: "more than -1 MB").
func TestOptionValueErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--report-url", "audits/acme"}, "expected a web address"},
		{[]string{"--report-url", "javascript:alert(1)"}, "expected a web address"},
		{[]string{"--email-attach", "both"}, "expected report, pdf or none"},
		{[]string{"--email-attach", "pdf"}, "--email-attach pdf attaches the PDF that --pdf FILE prints"},
		{[]string{"--email-to", "not an address"}, "expected mail addresses"},
		{[]string{"--paper", "a3"}, "expected a4 or letter"},
		{[]string{"--redact", "everyone"}, "expected none, owners, accounts or all"},
		{[]string{"--where", "owner"}, `expected FIELD=VALUE such as owner="Ann Lee"`},
		{[]string{"--where", "colour=red"}, `no field "colour": expected owner, segment, approach, source, type`},
		{[]string{"--where", "owner=Nobody"}, `--where owner=Nobody: no deal records the owner field`},
		{[]string{"--split-by", "approach"}, `expected owner or segment, found "approach"`},
		{[]string{"--split-by", "segment"}, "--split-by segment: no deal records the segment field"},
		{[]string{"--max-sheet-mb", "9223372036854775807"}, "expected a number of megabytes from 1 to 8,388,608"},
		{[]string{"--max-part-mb", "17592186044416"}, "expected a number of megabytes from 1 to 8,388,608"},
		{[]string{"--max-cell-kb", "0"}, "expected a number of kilobytes from 1 to 1,048,576"},
	} {
		out := filepath.Join(dir, "r")
		_, stderr, code := runCmd(t, append(append([]string{"build", "-o", out}, c.args...), fixtures+"title_trailer.csv")...)
		if code != 2 || !strings.Contains(stderr, c.says) {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: a report was written", c.args)
		}
	}
}

// The PDF's paper is the locale's unless --paper says.
func TestPaperSize(t *testing.T) {
	for _, c := range []struct{ locale, paper, want string }{
		{"", "", "letter"}, {"en-US", "", "letter"}, {"de-DE", "", "a4"}, {"en-GB", "", "a4"}, {"de-DE", "letter", "letter"}, {"", "a4", "a4"},
	} {
		s := newSettings()
		s.cfg.Locale, s.paper = c.locale, c.paper
		if got := s.paperSize(); got != c.want {
			t.Errorf("locale %q, --paper %q: %s, want %s", c.locale, c.paper, got, c.want)
		}
	}
}

// A report that cannot be written exits 4, not 3 ("a file that cannot be
// read"); the tool's own failures exit 5.
func TestExitCodesOfWritingAndInternalErrors(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	_, stderr, code := runCmd(t, "build", "--quiet", "-o", filepath.Join(blocker, "report"), fixtures+"title_trailer.csv")
	if code != exitWrite || !strings.Contains(stderr, "writing the report") {
		t.Errorf("output under a file: exit %d: %s", code, stderr)
	}
	if c := exitCode(&report.InternalError{Err: errors.New("chart x: rendering took longer than 20s")}); c != exitInternal {
		t.Errorf("internal error: exit %d", c)
	}
	if c := exitCode(fmt.Errorf("build: %w", &site.WriteError{Err: site.ErrLocked})); c != exitWrite {
		t.Errorf("lock held: exit %d", c)
	}
}

// readEmail reads an email.eml into its header and leaves.
func readEmail(t *testing.T, path string) (mail.Header, []eml.Leaf) {
	t.Helper()
	msg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, leaves, err := eml.Read(msg)
	if err != nil {
		t.Fatal(err)
	}
	return h, leaves
}
