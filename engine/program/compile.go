package program

import (
	"errors"
	"fmt"
	"maps"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
	"github.com/legible/legible/engine/spec"
)

// compiler holds the state of compiling one sync.
type compiler struct {
	impls    map[string]*concepts.Concept
	concepts map[string]*spec.Concept
	s        *Sync
	slots    map[string]int
	err      error
}

// Compile turns a checked spec into a program whose actions and queries
// run on impls, the implementations of the app's concepts by name. The
// program brings Requesting, which every app has, itself: impls must not.
// The spec must be free of errors; Compile reports only what the checker
// cannot know, such as an action without an implementation.
func Compile(sp *spec.Spec, impls map[string]*concepts.Concept) (*Program, error) {
	if _, ok := impls["Requesting"]; ok {
		return nil, errors.New("the implementations hold Requesting, which the program brings itself")
	}
	req := requesting.New()
	all := maps.Clone(impls)
	if all == nil {
		all = map[string]*concepts.Concept{}
	}
	all["Requesting"] = req.Concept()
	p := &Program{watch: map[string]*watchers{}, secrets: map[string][]string{}, spec: sp, impls: all, req: req}
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
		c := &compiler{impls: all, concepts: byName, s: &Sync{ID: i, Name: s.Name.Name}, slots: map[string]int{}}
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
func (c *compiler) handler(p *spec.Pattern) concepts.Handler {
	h, ok := handler(c.impls, p.Concept.Name, p.Action.Name)
	if !ok && c.err == nil {
		c.err = fmt.Errorf("%s.%s has no implementation: register it with the %s concept", p.Concept.Name, p.Action.Name, p.Concept.Name)
	}
	return h
}

// Invoke is a compiled then action.
type Invoke struct {
	Key             string
	Concept, Action string
	Handler         concepts.Handler
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
