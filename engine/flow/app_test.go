package flow

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/program"
)

// blogApp is the test app of testdata/blog, running on in-memory concepts.
type blogApp struct {
	engine   *Engine
	posts    *posting
	comments *commenting
	notes    *noting
}

// loadSpec loads and checks the app in dir; it must have no errors.
func loadSpec(t testing.TB, dir string) []load.File {
	t.Helper()
	var files []load.File
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || load.KindOf(p) == load.NotSpec {
			return err
		}
		data, err := os.ReadFile(p)
		files = append(files, load.File{Name: filepath.ToSlash(p), Data: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// compile checks an app and compiles it on the in-memory concepts impls.
// The test apps leave some requests unanswered on purpose, to see what
// the runtime does then, so unanswered-request diagnostics are expected;
// any other fails.
func compile(t testing.TB, files []load.File, impls ...*concepts.Concept) *program.Program {
	t.Helper()
	sp, diags := lint.Check(files, nil) // the test concepts are in memory: no catalog conformance
	for _, d := range diags {
		if d.Rule != "unanswered-request" {
			t.Errorf("%s: %s [%s]", d.Span.Pos, d.Message, d.Rule)
		}
	}
	byName := map[string]*concepts.Concept{}
	for _, c := range impls {
		byName[c.Name()] = c
	}
	p, err := program.Compile(sp, byName)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newBlog(t testing.TB, opts Options) *blogApp {
	t.Helper()
	a := &blogApp{
		posts:    &posting{posts: map[string]postRow{}},
		comments: &commenting{},
		notes:    &noting{},
	}
	a.engine = New(compile(t, loadSpec(t, "testdata/blog"), a.posts.concept(), a.comments.concept(), a.notes.concept(),
		concepts.New("Failing").Action("boom", concepts.Action(boom))), opts)
	return a
}

// request runs a flow for an HTTP-like request and returns its responses.
func (a *blogApp) request(t testing.TB, method, path string, inputs map[string]any) (Result, []map[string]any) {
	t.Helper()
	in := map[string]any{"method": method, "path": path}
	for k, v := range inputs {
		in[k] = v
	}
	res := a.engine.Run(context.Background(), "Requesting", "request", in)
	return res, responses(a.engine, res.FlowID)
}
