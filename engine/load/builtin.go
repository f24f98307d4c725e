package load

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"

	"github.com/legible/legible/engine/spec"
)

//go:embed builtin/*.concept.yaml
var builtinFS embed.FS

// BuiltinPrefix starts the file names of concept specs shipped in the binary.
const BuiltinPrefix = "<builtin>/"

// builtins loads the concept specs shipped inside the binary. They are part
// of the program, so a problem in them is a bug that must stop the build's
// tests, not a user's run.
var builtins = sync.OnceValue(func() []*spec.Concept {
	names, _ := fs.Glob(builtinFS, "builtin/*.concept.yaml")
	l := &loader{sp: &spec.Spec{}}
	for _, name := range names {
		data, _ := builtinFS.ReadFile(name)
		l.file(parse(File{Name: BuiltinPrefix + name[len("builtin/"):], Data: data}))
	}
	if len(l.diags) > 0 {
		panic(fmt.Sprintf("built-in concept specs are invalid: %v", l.diags))
	}
	for _, c := range l.sp.Concepts {
		c.Builtin = true
	}
	return l.sp.Concepts
})

// BuiltinSpec returns the text of the spec of a concept built into every
// app, such as Requesting, or nil.
func BuiltinSpec(name string) []byte {
	data, err := builtinFS.ReadFile("builtin/" + name + ".concept.yaml")
	if err != nil {
		return nil
	}
	return data
}
