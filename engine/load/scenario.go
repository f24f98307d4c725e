package load

import (
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

var (
	requestStepKeys = []string{"expect", "capture"}
	callStepKeys    = []string{"out", "rows", "error"}
	expectKeys      = []string{"status", "body", "fired", "not fired", "outcome"}
)

// requestKeyRe matches a request step's key, `METHOD /path`.
var requestKeyRe = regexp.MustCompile(`^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (/\S*)$`)

// pathVarRe matches a `{name}` segment of a request step's path.
var pathVarRe = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// testFile reads a test file: a mapping from scenario names to steps.
func (l *loader) testFile(file string, doc *yaml.Node) {
	l.sp.Scenarios = append(l.sp.Scenarios, l.scenarios(file, doc, "a test file", true)...)
}

// scenarios reads a mapping from scenario names to their steps. Only an
// app's scenarios (requests true) may send requests.
func (l *loader) scenarios(file string, n *yaml.Node, what string, requests bool) []*spec.Scenario {
	var out []*spec.Scenario
	for _, e := range l.entries(n, what) {
		sc := &spec.Scenario{File: file, Name: l.id(e.key)}
		for _, item := range l.items(e.val, "scenario `"+e.key.Value+"`") {
			if st := l.scenarioStep(item, requests); st != nil {
				sc.Steps = append(sc.Steps, st)
			}
		}
		out = append(out, sc)
	}
	return out
}

// scenarioStep reads one step: `METHOD /path` or `Concept.action`, with
// its own keys.
func (l *loader) scenarioStep(n *yaml.Node, requests bool) *spec.ScenarioStep {
	es := l.entries(n, "a scenario step")
	if len(es) == 0 {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, "write `- POST /path: { body: … }` or `- Concept.action: { … }`",
			"a step is a request or a call of an action or query")
		return nil
	}
	head, rest := es[0], es[1:]
	if m := requestKeyRe.FindStringSubmatch(head.key.Value); m != nil {
		if !requests {
			l.diags.Errorf(l.src.span(head.key), rules.Schema.ID, "call the concept's actions and queries: `- Concept.action: { … }`",
				"a concept's scenario runs against the concept alone: it sends no request")
			return nil
		}
		return &spec.ScenarioStep{Request: l.requestStep(head, m[1], m[2], rest)}
	}
	if concept, action, ok := splitPattern(head.key.Value); ok {
		return &spec.ScenarioStep{Call: l.callStep(head, concept, action, rest)}
	}
	hint := "start the step with `Concept.action` or `METHOD /path` (an upper-case method, a space, then the path under the base)"
	l.diags.Errorf(l.src.span(head.key), rules.Schema.ID, hint, "`%s` is neither a request nor a call", head.key.Value)
	return nil
}

// requestStep reads `METHOD /path: { body, query, headers, <auth> }` and
// its expect and capture.
func (l *loader) requestStep(head entry, method, path string, rest []entry) *spec.Request {
	r := &spec.Request{Span: l.src.span(head.key), Method: method, Path: path}
	off := len(method) + 1
	for _, m := range pathVarRe.FindAllStringSubmatchIndex(path, -1) {
		r.PathVars = append(r.PathVars, l.sub(head.key, off+m[2], off+m[3], path[m[2]:m[3]]))
	}
	for _, e := range l.entries(head.val, "the request `"+head.key.Value+"`") {
		switch e.key.Value {
		case "body":
			r.Body = l.value(e.val)
		case "query":
			r.Query = l.fields(e.val, "the query of `"+head.key.Value+"`")
		case "headers":
			r.Headers = l.fields(e.val, "the headers of `"+head.key.Value+"`")
		case "fail":
			r.Fail = l.fields(e.val, "the failures of `"+head.key.Value+"`")
		default: // the auth value, under the name app.yaml gives it (check checks it)
			if r.Auth != nil {
				l.unknownKey(e.key, "a request", []string{"body", "query", "headers", "fail", r.AuthKey.Name})
				continue
			}
			r.AuthKey, r.Auth = l.id(e.key), l.value(e.val)
			if isNull(e.val) { // `{ token }`: the variable of that name
				r.Auth = &spec.Value{Kind: spec.VarValue, Name: e.key.Value, Span: r.AuthKey.Span}
			}
		}
	}
	for _, e := range rest {
		switch e.key.Value {
		case "expect":
			r.Expect = l.expect(e)
		case "capture":
			r.Captures = l.captures(e.val)
		default:
			l.unknownKey(e.key, "a request step", requestStepKeys)
		}
	}
	return r
}

// expect reads what a request's reply must be.
func (l *loader) expect(e entry) *spec.Expect {
	x := &spec.Expect{Span: l.src.span(e.key)}
	for _, f := range l.entries(e.val, "`expect`") {
		switch f.key.Value {
		case "status":
			x.Status = l.value(f.val)
		case "body":
			x.Body = l.value(f.val)
		case "fired":
			x.Fired = l.syncNames(f.val)
		case "not fired":
			x.NotFired = l.syncNames(f.val)
		case "outcome":
			x.Outcome = l.value(f.val)
		default:
			l.unknownKey(f.key, "`expect`", expectKeys)
		}
	}
	return x
}

// syncNames reads a list of sync names.
func (l *loader) syncNames(n *yaml.Node) []spec.Ident {
	var out []spec.Ident
	for _, item := range l.items(n, "a list of sync names") {
		if id, ok := l.name(item, identRe, "sync name", ""); ok {
			out = append(out, id)
		}
	}
	return out
}

// captures reads `{ name: body.path, … }`.
func (l *loader) captures(n *yaml.Node) []*spec.Capture {
	var out []*spec.Capture
	for _, e := range l.entries(n, "`capture`") {
		name, ok := l.name(e.key, identRe, "variable name", "")
		path, ok2 := l.text(e.val, "where the captured value is")
		if ok && ok2 {
			out = append(out, &spec.Capture{Name: name, Path: spec.Ident{Name: path, Span: l.src.span(e.val)}})
		}
	}
	return out
}

// callStep reads `Concept.action: { inputs }` and its out, rows or error.
func (l *loader) callStep(head entry, concept, action string, rest []entry) *spec.Call {
	nc := len(concept)
	c := &spec.Call{
		Span:    l.src.span(head.key),
		Concept: l.sub(head.key, 0, nc, concept),
		Action:  l.sub(head.key, nc+1, nc+1+len(action), action),
		In:      l.fields(head.val, "the inputs of `"+head.key.Value+"`"),
	}
	for _, e := range rest {
		switch e.key.Value {
		case "out":
			c.Out, c.HasOut = l.fields(e.val, "`out`"), true
		case "rows":
			c.Rows = l.value(e.val)
		case "error":
			c.Error = l.value(e.val)
		default:
			l.unknownKey(e.key, "a call step", callStepKeys)
		}
	}
	return c
}

// fields reads a mapping of values. A bare `{ name }` is the variable of
// that name, as in a sync's pattern (`name: null` is null).
func (l *loader) fields(n *yaml.Node, what string) []*spec.Field {
	var out []*spec.Field
	for _, e := range l.entries(n, what) {
		f := &spec.Field{Key: l.id(e.key), Value: l.value(e.val)}
		if isNull(e.val) && e.val.Value == "" {
			f.Value = &spec.Value{Kind: spec.VarValue, Name: e.key.Value, Span: f.Key.Span}
		}
		out = append(out, f)
	}
	return out
}

// value reads a value of a scenario: a quoted string, a number, true,
// false or null is a literal; a plain name is a variable; a tag such as
// `!string` or `!match "^a"` is a matcher; lists and mappings hold values.
func (l *loader) value(n *yaml.Node) *spec.Value {
	v := &spec.Value{Span: l.src.span(n)}
	if n == nil {
		return &spec.Value{Kind: spec.LiteralValue}
	}
	if name, ok := strings.CutPrefix(n.Tag, "!"); ok && !strings.HasPrefix(n.Tag, "!!") {
		return l.matcher(n, v, name)
	}
	switch n.Kind {
	case yaml.SequenceNode:
		v.Kind = spec.ListValue
		for _, item := range n.Content {
			v.Items = append(v.Items, l.value(resolve(item)))
		}
		return v
	case yaml.MappingNode:
		v.Kind = spec.ObjectValue
		v.Fields = l.fields(n, "an object")
		return v
	case yaml.AliasNode:
		return l.value(resolve(n))
	}
	return l.scalar(n, v)
}

// scalar reads a scalar value: a literal or a variable.
func (l *loader) scalar(n *yaml.Node, v *spec.Value) *spec.Value {
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	switch {
	case quoted:
		v.Lit = n.Value
	case n.Tag == "!!null":
	case n.Tag == "!!bool":
		v.Lit = n.Value == "true"
	case n.Tag == "!!int" || n.Tag == "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			l.diags.Errorf(v.Span, rules.Schema.ID, "", "`%s` is not a number", n.Value)
		}
		v.Lit = f
	case identRe(n.Value):
		v.Kind, v.Name = spec.VarValue, n.Value
	default:
		l.diags.Errorf(v.Span, rules.Schema.ID, "quote it to make it a string: `\""+n.Value+"\"`",
			"`%s` is neither a variable nor a literal", n.Value)
		v.Lit = n.Value
	}
	return v
}

// matcher reads a tagged value: `!string`, `!match "re"`, `!expr "it > 0"`.
func (l *loader) matcher(n *yaml.Node, v *spec.Value, name string) *spec.Value {
	v.Kind, v.Name = spec.MatcherValue, name
	takes := name == "match" || name == "expr"
	switch {
	case !slices.Contains(spec.Matchers, name):
		l.diags.Errorf(v.Span, rules.Schema.ID, "the matchers are !"+strings.Join(spec.Matchers, ", !"),
			"`!%s` is not a matcher", name)
	case takes && (n.Kind != yaml.ScalarNode || n.Value == ""):
		l.diags.Errorf(v.Span, rules.Schema.ID, "write `!"+name+" \"…\"`", "`!%s` takes a string", name)
	case !takes && n.Kind == yaml.ScalarNode && n.Value != "":
		l.diags.Errorf(v.Span, rules.Schema.ID, "write `!"+name+"` alone", "`!%s` takes nothing", name)
	}
	v.Arg = n.Value
	return v
}
