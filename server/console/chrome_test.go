package console_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the headless Chromium to test with: $LEGIBLE_CHROMIUM,
// or Debian's chromium on the PATH. Without one the test is skipped,
// saying how to install it (.ci/run does).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LEGIBLE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no headless Chromium: install Debian's (apt-get install -y chromium), as .ci/run does, or set LEGIBLE_CHROMIUM to one")
	return ""
}

// browser is a headless Chromium tab, and what its pages said was wrong:
// console errors, uncaught exceptions, and the browser's own error log
// (a resource that failed to load, a Content-Security-Policy violation).
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

// newBrowser starts a fresh Chromium, with a profile of the test's own,
// that ends with the test.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, m.String())
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// errorsSoFar returns what the pages said was wrong.
func (b *browser) errorsSoFar() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// do runs actions within a time limit, failing the test with what the
// step was.
func (b *browser) do(t *testing.T, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v (the pages' errors: %v)", step, err, b.errorsSoFar())
	}
}

// text returns the text of the first element the CSS selector finds, once
// it is visible: as it is shown, or for a drawing, its labels.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	b.do(t, "waiting for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	js := fmt.Sprintf(`(e => e.innerText ?? e.textContent)(document.querySelector(%s))`, attr(sel))
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

// click clicks the first element the CSS selector finds, once it is
// visible.
func (b *browser) click(t *testing.T, sel string) {
	t.Helper()
	b.do(t, "clicking "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// screenshot saves the page as NAME.png in $LEGIBLE_CONSOLE_SCREENSHOTS,
// when it is set: the README's pictures are made so.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("LEGIBLE_CONSOLE_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.do(t, "letting the page settle", chromedp.Sleep(300*time.Millisecond))
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("taking a screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// contains fails the test unless got has every want.
func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// attr is a CSS attribute selector's value, quoted.
func attr(v string) string { return fmt.Sprintf("%q", v) }
