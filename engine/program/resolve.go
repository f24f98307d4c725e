package program

import (
	"github.com/legible/legible/concepts"
)

// registry resolves actions and queries from a concepts.Registry.
type registry struct{ r *concepts.Registry }

// FromRegistry returns a Resolver over the concepts registered in r.
func FromRegistry(r *concepts.Registry) Resolver { return registry{r} }

// Resolve finds the handler of concept.action.
func (x registry) Resolve(concept, action string) (Handler, bool) {
	h, ok := x.r.Handler(concept, action)
	if !ok {
		return nil, false
	}
	return h, true
}
