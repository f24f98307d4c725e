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
	impls map[string]*concepts.Concept
	s     *Sync
	err   error
}

// Compile turns a checked spec into a program whose actions and queries
// run on impls, the implementations of the app's concepts by name. The
// program brings Requesting, which every app has, itself: impls must not.
// It reads what check resolved on the spec (each pattern's action, each
// variable's slot, each expression's tree) and resolves nothing again: the
// spec must be checked, and free of errors. Compile reports only what the
// checker cannot know, such as an action without an implementation.
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
	var anchors []*Anchor
	for i, s := range sp.Syncs {
		c := &compiler{impls: all, s: &Sync{ID: i, Name: s.Name.Name, Slots: make([]string, len(s.Vars))}}
		for _, v := range s.Vars {
			c.s.Slots[v.Slot] = v.Name
		}
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
	for _, p := range s.When {
		for _, a := range append(p.In[:len(p.In):len(p.In)], p.Out...) {
			if a.Term.Var != nil {
				bound[a.Term.Var.Slot] = true
			}
		}
	}
	c.s.Where = c.steps(s.Where, bound)
	for _, p := range s.Then {
		c.s.Then = append(c.s.Then, &Invoke{
			Key: p.Key(), Concept: p.Concept.Name, Action: p.Action.Name,
			Handler: c.handler(p), In: c.args(p.In, bound, false),
		})
	}
	return c.s, as
}

// handler resolves the implementation a where or then pattern calls.
func (c *compiler) handler(p *spec.Pattern) concepts.Handler {
	h, ok := handler(c.impls, p.Concept.Name, p.Action.Name)
	if !ok && c.err == nil {
		c.err = fmt.Errorf("%s has no implementation: register it with the %s concept", p.Key(), p.Concept.Name)
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
