package spec

import (
	"time"

	"github.com/legible/legible/engine/diag"
)

// Route is one HTTP route of an app, as check derives it: a method (""
// for any) and a path that request patterns name, or a passthrough route.
type Route struct {
	Method string
	// Path is the path template without the base path, "/articles/:slug";
	// for a passthrough route, "/Concept/action".
	Path string
	// At is the first request pattern that names the route, or the
	// passthrough entry.
	At diag.Span
	// Inputs are the request inputs other than method and path that the
	// route's patterns name (those of its method, and those of none),
	// sorted: a request without one of them gives it as null.
	Inputs []string
	// Passthrough is set for a passthrough route.
	Passthrough *Passthrough
}

// String names the route as requests do: "POST /users", or the path
// alone for a route of any method.
func (r *Route) String() string {
	if r.Method == "" {
		return r.Path
	}
	return r.Method + " " + r.Path
}

// The defaults of what app.yaml may leave out.
const (
	DefaultTimeout    = 10 * time.Second // a request's, from its arrival
	DefaultBodyLimit  = 1 << 20          // the largest request body, in bytes
	DefaultCORSMaxAge = 2 * time.Hour    // a preflight answer's life in a browser: as long as Chromium keeps one
)

// RequestTimeout returns how long a request may take: app.yaml's
// timeout, or DefaultTimeout. A nil App has the default.
func (a *App) RequestTimeout() time.Duration {
	if a == nil || a.Timeout <= 0 {
		return DefaultTimeout
	}
	return a.Timeout
}

// RequestBodyLimit returns the largest request body, in bytes: app.yaml's
// limit, or DefaultBodyLimit. A nil App has the default.
func (a *App) RequestBodyLimit() int64 {
	if a == nil || a.BodyLimit <= 0 {
		return DefaultBodyLimit
	}
	return a.BodyLimit
}

// PreflightMaxAge returns how long browsers may keep the answer to a CORS
// preflight: app.yaml's corsMaxAge, or DefaultCORSMaxAge. A nil App has
// the default.
func (a *App) PreflightMaxAge() time.Duration {
	if a == nil || a.CORSMaxAge <= 0 {
		return DefaultCORSMaxAge
	}
	return a.CORSMaxAge
}
