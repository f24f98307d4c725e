package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/legible/legible/internal/syncbuf"
)

const reloadApp = "app: reload\nbase: /api\nconcepts: [Requesting]\ntimeout: 10s\n"

// helloSync answers GET /PATH with {"version": V}.
func helloSync(name, path string, version int) string {
	return fmt.Sprintf(`%s:
  when:
    - Requesting.request: { method: "GET", path: "%s" }
      out: { request }
  where:
    - bind: { body: '{"version": %d}' }
  then:
    - Requesting.respond: { request, body }
`, name, path, version)
}

// TestDevReloadsSpecs serves an app with Dev over loopback while clients
// keep asking it, and changes its specs under it: a change that checks
// clean serves the next requests, one that does not leaves the previous
// program serving and prints its diagnostics, and no request fails.
func TestDevReloadsSpecs(t *testing.T) {
	t.Run("small app", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "app.yaml"), reloadApp)
		reloads(t, dir)
	})
	t.Run("Conduit", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS("../specs")); err != nil {
			t.Fatal(err)
		}
		reloads(t, dir)
	})
}

// reloads serves the app in dir, adds a sync of its own, and changes it.
func reloads(t *testing.T, dir string) {
	hello := filepath.Join(dir, "syncs", "hello.sync.yaml")
	write(t, hello, helloSync("Hello", "/hello", 1))
	log, stderr := &syncbuf.Buffer{}, &syncbuf.Buffer{}
	app, err := library(t).Open(t.Context(), ServeOptions{Dir: dir, DB: DBOptions{Data: t.TempDir()}, Dev: true,
		Logger: slog.New(slog.NewTextHandler(log, nil)), Stderr: stderr})
	if err != nil {
		t.Fatalf("Open: %v\n%s", err, stderr)
	}
	defer app.Close()
	base := serveApp(t, app)
	waitVersion(t, base+"/hello", 1, log) // and so the specs are watched: Serve watches before it answers
	asking := startLoad(base + "/hello")

	var took []time.Duration
	for v := 2; v <= 6; v++ { // saved in place, and as editors do: a new file renamed over the old
		start := time.Now()
		if v%2 == 0 {
			write(t, hello, helloSync("Hello", "/hello", v))
		} else {
			rename(t, hello, helloSync("Hello", "/hello", v))
		}
		waitVersion(t, base+"/hello", v, log)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	t.Logf("reload latency over %d saves: median %v, max %v", len(took), took[len(took)/2], took[len(took)-1])

	bad := filepath.Join(dir, "syncs", "bad.sync.yaml")
	write(t, bad, strings.ReplaceAll(helloSync("Bad", "/bad", 7), "body: '{\"version\": 7}'", "body: missing"))
	waitFor(t, "the diagnostics of the broken sync", func() bool {
		return strings.Contains(stderr.String(), "unbound-variable") && strings.Contains(log.String(), "previous program keeps serving")
	}, log)
	if got := version(t, base+"/hello"); got != 6 {
		t.Errorf("after a broken change, GET /hello gives version %d, want the previous program's 6", got)
	}
	if code := status(t, base+"/bad"); code != http.StatusNotFound {
		t.Errorf("the broken sync's route answers %d; its program must not serve", code)
	}
	write(t, bad, helloSync("Bad", "/bad", 7)) // fixed, in a file the program never had
	waitVersion(t, base+"/bad", 7, log)

	failures, total := asking.stop()
	if failures != nil || total == 0 {
		t.Errorf("%d requests during the reloads, failed: %v", total, failures)
	}
	if n := strings.Count(log.String(), "tokens are signed"); n > 1 {
		t.Errorf("the start-up's line on the token secret is logged %d times, once a reload; want it once", n)
	}
}

// serveApp serves the app on a loopback port until the test ends, and
// returns the API's base URL.
func serveApp(t *testing.T, app *Service) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/api"
}

// clients ask one URL again and again.
type clients struct {
	done     chan struct{}
	wg       sync.WaitGroup
	total    atomic.Int64
	mu       sync.Mutex
	failures []string
}

// startLoad starts four clients asking url.
func startLoad(url string) *clients {
	l := &clients{done: make(chan struct{})}
	for range 4 {
		l.wg.Go(func() {
			for {
				select {
				case <-l.done:
					return
				default:
				}
				l.total.Add(1)
				resp, err := http.Get(url)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					l.mu.Lock()
					l.failures = append(l.failures, err.Error())
					l.mu.Unlock()
				}
			}
		})
	}
	return l
}

// stop stops the clients and returns the failures and how many requests
// they sent.
func (l *clients) stop() ([]string, int64) {
	close(l.done)
	l.wg.Wait()
	return l.failures, l.total.Load()
}

// waitVersion waits until url answers version v.
func waitVersion(t *testing.T, url string, v int, log *syncbuf.Buffer) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%s to answer version %d", url, v), func() bool { return version(t, url) == v }, log)
}

// waitFor waits up to 10 seconds for cond, polling.
func waitFor(t *testing.T, what string, cond func() bool, log *syncbuf.Buffer) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 10s for %s; the server's log, but for requests:\n%s", what, notRequests(log.String()))
}

// notRequests returns the lines of a log but for the requests'.
func notRequests(log string) string {
	var b strings.Builder
	for line := range strings.Lines(log) {
		if !strings.Contains(line, "msg=request ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

// version returns the version a GET of url answers, or 0.
func version(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Version int }
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return body.Version
}

// status returns the status a GET of url answers.
func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// write writes a file, and the folders it is in.
func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// rename replaces a file as many editors save one: a new file beside it,
// renamed over it.
func rename(t *testing.T, path, text string) {
	t.Helper()
	tmp := path + ".swp"
	write(t, tmp, text)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}
