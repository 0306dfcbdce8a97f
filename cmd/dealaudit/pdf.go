package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromeLocations are where --pdf looks for a browser, by operating
// system, in order: the list chromedp's own lookup uses (which chromedp
// does not export), so that a missing browser is said before the build.
var chromeLocations = map[string][]string{
	"darwin": {
		"/Applications/Chromium.app/Contents/MacOS/Chromium",
		"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
		"/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
	},
	"windows": {
		"chrome", "chrome.exe",
		`C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`,
		`C:\Program Files\Google\Chrome\Application\chrome.exe`,
		`%USERPROFILE%\AppData\Local\Google\Chrome\Application\chrome.exe`,
		`%USERPROFILE%\AppData\Local\Chromium\Application\chrome.exe`,
		"msedge", "msedge.exe",
		`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`,
		`C:\Program Files\Microsoft\Edge\Application\msedge.exe`,
	},
	"": { // Linux and other Unix-like systems
		"headless_shell", "headless-shell", "chromium", "chromium-browser",
		"google-chrome", "google-chrome-stable", "google-chrome-beta", "google-chrome-unstable",
		"/usr/bin/google-chrome", "/usr/local/bin/chrome", "/snap/bin/chromium", "chrome",
	},
}

// chromeEnv names the browser --pdf uses, when set.
const chromeEnv = "DEALAUDIT_CHROME"

// findChrome returns the browser --pdf prints with: DEALAUDIT_CHROME when
// set, else the first of chromeLocations found, or an error that says what
// to do (out is the report folder).
func findChrome(out string) (string, error) {
	if p := os.Getenv(chromeEnv); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", usageError{fmt.Sprintf("--pdf: %s names %q, which is not a program that can be run: %v", chromeEnv, p, err)}
		}
		return found, nil
	}
	locations, ok := chromeLocations[runtime.GOOS]
	if !ok {
		locations = chromeLocations[""]
	}
	for _, l := range locations {
		if found, err := exec.LookPath(os.ExpandEnv(strings.ReplaceAll(l, "%USERPROFILE%", "${USERPROFILE}"))); err == nil {
			return found, nil
		}
	}
	return "", usageError{fmt.Sprintf("--pdf needs Chromium, Chrome or Edge, and none was found (looked for %s): install one (Debian: apt-get install chromium), set %s to its path, or open %s/report.html in a browser and print it",
		strings.Join(locations, ", "), chromeEnv, out)}
}

// pdfTimeout bounds printing one report.
const pdfTimeout = 2 * time.Minute

// printPDF prints page (report.html) to the PDF file out with headless
// Chromium: scripts off, so the charts are the ones drawn at build time and
// the data tables are open, as the print style sheet lays them out; no
// network. out is written whole or not at all.
func printPDF(ctx context.Context, chrome, page, out string) error {
	abs, err := filepath.Abs(page)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "dealaudit-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"), chromedp.UserDataDir(profile))...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	if err := chromedp.Do(tab); err != nil {
		return fmt.Errorf("starting %s: %w", chrome, err)
	}
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(abs)), chromedp.WaitReady("body")); err != nil {
		return fmt.Errorf("opening %s: %w", page, err)
	}
	yes := true
	res, err := chromedp.Call(tab, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &yes, GenerateDocumentOutline: &yes})
	if err != nil {
		return fmt.Errorf("printing %s: %w", page, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".dealaudit-pdf-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(res.Data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
