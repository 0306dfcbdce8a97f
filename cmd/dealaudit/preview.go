package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// preview serves a report folder for dealaudit serve: the folder as the
// latest good build left it, each page with a script that reloads it when
// a later build finishes, and the latest build's error on every page when
// it failed. The folder on disk is the report a build writes; only the
// pages served carry the script, and their Content-Security-Policy
// allows that one script (by its hash) and its connection back here.
type preview struct {
	dir string // the report folder

	mu   sync.Mutex
	err  error // the latest build's failure; nil when it succeeded
	good bool  // a build has succeeded: dir holds a report
	gen  int   // builds finished
	// done is closed when the next build finishes, and replaced.
	done chan struct{}
	// closing is closed when the server stops, to end the event streams.
	closing chan struct{}
}

// eventsPath is where a page listens for builds.
const eventsPath = "/__dealaudit/events"

func newPreview(dir string) *preview {
	return &preview{dir: dir, done: make(chan struct{}), closing: make(chan struct{})}
}

// finished records the end of a build, which err says failed, and tells
// the open pages.
func (p *preview) finished(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.err, p.good, p.gen = err, p.good || err == nil, p.gen+1
	close(p.done)
	p.done = make(chan struct{})
}

// close ends the event streams, so that the server can shut down.
func (p *preview) close() { close(p.closing) }

func (p *preview) state() (err error, good bool, gen int, done chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err, p.good, p.gen, p.done
}

func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path == eventsPath {
		p.events(w, r)
		return
	}
	err, good, gen, _ := p.state()
	if !good {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write(errorPage(err, gen))
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if path.Ext(name) != ".html" {
		http.FileServer(http.Dir(p.dir)).ServeHTTP(w, r)
		return
	}
	f, openErr := http.Dir(p.dir).Open(name)
	if openErr != nil {
		http.NotFound(w, r)
		return
	}
	page, readErr := io.ReadAll(f)
	f.Close()
	if readErr != nil {
		http.Error(w, readErr.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(withReload(page, gen, err))
}

// events streams the number of each build that finishes, starting with
// the latest, as server-sent events.
func (p *preview) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming not supported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	for {
		_, _, gen, done := p.state()
		fmt.Fprintf(w, "data: %d\n\n", gen)
		flusher.Flush()
		select {
		case <-done:
		case <-r.Context().Done():
			return
		case <-p.closing:
			return
		}
	}
}

// reloadScript reloads the page when a build other than gen, the one it
// was served after, has finished.
func reloadScript(gen int) string {
	return `(function(){var es=new EventSource("` + eventsPath + `");es.onmessage=function(e){if(e.data!=="` + strconv.Itoa(gen) + `"){es.close();location.reload();}};})();`
}

// scriptHash is the policy source that allows an inline script.
func scriptHash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// cspStart is how a page's policy begins, as the page template writes it.
var cspStart = []byte(`http-equiv="Content-Security-Policy" content="`)

// withReload adds the reload script to a page, allows it and its event
// stream in the page's policy, and shows err (a failed rebuild) at the
// top of the page.
func withReload(page []byte, gen int, err error) []byte {
	script := reloadScript(gen)
	hash := "&#39;" + scriptHash(script) + "&#39;"
	if i := bytes.Index(page, cspStart); i >= 0 {
		start := i + len(cspStart)
		end := start + bytes.IndexByte(page[start:], '"')
		policy := string(page[start:end])
		policy = strings.Replace(policy, "script-src ", "script-src "+hash+" ", 1) + "; connect-src &#39;self&#39;"
		page = append(append(append([]byte(nil), page[:start]...), policy...), page[end:]...)
	}
	if err != nil {
		note := `<p class="banner" role="alert">The last rebuild failed: ` + html.EscapeString(err.Error()) +
			`. This is the report as the last good build wrote it; it reloads when you save a fix.</p>`
		page = insertAfter(page, "<main>", note)
	}
	return insertBefore(page, "</body>", "<script>"+script+"</script>\n")
}

func insertAfter(page []byte, mark, s string) []byte {
	i := bytes.Index(page, []byte(mark))
	if i < 0 {
		return append([]byte(s), page...)
	}
	i += len(mark)
	return append(append(append([]byte(nil), page[:i]...), s...), page[i:]...)
}

func insertBefore(page []byte, mark, s string) []byte {
	i := bytes.LastIndex(page, []byte(mark))
	if i < 0 {
		return append(page, s...)
	}
	return append(append(append([]byte(nil), page[:i]...), s...), page[i:]...)
}

// errorPage is what every address shows before a build has succeeded.
func errorPage(err error, gen int) []byte {
	script := reloadScript(gen)
	msg := "Building the report…"
	if err != nil {
		msg = "The build failed: " + err.Error() + "\n\nFix the input and save it: the page reloads when the next build finishes."
	}
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '` + scriptHash(script) + `'; connect-src 'self'">` +
		`<title>dealaudit serve</title></head><body><h1>dealaudit serve</h1><pre>` + html.EscapeString(msg) + `</pre>` +
		`<script>` + script + `</script></body></html>`)
}
