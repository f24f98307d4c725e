package lsp

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// definition answers where what is at a position is declared: a
// variable's binding, or the action, query, parameter or concept in its
// concept's spec (a built-in one's in its read-only copy).
func definition(s *Server, pl place) (any, error) {
	occs := pl.occurrences()
	slices.SortStableFunc(occs, func(a, b occurrence) int { return cmp.Compare(rank(a), rank(b)) })
	for _, o := range occs {
		if sp := declaration(o); sp.Line > 0 {
			return s.locationOf(pl.snap, sp)
		}
	}
	return nil, nil
}

// rank orders what one name may stand for: in `{ user }`, the variable
// before the parameter.
func rank(o occurrence) int {
	if o.variable != nil {
		return 0
	}
	return 1
}

// declaration returns the span that declares what an occurrence names.
func declaration(o occurrence) diag.Span {
	switch {
	case o.variable != nil:
		return o.variable.Span
	case o.param != nil:
		return o.param.Name.Span
	case o.action != nil:
		return o.action.Name.Span
	case o.concept != nil:
		return o.concept.Name.Span
	}
	return diag.Span{}
}

// references answers where the action, query, concept or variable at a
// position is used: in every sync, test file and scenario of the app.
func (s *Server) references(ctx context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[ReferenceParams](raw)
	if err != nil {
		return nil, err
	}
	pl, err := s.placeOf(ctx, p.TextDocumentPositionParams)
	if err != nil || pl.text == nil {
		return nil, err
	}
	occs := pl.occurrences()
	if len(occs) == 0 {
		return []Location{}, nil
	}
	want := occs[len(occs)-1]
	spans := pl.snap.uses(want, p.Context.IncludeDeclaration)
	out := make([]Location, 0, len(spans))
	for _, sp := range spans {
		if loc, err := s.locationOf(pl.snap, sp); err == nil {
			out = append(out, loc)
		}
	}
	return out, nil
}

// uses returns the spans that name what o names, sorted, its declaration
// included when decl is set.
func (sn *snapshot) uses(o occurrence, decl bool) []diag.Span {
	var out []diag.Span
	sn.index("") // builds every file's index
	for _, ix := range sn.indexes {
		for _, u := range ix.occs {
			if same(u, o) && (decl || !u.decl) {
				out = append(out, u.span)
			}
		}
		if o.variable != nil {
			out = append(out, ix.reads(o.variable)...)
		}
	}
	if o.variable != nil && decl {
		out = append(out, o.variable.Span)
	}
	slices.SortFunc(out, func(a, b diag.Span) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return slices.Compact(out)
}

// same reports whether two occurrences name the same thing.
func same(a, b occurrence) bool {
	switch {
	case b.variable != nil:
		return a.variable == b.variable && a.span != b.variable.Span
	case b.param != nil:
		return a.param == b.param
	case b.action != nil:
		return a.param == nil && a.action == b.action
	}
	return a.action == nil && a.variable == nil && a.concept == b.concept
}

// reads returns where the expressions of the file read the variable.
func (ix *fileIndex) reads(v *spec.Variable) []diag.Span {
	var out []diag.Span
	for _, e := range ix.exprs {
		if !slices.Contains(e.expr.Reads, v) {
			continue
		}
		for _, n := range exprNames(e.expr.Source) {
			if n.name == v.Name {
				out = append(out, e.expr.SpanOf(n.at, n.at+len([]rune(n.name))))
			}
		}
	}
	return out
}
