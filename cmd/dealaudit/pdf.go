package main

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/dealaudit/dealaudit/report/eml"
	"github.com/dealaudit/dealaudit/report/site"
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

// paperSizes are the PDF's paper sizes, in inches.
var paperSizes = map[string][2]float64{"letter": {8.5, 11}, "a4": {210 / 25.4, 297 / 25.4}}

// printPDF prints page (report.html) to the PDF file out on paper (a4 or
// letter) with headless Chromium: scripts off, so the charts are the ones
// drawn at build time and the data tables are open, as the print style
// sheet lays them out; no network; the report's client, title and as-of
// date at the top of every page and its number at the foot. out is
// written whole or not at all.
func printPDF(ctx context.Context, chrome, page, out, paper string) error {
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
	running, err := chromedp.Run(tab, chromedp.Evaluate[string](`[document.querySelector('.masthead .client'), document.querySelector('.masthead h1'), document.querySelector('.masthead .meta')].map(e => e ? e.textContent.split(' · ')[0] : '').filter(Boolean).join(' · ')`))
	if err != nil {
		return fmt.Errorf("reading %s: %w", page, err)
	}
	size := paperSizes[paper]
	yes, no := true, false
	header := `<div style="font:8px Arial,'Liberation Sans',sans-serif;color:#5f6b7a;width:100%;margin:0 14mm;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">` + html.EscapeString(running) + `</div>`
	footer := `<div style="font:8px Arial,'Liberation Sans',sans-serif;color:#5f6b7a;width:100%;margin:0 14mm;text-align:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`
	top, bottom, side := 18/25.4, 16/25.4, 14/25.4
	res, err := chromedp.Call(tab, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &no, GenerateDocumentOutline: &yes,
		PaperWidth: size[0], PaperHeight: size[1], MarginTop: &top, MarginBottom: &bottom, MarginLeft: &side, MarginRight: &side,
		DisplayHeaderFooter: &yes, HeaderTemplate: header, FooterTemplate: footer})
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

// attachPDF adds the PDF to the report's email.eml, replacing the file in
// one rename.
func attachPDF(msgPath, pdf string) error {
	msg, err := os.ReadFile(msgPath)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		return err
	}
	out, err := eml.Attach(msg, eml.Part{Filename: site.AttachmentName(pdf), ContentType: "application/pdf", Data: data})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(msgPath), ".email-*.eml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), msgPath)
}
