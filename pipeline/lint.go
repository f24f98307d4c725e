package pipeline

import (
	"path/filepath"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
)

// Report is what a lint run found in the files it was given.
type Report struct {
	Diags   diag.List         // in the files given, and in the library's specs they use; sorted
	Sources map[string][]byte // the text of every file read, for the snippets of a report
	Files   int               // how many spec files were reported on
}

// Lint checks the given files and folders, as `legible lint` does: each
// file as part of its app, the nearest folder at or above it with an
// app.yaml, checked whole (Check), and a folder as every spec file below
// it. It returns the diagnostics in the files given; an error only when
// the input cannot be read.
func (e *Env) Lint(paths []string) (*Report, error) {
	files, err := lint.Targets(paths)
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
			root = lint.AppRoot(f)
			roots[filepath.Dir(f)] = root
		}
		if _, ok := groups[root]; !ok {
			order = append(order, root)
		}
		groups[root] = append(groups[root], f)
	}
	r := &Report{Sources: map[string][]byte{}, Files: len(want)}
	for _, root := range order {
		if err := e.lintGroup(r, root, groups[root], want); err != nil {
			return nil, err
		}
	}
	r.Diags = r.Diags.Sort()
	return r, nil
}

// lintGroup checks one app and keeps the diagnostics in the wanted files,
// and those in the library's specs it uses.
func (e *Env) lintGroup(r *Report, root string, given []string, want map[string]bool) error {
	names := given
	if root != "" {
		all, err := lint.AppFiles(root)
		if err != nil {
			return err
		}
		names = union(all, given)
	}
	files, err := readFiles(names)
	if err != nil {
		return err
	}
	a := e.Check(files)
	for name, data := range a.Sources {
		r.Sources[name] = data
	}
	for _, d := range a.Diags {
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
