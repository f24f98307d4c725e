// Package load reads spec files into the positioned tree of package spec,
// reporting every syntax and shape problem as a diagnostic.
package load

import (
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// File is one spec file's name, as it is shown in diagnostics, and content.
type File struct {
	Name string
	Data []byte
}

// Kind tells the kinds of spec file apart.
type Kind int

// The kinds of spec file; NotSpec is any other file.
const (
	NotSpec Kind = iota
	AppFile
	ConceptFile
	SyncFile
	TestFile
)

// KindOf classifies a file by its name.
func KindOf(name string) Kind {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	switch {
	case base == "app.yaml":
		return AppFile
	case strings.HasSuffix(base, ".concept.yaml"):
		return ConceptFile
	case strings.HasSuffix(base, ".sync.yaml"):
		return SyncFile
	case strings.HasSuffix(base, ".test.yaml"):
		return TestFile
	}
	return NotSpec
}

// Library is the concept specs a binary offers apps, as a
// *catalog.Catalog does.
type Library interface {
	// Spec returns the spec of the concept name, or nil.
	Spec(name string) []byte
	// Names returns the names of the concepts it has specs of.
	Names() []string
}

// Load parses the files of one app. The built-in concepts are added first,
// then, for each concept app.yaml lists that no file of the app specifies,
// the library's spec of it, if any. Every problem found is returned as a
// diagnostic; what could be read is kept, so that later checks still see
// as much of the app as possible. library may be nil.
func Load(files []File, library Library) (*spec.Spec, diag.List) {
	return load(files, library, nil)
}

// load is Load, parsing with parses (which may be nil).
func load(files []File, library Library, parses *Parses) (*spec.Spec, diag.List) {
	sp := &spec.Spec{Concepts: append([]*spec.Concept(nil), builtins()...)}
	var diags diag.List
	for _, part := range readAll(files, parses) {
		diags = append(diags, part.diags...)
		sp.Concepts = append(sp.Concepts, part.sp.Concepts...)
		sp.Syncs = append(sp.Syncs, part.sp.Syncs...)
		sp.Scenarios = append(sp.Scenarios, part.sp.Scenarios...)
		sp.Unread = append(sp.Unread, part.sp.Unread...)
		if a := part.sp.App; a != nil && sp.App != nil {
			diags.Errorf(diag.At(diag.Pos{File: a.File, Line: 1, Col: 1}, 1), rules.Duplicate.ID, "keep one app.yaml per app folder",
				"a second app.yaml (the first is %s)", sp.App.File)
		} else if a != nil {
			sp.App = a
		}
	}
	return sp, append(diags, fromLibrary(sp, library, parses)...)
}

// readAll parses and reads the files in parallel, each on its own; YAML
// parsing is most of the cost of loading a large app. The results are in
// the order of files.
func readAll(files []File, parses *Parses) []*loader {
	out := make([]*loader, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				out[i] = &loader{sp: &spec.Spec{}}
				out[i].file(parses.parse(files[i]))
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// loader accumulates the spec and diagnostics of one Load call.
type loader struct {
	sp     *spec.Spec
	diags  diag.List
	src    *source
	hidden bool // the sync being read lost a part that may bind variables (Sync.Hidden)
}

// file reads the tree of one parsed file.
func (l *loader) file(p parsed) {
	l.src = p.src
	l.diags = append(l.diags, p.diags...)
	doc, f := p.doc, p.file
	if len(p.diags) > 0 {
		l.sp.Unread = append(l.sp.Unread, f.Name)
	}
	if doc == nil {
		return
	}
	switch KindOf(f.Name) {
	case AppFile:
		l.app(f.Name, doc)
	case ConceptFile:
		if c := l.concept(f.Name, doc); c != nil {
			l.sp.Concepts = append(l.sp.Concepts, c)
		}
	case SyncFile:
		l.syncFile(f.Name, doc)
	case TestFile:
		l.testFile(f.Name, doc)
	default:
		l.diags.Errorf(diag.At(diag.Pos{File: f.Name, Line: 1, Col: 1}, 1), rules.Schema.ID,
			"name spec files app.yaml, NAME.concept.yaml, NAME.sync.yaml or NAME.test.yaml",
			"%s is not a spec file", path.Base(f.Name))
	}
}
