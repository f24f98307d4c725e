package program

import (
	"context"
	"fmt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/spec"
)

// Handler runs one action or query of a concept implementation.
type Handler interface {
	// Call runs it for one input.
	Call(ctx context.Context, in map[string]any) (concepts.Result, error)
	// Plan binds a query to the input names and the columns a where step
	// passes and reads, by position, for calls of many inputs at once.
	Plan(ins, outs []string) (*concepts.Plan, error)
}

// Resolver finds the implementation of an action or query.
type Resolver interface {
	Resolve(concept, action string) (Handler, bool)
}

// compiler holds the state of compiling one sync.
type compiler struct {
	resolve  Resolver
	concepts map[string]*spec.Concept
	s        *Sync
	slots    map[string]int
	err      error
}

// Compile turns a checked spec into a program. The spec must be free of
// errors; Compile reports only what the checker cannot know, such as an
// action without an implementation.
func Compile(sp *spec.Spec, r Resolver) (*Program, error) {
	p := &Program{watch: map[string]*watchers{}, secrets: map[string][]string{}, spec: sp}
	for _, k := range sp.Concepts {
		for _, s := range k.Secrets {
			p.secrets[k.Name.Name] = append(p.secrets[k.Name.Name], s.Name)
		}
	}
	byName := map[string]*spec.Concept{}
	for _, k := range sp.Concepts {
		byName[k.Name.Name] = k
	}
	var anchors []*Anchor
	for i, s := range sp.Syncs {
		c := &compiler{resolve: r, concepts: byName, s: &Sync{ID: i, Name: s.Name.Name}, slots: map[string]int{}}
		cs, as := c.sync(s)
		if c.err != nil {
			return nil, fmt.Errorf("sync %s (%s): %w", s.Name.Name, s.Name.Span.Pos, c.err)
		}
		p.Syncs = append(p.Syncs, cs)
		anchors = append(anchors, as...)
	}
	p.index(anchors)
	return p, nil
}

// sync compiles one sync and returns it with its anchors.
func (c *compiler) sync(s *spec.Sync) (*Sync, []*Anchor) {
	as := c.anchors(c.s, s.When)
	bound := map[int]bool{}
	for _, slot := range c.slots {
		bound[slot] = true
	}
	c.s.Where = c.steps(s.Where, bound)
	for _, p := range s.Then {
		c.s.Then = append(c.s.Then, &Invoke{
			Key: Key(p.Concept.Name, p.Action.Name), Concept: p.Concept.Name, Action: p.Action.Name,
			Handler: c.handler(p), In: c.args(p.In, bound, false),
		})
	}
	return c.s, as
}

// slot returns the frame slot of a variable, allocating it on first use.
// Names bound in two separate collects share a slot: they are never live
// at the same time.
func (c *compiler) slot(name string) int {
	if i, ok := c.slots[name]; ok {
		return i
	}
	c.slots[name] = len(c.s.Slots)
	c.s.Slots = append(c.s.Slots, name)
	return c.slots[name]
}

// handler resolves the implementation a where or then pattern calls.
func (c *compiler) handler(p *spec.Pattern) Handler {
	h, ok := c.resolve.Resolve(p.Concept.Name, p.Action.Name)
	if !ok && c.err == nil {
		c.err = fmt.Errorf("%s.%s has no implementation: register it with the %s concept", p.Concept.Name, p.Action.Name, p.Concept.Name)
	}
	return h
}

// Invoke is a compiled then action.
type Invoke struct {
	Key             string
	Concept, Action string
	Handler         Handler
	In              []Arg
}

// required lists the required inputs of the action or query p names.
func (c *compiler) required(p *spec.Pattern) []string {
	var out []string
	if k := c.concepts[p.Concept.Name]; k != nil && k.Member(p.Action.Name) != nil {
		for _, in := range k.Member(p.Action.Name).In {
			if !in.Optional {
				out = append(out, in.Name.Name)
			}
		}
	}
	return out
}
