package analysis

import (
	"sort"

	"github.com/legible/legible/engine/diag"
)

// route is one request route: a method (or "" for any) and a path.
type route struct {
	method, path string
	at           diag.Span // the first request pattern that names it
}

// String names the route as requests do: "POST /users".
func (r *route) String() string {
	if r.method == "" {
		return r.path
	}
	return r.method + " " + r.path
}

// routes are the distinct method and path pairs that request patterns
// name; a path no pattern gives a method for is a route of any method.
func routes(syncs []*syncInfo) []*route {
	byKey := map[[2]string]*route{}
	withMethod := map[string]bool{}
	for _, s := range syncs {
		for _, c := range s.when {
			if c.key == requestKey && c.path != "" && c.method != "" {
				withMethod[c.path] = true
			}
		}
	}
	for _, s := range syncs {
		for _, c := range s.when {
			if c.key != requestKey || c.path == "" || c.method == "" && withMethod[c.path] {
				continue
			}
			k := [2]string{c.method, c.path}
			if byKey[k] == nil {
				byKey[k] = &route{method: c.method, path: c.path, at: c.pattern.Span}
			}
		}
	}
	out := make([]*route, 0, len(byKey))
	for _, r := range byKey {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].at, out[j].at
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return out
}

// fits reports whether a when condition can match the request of route r.
func (c cond) fits(r *route) bool {
	if c.key != requestKey {
		return true
	}
	return (c.path == "" || c.path == r.path) && (c.method == "" || r.method == "" || c.method == r.method)
}
