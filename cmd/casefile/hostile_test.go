package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"casefile/index/browsertest"
)

// TestHostileContentNeverRuns builds a corpus of hostile files (scripts,
// event handlers, javascript: links in HTML, Markdown, text and catalog
// metadata) and checks in Chromium that nothing from them runs in the site.
func TestHostileContentNeverRuns(t *testing.T) {
	ctx := browsertest.New(t)
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := copyDir("testdata/hostile", corpus); err != nil {
		t.Fatal(err)
	}
	cfg := buildConfig{Corpus: corpus, Out: filepath.Join(tmp, "public"), Build: filepath.Join(tmp, "build"), Name: "casefile"}
	if _, err := build(context.Background(), cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.FileURL(t, cfg.Out)
	pages := []string{"index.html", "docs/evil.html", "docs/evil-md.html", "docs/evil-txt.html", "entities/index.html",
		"timeline.html", "search.html?q=script", "search.html?q=summons"}
	for _, p := range pages {
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(base+p), chromedp.Sleep(300*time.Millisecond),
			// hover and click everything a reader might touch
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('main *').forEach(e => { e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })`),
		)
		if err != nil {
			cancel()
			t.Fatalf("%s: %v", p, err)
		}
		pwned, err := chromedp.Run(tctx, chromedp.Evaluate[string](`String(window.__pwned ?? '')`))
		hrefs, err2 := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => /^\s*(javascript|data|vbscript):/i.test(h))`))
		// The page's Content-Security-Policy would stop inline scripts even if
		// escaping failed; check the escaping itself: no corpus markup in the DOM.
		injected, err3 := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('*')].flatMap(e =>
			[...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + '[' + a.name + ']')
		).concat([...document.querySelectorAll('script:not([src]), script[src]:not([src*="search/"]):not([src*="assets/"]), iframe, object, embed, svg, img')]
			// the search page's own first script, which sets its policy
			.filter(e => !(e.parentNode === document.head && e.text.startsWith('(function(m){m.httpEquiv="Content-Security-Policy"')))
			.map(e => e.tagName))`))
		// The page's policy is in force, however it was set (a meta tag, or
		// the search page's first script): an inline script added now is
		// refused and reported.
		csp, err4 := chromedp.Run(tctx, chromedp.Evaluate[string](`new Promise(done => {
			let seen = '';
			document.addEventListener('securitypolicyviolation', e => { seen = e.violatedDirective }, { once: true });
			window.__inline = 'no';
			const s = document.createElement('script');
			s.textContent = 'window.__inline = "ran"';
			document.head.appendChild(s);
			setTimeout(() => done(window.__inline + ' ' + seen), 100);
		})`, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil || err2 != nil || err3 != nil || err4 != nil {
			t.Fatalf("%s: %v %v %v %v", p, err, err2, err3, err4)
		}
		if !strings.HasPrefix(csp, "no script-src") {
			t.Errorf("%s: no Content-Security-Policy in force: an inline script gave %q", p, csp)
		}
		if len(injected) > 0 {
			t.Errorf("%s: corpus markup reached the page: %q", p, injected)
		}
		if pwned != "" {
			t.Errorf("%s: corpus script ran: %q", p, pwned)
		}
		if len(hrefs) > 0 {
			t.Errorf("%s: dangerous links in the page: %q", p, hrefs)
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d JavaScript dialogs opened", n)
	}
	// The quoted markup is shown as text, not dropped.
	text := evalIn[string](t, ctx, base+"docs/evil-txt.html", "", `document.querySelector('.document .text, article').innerText`)
	if !strings.Contains(text, "<script>") {
		t.Errorf("the text's quoted markup is not shown: %q", text)
	}
}
