package pipeline

import (
	"fmt"

	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/spec"
)

// Library returns the concepts an app of this environment can use
// without writing their specs, parsed from the specs the binary holds:
// those built into every app (Requesting, Builtin), then the library's
// (Library), by name. An app's own concepts are not among them: their
// specs are the app's files.
func (e *Env) Library() ([]*spec.Concept, error) {
	var files []load.File
	for _, m := range e.cat.Modules() {
		if m.Spec != nil {
			files = append(files, load.File{Name: load.LibraryFile(m.Name), Data: m.Spec})
		}
	}
	sp, diags := load.Load(files, nil)
	if len(diags) > 0 {
		return nil, fmt.Errorf("the built-in specs do not load: %v", diags)
	}
	for _, k := range sp.Concepts {
		k.Library = !k.Builtin
	}
	return sp.Concepts, nil
}

// SpecText returns the text of the spec of a concept Library returns:
// built into every app, or the library's; nil for another name.
func (e *Env) SpecText(name string) []byte {
	if data := load.BuiltinSpec(name); data != nil {
		return data
	}
	return e.cat.Spec(name)
}
