package assistant

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
)

// serveConduit serves Conduit as `legible serve --dev` does, on a fresh
// embedded store, and returns its address.
func serveConduit(t *testing.T) string {
	t.Helper()
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	svc, err := env.Open(ctx, pipeline.ServeOptions{Dir: "../specs", DB: pipeline.DBOptions{Data: t.TempDir()}, Dev: true,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- svc.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
		if err := svc.Close(); err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}

// TestGetFlow asks a served Conduit for a profile nobody has, and fetches
// the request's flow: as text, the causal tree down to the 404's
// response; as JSON, the same tree; an unknown flow is refused with what
// the server said, and a server that is not there with what to check.
func TestGetFlow(t *testing.T) {
	addr := serveConduit(t)
	resp, err := http.Get("http://" + addr + "/api/profiles/nobody")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Header.Get("X-Flow-Id")
	cs := connect(t)
	var got flowOut
	for end := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) { // the trace is stored when the flow ends
		res := callRaw(t, cs, "get_flow", map[string]any{"addr": addr, "id": id})
		if !res.IsError || time.Now().After(end) {
			decode(t, res, &got)
			break
		}
	}
	if got.ID != id || !strings.HasPrefix(got.Text, "flow "+id) || !strings.Contains(got.Text, "Requesting.respond") || !strings.Contains(got.Text, "404") || got.Flow != nil {
		t.Fatalf("as text: %+v", got)
	}
	var doc flowOut
	call(t, cs, "get_flow", map[string]any{"addr": addr, "id": id, "format": "json"}, &doc)
	tree, _ := doc.Flow["tree"].([]any)
	if len(tree) != 1 || doc.Text != "" || doc.Flow["id"] != id {
		t.Fatalf("as JSON: %+v", doc)
	}
	if root, _ := tree[0].(map[string]any); root["concept"] != "Requesting" || root["action"] != "request" {
		t.Errorf("as JSON, the tree's root is %v", root)
	}
	if msg := callError(t, cs, "get_flow", map[string]any{"addr": addr, "id": "no-such-flow"}); !strings.Contains(msg, "404 Not Found: no such flow among the recent ones") {
		t.Errorf("an unknown flow says %q", msg)
	}
	if msg := callError(t, cs, "get_flow", map[string]any{"addr": "127.0.0.1:1", "id": id}); !strings.Contains(msg, "is `legible serve` running at 127.0.0.1:1?") {
		t.Errorf("no server says %q", msg)
	}
}
