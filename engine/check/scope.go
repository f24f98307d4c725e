package check

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// variable is one name bound in a sync: the spec's Variable, which the
// checker resolves, and how often it is bound and read.
type variable struct {
	*spec.Variable
	binds int
	reads int
}

// scope holds the variables visible at one point of a sync. A collect's
// `from` opens a child scope whose bindings do not escape.
type scope struct {
	sync   *spec.Sync // whose Vars every new variable joins
	parent *scope
	vars   map[string]*variable
	order  []*variable
}

func newScope(s *spec.Sync, parent *scope) *scope {
	return &scope{sync: s, parent: parent, vars: map[string]*variable{}}
}

// lookup finds a visible variable.
func (s *scope) lookup(name string) *variable {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v
		}
	}
	return nil
}

// add binds a new variable in this scope, in the sync's next slot.
func (s *scope) add(name string, t types.Type, sp diag.Span, origin string) *variable {
	sv := &spec.Variable{Name: name, Slot: len(s.sync.Vars), Type: t, Span: sp, Origin: origin}
	s.sync.Vars = append(s.sync.Vars, sv)
	v := &variable{Variable: sv, binds: 1}
	s.vars[name] = v
	s.order = append(s.order, v)
	return v
}

// names lists every visible variable name, for did-you-mean.
func (s *scope) names() []string {
	var out []string
	for ; s != nil; s = s.parent {
		for _, v := range s.order {
			out = append(out, v.Name)
		}
	}
	return out
}

// all calls f for every visible variable, innermost first, once per name.
func (s *scope) all(f func(*variable)) {
	seen := map[string]bool{}
	for ; s != nil; s = s.parent {
		for _, v := range s.order {
			if !seen[v.Name] {
				seen[v.Name] = true
				f(v)
			}
		}
	}
}
