package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// AxeSource returns the source of axe-core's axe.min.js (version 4), from
// npm: it is installed with `npm install --prefix DIR axe-core@4` into
// CASEFILE_AXE_DIR, or else a folder of the user's cache, the first time a
// test needs it. Nothing is committed. The test skips when npm is missing
// (fails under CASEFILE_REQUIRE_BROWSER). Inject the source into pages
// through the protocol (see Axe); pages never fetch it.
func AxeSource(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("CASEFILE_AXE_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir = filepath.Join(cache, "casefile", "axe-core-4")
	}
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	axeMu.Lock()
	defer axeMu.Unlock()
	if _, err := os.Stat(file); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			skipOrFail(t, "npm is not installed; the accessibility audit needs axe-core from npm")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--no-save", "axe-core@4")
		if out, err := cmd.CombinedOutput(); err != nil {
			skipOrFail(t, fmt.Sprintf("npm install axe-core@4: %v\n%s", err, out))
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var axeMu sync.Mutex

func skipOrFail(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CASEFILE_REQUIRE_BROWSER") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// AxeViolation is one rule an axe-core run found broken.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"` // minor, moderate, serious, critical
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"` // selectors of the first few offending nodes
}

// Axe injects axe-core (source from AxeSource) into the current page of ctx
// and runs it against WCAG 2.0/2.1 A and AA and axe's best practices.
func Axe(ctx context.Context, source string) ([]AxeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](source+"\n;undefined")); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	const run = `axe.run(document, {resultTypes: ['violations'],
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.length,
		targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`
	return chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](run, chromedp.EvalAwaitPromise))
}

// Watcher records what the pages of a tab do that a static site must not:
// console errors, uncaught exceptions, browser log errors (such as
// Content-Security-Policy violations and failed loads), and requests to
// anything outside the site. Reset it before each page.
type Watcher struct {
	mu       sync.Mutex
	base     string
	errors   []string
	outside  []string
	requests []string
}

// Watch starts recording the tab of ctx; base is the site's address (an
// http:// or file:// URL ending in '/'). Requests to data: URLs are fine.
func Watch(ctx context.Context, base string) (*Watcher, error) {
	w := &Watcher{base: base}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				w.errors = append(w.errors, "console."+string(e.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			w.errors = append(w.errors, "exception: "+msg)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				w.errors = append(w.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u := e.Request.URL
			w.requests = append(w.requests, u)
			if !strings.HasPrefix(u, w.base) && !strings.HasPrefix(u, "data:") {
				w.outside = append(w.outside, u)
			}
		}
	})
	return w, err
}

// Reset forgets what was recorded.
func (w *Watcher) Reset() {
	w.mu.Lock()
	w.errors, w.outside, w.requests = nil, nil, nil
	w.mu.Unlock()
}

// Errors returns the errors recorded since the last Reset.
func (w *Watcher) Errors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.errors...)
}

// Outside returns the requests outside the site since the last Reset.
func (w *Watcher) Outside() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.outside...)
}

// Requests returns every URL requested since the last Reset.
func (w *Watcher) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...)
}

// ScreenshotDir is where tests keep screenshots as artifacts:
// CASEFILE_SCREENSHOTS, or casefile-screenshots in the temporary folder.
// Never the repository.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("CASEFILE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "casefile-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
