package load

import (
	"fmt"
	"regexp"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// args reads a pattern's `{ param: term, … }` mapping. A bare `{ name }`
// is the variable name bound to the parameter of the same name.
func (l *loader) args(n *yaml.Node, what string) []*spec.Arg {
	var out []*spec.Arg
	for _, e := range l.entries(n, what) {
		param, ok := l.name(e.key, identRe, "parameter name", "")
		if !ok {
			continue
		}
		out = append(out, &spec.Arg{Param: param, Term: l.term(e)})
	}
	return out
}

// term reads the value of one argument: a variable or a literal.
func (l *loader) term(e entry) spec.Term {
	v := e.val
	sp := l.src.span(v)
	if v.Kind != yaml.ScalarNode {
		l.diags.Errorf(sp, rules.Schema.ID, "build objects and lists in a `where` step (`bind: { x: '{\"a\": a}' }`), then pass the variable",
			"an argument is a variable or a literal, not %s", describe(v))
		return spec.Term{Kind: spec.Invalid, Span: sp}
	}
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return spec.Term{Kind: spec.String, Value: v.Value, Span: sp}
	}
	switch v.Tag {
	case "!!null":
		if v.Value == "" { // `{ user }`: the variable named like the parameter
			return spec.Term{Kind: spec.Var, Name: e.key.Value, Span: l.src.span(e.key)}
		}
		return spec.Term{Kind: spec.Null, Span: sp}
	case "!!bool":
		return spec.Term{Kind: spec.Bool, Value: v.Value == "true", Span: sp}
	case "!!int", "!!float":
		var f float64
		if err := v.Decode(&f); err != nil {
			l.diags.Errorf(sp, rules.Schema.ID, "", "`%s` is not a number", v.Value)
			return spec.Term{Kind: spec.Invalid, Span: sp}
		}
		return spec.Term{Kind: spec.Number, Value: f, Span: sp}
	}
	if identRe(v.Value) && v.Style&yaml.TaggedStyle == 0 {
		return spec.Term{Kind: spec.Var, Name: v.Value, Span: sp}
	}
	l.diags.Errorf(sp, rules.Schema.ID, literalHint(e.key.Value, v.Value),
		"`%s` is neither a variable nor a literal", v.Value)
	return spec.Term{Kind: spec.Invalid, Span: sp}
}

// literalHint says how to write a plain value that is not an identifier.
func literalHint(param, value string) string {
	if isExpression(value) {
		return fmt.Sprintf("patterns take variables and literals only: compute it in `where` with `bind: { %s: %s }`, then write `{ %s }`",
			param, value, param)
	}
	return fmt.Sprintf("quote it to make it a literal string: `%s: %q`", param, value)
}

// exprLike matches plain values that read like member access or a call
// rather than a literal, e.g. credentials.email or lower(name).
var exprLike = regexp.MustCompile(`^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$|^[A-Za-z_]\w*\(.*\)$`)

func isExpression(v string) bool { return exprLike.MatchString(v) }
