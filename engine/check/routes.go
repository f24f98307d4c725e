package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// syncRoutes works out the routes that request patterns name (Spec.Routes):
// each distinct method and literal path ("/…"), the method upper-cased;
// a path that no pattern gives a method for is a route of any method,
// and a pattern without a method on a path that has some adds its inputs
// to each of them. They are sorted by where they are first named.
func (c *checker) syncRoutes() {
	withMethod := map[string]bool{}
	for _, p := range requestPatterns(c.sp) {
		if p.RequestMethod() != "" {
			withMethod[p.RequestPath()] = true
		}
	}
	byKey := map[[2]string]*spec.Route{}
	inputs := map[*spec.Route]map[string]bool{}
	var routes []*spec.Route
	for _, p := range requestPatterns(c.sp) {
		method, path := strings.ToUpper(p.RequestMethod()), p.RequestPath()
		if method == "" && withMethod[path] {
			continue
		}
		k := [2]string{method, path}
		if byKey[k] == nil {
			byKey[k] = &spec.Route{Method: method, Path: path, At: p.Span}
			inputs[byKey[k]] = map[string]bool{}
			routes = append(routes, byKey[k])
		}
	}
	for _, p := range requestPatterns(c.sp) {
		method, path := strings.ToUpper(p.RequestMethod()), p.RequestPath()
		for _, r := range routes {
			if r.Path == path && (method == "" || method == r.Method) {
				addInputs(inputs[r], p)
			}
		}
	}
	for _, r := range routes {
		r.Inputs = slices.Sorted(maps.Keys(inputs[r]))
	}
	slices.SortStableFunc(routes, func(a, b *spec.Route) int {
		return cmp.Or(cmp.Compare(a.At.File, b.At.File), cmp.Compare(a.At.Line, b.At.Line), cmp.Compare(a.At.Col, b.At.Col))
	})
	c.sp.Routes = routes
	c.sameShape(routes)
}

// sameShape reports a route whose path differs from an earlier route's
// only in the names of its parameters (/events/:id/rsvp beside
// /events/:event/rsvp): to the HTTP server they are one path, whose
// parameters have one name, so the syncs of one of them never get theirs.
func (c *checker) sameShape(routes []*spec.Route) {
	first := map[string]*spec.Route{}
	for _, r := range routes {
		shape := pathShape(r.Path)
		prev, ok := first[shape]
		if !ok {
			first[shape] = r
			continue
		}
		if prev.Path != r.Path {
			c.diags.Errorf(c.pathSpan(r), rules.Duplicate.ID,
				fmt.Sprintf("did you mean %q? name each parameter as %s at %s names it", prev.Path, prev, prev.At.Pos),
				"path %q is %q with other names for its parameters: the server takes them for one path", r.Path, prev.Path)
		}
	}
}

// pathSpan returns where the first pattern of route r writes its path.
func (c *checker) pathSpan(r *spec.Route) diag.Span {
	for _, p := range requestPatterns(c.sp) {
		if p.Span == r.At {
			for _, a := range p.In {
				if a.Param.Name == "path" {
					return a.Term.Span
				}
			}
		}
	}
	return r.At
}

// pathShape is a path with its parameters' names left out: "/events/:/rsvp".
func pathShape(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") || strings.HasPrefix(p, "*") {
			parts[i] = p[:1]
		}
	}
	return strings.Join(parts, "/")
}

// requestPatterns returns the when patterns of Requesting.request with a
// literal path that starts with "/".
func requestPatterns(sp *spec.Spec) []*spec.Pattern {
	var out []*spec.Pattern
	for _, s := range sp.Syncs {
		for _, p := range s.When {
			if strings.HasPrefix(p.RequestPath(), "/") {
				out = append(out, p)
			}
		}
	}
	return out
}

// addInputs adds the inputs besides method and path that a request
// pattern names.
func addInputs(to map[string]bool, p *spec.Pattern) {
	for _, a := range p.In {
		if a.Param.Name != "path" && a.Param.Name != "method" {
			to[a.Param.Name] = true
		}
	}
}
