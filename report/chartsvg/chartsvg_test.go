package chartsvg

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dealaudit/dealaudit/templates"
)

func renderer(t testing.TB) *Renderer {
	t.Helper()
	src, err := templates.ECharts()
	if err != nil {
		t.Fatal(err)
	}
	return New(src)
}

// A build of ECharts that does not compile is an error of the render,
// not a panic, and the renderer can render again.
func TestRenderWithABrokenBuild(t *testing.T) {
	r := New([]byte("var echarts = {"))
	for range 3 { // more than the renderer's slots: a failed start gives its slot back
		if _, err := r.Render("chart-x", barOption, 300, 200); err == nil || !strings.Contains(err.Error(), "compiling ECharts") {
			t.Fatalf("err %v, want one saying ECharts did not compile", err)
		}
	}
}

const barOption = `{"animation":false,"textStyle":{"fontFamily":"Arial"},"xAxis":{"type":"category","data":["<script>alert(1)</script>","\"><svg onload=alert(2)>","C & D"]},"yAxis":{"type":"value"},"series":[{"type":"line","areaStyle":{},"data":[1,3,2]}]}`

func TestRenderIsStaticSafeAndDeterministic(t *testing.T) {
	r := renderer(t)
	a, err := r.Render("chart-a", barOption, 600, 300)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := r.Render("chart-a", barOption, 600, 300)
	if a != again {
		t.Error("the same chart rendered twice differs")
	}
	b, _ := r.Render("chart-b", barOption, 600, 300)
	if strings.ReplaceAll(b, "chart-b-", "chart-a-") != a {
		t.Error("two ids give more than differently prefixed ids")
	}
	if !strings.HasPrefix(a, "<svg") || !strings.Contains(a, "<path") || !strings.Contains(a, `viewBox="0 0 600 300"`) {
		t.Errorf("not a drawn SVG: %.300s", a)
	}
	for _, bad := range []string{"<script", "onload", "style=", "<svg onload"} {
		if strings.Contains(a, bad) {
			t.Errorf("SVG holds %q", bad)
		}
	}
	if !strings.Contains(a, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(a, "C &amp; D") {
		t.Error("labels are not in the SVG as escaped text")
	}
	if !strings.Contains(a, `font-family="Arial"`) {
		t.Error("the text's style did not become presentation attributes")
	}
	if strings.Contains(a, `zr0-`) || strings.Contains(a, "class=") {
		t.Error("an id or class kept zrender's own numbering")
	}
	if !strings.Contains(a, `id="chart-a-0"`) || !strings.Contains(a, `url(#chart-a-0)`) {
		t.Errorf("the area's clip path is not renumbered under the chart id: %s", a)
	}
}

func TestRenderTimeout(t *testing.T) {
	r := renderer(t)
	r.Timeout = time.Microsecond
	if _, err := r.Render("slow", barOption, 600, 300); !errors.Is(err, ErrTooLong) {
		t.Errorf("err = %v, want a timeout", err)
	}
	r.Timeout = Timeout
	if _, err := r.Render("after", barOption, 600, 300); err != nil {
		t.Errorf("a render after a timeout: %v", err)
	}
	if _, err := r.Render("bad", `{"series":`, 600, 300); err == nil {
		t.Error("invalid JSON rendered")
	}
}

// Widths from the font: Arial's "A" and "V" are 1366/2048 em each; bold,
// "A" is 1479 and "V" 1366; a CJK character is one em.
func TestMeasure(t *testing.T) {
	for _, c := range []struct {
		text, font string
		want       float64
	}{
		{"AV", "10px sans-serif", 2 * 1366 * 10.0 / 2048},
		{"AV", "bold 10px Arial", (1479 + 1366) * 10.0 / 2048},
		{"AV", "normal 700 10px Arial", (1479 + 1366) * 10.0 / 2048},
		{"中", "12px sans-serif", 12},
		{"", "12px sans-serif", 0},
	} {
		if got := measure(c.text, c.font); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("measure(%q, %q) = %g, want %g", c.text, c.font, got, c.want)
		}
	}
}

func TestCleanWhitelist(t *testing.T) {
	in := `<svg xmlns="http://www.w3.org/2000/svg" width="10"><script>alert(1)</script><style>.a{}</style>` +
		`<a href="javascript:x"><text>in a link</text></a><foreignObject><div>x</div></foreignObject>` +
		`<path onclick="x" clip-path="url(#zr3-c0)" style="fill:red;behavior:url(x)" d="M0 0" class="zr3-cls-0"/>` +
		`<defs><clipPath id="zr3-c0"></clipPath></defs>` +
		`<use xlink:href="http://evil/x"/><text fill="javascript:alert(1)">a &lt; b</text></svg>`
	got, err := clean(in, "c")
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg xmlns="http://www.w3.org/2000/svg" width="10"><path clip-path="url(#c-0)" fill="red" d="M0 0"></path><defs><clipPath id="c-0"></clipPath></defs><text>a &lt; b</text></svg>`
	if got != want {
		t.Errorf("clean:\n got %s\nwant %s", got, want)
	}
	if _, err := clean(`<svg><g>`, "c"); err == nil {
		t.Error("an unfinished SVG was accepted")
	}
	if _, err := clean(`<html><body></body></html>`, "c"); err == nil {
		t.Error("a document that is not an SVG was accepted")
	}
}
