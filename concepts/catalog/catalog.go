// Package catalog lists the concept implementations compiled into legible,
// so that `legible lint` can check them against their specs.
package catalog

import (
	"legible/concepts"
	"legible/concepts/requesting"
)

// Registry returns a registry of every concept implementation in the
// binary, built without their run-time dependencies: fit for conformance
// checks, not for serving.
func Registry() *concepts.Registry {
	r := concepts.NewRegistry()
	for _, c := range []*concepts.Concept{
		requesting.New().Concept(),
	} {
		if err := r.Register(c); err != nil {
			panic(err) // two implementations under one name: a bug in this list
		}
	}
	return r
}
