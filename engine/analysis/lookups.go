package analysis

import (
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// lookup is a where query whose inputs all come from the request: the
// client chooses them, so the query can find nothing. Two syncs that pass
// a query the same request values share the lookup.
type lookup struct {
	query string // "Tokens._verify"
	ins   string // the inputs' sources, canonical: "token=req:token"
}

// guard is a join on a lookup. Without `optional`, its sync fires only
// when the lookup finds rows.
type guard struct {
	lookup lookup
	query  *spec.Query
	from   string   // the request values it is given, as the sync names them: "`token`"
	outs   []string // the variables its outputs bind
}

// whereStep is a top-level where step of a sync, as scenarios see it.
type whereStep struct {
	span   diag.Span
	join   *guard   // a join on a lookup
	opt    *guard   // an optional join on a lookup
	drops  bool     // a join without `optional` on anything else: it may find nothing
	filter ast.Node // a filter, worked out in each scenario; nil when it does not parse
	isFilt bool
}

// variable is what a scenario knows of one variable of a sync.
type variable struct {
	route  string   // "path" or "method": the request's, known for a route
	lookup *lookup  // an output of an optional lookup: nil when it finds nothing
	found  bool     // an output of a join that found rows: not nil
	bind   ast.Node // a bind's expression, worked out where it is read
}

// sources tells where a sync's variables come from: "req:NAME" for a
// request input, "expr:SOURCE|…" for a bind of request values only; a
// variable a query or an action binds has none.
type sources map[string]string

// whereSteps reduces the top-level where steps of s, and says what its
// variables are to a scenario.
func whereSteps(s *spec.Sync) ([]whereStep, map[string]variable) {
	src := requestSources(s)
	vars := map[string]variable{}
	for name, from := range src {
		switch from {
		case "req:path":
			vars[name] = variable{route: "path"}
		case "req:method":
			vars[name] = variable{route: "method"}
		}
	}
	var out []whereStep
	for _, st := range s.Where {
		switch st := st.(type) {
		case *spec.Bind:
			for _, e := range st.Entries {
				if s, ok := src.of(e.Expr); ok {
					src[e.Name.Name] = s
				}
				if e.Expr.Tree != nil {
					vars[e.Name.Name] = variable{bind: e.Expr.Tree}
				}
			}
		case *spec.Query:
			out = append(out, queryStep(st, src, vars))
		case *spec.Filter:
			out = append(out, whereStep{span: st.Key, isFilt: true, filter: st.Expr.Tree})
		}
	}
	return out, vars
}

// queryStep reduces a join, and records what its outputs are.
func queryStep(q *spec.Query, src sources, vars map[string]variable) whereStep {
	l, from, isLookup := src.lookup(q.Pattern)
	w := whereStep{span: q.Pattern.Span, drops: !q.Optional && !isLookup}
	g := &guard{lookup: l, query: q, from: from}
	switch {
	case isLookup && q.Optional:
		w.opt = g
	case isLookup:
		w.join = g
	}
	for _, a := range q.Pattern.Out {
		if a.Term.Kind != spec.Var {
			continue
		}
		g.outs = append(g.outs, a.Term.Name)
		switch {
		case isLookup && q.Optional:
			vars[a.Term.Name] = variable{lookup: &l}
		case !q.Optional:
			vars[a.Term.Name] = variable{found: true}
		default:
			delete(vars, a.Term.Name) // unknown
		}
	}
	return w
}

// requestSources are the variables the sync's request pattern binds.
func requestSources(s *spec.Sync) sources {
	src := sources{}
	for _, p := range s.When {
		if !p.IsRequest() {
			continue
		}
		for _, a := range p.In {
			if a.Term.Kind == spec.Var {
				src[a.Term.Name] = "req:" + a.Param.Name
			}
		}
	}
	return src
}

// of returns the source of an expression of request values only.
func (src sources) of(x *spec.Expr) (string, bool) {
	if x.Tree == nil || len(x.Reads) == 0 {
		return "", false // a constant: the app's choice, not the client's
	}
	parts := []string{"expr:" + x.Source}
	for _, v := range x.Reads {
		s, ok := src[v.Name]
		if !ok {
			return "", false
		}
		parts = append(parts, v.Name+"="+s)
	}
	return strings.Join(parts, "|"), true
}

// lookup returns the lookup of a query whose every variable input comes
// from the request, and those inputs' names in the sync.
func (src sources) lookup(p *spec.Pattern) (l lookup, from string, ok bool) {
	var ins, names []string
	for _, a := range p.In {
		if a.Term.Kind != spec.Var {
			continue
		}
		s, ok := src[a.Term.Name]
		if !ok {
			return lookup{}, "", false
		}
		ins = append(ins, a.Param.Name+"="+s)
		names = append(names, "`"+a.Term.Name+"`")
	}
	if len(ins) == 0 {
		return lookup{}, "", false
	}
	slices.Sort(ins)
	return lookup{query: p.Key(), ins: strings.Join(ins, " ")}, strings.Join(names, ", "), true
}
