// Package load reads spec files into the positioned tree of package spec,
// reporting every syntax and shape problem as a diagnostic.
package load

import (
	"path"
	"strings"

	"legible/engine/diag"
	"legible/engine/spec"
)

// File is one spec file's name, as it is shown in diagnostics, and content.
type File struct {
	Name string
	Data []byte
}

// Kind tells the three kinds of spec file apart.
type Kind int

// The kinds of spec file; NotSpec is any other file.
const (
	NotSpec Kind = iota
	AppFile
	ConceptFile
	SyncFile
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
	}
	return NotSpec
}

// Load parses the files of one app. The built-in concepts are added first.
// Every problem found is returned as a diagnostic; what could be read is
// kept, so that later checks still see as much of the app as possible.
func Load(files []File) (*spec.Spec, diag.List) {
	l := &loader{sp: &spec.Spec{}}
	l.sp.Concepts = append(l.sp.Concepts, builtins()...)
	for _, f := range files {
		l.file(f)
	}
	return l.sp, l.diags
}

// loader accumulates the spec and diagnostics of one Load call.
type loader struct {
	sp    *spec.Spec
	diags diag.List
	src   *source
}

func (l *loader) file(f File) {
	l.src = newSource(f.Name, f.Data)
	doc := l.parse(f)
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
	default:
		l.diags.Errorf(diag.At(diag.Pos{File: f.Name, Line: 1, Col: 1}, 1), "schema",
			"name spec files app.yaml, NAME.concept.yaml or NAME.sync.yaml",
			"%s is not a spec file", path.Base(f.Name))
	}
}
