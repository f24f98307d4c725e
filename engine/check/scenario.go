package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/expr-lang/expr/parser"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// checkScenarios checks each concept's own scenarios and the app's: the
// names they use resolve, their literals fit, and every variable is
// bound by an earlier step before a step reads it.
func (c *checker) checkScenarios() {
	for _, k := range c.sp.Concepts {
		for _, s := range k.Scenarios {
			c.scenario(s, k)
		}
	}
	for _, s := range c.sp.Scenarios {
		c.scenario(s, nil)
	}
}

// scenario checks one scenario; own is the concept it belongs to, nil
// for an app's.
func (c *checker) scenario(s *spec.Scenario, own *spec.Concept) {
	bound := map[string]bool{}
	for _, st := range s.Steps {
		if st.Request != nil {
			c.requestStep(st.Request, bound)
		} else {
			c.callStep(st.Call, own, bound)
		}
	}
}

// callStep checks a call of an action or query and binds what its `out`
// names.
func (c *checker) callStep(call *spec.Call, own *spec.Concept, bound map[string]bool) {
	if own != nil && call.Concept.Name != own.Name.Name {
		c.diags.Errorf(call.Concept.Span, rules.Test.ID, "call "+own.Name.Name+"'s own actions and queries here; an app's test file can call any concept",
			"a scenario of %s runs against %s alone, not %s", own.Name.Name, own.Name.Name, call.Concept.Name)
		return
	}
	k := c.concept(call.Concept)
	if k == nil {
		return
	}
	a := k.Member(call.Action.Name)
	if a == nil {
		c.unknownMember(k, call.Action)
		return
	}
	call.Target = a
	c.callInputs(call, a, bound)
	c.callOutcome(call, a, bound)
}

// callInputs checks the inputs of a call: each names an input of the
// action, with a value of its type, and none that is required is missing.
func (c *checker) callInputs(call *spec.Call, a *spec.Action, bound map[string]bool) {
	given := map[string]bool{}
	for _, f := range call.In {
		given[f.Key.Name] = true
		param := c.inputParam(a, f.Key)
		if param == nil {
			continue
		}
		c.valueType(f.Value, a.Concept.Type(param.Type.Name), f.Key.Name)
		c.reads(f.Value, bound)
		c.sent(f.Value)
	}
	c.missingInputs(call.Span, a, given)
}

// callOutcome checks what a call expects: `out` names outputs of its
// success, `rows` is a query's list, `error` an outcome it has.
func (c *checker) callOutcome(call *spec.Call, a *spec.Action, bound map[string]bool) {
	key := a.Concept.Name.Name + "." + a.Name.Name
	switch {
	case call.Error != nil && (call.HasOut || call.Rows != nil):
		c.diags.Errorf(call.Error.Span, rules.Test.ID, "expect the error in one step, and the outputs in another",
			"a step expects an error or outputs, not both")
	case call.Rows != nil && !a.Query:
		c.diags.Errorf(call.Rows.Span, rules.Test.ID, "expect an action's outputs with `out: { … }`", "%s is an action: it returns no rows", key)
	case call.Error != nil && !hasErrorCase(a):
		c.diags.Errorf(call.Error.Span, rules.Test.ID, "", "%s has no error outcome to expect", key)
	}
	if call.Rows != nil {
		c.reads(call.Rows, bound)
	}
	if call.Error != nil {
		c.reads(call.Error, bound)
	}
	for _, f := range call.Out {
		c.outField(f, a, bound)
	}
}

// outField checks one `out` entry: an output of the call's success,
// bound by a bare name that nothing bound before, else compared.
func (c *checker) outField(f *spec.Field, a *spec.Action, bound map[string]bool) {
	var param *spec.Param
	for _, o := range a.Outs {
		if !o.IsError() {
			param = findParam(o.Params, f.Key.Name)
		}
		if param != nil {
			break
		}
	}
	if param == nil {
		c.diags.Errorf(f.Key.Span, rules.UnknownParam.ID, "", "`%s.%s` returns no output `%s`", a.Concept.Name.Name, a.Name.Name, f.Key.Name)
		return
	}
	if f.Value.Kind == spec.VarValue && !bound[f.Value.Name] {
		bound[f.Value.Name] = true
		return
	}
	c.valueType(f.Value, a.Concept.Type(param.Type.Name), f.Key.Name)
	c.reads(f.Value, bound)
}

// requestStep checks a request: its route, the variables it sends, what
// it expects and what it captures, which it then binds.
func (c *checker) requestStep(r *spec.Request, bound map[string]bool) {
	for _, v := range r.PathVars {
		c.readName(v.Name, v.Span, bound)
	}
	c.requestRoute(r)
	c.requestAuth(r)
	for _, f := range r.Fail {
		c.declaredFailure(f)
	}
	for _, v := range []*spec.Value{r.Body, r.Auth} {
		c.reads(v, bound)
		c.sent(v)
	}
	for _, f := range append(slices.Clip(r.Query), r.Headers...) {
		c.reads(f.Value, bound)
		c.sent(f.Value)
	}
	if x := r.Expect; x != nil {
		c.expectation(x, bound)
	}
	for _, cp := range r.Captures {
		c.capturePath(cp)
		bound[cp.Name.Name] = true
	}
}

// declaredFailure checks a request's `fail:` entry: an action with an
// error outcome, and the message it returns instead of running.
func (c *checker) declaredFailure(f *spec.Field) {
	concept, action, ok := strings.Cut(f.Key.Name, ".")
	if !ok {
		c.diags.Errorf(f.Key.Span, rules.Test.ID, "name the action as `Concept.action: \"the error it returns\"`",
			"`%s` is not an action", f.Key.Name)
		return
	}
	k := c.concept(spec.Ident{Name: concept, Span: f.Key.Span})
	if k == nil {
		return
	}
	a := k.Member(action)
	_, text := f.Value.Lit.(string)
	switch {
	case a == nil:
		c.diags.Errorf(f.Key.Span, rules.Test.ID, didYouMean(action, memberNames(k), ""), "concept `%s` has no action `%s`", concept, action)
	case a.Query:
		c.diags.Errorf(f.Key.Span, rules.Test.ID, "a query finds rows or none; make it find none with the data the scenario sets up",
			"%s is a query: only an action can be made to fail", f.Key.Name)
	case !hasErrorCase(a):
		c.diags.Errorf(f.Key.Span, rules.Test.ID, "", "%s has no error outcome: it cannot be made to fail", f.Key.Name)
	case f.Value.Kind != spec.LiteralValue || !text:
		c.diags.Errorf(f.Value.Span, rules.Test.ID, `write the error it returns: "no such article"`, "the failure of %s is its message, a string", f.Key.Name)
	}
}

// requestRoute resolves the route a request goes to: of the routes it
// fits, the one the server takes, which has a literal segment where the
// others have a parameter (GET /articles/feed before /articles/:slug). One
// that fits no route is an error, unless the step expects the 404 or 405
// it gets.
func (c *checker) requestRoute(r *spec.Request) {
	path := strings.SplitN(r.Path, "?", 2)[0]
	for _, rt := range c.sp.Routes {
		if rt.Passthrough == nil && (rt.Method == "" || rt.Method == r.Method) && pathFits(rt.Path, path) &&
			(r.Route == nil || moreSpecific(rt, r.Route)) {
			r.Route = rt
		}
	}
	if r.Route != nil {
		return
	}
	if x := r.Expect; x != nil && x.Status != nil && (x.Status.Lit == 404.0 || x.Status.Lit == 405.0) {
		return
	}
	var names []string
	for _, rt := range c.sp.Routes {
		if rt.Passthrough == nil {
			names = append(names, rt.String())
		}
	}
	c.diags.Errorf(r.Span, rules.Test.ID,
		didYouMean(r.Method+" "+path, names, "write the path under the base, with `{name}` for a captured value; a step that tests a 404 or 405 says so with `expect: { status: 404 }`"),
		"no route of the app fits %s %s", r.Method, path)
}

// moreSpecific reports whether the server prefers route a to route b,
// both fitting one path: at the first segment where one has a parameter
// and the other a literal, the literal; else a route of its method to
// one of any method.
func moreSpecific(a, b *spec.Route) bool {
	as, bs := strings.Split(a.Path, "/"), strings.Split(b.Path, "/")
	for i := range min(len(as), len(bs)) {
		ap, bp := strings.HasPrefix(as[i], ":"), strings.HasPrefix(bs[i], ":")
		if ap != bp {
			return bp
		}
	}
	return a.Method != "" && b.Method == ""
}

// pathFits reports whether a request path written in a test fits a route
// template: as many segments, each equal or a parameter of the template
// (`:slug`); a `{name}` segment fits a parameter only.
func pathFits(template, path string) bool {
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return false
	}
	for i, t := range ts {
		param := strings.HasPrefix(t, ":")
		if !param && (t != ps[i] || strings.Contains(ps[i], "{")) {
			return false
		}
	}
	return true
}

// requestAuth checks that the auth value goes under the name app.yaml
// gives it.
func (c *checker) requestAuth(r *spec.Request) {
	if r.Auth == nil {
		return
	}
	as := ""
	if c.sp.App != nil && c.sp.App.Auth != nil {
		as = c.sp.App.Auth.As.Name
	}
	if r.AuthKey.Name != as {
		hint := "the keys of a request are body, query, headers, fail, and the auth value under the name app.yaml's `auth: { as: … }` gives"
		if as != "" {
			hint = fmt.Sprintf("did you mean `%s`? (app.yaml's `auth: { as: %s }`); the other keys are body, query, headers and fail", as, as)
		}
		c.diags.Errorf(r.AuthKey.Span, rules.Schema.ID, hint, "unknown key `%s` in a request", r.AuthKey.Name)
	}
}

// expectation checks what a request expects.
func (c *checker) expectation(x *spec.Expect, bound map[string]bool) {
	c.valueType(x.Status, types.Type{Kind: types.Number}, "status")
	for _, v := range []*spec.Value{x.Status, x.Body, x.Outcome} {
		c.reads(v, bound)
	}
	for _, id := range append(slices.Clip(x.Fired), x.NotFired...) {
		if !c.hasSync(id.Name) {
			c.diags.Errorf(id.Span, rules.Test.ID, didYouMean(id.Name, c.syncNames(), ""), "no sync is named `%s`", id.Name)
		}
	}
	if o := x.Outcome; o != nil && o.Kind == spec.LiteralValue && !slices.Contains(outcomes, o.Lit) {
		c.diags.Errorf(o.Span, rules.Test.ID, `write "committed", "rolled back" or "read only"`, "`%v` is not an outcome of a flow", o.Lit)
	}
}

// outcomes are what can become of a flow's writes.
var outcomes = []any{"committed", "rolled back", "read only"}

// capturePath checks where a capture takes its value from.
func (c *checker) capturePath(cp *spec.Capture) {
	p := cp.Path.Name
	if p == "status" || p == "body" || strings.HasPrefix(p, "body.") || strings.HasPrefix(p, "headers.") && len(p) > len("headers.") {
		return
	}
	c.diags.Errorf(cp.Path.Span, rules.Test.ID, "capture from `status`, `body`, `body.a.b` (a list's items by index: `body.articles.0.slug`) or `headers.Name`",
		"`%s` is not a part of a reply", p)
}

// valueType reports a literal whose type differs from the declared one;
// lists and objects are checked as a whole.
func (c *checker) valueType(v *spec.Value, want types.Type, name string) {
	if v == nil {
		return
	}
	var got types.Type
	switch {
	case v.Kind == spec.ListValue:
		got = types.Type{Kind: types.List}
	case v.Kind == spec.ObjectValue:
		got = types.Type{Kind: types.Object}
	case v.Kind != spec.LiteralValue || v.Lit == nil:
		return
	default:
		got = literalType(termOf(v.Lit))
	}
	if !types.Compatible(got, want) {
		c.diags.Errorf(v.Span, rules.Type.ID, "", "`%s` is declared %s, but this is %s", name, want, got)
	}
}

// termOf is the term of a literal value, for its type.
func termOf(lit any) spec.Term {
	switch lit.(type) {
	case string:
		return spec.Term{Kind: spec.String}
	case float64:
		return spec.Term{Kind: spec.Number}
	case bool:
		return spec.Term{Kind: spec.Bool}
	}
	return spec.Term{Kind: spec.Null}
}

// reads reports each variable of a value that no earlier step binds.
func (c *checker) reads(v *spec.Value, bound map[string]bool) {
	if v == nil {
		return
	}
	switch v.Kind {
	case spec.VarValue:
		c.readName(v.Name, v.Span, bound)
	case spec.ListValue:
		for _, item := range v.Items {
			c.reads(item, bound)
		}
	case spec.ObjectValue:
		for _, f := range v.Fields {
			c.reads(f.Value, bound)
		}
	case spec.MatcherValue:
		if v.Name == "expr" {
			c.exprMatcher(v, bound)
		}
	}
}

// exprMatcher checks an `!expr "…"` matcher: it parses, and each name it
// reads but `it` (the actual value) is a variable an earlier step binds.
func (c *checker) exprMatcher(v *spec.Value, bound map[string]bool) {
	tree, err := parser.Parse(v.Arg)
	if err != nil {
		c.diags.Errorf(v.Span, rules.Expr.ID, "write an expression over `it`, the value that came back, and the scenario's variables: `!expr \"it > 0\"`",
			"`!expr %q` does not parse: %s", v.Arg, strings.SplitN(err.Error(), "\n", 2)[0])
		return
	}
	names, _ := freeNames(tree.Node)
	seen := map[string]bool{"it": true}
	for _, n := range names {
		if !seen[n.Name] {
			seen[n.Name] = true
			c.readName(n.Name, v.Span, bound)
		}
	}
}

// readName reports a name read before any step binds it.
func (c *checker) readName(name string, sp diag.Span, bound map[string]bool) {
	if !bound[name] {
		c.diags.Errorf(sp, rules.UnboundVariable.ID,
			"capture it in an earlier step (`capture: { "+name+": body.… }`, or a call's `out: { … }`); to send the text, quote it",
			"`%s` is read here, but no earlier step captures it", name)
	}
}

// sent reports the matchers in a value a step sends: they match what
// comes back, and have no value to send.
func (c *checker) sent(v *spec.Value) {
	switch {
	case v == nil:
	case v.Kind == spec.MatcherValue:
		c.diags.Errorf(v.Span, rules.Test.ID, "send a literal, or a variable an earlier step captured",
			"`!%s` matches what comes back; a step cannot send it", v.Name)
	case v.Kind == spec.ListValue:
		for _, item := range v.Items {
			c.sent(item)
		}
	case v.Kind == spec.ObjectValue:
		for _, f := range v.Fields {
			c.sent(f.Value)
		}
	}
}

// hasSync reports whether the app has a sync of the name.
func (c *checker) hasSync(name string) bool {
	return slices.ContainsFunc(c.sp.Syncs, func(s *spec.Sync) bool { return s.Name.Name == name })
}

// syncNames lists the app's syncs, for did-you-mean.
func (c *checker) syncNames() []string {
	out := make([]string, len(c.sp.Syncs))
	for i, s := range c.sp.Syncs {
		out[i] = s.Name.Name
	}
	return out
}

// hasErrorCase reports whether an action has an error outcome.
func hasErrorCase(a *spec.Action) bool {
	return slices.ContainsFunc(a.Outs, (*spec.Outcome).IsError)
}
