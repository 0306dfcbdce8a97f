package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEChartsIsThePinnedBuild(t *testing.T) {
	b, err := ECharts()
	if err != nil {
		t.Fatal(err)
	}
	// The build of what the report uses (report/site's
	// TestChartsUseOnlyTheVendoredBuild checks it chart by chart).
	for _, kind := range []string{"heatmap", "graph", "pie", "line", "bar", "visualMap", "createElementNS"} {
		if !strings.Contains(string(b), kind) {
			t.Errorf("vendored ECharts lacks %q", kind)
		}
	}
	// Reports ship the licence as assets/LICENSE-echarts.txt: it covers
	// what the bundle holds, ECharts, zrender and tslib.
	lic, err := fs.ReadFile(builtin, "vendor/echarts/LICENSE")
	if err != nil {
		t.Fatal("the ECharts licence is not vendored beside it")
	}
	for _, want := range []string{"Apache License", "bundles zrender", "BSD 3-Clause", "and tslib", "Microsoft Corporation"} {
		if !strings.Contains(string(lic), want) {
			t.Errorf("the vendored licence lacks %q", want)
		}
	}
}

func TestOverlayAndExport(t *testing.T) {
	dir := t.TempDir()
	written, err := Export(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"page.html", "sections.html", "report.css", "report.js", "narrative/summary.md"} {
		found := false
		for _, w := range written {
			found = found || w == want
		}
		if !found {
			t.Errorf("export lacks %s (wrote %v)", want, written)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "vendor")); err == nil {
		t.Error("export wrote the vendored ECharts build")
	}
	if _, err := Export(dir); err == nil {
		t.Error("a second export overwrote files")
	}
	os.WriteFile(filepath.Join(dir, "report.css"), []byte("/* mine */"), 0o644)
	os.Remove(filepath.Join(dir, "report.js"))
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := fs.ReadFile(f, "report.css"); string(b) != "/* mine */" {
		t.Errorf("user file did not win: %q", b)
	}
	if b, _ := fs.ReadFile(f, "report.js"); !strings.Contains(string(b), "echarts") {
		t.Error("a deleted user file did not fall back to the built-in one")
	}
	if _, err := Open(filepath.Join(dir, "nope")); err == nil {
		t.Error("a missing templates folder was accepted")
	}
}
