package concepts

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
)

// Concept is the Go implementation of one concept: its actions and queries
// by spec name. Build it with New, then Action and Query, at program setup;
// once registered it is read-only and safe for concurrent use.
type Concept struct {
	name     string
	handlers map[string]Handler
	start    StartFunc
}

// StartFunc is what a concept does when the app starts (see
// Concept.OnStart): ctx ends with the start-up, and log is the app's
// logger.
type StartFunc func(ctx context.Context, log *slog.Logger) error

// New starts the implementation of the concept with the given spec name.
func New(name string) *Concept {
	if name == "" {
		panic("concepts.New: the concept name is empty; use the name from the spec's `concept:` line")
	}
	return &Concept{name: name, handlers: map[string]Handler{}}
}

// Action registers h, made by concepts.Action, as the action name. It
// panics when h was made by concepts.Query or name is already registered.
func (c *Concept) Action(name string, h Handler) *Concept {
	return c.add("Action", name, h, false)
}

// Query registers h, made by concepts.Query, as the query name. It panics
// when h was made by concepts.Action or name is already registered.
func (c *Concept) Query(name string, h Handler) *Concept {
	return c.add("Query", name, h, true)
}

// add registers one handler, binding it to the concept and name.
func (c *Concept) add(method, name string, h Handler, query bool) *Concept {
	where := fmt.Sprintf("%s.%s(%q)", c.name, method, name)
	switch {
	case name == "":
		panic(where + ": the name is empty; use the name from the spec")
	case h.a == nil:
		panic(where + ": the handler is empty; make it with concepts.Action or concepts.Query")
	case h.a.sig.Query != query:
		panic(where + ": the handler was made by the other adapter; register concepts.Action handlers " +
			"with .Action and concepts.Query handlers with .Query")
	}
	if _, dup := c.handlers[name]; dup {
		panic(where + ": registered twice; register each action and query once")
	}
	h.concept, h.name = c.name, name
	c.handlers[name] = h
	return c
}

// OnStart registers f to run when the app starts: once the database is
// set up for the concept's collections, before the first request. It is
// for what the concept must read, make or say before it serves (Tokens
// reads or makes its signing secret there, and logs where it comes
// from); an error stops the start. A module's New must not touch the
// database, so this is where such work goes. It panics when a function is
// registered already.
func (c *Concept) OnStart(f StartFunc) *Concept {
	if c.start != nil {
		panic(c.name + ".OnStart: registered twice; register one start function per concept")
	}
	c.start = f
	return c
}

// Start runs the function registered with OnStart, if any.
func (c *Concept) Start(ctx context.Context, log *slog.Logger) error {
	if c.start == nil {
		return nil
	}
	return c.start(ctx, log)
}

// Name returns the concept's spec name.
func (c *Concept) Name() string { return c.name }

// Handler returns the handler registered under name.
func (c *Concept) Handler(name string) (Handler, bool) {
	h, ok := c.handlers[name]
	return h, ok
}

// Actions returns the names registered with Action, sorted.
func (c *Concept) Actions() []string { return c.names(false) }

// Queries returns the names registered with Query, sorted.
func (c *Concept) Queries() []string { return c.names(true) }

// names returns the sorted names of the actions or of the queries.
func (c *Concept) names(query bool) []string {
	var out []string
	for name, h := range c.handlers {
		if h.a.sig.Query == query {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
