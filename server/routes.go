package server

import (
	"iter"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/legible/legible/engine/spec"
)

// route is one request route that syncs match: a path template and the
// methods syncs name for it. A pattern without a method (a response sync,
// say) adds none; a path that no pattern names a method for takes any.
type route struct {
	path    string
	methods map[string]bool
	inputs  map[string]map[string]bool // by method ("" for none): the other inputs patterns name
}

// routes builds the echo instance: middleware, operations endpoints, the
// sync routes and the passthrough routes.
func (s *Server) routes(sp *spec.Spec) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.httpError
	e.Use(s.recoverPanics, s.accessLog())
	if len(s.app.CORS) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: s.app.CORS}))
	}
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/_legible/flows/:id", s.flowTrace)
	base := s.app.Base.Name
	for _, r := range syncRoutes(sp) {
		h := s.request(r)
		if len(r.methods) == 0 {
			e.Any(base+r.path, h)
			continue
		}
		for m := range r.methods {
			e.Add(m, base+r.path, h)
		}
	}
	for _, p := range s.app.Passthrough {
		e.POST(base+"/"+p.Concept.Name+"/"+p.Action.Name, s.passthrough(p.Concept.Name, p.Action.Name))
	}
	return e
}

// syncRoutes collects the literal paths and methods that syncs match on
// Requesting.request, sorted by path.
func syncRoutes(sp *spec.Spec) []*route {
	byPath := map[string]*route{}
	for _, s := range sp.Syncs {
		for _, p := range s.When {
			path, method, ok := requestRoute(p)
			if !ok {
				continue
			}
			r := byPath[path]
			if r == nil {
				r = &route{path: path, methods: map[string]bool{}, inputs: map[string]map[string]bool{}}
				byPath[path] = r
			}
			r.addInputs(strings.ToUpper(method), p)
			if method != "" {
				r.methods[strings.ToUpper(method)] = true
			}
		}
	}
	out := make([]*route, 0, len(byPath))
	for _, r := range byPath {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// addInputs records the inputs besides method and path that a request
// pattern for method names.
func (r *route) addInputs(method string, p *spec.Pattern) {
	if r.inputs[method] == nil {
		r.inputs[method] = map[string]bool{}
	}
	for _, a := range p.In {
		if a.Param.Name != "path" && a.Param.Name != "method" {
			r.inputs[method][a.Param.Name] = true
		}
	}
}

// inputNames yields the inputs that the route's patterns for method, or
// for any method, name; a name that both name comes twice.
func (r *route) inputNames(method string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, m := range []string{method, ""} {
			for name := range r.inputs[m] {
				if !yield(name) {
					return
				}
			}
		}
	}
}

// fill sets each input that the route's patterns for method name, and
// that the request lacks, to nil.
func (r *route) fill(method string, in map[string]any) {
	for name := range r.inputNames(method) {
		if _, ok := in[name]; !ok {
			in[name] = nil
		}
	}
}

// requestRoute returns the literal path and method of a Requesting.request
// pattern.
func requestRoute(p *spec.Pattern) (path, method string, ok bool) {
	if !p.IsRequest() {
		return "", "", false
	}
	path, ok = p.StringLiteral("path")
	method, _ = p.StringLiteral("method")
	return path, method, ok && strings.HasPrefix(path, "/")
}

// httpError answers every error echo raises (unknown routes, wrong
// methods) as JSON.
func (s *Server) httpError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := http.StatusInternalServerError, "internal error"
	if he, ok := err.(*echo.HTTPError); ok {
		status = he.Code
		msg = strings.ToLower(http.StatusText(status))
		if status == http.StatusMethodNotAllowed {
			msg = "method not allowed for this route"
		}
	} else {
		s.log.Error("unhandled error", "error", err, "path", c.Path())
	}
	_ = writeError(c, status, msg, c.Response().Header().Get(flowHeader))
}
