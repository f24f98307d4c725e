package concepts

import (
	"fmt"
	"slices"
	"strings"

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
// goes to a module that brings its own spec, even of the same name.
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

// Catalog is the modules a binary serves, by name. Make one with
// NewCatalog; a nil *Catalog holds no module.
type Catalog struct {
	byName map[string]Module
}

// NewCatalog returns a catalog of the modules. Of two modules with one
// name, the later replaces the earlier: an app's own implementation of a
// name replaces the library's. A module without a name or a New is an
// error.
func NewCatalog(modules ...Module) (*Catalog, error) {
	c := &Catalog{byName: map[string]Module{}}
	for _, m := range modules {
		if m.Name == "" || m.New == nil {
			return nil, fmt.Errorf("concepts: a Module needs a Name and a New (got %q)", m.Name)
		}
		c.byName[m.Name] = m
	}
	return c, nil
}

// Lookup returns the module of the name.
func (c *Catalog) Lookup(name string) (Module, bool) {
	if c == nil {
		return Module{}, false
	}
	m, ok := c.byName[name]
	return m, ok
}

// Spec returns the spec a module of the name brings, or nil.
func (c *Catalog) Spec(name string) []byte {
	m, _ := c.Lookup(name)
	return m.Spec
}

// Modules returns the modules, sorted by name.
func (c *Catalog) Modules() []Module {
	if c == nil {
		return nil
	}
	out := make([]Module, 0, len(c.byName))
	for _, m := range c.byName {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Module) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Names returns the names of the modules that bring their spec, sorted:
// the concepts an app may list without writing their spec.
func (c *Catalog) Names() []string {
	var out []string
	for _, m := range c.Modules() {
		if m.Spec != nil {
			out = append(out, m.Name)
		}
	}
	return out
}

// Serves reports whether the catalog has the module that serves a concept
// whose spec is the app's own file (own) or the library's (!own), and
// returns it: own files go to modules without a Spec, library specs to
// modules with one.
func (c *Catalog) Serves(name string, own bool) (Module, bool) {
	m, ok := c.Lookup(name)
	if !ok || (m.Spec == nil) != own {
		return Module{}, false
	}
	return m, true
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
