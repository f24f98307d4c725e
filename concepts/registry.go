package concepts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
)

// Registry holds concept implementations by name. It is safe for
// concurrent use.
type Registry struct {
	mu     sync.RWMutex
	byName map[string]*Concept
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byName: map[string]*Concept{}}
}

// Register adds c. It fails when c is nil or a concept of the same name is
// already registered.
func (r *Registry) Register(c *Concept) error {
	if c == nil {
		return errors.New("concepts: Register(nil); build the concept with concepts.New")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.byName[c.name]; dup {
		return fmt.Errorf("concepts: concept %s is registered twice; register each concept once", c.name)
	}
	if r.byName == nil {
		r.byName = map[string]*Concept{}
	}
	r.byName[c.name] = c
	return nil
}

// Lookup returns the concept registered under name.
func (r *Registry) Lookup(name string) (*Concept, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.byName[name]
	return c, ok
}

// Handler returns the handler of an action or query of a registered concept.
func (r *Registry) Handler(concept, name string) (Handler, bool) {
	c, ok := r.Lookup(concept)
	if !ok {
		return Handler{}, false
	}
	return c.Handler(name)
}

// Names returns the names of the registered concepts, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.byName))
	for name := range r.byName {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Start runs the start function (Concept.OnStart) of each registered
// concept, in the order of their names, and stops at the first error,
// which names the concept.
func (r *Registry) Start(ctx context.Context, log *slog.Logger) error {
	for _, name := range r.Names() {
		c, _ := r.Lookup(name)
		if err := c.Start(ctx, log); err != nil {
			return fmt.Errorf("starting the concept %s: %w", name, err)
		}
	}
	return nil
}
