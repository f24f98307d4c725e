// Package catalog holds the concept modules a binary serves, and binds an
// app's concepts to them: for each concept the app lists, the module
// that serves it, checked against the concept's spec.
package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/concepts"
)

// Catalog is the modules a binary serves, by name, each with its concept
// built once without a database, to check it against its spec. Make one
// with New; a nil *Catalog holds no module.
type Catalog struct {
	byName map[string]entry
}

// entry is a module and the concept it builds without a database.
type entry struct {
	module concepts.Module
	bare   *concepts.Concept
}

// New returns a catalog of the modules. Of two modules with one name, the
// later replaces the earlier: an app's own implementation of a name
// replaces the library's. A module without a name or a New, one whose New
// panics without a database, and one whose concept has another name than
// the module are errors that say so.
func New(modules ...concepts.Module) (*Catalog, error) {
	c := &Catalog{byName: map[string]entry{}}
	for _, m := range modules {
		if m.Name == "" || m.New == nil {
			return nil, fmt.Errorf("a concepts.Module needs a Name and a New (got %q)", m.Name)
		}
		bare, err := buildBare(m)
		if err != nil {
			return nil, err
		}
		if bare.Name() != m.Name {
			return nil, fmt.Errorf("the module %s builds the concept %s: name the module as its concept is named, "+
				"concepts.NewModule(%q, …), or give the concept the module's name, concepts.New(%q)",
				m.Name, bare.Name(), bare.Name(), m.Name)
		}
		c.byName[m.Name] = entry{module: m, bare: bare}
	}
	return c, nil
}

// buildBare builds a module's concept without a database.
func buildBare(m concepts.Module) (bare *concepts.Concept, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the module %s panics when built without a database: %v; "+
				"its New may declare collections, but must not use the database", m.Name, v)
		}
	}()
	if bare = m.New(nil); bare == nil {
		return nil, fmt.Errorf("the module %s builds no concept: its New returns nil", m.Name)
	}
	return bare, nil
}

// Lookup returns the module of the name.
func (c *Catalog) Lookup(name string) (concepts.Module, bool) {
	if c == nil {
		return concepts.Module{}, false
	}
	e, ok := c.byName[name]
	return e.module, ok
}

// Spec returns the spec a module of the name brings, or nil.
func (c *Catalog) Spec(name string) []byte {
	m, _ := c.Lookup(name)
	return m.Spec
}

// Modules returns the modules, sorted by name.
func (c *Catalog) Modules() []concepts.Module {
	if c == nil {
		return nil
	}
	out := make([]concepts.Module, 0, len(c.byName))
	for _, e := range c.byName {
		out = append(out, e.module)
	}
	slices.SortFunc(out, func(a, b concepts.Module) int { return strings.Compare(a.Name, b.Name) })
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
func (c *Catalog) Serves(name string, own bool) (concepts.Module, bool) {
	m, ok := c.Lookup(name)
	if !ok || (m.Spec == nil) != own {
		return concepts.Module{}, false
	}
	return m, true
}
