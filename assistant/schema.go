package assistant

import (
	"encoding/json"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
)

// choice is what an input property may be, beyond its type: one of
// values, when given, and def when left out.
type choice struct {
	values []any
	def    any
}

// inputSchema returns the JSON Schema of a tool's input type In, with
// the choices of some of its properties, by JSON name. It panics on a
// type the schema cannot describe or a property In lacks: a mistake in
// this package, which its tests meet.
func inputSchema[In any](props map[string]choice) *jsonschema.Schema {
	s, err := jsonschema.For[In](nil)
	if err != nil {
		panic(err)
	}
	for name, c := range props {
		p := s.Properties[name]
		if p == nil {
			panic(fmt.Sprintf("%T has no property %q", *new(In), name))
		}
		p.Enum = c.values
		if c.def != nil {
			p.Default, _ = json.Marshal(c.def)
		}
	}
	return s
}
