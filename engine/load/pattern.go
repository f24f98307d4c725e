package load

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// clause says which part of a sync a pattern stands in.
type clause int

const (
	clauseWhen clause = iota
	clauseWhere
	clauseThen
)

// patternOf is a pattern plus the where-only `optional` flag.
type patternOf struct {
	*spec.Pattern
	optional bool
}

// clauseKeys are the keys besides Concept.action allowed in each clause.
var clauseKeys = map[clause][]string{
	clauseWhen:  {"out"},
	clauseWhere: {"out", "optional"},
	clauseThen:  {"out"},
}

// pattern reads `- Concept.action: { inputs }` with its extra keys.
func (l *loader) pattern(n *yaml.Node, cl clause) *patternOf {
	var p *patternOf
	var out, optional *entry
	es := l.entries(n, "an action pattern")
	for i, e := range es {
		concept, action, isAction := splitPattern(e.key.Value)
		switch {
		case isAction && p != nil:
			l.diags.Errorf(l.src.span(e.key), rules.Schema.ID, "start a new list item with `- ` for each action",
				"one action per list item: `%s` follows `%s.%s`", e.key.Value, p.Concept.Name, p.Action.Name)
		case isAction:
			p = &patternOf{Pattern: l.head(e, concept, action)}
		case e.key.Value == "out":
			out = &es[i]
		case e.key.Value == "optional" && cl == clauseWhere:
			optional = &es[i]
		default:
			l.badPatternKey(e.key, cl)
		}
	}
	if p == nil {
		if len(es) > 0 || n.Kind == yaml.ScalarNode {
			l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write `- Concept.action: { param: variable }`",
				"expected an action pattern `Concept.action: {…}`")
		}
		return nil
	}
	if out != nil {
		p.HasOut, p.OutSpan = true, l.src.span(out.key)
		p.Out = l.args(out.val, "`out`")
	}
	if optional != nil {
		p.optional = l.flag(optional.val, "optional")
	}
	return p
}

// flag reads the true or false value of key.
func (l *loader) flag(n *yaml.Node, key string) bool {
	if n.Tag != "!!bool" {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write `"+key+": true`", "`%s` must be true or false", key)
		return false
	}
	return n.Value == "true"
}

// head reads the `Concept.action: {inputs}` entry itself.
func (l *loader) head(e entry, concept, action string) *spec.Pattern {
	nc := len(concept) // names are ASCII
	return &spec.Pattern{
		Span:    l.src.span(e.key),
		Concept: l.sub(e.key, 0, nc, concept),
		Action:  l.sub(e.key, nc+1, nc+1+len(action), action),
		In:      l.args(e.val, "the inputs of `"+e.key.Value+"`"),
	}
}

func (l *loader) badPatternKey(k *yaml.Node, cl clause) {
	allowed := clauseKeys[cl]
	if cl == clauseWhere {
		allowed = append(allowed[:len(allowed):len(allowed)], stepKeys...)
	}
	hint := diag.DidYouMean(k.Value, allowed)
	switch {
	case hint != "":
	case strings.Contains(k.Value, "."):
		hint = "an action is written `Concept.action`, a capitalised concept name, a dot, then the action name"
	case cl != clauseWhere && slices.Contains(stepKeys, k.Value):
		hint = "`" + k.Value + "` is a step of `where:`, not of this clause"
	case cl != clauseWhere && k.Value == "optional":
		hint = "only `where` queries can be optional"
	default:
		hint = "besides `Concept.action`, the keys allowed here are " + strings.Join(quoteAll(allowed), ", ")
	}
	l.diags.Errorf(l.src.span(k), rules.Schema.ID, hint, "unknown key `%s` in an action pattern", k.Value)
}
