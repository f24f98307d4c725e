package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/legible/legible/internal/golden"
)

// TestHandlers runs the handler cases of testdata/handlers, in the style
// of Regal's language server tests: each is a txtar archive of files laid
// over the app in testdata/base, a request (request.json: its method and
// params, where $APP stands for the app folder's URI) and the response
// the server must give (response.json, where $APP and $CACHE stand for
// the app's and the cache folder's URIs, and VERSION for the library's
// version in the cache). The server answers in process, from the files
// on disk; `go test -update` rewrites the responses.
func TestHandlers(t *testing.T) {
	cases, _ := filepath.Glob("testdata/handlers/*/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/handlers")
	}
	for _, path := range cases {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(path), "testdata/handlers/"), ".txtar")
		t.Run(name, func(t *testing.T) { runHandlerCase(t, path) })
	}
}

// handlerRequest is a case's request.
type handlerRequest struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// handlerCase is a case laid out: the app with its files, the request,
// and the archive with the place of its response.
type handlerCase struct {
	dir, cache string
	req        handlerRequest
	ar         *txtar.Archive
	resp       int // the index of response.json in ar
}

// setUp writes a case's app to a temporary folder and reads its request.
func setUp(t *testing.T, path string) *handlerCase {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hc := &handlerCase{dir: copyApp(t, "testdata/base"), cache: t.TempDir(), ar: ar, resp: -1}
	for i, f := range ar.Files {
		switch f.Name {
		case "request.json":
			raw := strings.ReplaceAll(string(f.Data), "$APP", uriOf(hc.dir))
			if err := json.Unmarshal([]byte(raw), &hc.req); err != nil {
				t.Fatalf("request.json: %v", err)
			}
		case "response.json":
			hc.resp = i
		default:
			if err := os.WriteFile(filepath.Join(hc.dir, filepath.FromSlash(f.Name)), f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if hc.req.Method == "" || hc.resp < 0 {
		t.Fatalf("%s: a case needs a request.json with a method, and a response.json", path)
	}
	return hc
}

// answer asks a new server the case's request.
func (hc *handlerCase) answer(t *testing.T) any {
	result, err := New(testEnv(), Options{Cache: hc.cache}).handle(context.Background(), hc.req.Method, hc.req.Params)
	if err != nil {
		t.Fatalf("%s: %v", hc.req.Method, err)
	}
	return result
}

// libraryVersion is the folder of the cache that names the library's
// version: a hash of its specs, which any edit of a built-in spec changes.
var libraryVersion = regexp.MustCompile(`\$CACHE/specs/[0-9a-f]+/`)

// runHandlerCase runs one case.
func runHandlerCase(t *testing.T, path string) {
	hc := setUp(t, path)
	dir, cache, ar, resp := hc.dir, hc.cache, hc.ar, hc.resp
	result := hc.answer(t)
	got, err := json.MarshalIndent(result, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = bytes.ReplaceAll(bytes.ReplaceAll(got, []byte(uriOf(dir)), []byte("$APP")), []byte(uriOf(cache)), []byte("$CACHE"))
	got = libraryVersion.ReplaceAll(got, []byte("$$CACHE/specs/VERSION/"))
	got = append(got, '\n')
	if golden.Updating() {
		ar.Files[resp].Data = got
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := ar.Files[resp].Data; !bytes.Equal(got, want) {
		t.Errorf("%s answers differently (run with -update to accept):\n--- got:\n%s\n--- want:\n%s", hc.req.Method, got, want)
	}
}
