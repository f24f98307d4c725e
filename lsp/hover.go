package lsp

import (
	"fmt"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// hover describes what is at a position: an action or query with its
// signature, purpose, requires and effects; a concept; a parameter; a
// variable and where it is bound; a rule named in an ignore comment.
func hover(_ *Server, pl place) (any, error) {
	if r, sp := pl.ruleAt(); r != nil {
		return pl.hoverOf(sp, ruleDoc(r)), nil
	}
	occs := pl.occurrences()
	if len(occs) == 0 {
		return nil, nil
	}
	parts := make([]string, 0, len(occs))
	for _, o := range occs {
		parts = append(parts, describe(o))
	}
	return pl.hoverOf(occs[0].span, strings.Join(parts, "\n\n---\n\n")), nil
}

// hoverOf is a hover of Markdown over a span of the place's file.
func (pl place) hoverOf(sp diag.Span, md string) *Hover {
	r := pl.text.span(sp)
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: md}, Range: &r}
}

// describe writes what an occurrence names, in Markdown.
func describe(o occurrence) string {
	switch {
	case o.variable != nil:
		return variableDoc(o.variable)
	case o.param != nil:
		return paramDoc(o.action, o.param)
	case o.action != nil:
		return actionDoc(o.action)
	}
	return conceptDoc(o.concept)
}

// actionDoc describes an action or query.
func actionDoc(a *spec.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "```yaml\n%s\n```\n\n%s of **%s**, %s", signature(a), kind(a), a.Concept.Name.Name, origin(a.Concept))
	if a.Requires != "" {
		fmt.Fprintf(&b, "\n\n**requires** %s", strings.TrimSpace(a.Requires))
	}
	if a.Effects != "" {
		fmt.Fprintf(&b, "\n\n**effects** %s", strings.TrimSpace(a.Effects))
	}
	if a.Concept.Purpose != "" {
		fmt.Fprintf(&b, "\n\n**purpose of %s** %s", a.Concept.Name.Name, strings.TrimSpace(a.Concept.Purpose))
	}
	return b.String()
}

// conceptDoc describes a concept: its purpose, principle and members.
func conceptDoc(k *spec.Concept) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**, %s", k.Name.Name, origin(k))
	if k.Purpose != "" {
		fmt.Fprintf(&b, "\n\n**purpose** %s", strings.TrimSpace(k.Purpose))
	}
	if k.Principle != "" {
		fmt.Fprintf(&b, "\n\n**principle** %s", strings.TrimSpace(k.Principle))
	}
	var sigs []string
	for _, a := range k.Members() {
		sigs = append(sigs, signature(a))
	}
	if len(sigs) > 0 {
		fmt.Fprintf(&b, "\n\n```yaml\n%s\n```", strings.Join(sigs, "\n"))
	}
	return b.String()
}

// paramDoc describes a parameter of an action or query.
func paramDoc(a *spec.Action, p *spec.Param) string {
	role := "output"
	if a.Param(p.Name.Name) == p {
		role = "input"
		if p.Optional {
			role = "optional input"
		}
	}
	return fmt.Sprintf("`%s: %s`, %s of %s.%s", p.Name.Name, p.Type.Name, role, a.Concept.Name.Name, a.Name.Name)
}

// variableDoc describes a variable: what it holds, and where it is bound.
func variableDoc(v *spec.Variable) string {
	return fmt.Sprintf("variable `%s`: %s\n\nbound by %s, at line %d", v.Name, v.Type, v.Origin, v.Span.Line)
}

// ruleDoc describes a rule of lint.
func ruleDoc(r *rules.Rule) string {
	adjust := "cannot be ignored: it reports what stops an app from running"
	if r.Adjustable {
		adjust = "adjustable: an ignore comment or `lint.rules` in app.yaml may silence it"
	}
	return fmt.Sprintf("**%s** (%s): %s\n\ncatches %s\n\n%s", r.ID, r.Severity, r.Summary, r.Catches, adjust)
}
