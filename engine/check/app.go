package check

import (
	"fmt"
	"path"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// checkApp checks app.yaml: its concept list and passthrough routes.
func (c *checker) checkApp() {
	a := c.sp.App
	if a == nil {
		return
	}
	seen := map[string]bool{}
	for _, id := range a.Concepts {
		if seen[id.Name] {
			c.diags.Errorf(id.Span, rules.Duplicate.ID, "list each concept once", "concept `%s` is listed twice", id.Name)
		}
		seen[id.Name] = true
		if _, ok := c.concepts[id.Name]; !ok && !c.unread[id.Name] {
			hint := didYouMean(id.Name, append(c.conceptNames(), c.sp.Library...),
				fmt.Sprintf("write its spec in %s, or list a built-in concept (`legible concepts` lists them)",
					path.Join(path.Dir(a.File), "concepts", id.Name+".concept.yaml")))
			c.diags.Errorf(id.Span, rules.UnknownConcept.ID, hint, "concept `%s` has no spec", id.Name)
		}
	}
	for _, k := range c.sp.Concepts {
		if !k.Builtin && !seen[k.Name.Name] {
			c.diags.Warnf(k.Name.Span, rules.UnknownConcept.ID, fmt.Sprintf("add it to `concepts:` in %s, or delete the spec", a.File),
				"concept `%s` has a spec, but app.yaml does not list it", k.Name.Name)
		}
	}
	for _, p := range a.Passthrough {
		if c.checkPassthrough(p) {
			c.sp.Routes = append(c.sp.Routes, &spec.Route{Method: "POST", Path: "/" + p.Concept.Name + "/" + p.Action.Name, At: p.Route.Span, Passthrough: p})
		}
	}
}

// checkPassthrough checks one passthrough route, and reports whether the
// app serves it: it names an action or query, and no sync's route.
func (c *checker) checkPassthrough(p *spec.Passthrough) bool {
	if p.Why == "" {
		c.diags.Errorf(p.Route.Span, rules.Passthrough.ID, "add `why: …`, one line saying why anyone may call it directly",
			"passthrough route `%s` has no justification", p.Route.Name)
	}
	if p.Concept.Name == "Requesting" {
		c.diags.Errorf(p.Route.Span, rules.Passthrough.ID, "remove it: requests reach Requesting through the HTTP routes that syncs declare",
			"Requesting cannot be a passthrough route")
		return false
	}
	k := c.concept(p.Concept)
	if k == nil {
		return false
	}
	if k.Member(p.Action.Name) == nil {
		if !k.Damaged { // else lost with the part of the spec the loader reported
			c.diags.Errorf(p.Action.Span, rules.UnknownAction.ID, didYouMean(p.Action.Name, memberNames(k), ""),
				"concept `%s` has no action or query `%s`", k.Name.Name, p.Action.Name)
		}
		return false
	}
	route := "/" + p.Concept.Name + "/" + p.Action.Name
	for _, s := range c.sp.Syncs {
		for _, w := range s.When {
			if w.RequestPath() == route {
				c.diags.Errorf(p.Route.Span, rules.Passthrough.ID, fmt.Sprintf("sync `%s` (%s) answers requests to %s; remove one of the two", s.Name.Name, w.Span.Pos, route),
					"passthrough route `%s` collides with a sync route", p.Route.Name)
				return false
			}
		}
	}
	return true
}
