package concepts

import (
	"github.com/legible/legible/storage"
)

// Module is a concept implementation a binary can serve: its spec name,
// how to build it on a database, and, for a concept of legible's library,
// the spec it implements.
//
// A module with a Spec serves the apps that list its name in app.yaml and
// have no spec file of that name: the spec comes with the binary. A module
// without one is an app's own concept: it serves the app's own spec file
// of that name (concepts/NAME.concept.yaml). An app's own spec file never
// goes to a module that brings its own spec, even of the same name. The
// concept New builds must have the module's Name.
type Module struct {
	// Name is the concept's spec name.
	Name string
	// Spec is the concept spec the module implements, in YAML, or nil for
	// an app's own concept.
	Spec []byte
	// New builds the implementation on db. It declares the concept's
	// collections (storage.NewCollection) and must not touch the database
	// otherwise: it also runs with a nil db, for conformance checks.
	New func(db *storage.DB) *Concept
}

// Implementation is what a concept's Go type has: Concept registers its
// actions and queries under their spec names.
type Implementation interface {
	Concept() *Concept
}

// NewModule returns the module of the concept name, built by build, such
// as a concept package's New; spec is the spec it brings, or nil for an
// app's own concept:
//
//	concepts.NewModule("Listing", nil, listing.New)
func NewModule[T Implementation](name string, spec []byte, build func(*storage.DB) T) Module {
	return Module{Name: name, Spec: spec, New: func(db *storage.DB) *Concept { return build(db).Concept() }}
}
