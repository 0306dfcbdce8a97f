package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEmailInBrowser opens email.eml's HTML part as a mail client shows
// it — the cid: pictures resolved to the message's own PNG parts — at 600
// and 390 pixels wide: every picture must be shown, at its width where
// there is room and no wider than the screen where there is not, with no
// sideways scrolling. Screenshots are saved as artifacts.
func TestEmailInBrowser(t *testing.T) {
	chrome := chromiumOrSkip(t)
	dir, out := buildForBrowser(t, "--notes", "../../sample-data/notes.md", "../../sample-data/deals.xlsx")
	_, leaves := readEmail(t, filepath.Join(out, "email.eml"))
	view := filepath.Join(dir, "email-view")
	os.MkdirAll(view, 0o755)
	var body string
	pictures := 0
	for _, l := range leaves {
		switch k := l.Key(); {
		case strings.HasPrefix(k, "cid:"):
			name := strings.TrimSuffix(strings.TrimPrefix(k, "cid:"), "@dealaudit") + ".png"
			os.WriteFile(filepath.Join(view, name), l.Body, 0o644)
			pictures++
		case strings.HasSuffix(l.Path, "alternative/text/html"):
			body = string(l.Body)
		}
	}
	for _, l := range leaves {
		if k := l.Key(); strings.HasPrefix(k, "cid:") {
			body = strings.ReplaceAll(body, `src="`+k+`"`, `src="`+strings.TrimSuffix(strings.TrimPrefix(k, "cid:"), "@dealaudit")+`.png"`)
		}
	}
	// A mail client does not apply the message's CSP meta tag; the files
	// here stand for the parts it resolves.
	body = strings.Replace(body, "img-src cid:", "img-src file:", 1)
	if strings.Contains(body, `src="cid:`) || pictures < 3 {
		t.Fatalf("%d pictures; unresolved cid: left", pictures)
	}
	page := filepath.Join(view, "email.html")
	os.WriteFile(page, []byte(body), 0o644)
	browser := startBrowser(t, chrome, dir)
	for _, width := range []int64{600, 390} {
		ctx := newTab(t, browser)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate("file://"+page), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		type img struct {
			Src      string  `json:"src"`
			Shown    float64 `json:"shown"`
			Width    float64 `json:"width"`
			Natural  float64 `json:"natural"`
			Complete bool    `json:"complete"`
		}
		type state struct {
			Images []img   `json:"images"`
			Scroll float64 `json:"scroll"`
			Inner  float64 `json:"inner"`
		}
		st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null))).then(() => ({
			images: Array.from(document.images).map(i => ({src: i.getAttribute('src'), shown: i.getBoundingClientRect().width, width: +i.getAttribute('width'), natural: i.naturalWidth, complete: i.complete && i.naturalWidth > 0})),
			scroll: document.documentElement.scrollWidth, inner: window.innerWidth}))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Images) != pictures {
			t.Errorf("%d px: %d images shown, %d in the message", width, len(st.Images), pictures)
		}
		for _, i := range st.Images {
			room := float64(width) - 2*8 - 2*24 // the outer and inner padding
			want := min(i.Width, room)
			switch {
			case !i.Complete:
				t.Errorf("%d px: %s is not shown", width, i.Src)
			case i.Natural != 2*i.Width && !strings.HasPrefix(i.Src, "logo"):
				t.Errorf("%d px: %s is %.0f pixels wide, want twice its width %.0f", width, i.Src, i.Natural, i.Width)
			case i.Shown > want+0.5 || i.Shown < want-0.5 && !strings.HasPrefix(i.Src, "logo"):
				t.Errorf("%d px: %s is shown %.1f px wide, want %.1f", width, i.Src, i.Shown, want)
			}
		}
		if st.Scroll > st.Inner {
			t.Errorf("%d px: the page scrolls sideways (%.0f px wide)", width, st.Scroll)
		}
		shot, png := screenshot(t, ctx, dir, fmt.Sprintf("email-%dpx.jpg", width), 80)
		t.Logf("%d px: %d images; screenshot %s (%d KB)", width, len(st.Images), shot, len(png)>>10)
	}
}
