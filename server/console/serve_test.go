package console_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
)

// served is Conduit served by the pipeline on loopback, as `legible
// serve` serves it.
type served struct {
	url string // http://127.0.0.1:PORT
	dir string // the app's folder, a copy of specs/ with testdata's greeting
}

// conduit copies specs/ (without its tests) to a folder of the test, with
// testdata/greeting.sync.yaml: a route that goes unanswered on purpose.
func conduit(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "app")
	if err := os.CopyFS(dir, os.DirFS("../../specs")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "tests")); err != nil {
		t.Fatal(err)
	}
	greeting, err := os.ReadFile("testdata/greeting.sync.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "syncs", "greeting.sync.yaml"), greeting, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serve serves a copy of Conduit until the test ends, in development
// mode or with the admin token.
func serve(t *testing.T, dev bool, adminToken string) *served {
	t.Helper()
	t.Setenv("LEGIBLE_BCRYPT_COST", "min")
	dir := conduit(t)
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := env.Open(t.Context(), pipeline.ServeOptions{Dir: dir, DB: pipeline.DBOptions{Data: t.TempDir()}, Dev: dev, AdminToken: adminToken, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serving: %v", err)
		}
		if err := svc.Close(); err != nil {
			t.Error(err)
		}
	})
	return &served{url: "http://" + ln.Addr().String(), dir: dir}
}

// do sends a request and returns its status, its flow and its body.
func (s *served) do(t *testing.T, method, path, body string, header map[string]string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("X-Flow-Id"), string(b)
}
