package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// The test app of testdata/app runs on these in-memory concepts: real
// implementations, registered through the concept API.

type counting struct {
	mu     sync.Mutex
	counts map[string]float64
}

type addIn struct {
	Name string  `json:"name"`
	By   float64 `json:"by"`
}

type countOut struct {
	Count float64 `json:"count"`
}

type nameIn struct {
	Name string `json:"name"`
}

func (c *counting) add(_ context.Context, in addIn) (countOut, error) {
	if in.By <= 0 {
		return countOut{}, concepts.Errorf("by must be positive")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[in.Name] += in.By
	return countOut{Count: c.counts[in.Name]}, nil
}

func (c *counting) get(_ context.Context, in nameIn) ([]countOut, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return []countOut{{Count: c.counts[in.Name]}}, nil
}

// keeping is the Keeping concept: totals kept in the database, read,
// changed and written back by keep.
type keeping struct {
	totals *storage.Collection[totalOut]
	read   chan struct{} // gets a token, when there is room, after each _total has read
}

type keepIn struct {
	Name string  `json:"name"`
	By   float64 `json:"by"`
}

type totalOut struct {
	Total float64 `json:"total"`
}

func (k *keeping) keep(ctx context.Context, in keepIn) (totalOut, error) {
	t, _, err := k.totals.Get(ctx, in.Name)
	if err != nil {
		return totalOut{}, err
	}
	t.Total += in.By
	return t, k.totals.Put(ctx, in.Name, t)
}

type keepManyIn struct {
	Name  string  `json:"name"`
	By    float64 `json:"by"`
	Times float64 `json:"times"`
}

// keepMany inserts times documents, as tagging an item with many tags
// does, stopping at the first error, then keeps by.
func (k *keeping) keepMany(ctx context.Context, in keepManyIn) (totalOut, error) {
	for i := range int(in.Times) {
		if err := k.totals.Insert(ctx, fmt.Sprintf("%s-%d", in.Name, i), totalOut{Total: in.By}); err != nil {
			return totalOut{}, err
		}
	}
	return k.keep(ctx, keepIn{Name: in.Name, By: in.By})
}

func (k *keeping) total(ctx context.Context, in nameIn) ([]totalOut, error) {
	t, found, err := k.totals.Get(ctx, in.Name)
	select {
	case k.read <- struct{}{}:
	default:
	}
	if !found || err != nil {
		return nil, err
	}
	return []totalOut{t}, nil
}

type msIO struct {
	MS float64 `json:"ms"`
}

func sleep(ctx context.Context, in msIO) (msIO, error) {
	select {
	case <-time.After(time.Duration(in.MS) * time.Millisecond):
		return in, nil
	case <-ctx.Done():
		return msIO{}, ctx.Err()
	}
}

type reasonIO struct {
	Reason string `json:"reason"`
}

func boom(_ context.Context, in reasonIO) (reasonIO, error) {
	panic(in.Reason) // a panic in a concept: recovered, a failure
}

// testServer is the test app served on a loopback port.
type testServer struct {
	url    string
	counts *counting
	kept   *keeping
	engine *flow.Engine
	stop   context.CancelFunc
	done   chan error
}

// readApp reads the spec files of the app in dir.
func readApp(t testing.TB, dir string) []load.File {
	t.Helper()
	names, err := lint.AppFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []load.File
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, load.File{Name: filepath.ToSlash(n), Data: data})
	}
	return files
}

func newTestServer(t testing.TB, opts Options) *testServer {
	t.Helper()
	return newTestServerOn(t, opts, storagetest.SQLite(t))
}

// newTestServerOn serves the test app with its state in db.
func newTestServerOn(t testing.TB, opts Options, db *storage.DB) *testServer {
	t.Helper()
	sp, diags := lint.Check(readApp(t, "testdata/app"), nil) // its concepts are the test's own, in memory
	for _, d := range diags {
		if d.Rule != "unanswered-request" { // some routes are unanswered on purpose
			t.Fatalf("test app: %s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
		}
	}
	ts := &testServer{counts: &counting{counts: map[string]float64{}}, done: make(chan error, 1),
		kept: &keeping{totals: storage.NewCollection[totalOut](db, "Keeping.totals"), read: make(chan struct{}, 1)}}
	storagetest.Setup(t, db)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	impls := map[string]*concepts.Concept{}
	for _, c := range []*concepts.Concept{
		concepts.New("Counting").Action("add", concepts.Action(ts.counts.add)).
			Query("_get", concepts.Query(ts.counts.get)).Query("_secret", concepts.Query(ts.counts.get)),
		concepts.New("Keeping").Action("keep", concepts.Action(ts.kept.keep)).
			Action("keepMany", concepts.Action(ts.kept.keepMany)).Query("_total", concepts.Query(ts.kept.total)),
		concepts.New("Sleeping").Action("sleep", concepts.Action(sleep)),
		concepts.New("Failing").Action("boom", concepts.Action(boom)),
	} {
		impls[c.Name()] = c
	}
	prog, err := program.Compile(sp, impls)
	if err != nil {
		t.Fatal(err)
	}
	ts.engine = flow.New(prog, flow.Options{Transactions: flow.InStorage(db)})
	srv := New(ts.engine, opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.url = "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	ts.stop = stop
	go func() { ts.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { ts.shutdown(t) })
	return ts
}

// shutdown stops the server and waits for it.
func (ts *testServer) shutdown(t testing.TB) error {
	ts.stop()
	select {
	case err := <-ts.done:
		ts.done <- err // for a second call
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop")
		return nil
	}
}

// reply is a decoded HTTP response.
type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a request and decodes the JSON reply.
func (ts *testServer) do(t testing.TB, method, path, body string, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.body); err != nil && !errors.Is(err, io.EOF) {
			var list []any
			if json.Unmarshal(raw, &list) != nil {
				t.Fatalf("%s %s: reply is not JSON: %q", method, path, raw)
			}
		}
	}
	return r
}
