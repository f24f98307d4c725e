package check

import (
	"github.com/legible/legible/engine/diag"
)

// variable is one name bound in a sync.
type variable struct {
	name   string
	typ    Type
	span   diag.Span // where it was first bound
	origin string    // how it was bound, for messages
	binds  int
	reads  int
}

// scope holds the variables visible at one point of a sync. A collect's
// `from` opens a child scope whose bindings do not escape.
type scope struct {
	parent *scope
	vars   map[string]*variable
	order  []*variable
}

func newScope(parent *scope) *scope {
	return &scope{parent: parent, vars: map[string]*variable{}}
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

// add binds a new variable in this scope.
func (s *scope) add(name string, t Type, sp diag.Span, origin string) *variable {
	v := &variable{name: name, typ: t, span: sp, origin: origin, binds: 1}
	s.vars[name] = v
	s.order = append(s.order, v)
	return v
}

// names lists every visible variable name, for did-you-mean.
func (s *scope) names() []string {
	var out []string
	for ; s != nil; s = s.parent {
		for _, v := range s.order {
			out = append(out, v.name)
		}
	}
	return out
}

// all calls f for every visible variable, innermost first, once per name.
func (s *scope) all(f func(*variable)) {
	seen := map[string]bool{}
	for ; s != nil; s = s.parent {
		for _, v := range s.order {
			if !seen[v.name] {
				seen[v.name] = true
				f(v)
			}
		}
	}
}
