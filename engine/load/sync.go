package load

import (
	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

var (
	syncKeys    = []string{"description", "when", "where", "then"}
	stepKeys    = []string{"filter", "bind", "collect"}
	collectKeys = []string{"as", "from", "fields", "value"}
)

// syncFile reads a mapping from sync names to syncs.
func (l *loader) syncFile(file string, doc *yaml.Node) {
	for _, e := range l.entries(doc, "a sync file") {
		name, ok := l.name(e.key, identRe, "sync name", "sync names are identifiers such as LoginRespond")
		if !ok {
			continue
		}
		s := &spec.Sync{File: file, Name: name}
		before := len(l.diags)
		l.hidden = false
		l.sync(s, e.val)
		s.Damaged, s.Hidden = len(l.diags) > before, l.hidden
		l.sp.Syncs = append(l.sp.Syncs, s)
	}
}

func (l *loader) sync(s *spec.Sync, n *yaml.Node) {
	what := "sync `" + s.Name.Name + "`"
	var hasWhen, hasThen bool
	for _, e := range l.entries(n, what) {
		switch e.key.Value {
		case "description":
			s.Description, _ = l.text(e.val, "description")
		case "when":
			hasWhen = true
			for _, item := range l.items(e.val, "`when`") {
				if p := l.pattern(item, clauseWhen); p != nil {
					s.When = append(s.When, p.Pattern)
				} else {
					l.hidden = true
				}
			}
		case "where":
			s.Where = l.steps(e.val, "`where`")
		case "then":
			hasThen = true
			for _, item := range l.items(e.val, "`then`") {
				if p := l.pattern(item, clauseThen); p != nil {
					s.Then = append(s.Then, p.Pattern)
				}
			}
		default:
			l.unknownKey(e.key, what, syncKeys)
			l.hidden = true
		}
	}
	if !hasWhen || !hasThen || len(s.When) == 0 || len(s.Then) == 0 {
		missing := "when"
		if hasWhen && len(s.When) > 0 {
			missing = "then"
		}
		l.diags.Errorf(s.Name.Span, rules.Schema.ID, "a sync needs `when:` (the actions it waits for) and `then:` (the actions it invokes)",
			"%s has no `%s:` patterns", what, missing)
	}
}

// steps reads a list of where steps.
func (l *loader) steps(n *yaml.Node, what string) []spec.Step {
	var out []spec.Step
	for _, item := range l.items(n, what) {
		if st := l.step(item); st != nil {
			out = append(out, st)
		} else {
			l.hidden = true
		}
	}
	return out
}

func (l *loader) step(n *yaml.Node) spec.Step {
	es := l.entries(n, "a `where` step")
	if len(es) == 1 {
		switch e := es[0]; e.key.Value {
		case "filter":
			if x := l.expr(e.val, "a filter"); x != nil {
				return &spec.Filter{Key: l.src.span(e.key), Expr: x}
			}
			return nil
		case "bind":
			return l.bind(e)
		case "collect":
			return l.collect(e)
		}
	}
	for _, e := range es {
		for _, k := range stepKeys {
			if e.key.Value == k && len(es) > 1 {
				l.diags.Errorf(l.src.span(e.key), rules.Schema.ID, "start a new list item with `- ` for each step",
					"`%s` must be the only key of its step", k)
				return nil
			}
		}
	}
	if p := l.pattern(n, clauseWhere); p != nil {
		return &spec.Query{Pattern: p.Pattern, Optional: p.optional}
	}
	return nil
}

func (l *loader) bind(e entry) spec.Step {
	b := &spec.Bind{Key: l.src.span(e.key)}
	for _, be := range l.entries(e.val, "`bind`") {
		name, ok := l.name(be.key, identRe, "variable name", "variable names are identifiers such as body or userId")
		if !ok {
			continue
		}
		if x := l.expr(be.val, "`"+name.Name+"`"); x != nil {
			b.Entries = append(b.Entries, &spec.BindEntry{Name: name, Expr: x})
		} else {
			l.hidden = true
		}
	}
	return b
}

func (l *loader) collect(e entry) spec.Step {
	c := &spec.Collect{Key: l.src.span(e.key)}
	var hasAs, hasFrom bool
	for _, ce := range l.entries(e.val, "`collect`") {
		switch ce.key.Value {
		case "as":
			c.As, hasAs = l.name(ce.val, identRe, "variable name", "`as` names the list variable, e.g. `as: comments`")
		case "from":
			hasFrom = true
			c.From = l.steps(ce.val, "`from`")
		case "fields":
			for _, f := range l.items(ce.val, "`fields`") {
				if id, ok := l.name(f, identRe, "variable name", ""); ok {
					c.Fields = append(c.Fields, id)
				}
			}
			if c.Fields == nil {
				c.Fields = []spec.Ident{}
			}
		case "value":
			c.Value = l.expr(ce.val, "`value`")
		default:
			l.unknownKey(ce.key, "`collect`", collectKeys)
		}
	}
	switch {
	case !hasAs || !hasFrom:
		l.diags.Errorf(c.Key, rules.Schema.ID, "write `collect: { as: NAME, from: [steps], fields: [a, b] }`",
			"`collect` needs both `as` and `from`")
	case (c.Fields == nil) == (c.Value == nil):
		l.diags.Errorf(c.Key, rules.Schema.ID, "use `fields: [a, b]` for objects of those variables, or `value: EXPR` for one value per row",
			"`collect` needs exactly one of `fields` and `value`")
	}
	if c.As.Name == "" {
		return nil
	}
	return c // kept even when reported, so that `as` is bound for the rest of the sync
}

// expr reads a scalar as an expression.
func (l *loader) expr(n *yaml.Node, what string) *spec.Expr {
	if n == nil || n.Kind != yaml.ScalarNode {
		l.diags.Errorf(l.spanOrNil(n), rules.Schema.ID, "write the expression as a string, quoted if it holds `: ` or starts with `{`",
			"%s must be an expression, not %s", what, describe(n))
		return nil
	}
	if isNull(n) && n.Value == "" {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "", "%s is empty", what)
		return nil
	}
	src := l.src
	return spec.NewExpr(n.Value, src.span(n), func() []diag.Pos { return src.runes(n) })
}
