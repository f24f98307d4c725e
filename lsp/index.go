package lsp

import (
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// occurrence is a name written in a file, with what check resolved it
// to: a concept, an action or query, a parameter of one, or a variable.
type occurrence struct {
	span     diag.Span
	concept  *spec.Concept
	action   *spec.Action
	param    *spec.Param // with action, whose parameter it is
	variable *spec.Variable
	decl     bool // it declares what it names
}

// fileIndex is what a file holds, for finding what is at a position.
type fileIndex struct {
	occs  []occurrence
	syncs []*spec.Sync // in the order written
	exprs []exprIn     // the expressions, whose variables are found by name
}

// exprIn is an expression and the sync it is in.
type exprIn struct {
	expr *spec.Expr
	sync *spec.Sync
}

// index returns the snapshot's index of every file, built once.
func (sn *snapshot) index(name string) *fileIndex {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if len(sn.indexes) == 0 {
		sn.indexes = buildIndex(sn.app.Spec)
	}
	if ix := sn.indexes[name]; ix != nil {
		return ix
	}
	return &fileIndex{}
}

// indexer collects occurrences by file.
type indexer struct {
	sp  *spec.Spec
	out map[string]*fileIndex
}

// buildIndex indexes the names of the app's files.
func buildIndex(sp *spec.Spec) map[string]*fileIndex {
	ix := &indexer{sp: sp, out: map[string]*fileIndex{"": {}}}
	for _, k := range sp.Concepts {
		ix.concept(k)
	}
	if a := sp.App; a != nil {
		for _, id := range a.Concepts {
			ix.add(occurrence{span: id.Span, concept: sp.Concept(id.Name)})
		}
		for _, p := range a.Passthrough {
			ix.named(p.Concept, p.Action)
		}
	}
	for _, s := range sp.Syncs {
		ix.file(s.File).syncs = append(ix.file(s.File).syncs, s)
		ix.sync(s)
	}
	for _, sc := range sp.Scenarios {
		ix.scenario(sc)
	}
	return ix.out
}

// file returns the index of the file name.
func (ix *indexer) file(name string) *fileIndex {
	f := ix.out[name]
	if f == nil {
		f = &fileIndex{}
		ix.out[name] = f
	}
	return f
}

// add indexes an occurrence that resolved to something.
func (ix *indexer) add(o occurrence) {
	if o.span.Line == 0 || o.concept == nil && o.action == nil && o.variable == nil {
		return
	}
	f := ix.file(o.span.File)
	f.occs = append(f.occs, o)
}

// concept indexes a concept's declarations and scenarios.
func (ix *indexer) concept(k *spec.Concept) {
	ix.add(occurrence{span: k.Name.Span, concept: k, decl: true})
	for _, a := range k.Members() {
		ix.add(occurrence{span: a.Name.Span, action: a, decl: true})
		for _, p := range a.In {
			ix.add(occurrence{span: p.Name.Span, action: a, param: p, decl: true})
		}
		for _, o := range a.Outs {
			for _, p := range o.Params {
				ix.add(occurrence{span: p.Name.Span, action: a, param: p, decl: true})
			}
		}
	}
	for _, sc := range k.Scenarios {
		ix.scenario(sc)
	}
}

// named indexes `Concept.action` written as two names.
func (ix *indexer) named(concept, action spec.Ident) *spec.Action {
	k := ix.sp.Concept(concept.Name)
	ix.add(occurrence{span: concept.Span, concept: k})
	if k == nil {
		return nil
	}
	a := k.Member(action.Name)
	ix.add(occurrence{span: action.Span, action: a})
	return a
}

// sync indexes the names a sync writes.
func (ix *indexer) sync(s *spec.Sync) {
	spec.Inspect(s, func(n spec.Node) bool {
		switch n := n.(type) {
		case *spec.Pattern:
			ix.pattern(n)
		case *spec.BindEntry:
			ix.add(occurrence{span: n.Name.Span, variable: n.Var})
		case *spec.Collect:
			ix.add(occurrence{span: n.As.Span, variable: n.Var})
			for i, f := range n.Fields {
				if i < len(n.FieldVars) {
					ix.add(occurrence{span: f.Span, variable: n.FieldVars[i]})
				}
			}
		case *spec.Expr:
			f := ix.file(s.File)
			f.exprs = append(f.exprs, exprIn{expr: n, sync: s})
		}
		return true
	})
}

// pattern indexes an action pattern: its names, its keys, its variables.
func (ix *indexer) pattern(p *spec.Pattern) {
	ix.named(p.Concept, p.Action)
	for _, arg := range p.In {
		ix.arg(p.Target, arg, inputOf(p.Target, arg.Param.Name))
	}
	for _, arg := range p.Out {
		ix.arg(p.Target, arg, outputOf(p.Target, arg.Param.Name))
	}
}

// arg indexes a pattern's `param: term`.
func (ix *indexer) arg(a *spec.Action, arg *spec.Arg, param *spec.Param) {
	if param != nil {
		ix.add(occurrence{span: arg.Param.Span, action: a, param: param})
	}
	if arg.Term.Var != nil {
		ix.add(occurrence{span: arg.Term.Span, variable: arg.Term.Var})
	}
}

// scenario indexes the calls of a scenario.
func (ix *indexer) scenario(sc *spec.Scenario) {
	for _, st := range sc.Steps {
		if c := st.Call; c != nil {
			a := ix.named(c.Concept, c.Action)
			for _, f := range c.In {
				if p := inputOf(a, f.Key.Name); p != nil {
					ix.add(occurrence{span: f.Key.Span, action: a, param: p})
				}
			}
		}
	}
}

// inputOf returns the input of a named name, or nil.
func inputOf(a *spec.Action, name string) *spec.Param {
	if a == nil {
		return nil
	}
	return a.Param(name)
}

// outputOf returns the output of a named name in any outcome, or nil.
func outputOf(a *spec.Action, name string) *spec.Param {
	if a == nil {
		return nil
	}
	for _, o := range a.Outs {
		for _, p := range o.Params {
			if p.Name.Name == name {
				return p
			}
		}
	}
	return nil
}
