// Package lint runs the loader and the checker over spec files and folders,
// as `legible lint` and `legible serve` do.
package lint

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/legible/legible/concepts/catalog"
	"github.com/legible/legible/engine/analysis"
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
}

// App loads and checks the files of one app, and checks the concepts whose
// Go implementations are compiled into legible against their specs.
func App(files []load.File) (*spec.Spec, diag.List) {
	sp, diags := Spec(files)
	return sp, append(diags, conformance(sp)...).Sort()
}

// Spec loads and checks the files of one app, without looking at any Go
// implementation: the checks of the spec language, then, when those find
// no error, the flow analysis.
func Spec(files []load.File) (*spec.Spec, diag.List) {
	sp, diags := language(files)
	if diags.Count(diag.Error) == 0 {
		diags = append(diags, analysis.Check(sp)...)
	}
	return sp, diags.Sort()
}

// language loads and checks the files against the rules of the spec
// language alone.
func language(files []load.File) (*spec.Spec, diag.List) {
	sp, diags := load.Load(files)
	return sp, append(diags, check.Check(sp)...).Sort()
}

// conformance checks the app's concepts that the binary implements.
func conformance(sp *spec.Spec) diag.List {
	reg := catalog.Registry()
	var names []string
	for _, k := range sp.Concepts {
		if _, ok := reg.Lookup(k.Name.Name); ok {
			names = append(names, k.Name.Name)
		}
	}
	return reg.Conformance(sp, names)
}

// Paths lints the given files and folders. Each file is checked as part of
// its app: the nearest folder at or above it with an app.yaml. It returns an
// error only when the input cannot be read.
func Paths(paths []string) (*Result, error) {
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
	res := &Result{Sources: map[string][]byte{}, Files: len(want)}
	for _, root := range order {
		if err := res.lintGroup(root, groups[root], want); err != nil {
			return nil, err
		}
	}
	res.Diags = res.Diags.Sort()
	return res, nil
}

// Dir loads and checks the app in dir, as `legible serve` does before it
// starts: the spec, and every diagnostic of the app.
func Dir(dir string) (*spec.Spec, *Result, error) {
	names, err := specFiles(filepath.Clean(dir))
	if err != nil {
		return nil, nil, err
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no spec files (app.yaml, *.concept.yaml, *.sync.yaml) in this folder", dir)
	}
	res := &Result{Sources: map[string][]byte{}, Files: len(names)}
	files, err := res.read(names)
	if err != nil {
		return nil, nil, err
	}
	sp, diags := App(files)
	res.Diags = diags
	return sp, res, nil
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

// lintGroup checks one app and keeps the diagnostics in the wanted files.
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
	_, diags := App(files)
	for _, d := range diags {
		if want[filepath.FromSlash(d.Span.File)] {
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
