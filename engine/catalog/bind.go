package catalog

import (
	"fmt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/conform"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// Bind finds the module that serves each concept of an app: the concepts
// app.yaml lists, or, without an app.yaml, every concept the specs hold;
// never Requesting, which the server implements. It checks each module's
// implementation against its concept's spec (conform.Check), and reports a
// concept of an app.yaml that no module serves at the severity missing: a
// note for
// `legible lint`, whose binary may not be the one that serves the app,
// and an error for `legible serve`. It returns the modules in the order
// of the app's concepts.
func (c *Catalog) Bind(sp *spec.Spec, missing diag.Severity) ([]concepts.Module, diag.List) {
	var out []concepts.Module
	var diags diag.List
	for _, k := range served(sp) {
		m, ok := c.Serves(k.Name.Name, !k.Library)
		if !ok {
			if sp.App != nil { // spec files on their own serve nothing
				msg, hint := c.unserved(k)
				diags.Add(k.Name.Span, missing, rules.Conformance.ID, hint, "%s", msg)
			}
			continue
		}
		out = append(out, m)
		diags = append(diags, conform.Check(c.byName[m.Name].bare, k)...)
	}
	return out, diags.Sort()
}

// served returns the concepts of an app that modules serve.
func served(sp *spec.Spec) []*spec.Concept {
	var out []*spec.Concept
	if sp.App == nil {
		for _, k := range sp.Concepts {
			if !k.Builtin {
				out = append(out, k)
			}
		}
		return out
	}
	seen := map[string]bool{}
	for _, id := range sp.App.Concepts {
		k := sp.Concept(id.Name)
		if k != nil && !k.Builtin && !seen[id.Name] {
			seen[id.Name] = true
			out = append(out, k)
		}
	}
	return out
}

// unserved says why no module serves the concept k, an app's own, and what
// to do.
func (c *Catalog) unserved(k *spec.Concept) (msg, hint string) {
	name := k.Name.Name
	if m, ok := c.Lookup(name); ok && m.Spec != nil {
		return fmt.Sprintf("concept %s has its own spec in %s, and the binary's built-in %s serves only its own", name, k.File, name),
			fmt.Sprintf("delete %s to use the built-in %s (`legible concepts %s` shows its spec), "+
				"or implement yours and register it in your module's main.go (`legible new` scaffolds one)", k.File, name, name)
	}
	return fmt.Sprintf("concept %s has no Go implementation in this binary", name),
		fmt.Sprintf("implement it in Go and register it in your module's main.go, "+
			"with concepts.NewModule(%q, nil, New) (`legible new DIR` scaffolds such a module); then lint and serve from there: `go run . lint`", name)
}
