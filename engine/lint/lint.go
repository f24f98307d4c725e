// Package lint runs the loader and the checker over spec files and folders,
// as `legible lint` and `legible serve` do.
package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/check"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/spec"
)

// Result is what a lint run found, and the text of the files it read, for
// the snippets of the text report.
type Result struct {
	Diags   diag.List
	Sources map[string][]byte
	Files   int // how many spec files were reported on
	cat     *catalog.Catalog
}

// App loads and checks the files of one app as a binary with the
// concepts of cat would serve it: the concepts app.yaml lists without a
// spec file come from cat's library, and each concept is checked against
// the implementation that would serve it (catalog.Catalog.Bind); one that
// none in cat serves is a note, as this binary may not be the app's. The
// app's `lint:` settings and `legible:ignore` comments apply.
func App(files []load.File, cat *catalog.Catalog) (*spec.Spec, diag.List) {
	sp, diags := analyzed(files, cat)
	_, bound := cat.Bind(sp, diag.Info)
	return sp, configure(sp, files, append(diags, bound...))
}

// Spec loads and checks the files of one app, with the specs of library,
// which may be nil, without looking at any Go implementation: the checks
// of the spec language, then, when those find no error, the flow analysis.
// The app's `lint:` settings and `legible:ignore` comments apply.
func Spec(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	sp, diags := analyzed(files, library)
	return sp, configure(sp, files, diags)
}

// analyzed runs the checks of the spec language, then, when those find no
// error, the flow analysis.
func analyzed(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	sp, diags := language(files, library)
	if diags.Count(diag.Error) == 0 {
		diags = append(diags, analysis.Check(sp)...)
	}
	return sp, diags
}

// language loads and checks the files against the rules of the spec
// language alone.
func language(files []load.File, library load.Library) (*spec.Spec, diag.List) {
	sp, diags := load.Load(files, library)
	return sp, append(diags, check.Check(sp)...).Sort()
}

// Paths lints the given files and folders as a binary with the concepts
// of cat would (App). Each file is checked as part of its app: the nearest
// folder at or above it with an app.yaml. It returns an error only when
// the input cannot be read.
func Paths(paths []string, cat *catalog.Catalog) (*Result, error) {
	files, err := targets(paths)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	groups := map[string][]string{}
	roots := map[string]string{} // folder -> its app root, found once
	var order []string
	for _, f := range files {
		if want[f] {
			continue
		}
		want[f] = true
		root, ok := roots[filepath.Dir(f)]
		if !ok {
			root = appRoot(f)
			roots[filepath.Dir(f)] = root
		}
		if _, ok := groups[root]; !ok {
			order = append(order, root)
		}
		groups[root] = append(groups[root], f)
	}
	res := &Result{Sources: map[string][]byte{}, Files: len(want), cat: cat}
	for _, root := range order {
		if err := res.lintGroup(root, groups[root], want); err != nil {
			return nil, err
		}
	}
	res.Diags = res.Diags.Sort()
	return res, nil
}

// Dir loads and checks the app in dir as a binary with the concepts of cat
// would (App), as `legible serve` does before it starts: the spec, and
// every diagnostic of the app.
func Dir(dir string, cat *catalog.Catalog) (*spec.Spec, *Result, error) {
	names, err := specFiles(filepath.Clean(dir))
	if err != nil {
		return nil, nil, err
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no spec files (app.yaml, *.concept.yaml, *.sync.yaml) in this folder", dir)
	}
	res := &Result{Sources: map[string][]byte{}, Files: len(names), cat: cat}
	files, err := res.read(names)
	if err != nil {
		return nil, nil, err
	}
	sp, diags := res.app(files)
	res.Diags = diags
	return sp, res, nil
}

// app checks one app (App), and keeps the text of the library specs it
// uses for the report.
func (r *Result) app(files []load.File) (*spec.Spec, diag.List) {
	sp, diags := App(files, r.cat)
	for _, k := range sp.Concepts {
		if k.Library {
			r.Sources[k.File] = r.cat.Spec(k.Name.Name)
		}
	}
	return sp, diags
}

// read reads spec files, keeping their text for the report.
func (r *Result) read(names []string) ([]load.File, error) {
	files := make([]load.File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		n = filepath.ToSlash(n)
		r.Sources[n] = data
		files = append(files, load.File{Name: n, Data: data})
	}
	return files, nil
}

// lintGroup checks one app and keeps the diagnostics in the wanted files,
// and those in the library's specs it uses.
func (r *Result) lintGroup(root string, given []string, want map[string]bool) error {
	names := given
	if root != "" {
		all, err := specFiles(root)
		if err != nil {
			return err
		}
		names = union(all, given)
	}
	files, err := r.read(names)
	if err != nil {
		return err
	}
	_, diags := r.app(files)
	for _, d := range diags {
		if want[filepath.FromSlash(d.Span.File)] || strings.HasPrefix(d.Span.File, load.LibraryPrefix) {
			r.Diags = append(r.Diags, d)
		}
	}
	return nil
}

// union returns a followed by the elements of b that a lacks.
func union(a, b []string) []string {
	seen := map[string]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			a = append(a, x)
		}
	}
	return a
}
