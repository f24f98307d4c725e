package load

import (
	"path"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// LibraryPrefix starts the file names of the specs a binary's library
// gives an app, as diagnostics show them.
const LibraryPrefix = "<library>/"

// LibraryFile is the name under which the library's spec of a concept is
// loaded and shown.
func LibraryFile(name string) string { return LibraryPrefix + name + ".concept.yaml" }

// fromLibrary adds to sp the library's spec of each concept its app lists
// that no file of the app specifies (a file that could not be read counts
// as specifying the concept of its name).
func fromLibrary(sp *spec.Spec, library Library, parses *Parses) diag.List {
	if library == nil {
		return nil
	}
	sp.Library = library.Names()
	if sp.App == nil {
		return nil
	}
	have := map[string]bool{}
	for _, k := range sp.Concepts {
		have[k.Name.Name] = true
	}
	for _, f := range sp.Unread {
		if name, ok := strings.CutSuffix(path.Base(f), ".concept.yaml"); ok {
			have[name] = true
		}
	}
	var diags diag.List
	for _, id := range sp.App.Concepts {
		data := library.Spec(id.Name)
		if have[id.Name] || data == nil {
			continue
		}
		have[id.Name] = true
		l := &loader{sp: &spec.Spec{}}
		l.file(parses.parse(File{Name: LibraryFile(id.Name), Data: data}))
		for _, k := range l.sp.Concepts {
			k.Library = true
		}
		sp.Concepts = append(sp.Concepts, l.sp.Concepts...)
		diags = append(diags, l.diags...)
	}
	return diags
}
