package lsp

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// httpMethods are the methods a request pattern may name.
var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// argItems completes inside a pattern's `{ }`: at a key, the action's
// inputs not yet given, required ones first (or, in an `out:`, its
// outputs); at a value, the variables in scope, or for a request's
// `path` and `method` the routes and methods in use.
func (c completer) argItems(a *spec.Action, args string, outputs bool) []CompletionItem {
	key, value, isValue := lastArg(args)
	request := a != nil && a.Concept.Name.Name == "Requesting" && a.Name.Name == "request" && !outputs
	switch {
	case isValue && request && key == "path":
		return c.routeItems(value)
	case isValue && request && key == "method":
		return c.quotedItems(value, httpMethods, "a request method")
	case isValue:
		return c.variableItems(value)
	case a == nil:
		return nil
	}
	given := givenKeys(args)
	delete(given, key)
	var out []CompletionItem
	add := func(p *spec.Param, sort string) {
		if !given[p.Name.Name] && !slices.ContainsFunc(out, func(it CompletionItem) bool { return it.Label == p.Name.Name }) {
			out = append(out, c.item(key, p.Name.Name, itemField, param(p), sort))
		}
	}
	if outputs {
		for _, o := range a.Outs {
			for _, p := range o.Params {
				add(p, "0")
			}
		}
		return out
	}
	for _, p := range a.In {
		add(p, map[bool]string{false: "0", true: "1"}[p.Optional])
	}
	return out
}

// routeItems offers the paths the app's requests name, quoted, but
// the one being written.
func (c completer) routeItems(prefix string) []CompletionItem {
	var paths []string
	for _, r := range c.snap.app.Spec.Routes {
		if r.Passthrough == nil && r.At.Line != c.line {
			paths = append(paths, r.Path)
		}
	}
	slices.Sort(paths)
	return c.quotedItems(prefix, slices.Compact(paths), "a route in use")
}

// quotedItems offers string literals.
func (c completer) quotedItems(prefix string, values []string, detail string) []CompletionItem {
	out := make([]CompletionItem, 0, len(values))
	for _, v := range values {
		out = append(out, c.item(prefix, strconv.Quote(v), itemValue, detail, "0"))
	}
	return out
}

// variableItems offers the variables of the sync bound before the place.
func (c completer) variableItems(prefix string) []CompletionItem {
	s := c.syncAt()
	if s == nil {
		return nil
	}
	var out []CompletionItem
	seen := map[string]bool{}
	for _, v := range s.Vars {
		if v == nil || seen[v.Name] || !c.after(v.Span) {
			continue
		}
		seen[v.Name] = true
		out = append(out, c.item(prefix, v.Name, itemVariable, fmt.Sprintf("%s, bound by %s", v.Type, v.Origin), "0"))
	}
	return out
}

// after reports whether the place is past the start of a span.
func (pl place) after(sp diag.Span) bool {
	return sp.Line > 0 && (sp.Line < pl.line || sp.Line == pl.line && sp.Col < pl.col)
}
