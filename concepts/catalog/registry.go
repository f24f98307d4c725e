package catalog

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
)

// Registry returns a registry of every concept implementation in the
// binary, built without a database: fit for conformance checks, not for
// serving.
func Registry() *concepts.Registry {
	r := concepts.NewRegistry()
	impls := []*concepts.Concept{requesting.New().Concept()}
	for _, e := range entries {
		impls = append(impls, e.New(nil).Concept())
	}
	for _, c := range impls {
		if err := r.Register(c); err != nil {
			panic(err) // two implementations under one name: a bug in the catalog
		}
	}
	return r
}
