package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/dealaudit/dealaudit/report"
)

// The command line's conventions: version, help COMMAND, one-line
// mistakes with a suggestion, options shown with "--".
func TestCommandLineConventions(t *testing.T) {
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string // what each must contain
	}{
		{"--version", []string{"--version"}, 0, "dealaudit " + report.Version, ""},
		{"version", []string{"version"}, 0, "dealaudit " + report.Version, ""},
		{"help build", []string{"help", "build"}, 0, "Usage: dealaudit build", ""},
		{"help lists version", []string{"help"}, 0, "dealaudit version", ""},
		{"options with --", []string{"help", "check"}, 0, "  --config FILE", ""},
		{"one-letter options with -", []string{"help", "build"}, 0, "  -o DIR\n", ""},
		{"unknown command", []string{"buld"}, 2, "", `unknown command "buld" (did you mean "build"?); run dealaudit -h`},
		{"unknown flag", []string{"build", "--nots", "n.md", "x.csv"}, 2, "", `build: unknown option --nots (did you mean "--notes"?); dealaudit build -h lists the options`},
		{"unknown flag, nothing near", []string{"check", "--zzzzzzzz", "x.csv"}, 2, "", "check: unknown option --zzzzzzzz; dealaudit check -h"},
		{"flag without value", []string{"build", "x.csv", "-o"}, 2, "", "build: flag needs an argument: -o; dealaudit build -h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout with %q, stderr with %q", code, tt.code, stdout, stderr, tt.stdout, tt.errs)
			}
			if tt.code == 2 && strings.Contains(stderr, "Options:") {
				t.Errorf("a mistake prints the whole usage:\n%s", stderr)
			}
		})
	}
}

func TestVersionFromBuildInfo(t *testing.T) {
	if got := version(&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, true); got != "v1.4.0" {
		t.Errorf("installed at v1.4.0: %q", got)
	}
	if got := version(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true); got != report.Version {
		t.Errorf("(devel): %q", got)
	}
	if got := version(nil, false); got != report.Version {
		t.Errorf("no build info: %q", got)
	}
}

func TestSuggest(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"--nots", `"--notes"`}, {"chek", `"check"`}, {"--period", `"--period"`}, {"xyz", ""}, {"--a", ""},
	} {
		got := suggest(tt.word, []string{"--notes", "--period", "check", "build"})
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("suggest(%q) = %q, want %s", tt.word, got, tt.want)
		}
	}
}
