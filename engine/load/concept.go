package load

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

var conceptKeys = []string{"concept", "purpose", "principle", "state", "secrets", "actions", "queries", "scenarios"}

// headerRe splits `Name [P1, P2]` into the name and the parameter list.
var headerRe = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[([^\]]*)\])?\s*$`)

func (l *loader) concept(file string, doc *yaml.Node) *spec.Concept {
	c := &spec.Concept{File: file}
	var header *yaml.Node
	for _, e := range l.entries(doc, "a concept spec") {
		switch e.key.Value {
		case "concept":
			header = e.val
			l.header(c, e.val)
		case "purpose":
			c.Purpose, _ = l.text(e.val, "purpose")
		case "principle":
			c.Principle, _ = l.text(e.val, "principle")
		case "state":
			c.State, _ = l.text(e.val, "state")
		case "secrets":
			for _, n := range l.items(e.val, "secrets") {
				if id, ok := l.name(n, identRe, "parameter name", ""); ok {
					c.Secrets = append(c.Secrets, id)
				}
			}
		case "actions":
			c.Actions = l.actions(c, e.val, false)
		case "queries":
			c.Queries = l.actions(c, e.val, true)
		case "scenarios":
			c.Scenarios = l.scenarios(file, e.val, "`scenarios`", false)
		default:
			l.unknownKey(e.key, "a concept spec", conceptKeys)
			c.Damaged = true // what the unknown key held is lost: `actoins:` hides actions
		}
	}
	if header == nil {
		l.diags.Errorf(l.spanOrNil(doc), rules.Schema.ID, "start the file with `concept: Name`, e.g. `concept: Sessioning [User]`",
			"the concept spec has no `concept:` name")
		return nil
	}
	if c.Name.Name == "" {
		return nil
	}
	return c
}

// header reads `concept: Name [P1, P2]`.
func (l *loader) header(c *spec.Concept, n *yaml.Node) {
	v, ok := l.text(n, "the concept name")
	if !ok {
		return
	}
	m := headerRe.FindStringSubmatchIndex(v)
	if m == nil || !typeRe(v[m[2]:m[3]]) {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write a capitalised name, then any type parameters in brackets: `Sessioning [User]`",
			"`%s` is not a concept name", v)
		return
	}
	at := func(byteOff int) int { return len([]rune(v[:byteOff])) }
	c.Name = l.sub(n, at(m[2]), at(m[3]), v[m[2]:m[3]])
	if m[4] < 0 {
		return
	}
	off := m[4]
	for _, part := range strings.Split(v[m[4]:m[5]], ",") {
		name := strings.TrimSpace(part)
		start := off + strings.Index(part, name)
		off += len(part) + 1
		if !typeRe(name) {
			l.diags.Errorf(l.sub(n, at(start), at(start)+len([]rune(name)), name).Span, rules.Schema.ID,
				"type parameters are capitalised names, e.g. [User, Item]", "`%s` is not a type parameter name", name)
			continue
		}
		c.Params = append(c.Params, l.sub(n, at(start), at(start)+len([]rune(name)), name))
	}
}

var actionKeys = []string{"in", "out", "requires", "effects"}

// actions reads the `actions:` or `queries:` mapping.
func (l *loader) actions(c *spec.Concept, n *yaml.Node, query bool) []*spec.Action {
	what, re, hint := "action name", actionRe, "action names start with a lower-case letter; queries go under `queries:` and start with `_`"
	if query {
		what, re, hint = "query name", queryRe, "query names start with `_`, e.g. `_getUser`; actions go under `actions:`"
	}
	var out []*spec.Action
	for _, e := range l.entries(n, what+"s") {
		name, ok := l.name(e.key, re, what, hint)
		if !ok {
			continue
		}
		a := &spec.Action{Concept: c, Name: name, Query: query}
		l.action(a, e.val)
		out = append(out, a)
	}
	return out
}

func (l *loader) action(a *spec.Action, n *yaml.Node) {
	what := "`" + a.Name.Name + "`"
	hasOut := false
	for _, e := range l.entries(n, what) {
		switch e.key.Value {
		case "in":
			a.In, a.Open = l.params(e.val, "the inputs of "+what, true)
		case "out":
			hasOut = true
			a.Outs = l.outcomes(a, e.val)
		case "requires":
			a.Requires, _ = l.text(e.val, "requires")
		case "effects":
			a.Effects, _ = l.text(e.val, "effects")
		default:
			l.unknownKey(e.key, what, actionKeys)
		}
	}
	if !hasOut {
		a.Outs = []*spec.Outcome{{Span: a.Name.Span}}
	}
}

// outcomes reads `out:`, a mapping or a list of alternative mappings.
func (l *loader) outcomes(a *spec.Action, n *yaml.Node) []*spec.Outcome {
	what := "the output of `" + a.Name.Name + "`"
	if n.Kind != yaml.SequenceNode {
		ps, _ := l.params(n, what, false)
		return []*spec.Outcome{{Span: l.src.span(n), Params: ps}}
	}
	if a.Query {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "a query returns rows of one shape: write `out` as one mapping",
			"a query cannot have alternative outcomes")
	}
	var out []*spec.Outcome
	for _, item := range l.items(n, what) {
		ps, _ := l.params(item, what, false)
		out = append(out, &spec.Outcome{Span: l.src.span(item), Params: ps})
	}
	if len(out) == 0 {
		out = append(out, &spec.Outcome{Span: l.src.span(n)})
	}
	return out
}

// params reads `{ name: Type, opt?: Type }`; inputs may also hold "*".
func (l *loader) params(n *yaml.Node, what string, input bool) (ps []*spec.Param, open *spec.Param) {
	for _, e := range l.entries(n, what) {
		key := e.key.Value
		p := &spec.Param{Name: l.id(e.key)}
		if strings.HasSuffix(key, "?") && input {
			p.Optional = true
			key = strings.TrimSuffix(key, "?")
		}
		p.Name.Name = key
		typ, ok := l.name(e.val, typeRe, "type name", "types are String, Number, Boolean, Object, List, Any, or a capitalised id type such as User")
		if !ok {
			continue
		}
		p.Type = typ
		switch {
		case key == "*" && input:
			open = p
		case !identRe(key):
			hint := ""
			if strings.HasSuffix(key, "?") {
				hint = "only inputs can be optional"
			}
			l.diags.Errorf(l.src.span(e.key), rules.Schema.ID, hint, "`%s` is not a valid parameter name", e.key.Value)
		default:
			ps = append(ps, p)
		}
	}
	return ps, open
}
