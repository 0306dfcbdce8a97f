package main

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A served page carries the reload script, allowed by its hash and with
// its connection back, and nothing else more; a failed rebuild's message
// is escaped; a path cannot leave the report folder.
func TestPreviewPages(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; img-src data:"></head><body><main><p>report</p></main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("secret"), 0o644)
	p := newPreview(dir)
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := get("/"); code != http.StatusServiceUnavailable || !strings.Contains(body, "Building the report") {
		t.Errorf("before a build: %d %s", code, body)
	}
	p.finished(nil)
	_, body := get("/")
	script := reloadScript(1)
	sum := sha256.Sum256([]byte(script))
	want := `content="default-src &#39;none&#39;; script-src &#39;sha256-` + base64.StdEncoding.EncodeToString(sum[:]) + `&#39; &#39;self&#39;; img-src data:; connect-src &#39;self&#39;"`
	if !strings.Contains(body, want) || !strings.Contains(body, "<script>"+script+"</script>\n</body>") {
		t.Errorf("served page:\n%s\nwant the policy %s", body, want)
	}
	p.finished(errors.New(`notes.md line 3: <script>alert(1)</script>`))
	_, body = get("/index.html")
	if !strings.Contains(body, "<main><p class=\"banner\" role=\"alert\">The last rebuild failed: notes.md line 3: &lt;script&gt;alert(1)&lt;/script&gt;") ||
		!strings.Contains(body, "<p>report</p>") {
		t.Errorf("after a failed rebuild:\n%s", body)
	}
	if code, body := get("/../secret.txt"); code == http.StatusOK || strings.Contains(body, "secret") {
		t.Errorf("a path out of the folder: %d %s", code, body)
	}
}
