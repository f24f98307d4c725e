package lsp

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/pipeline"
)

// testEnv is the stock binary's environment, made once.
var testEnv = sync.OnceValue(func() *pipeline.Env {
	env, err := pipeline.NewEnv(library.Modules()...)
	if err != nil {
		panic(err)
	}
	return env
})

// client is an editor's end of a real JSON-RPC connection to a server.
type client struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	done  chan error // Serve's result
	mu    sync.Mutex
	diags map[string]PublishDiagnosticsParams // the last published, by URI
	seen  chan PublishDiagnosticsParams
	shown []ShowMessageParams
}

// connect starts a server on one end of an in-memory connection and
// returns the client on the other, initialized with root as the
// workspace folder.
func connect(t testing.TB, root string, opts Options) *client {
	t.Helper()
	if opts.Cache == "" {
		opts.Cache = t.TempDir()
	}
	srvEnd, cliEnd := net.Pipe()
	done := make(chan error, 1)
	srv := New(testEnv(), opts)
	go func() { done <- srv.Serve(context.Background(), srvEnd) }()
	c := connectTo(t, cliEnd, root)
	c.done = done
	return c
}

// connectTo returns the client of the server at the other end of rwc,
// initialized with root as the workspace folder.
func connectTo(t testing.TB, rwc io.ReadWriteCloser, root string) *client {
	t.Helper()
	c := &client{t: t, diags: map[string]PublishDiagnosticsParams{}, seen: make(chan PublishDiagnosticsParams, 10000)}
	stream := jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(c.close)
	params := map[string]any{
		"rootUri":      uriOf(root),
		"capabilities": map[string]any{"workspace": map[string]any{"codeLens": map[string]any{"refreshSupport": true}}},
	}
	var res InitializeResult
	c.call("initialize", params, &res)
	if !res.Capabilities.HoverProvider {
		t.Fatalf("initialize: the server offers no hover: %+v", res)
	}
	c.notify("initialized", map[string]any{})
	return c
}

// close asks the server to shut down and exit, as an editor does when it
// quits, and closes the connection.
func (c *client) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c.conn.Call(ctx, "shutdown", nil, nil) == nil {
		_ = c.conn.Notify(ctx, "exit", nil)
	}
	_ = c.conn.Close()
}

// handle takes what the server sends the client.
func (c *client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.diags[p.URI] = p
		c.mu.Unlock()
		c.seen <- p
	case "window/showMessage":
		var p ShowMessageParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.shown = append(c.shown, p)
		c.mu.Unlock()
	}
	return nil, nil
}

// call sends a request and decodes its result into result.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// open opens a file of the app with its text on disk, as version 1.
func (c *client) open(path string) string {
	c.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uriOf(path), "languageId": "yaml", "version": 1, "text": string(data)}})
	return string(data)
}

// change sends a document's new text.
func (c *client) change(path string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uriOf(path), "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

// waitDiags waits for the diagnostics of a document's version.
func (c *client) waitDiags(path string, version int) PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case p := <-c.seen:
			if p.URI == uriOf(path) && p.Version != nil && *p.Version == version {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for version %d of %s", version, path)
		}
	}
}

// copyApp copies the folder src to a new temporary folder and returns it.
func copyApp(t testing.TB, src string) string {
	t.Helper()
	dst, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}
