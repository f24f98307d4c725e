package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// App is one app, checked as the environment's binary would serve it.
type App struct {
	// Spec is the app's spec tree, as the checker resolved it.
	Spec *spec.Spec
	// Diags are every diagnostic of the app, sorted, after its `lint:`
	// settings and ignore comments. A concept of the app's own that the
	// binary has no implementation of is an error when the binary serves
	// concepts of an app's own (it is the app's own binary, which should
	// serve them all), and a note from the stock binary, which may not be
	// the app's (see ServeDiags).
	Diags diag.List
	// Sources holds the text of every file read, the library's specs
	// included, for reports.
	Sources map[string][]byte
	// Dir is the app's folder, when CheckDir read it.
	Dir string

	env     *Env
	modules []concepts.Module // the modules that serve its concepts
}

// Check loads and checks the files of one app as the environment's binary
// serves it: the concepts app.yaml lists without a spec file come from
// the library, and each concept is checked against the implementation
// that would serve it. It runs the checks of the spec language, then,
// when those find no error, the flow analysis, then applies the app's
// `lint:` settings and `legible:ignore` comments. Every problem is in
// App.Diags: Check itself never fails.
func (e *Env) Check(files []load.File) *App { return e.CheckParsed(files, nil) }

// CheckParsed is Check, reusing what parses kept of the files that did
// not change since it was last used: a language server checks its app
// on every edit of one file (load.Parses). parses may be nil.
func (e *Env) CheckParsed(files []load.File, parses *load.Parses) *App {
	sp, diags := lint.CheckParsed(files, e.cat, parses)
	missing := diag.Info
	if e.own {
		missing = diag.Error
	}
	modules, bound := e.cat.Bind(sp, missing)
	a := &App{Spec: sp, Diags: lint.Configure(sp, files, append(diags, bound...)), Sources: map[string][]byte{}, env: e, modules: modules}
	for _, f := range files {
		a.Sources[f.Name] = f.Data
	}
	for _, k := range sp.Concepts {
		if k.Library {
			a.Sources[k.File] = e.cat.Spec(k.Name.Name)
		}
	}
	return a
}

// UnreadableError is a folder or file that cannot be read as an app:
// missing, or holding no spec files. `legible` treats it as bad usage
// (exit code 2).
type UnreadableError struct{ Err error }

// Error returns the underlying error's message.
func (e *UnreadableError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UnreadableError) Unwrap() error { return e.Err }

// CheckDir checks the app in dir, every spec file below it but those of
// apps nested in it (Check). The error, an *UnreadableError, says only
// that the folder cannot be read; what is wrong with the app is in its
// diagnostics.
func (e *Env) CheckDir(dir string) (*App, error) {
	files, err := readApp(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, &UnreadableError{Err: fmt.Errorf("%s: no spec files (app.yaml, *.concept.yaml, *.sync.yaml) in this folder", dir)}
	}
	a := e.Check(files)
	a.Dir = dir
	return a, nil
}

// readApp reads the spec files of the app in dir (lint.AppFiles); the
// error is an *UnreadableError.
func readApp(dir string) ([]load.File, error) {
	names, err := lint.AppFiles(filepath.Clean(dir))
	if err != nil {
		return nil, &UnreadableError{Err: err}
	}
	files, err := readFiles(names)
	if err != nil {
		return nil, &UnreadableError{Err: err}
	}
	return files, nil
}

// readFiles reads spec files, naming each with forward slashes.
func readFiles(names []string) ([]load.File, error) {
	files := make([]load.File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files = append(files, load.File{Name: filepath.ToSlash(n), Data: data})
	}
	return files, nil
}

// ServeDiags returns the app's diagnostics as serving it sees them:
// lint's notes on concepts the binary has no implementation of are
// errors, since the binary cannot serve them, and the diagnostics of its
// test files are left out: they do not stop serving.
func (a *App) ServeDiags() diag.List {
	var out diag.List
	for _, d := range a.TestDiags() {
		if load.KindOf(d.Span.File) != load.TestFile {
			out = append(out, d)
		}
	}
	return out
}

// TestDiags returns the app's diagnostics as `legible test` sees them:
// serve's, and those of its test files.
func (a *App) TestDiags() diag.List {
	out := slices.Clone(a.Diags)
	for i, d := range out {
		if d.Rule == rules.Conformance.ID && d.Severity == diag.Info {
			out[i].Severity = diag.Error
		}
	}
	return out
}

// Err returns an error that says why the app's spec is not whole:
// errors among its Diags, or no app.yaml; nil when it is. What lint
// reports as notes does not count: `legible graph` draws such an app.
func (a *App) Err() error { return a.problem(a.Diags) }

// Servable returns an error that says why the app cannot be built and
// served: errors among its ServeDiags, or no app.yaml; nil when it can.
func (a *App) Servable() error { return a.problem(a.ServeDiags()) }

// Testable returns an error that says why the app's scenarios cannot run:
// errors among its TestDiags, or no app.yaml; nil when they can.
func (a *App) Testable() error { return a.problem(a.TestDiags()) }

// problem is the error of an app whose diags hold errors, or that has no
// app.yaml.
func (a *App) problem(diags diag.List) error {
	name := a.Dir
	if name == "" {
		name = "the app"
	}
	if diags.Count(diag.Error) > 0 {
		return fmt.Errorf("%s has errors; fix them first", name)
	}
	if a.Spec.App == nil {
		return fmt.Errorf("%s has no app.yaml; write one naming the app and its concepts", name)
	}
	return nil
}
