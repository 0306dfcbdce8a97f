// Package chartsvg draws ECharts options as static SVG at build time, with
// ECharts' own server-side renderer running in a pure-Go JavaScript engine
// (goja), so that a report's charts are there without JavaScript: in email,
// print preview, PDF converters and locked-down browsers.
//
// The ECharts program is compiled once per process. A renderer draws on
// at most one runtime per core: a render waits for a free one. Runtimes
// are kept while a RenderAll is under way and let go when the last one
// ends, so that reports drawn at once share them and none outlives the
// drawing. Every render is deterministic (no animation, a
// fixed random source, UTC), bounded in time, and its SVG is re-written
// through a whitelist: only drawing elements and attributes survive, style
// attributes become presentation attributes (the report's
// Content-Security-Policy allows no inline styles), and ids are prefixed
// per chart so that two charts on one page never share one.
package chartsvg

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Font is the font family the static charts name: metric-compatible
// fonts whose widths are in widths.go (Liberation Sans is Arial's metrics).
const Font = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"

// Timeout bounds one chart's render.
const Timeout = 20 * time.Second

// ErrTooLong is a chart that took longer than its Timeout to draw.
var ErrTooLong = errors.New("drawing took too long")

// Renderer renders charts; it is safe for concurrent use.
type Renderer struct {
	src []byte // the ECharts build, compiled when the first runtime starts
	// slots holds a token per render under way; pool the runtimes idle.
	slots   chan struct{}
	pool    chan *engine
	mu      sync.Mutex
	batches int // RenderAll calls under way
	Timeout time.Duration
}

type engine struct {
	vm     *goja.Runtime
	render goja.Callable
}

var compiled struct {
	sync.Mutex
	sum  [32]byte
	prog *goja.Program
}

// New returns a renderer for the ECharts build src (the full build: the
// common build draws heatmaps and graphs empty). Nothing is compiled
// before the first render, which reports a build that does not compile.
func New(src []byte) *Renderer {
	n := runtime.GOMAXPROCS(0)
	return &Renderer{src: src, slots: make(chan struct{}, n), pool: make(chan *engine, n), Timeout: Timeout}
}

// program returns src compiled, once per process for the same bytes.
func program(src []byte) (*goja.Program, error) {
	sum := sha256.Sum256(src)
	compiled.Lock()
	defer compiled.Unlock()
	if compiled.prog == nil || compiled.sum != sum {
		p, err := goja.Compile("echarts.min.js", string(src), false)
		if err != nil {
			return nil, fmt.Errorf("compiling ECharts: %w", err)
		}
		compiled.prog, compiled.sum = p, sum
	}
	return compiled.prog, nil
}

const setup = `
echarts.setPlatformAPI({measureText: function (text, font) { return {width: __measure(String(text), String(font || ''))}; }});
(function (option, width, height) {
  var chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: width, height: height});
  try {
    chart.setOption(JSON.parse(option));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
})`

func (r *Renderer) newEngine() (*engine, error) {
	prog, err := program(r.src)
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	noop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	vm.Set("setTimeout", noop)
	vm.Set("clearTimeout", noop)
	vm.Set("__measure", measure)
	if _, err := vm.RunString("var self = this, global = this;"); err != nil {
		return nil, err
	}
	if _, err := vm.RunProgram(prog); err != nil {
		return nil, fmt.Errorf("loading ECharts: %w", err)
	}
	f, err := vm.RunString(setup)
	if err != nil {
		return nil, fmt.Errorf("setting ECharts up: %w", err)
	}
	render, ok := goja.AssertFunction(f)
	if !ok {
		return nil, errors.New("setting ECharts up: no render function")
	}
	return &engine{vm: vm, render: render}, nil
}

// get waits for a slot and returns an idle runtime, or a new one.
func (r *Renderer) get() (*engine, error) {
	r.slots <- struct{}{}
	select {
	case e := <-r.pool:
		return e, nil
	default:
		e, err := r.newEngine()
		if err != nil {
			<-r.slots
		}
		return e, err
	}
}

// put gives back the slot of a render and keeps its runtime (nil: one
// not to reuse).
func (r *Renderer) put(e *engine) {
	if e != nil {
		r.pool <- e // never full: there are no more runtimes than slots
	}
	<-r.slots
}

// Render draws the ECharts option (JSON) at width × height pixels and
// returns the cleaned SVG; id prefixes every id in it.
func (r *Renderer) Render(id, option string, width, height int) (string, error) {
	if !json.Valid([]byte(option)) {
		return "", fmt.Errorf("chart %s: option is not JSON", id)
	}
	e, err := r.get()
	if err != nil {
		return "", err
	}
	// The same random numbers for every chart, whichever runtime draws it.
	src := rand.New(rand.NewPCG(1, 2))
	e.vm.SetRandSource(src.Float64)
	vm := e.vm
	timer := time.AfterFunc(r.Timeout, func() { vm.Interrupt("timeout") })
	v, err := e.render(goja.Undefined(), vm.ToValue(option), vm.ToValue(width), vm.ToValue(height))
	var svg string
	if err == nil {
		svg = v.String() // before the runtime is given back
	}
	if timer.Stop() {
		r.put(e)
	} else {
		r.put(nil) // a runtime the timer may have interrupted is not reused
	}
	if err != nil {
		var ie *goja.InterruptedError
		if errors.As(err, &ie) {
			return "", fmt.Errorf("chart %s: %w (%s)", id, ErrTooLong, r.Timeout)
		}
		return "", fmt.Errorf("chart %s: %w", id, err)
	}
	return clean(svg, id)
}

// Job is one chart to render.
type Job struct {
	ID, Option    string
	Width, Height int
}

// RenderAll renders the jobs on every core and returns their SVGs in
// order, and each job's error.
func (r *Renderer) RenderAll(jobs []Job) ([]string, []error) {
	r.begin()
	defer r.end()
	out := make([]string, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(len(jobs), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				out[i], errs[i] = r.Render(j.ID, j.Option, j.Width, j.Height)
			}
		})
	}
	wg.Wait()
	return out, errs
}

// begin counts a RenderAll under way.
func (r *Renderer) begin() {
	r.mu.Lock()
	r.batches++
	r.mu.Unlock()
}

// end counts a RenderAll done and, after the last, lets the idle runtimes
// go.
func (r *Renderer) end() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.batches--; r.batches > 0 {
		return
	}
	for {
		select {
		case <-r.pool:
		default:
			return
		}
	}
}
