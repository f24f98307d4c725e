package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// clause says which part of a sync a pattern stands in.
type clause int

const (
	inWhen clause = iota
	inWhere
	inThen
)

// concept resolves a concept name, reporting names that resolve to nothing
// and concepts that app.yaml does not list.
func (c *checker) concept(id spec.Ident) *spec.Concept {
	k, ok := c.concepts[id.Name]
	if !ok && c.unread[id.Name] {
		return nil // its file has a YAML error, reported already
	}
	if !ok {
		c.diags.Errorf(id.Span, rules.UnknownConcept.ID, c.unknownConceptHint(id.Name), "unknown concept `%s`", id.Name)
		return nil
	}
	if c.listed != nil && !k.Builtin && !c.listed[id.Name] {
		c.diags.Errorf(id.Span, rules.UnknownConcept.ID, fmt.Sprintf("add %s to `concepts:` in %s", id.Name, c.sp.App.File),
			"concept `%s` is not part of the app", id.Name)
	}
	return k
}

// unknownConceptHint says how to declare a concept a sync names: list it,
// when the binary's library has it, else write its spec.
func (c *checker) unknownConceptHint(name string) string {
	if slices.Contains(c.sp.Library, name) {
		where := "app.yaml"
		if c.sp.App != nil {
			where = c.sp.App.File
		}
		return fmt.Sprintf("add %s to `concepts:` in %s: it is a built-in concept (`legible concepts %s` shows it)", name, where, name)
	}
	return didYouMean(name, append(c.conceptNames(), c.sp.Library...),
		"concepts are declared by NAME.concept.yaml files and listed in app.yaml")
}

// resolve looks up the action a pattern names, which it keeps as the
// pattern's Target (and the outcome its `out:` matches, as its Outcome),
// and checks the pattern against its signature: kind, parameters,
// literals and outputs.
func (c *checker) resolve(p *spec.Pattern, cl clause) {
	k := c.concept(p.Concept)
	if k == nil {
		return
	}
	a := k.Member(p.Action.Name)
	if a == nil && k.Damaged {
		return // lost with the part of the spec the loader reported
	}
	if a == nil {
		c.unknownMember(k, p.Action)
		return
	}
	p.Target = a
	c.checkKind(p, a, cl)
	c.checkInputs(p, a, cl)
	if cl != inThen {
		p.Outcome = c.checkOutputs(p, a)
	}
}

// checkKind reports a query where an action belongs, and the reverse.
func (c *checker) checkKind(p *spec.Pattern, a *spec.Action, cl clause) {
	switch {
	case a.Query && cl == inWhen:
		c.diags.Errorf(p.Action.Span, rules.Kind.ID, "queries are not recorded as actions, so `when` never sees them: call it as a `where` step",
			"`%s` is a query, and `when` waits for actions", a.Name.Name)
	case a.Query && cl == inThen:
		c.diags.Errorf(p.Action.Span, rules.Kind.ID, "move it to `where`, with `out: {…}` binding what it returns",
			"`%s` is a query, and `then` invokes actions", a.Name.Name)
	case !a.Query && cl == inWhere:
		c.diags.Errorf(p.Action.Span, rules.Kind.ID, "invoke actions in `then`; to wait for one, put it in `when`",
			"`%s` is an action, and `where` calls queries", a.Name.Name)
	}
}

// checkInputs checks a pattern's input keys and literals against the
// action's inputs, and that then and where patterns give every required one.
func (c *checker) checkInputs(p *spec.Pattern, a *spec.Action, cl clause) {
	given := map[string]bool{}
	for _, arg := range p.In {
		given[arg.Param.Name] = true
		param := c.inputParam(a, arg.Param)
		if param == nil {
			continue
		}
		c.checkLiteral(arg, a.Concept.Type(param.Type.Name))
		c.checkBasePath(p, arg)
		c.checkMethod(p, arg)
	}
	if cl != inWhen {
		c.missingInputs(p.Span, a, given)
	}
}

// unknownMember reports that concept k has no action or query of the
// name, with the names it has.
func (c *checker) unknownMember(k *spec.Concept, name spec.Ident) {
	c.diags.Errorf(name.Span, rules.UnknownAction.ID,
		didYouMean(name.Name, memberNames(k), "its actions and queries are "+strings.Join(quoted(memberNames(k)), ", ")),
		"concept `%s` has no action or query `%s`", k.Name.Name, name.Name)
}

// inputParam returns the input of a that a pattern or call names, or
// reports that it has none and returns nil.
func (c *checker) inputParam(a *spec.Action, name spec.Ident) *spec.Param {
	param := findParam(a.In, name.Name)
	if param == nil && a.Open != nil {
		param = a.Open
	}
	if param == nil {
		c.diags.Errorf(name.Span, rules.UnknownParam.ID, paramHint(name.Name, a.In),
			"`%s.%s` has no input `%s`", a.Concept.Name.Name, a.Name.Name, name.Name)
	}
	return param
}

// missingInputs reports, at span, the required inputs of a that given
// leaves out.
func (c *checker) missingInputs(span diag.Span, a *spec.Action, given map[string]bool) {
	var missing []string
	for _, param := range a.In {
		if !param.Optional && !given[param.Name.Name] {
			missing = append(missing, param.Name.Name)
		}
	}
	if len(missing) > 0 {
		c.diags.Errorf(span, rules.MissingInput.ID, fmt.Sprintf("add %s to the inputs", strings.Join(quoted(missing), ", ")),
			"`%s.%s` needs the input%s %s", a.Concept.Name.Name, a.Name.Name, plural(missing), strings.Join(quoted(missing), ", "))
	}
}

// checkLiteral reports a literal whose type differs from the declared one.
func (c *checker) checkLiteral(arg *spec.Arg, want types.Type) {
	if arg.Term.Kind == spec.Var || arg.Term.Kind == spec.Null || arg.Term.Kind == spec.Invalid {
		return
	}
	if got := literalType(arg.Term); !types.Compatible(got, want) {
		hint := ""
		if want.Kind == types.Number && arg.Term.Kind == spec.String {
			hint = "write the number without quotes"
		} else if want.Kind == types.String || want.Kind == types.ID {
			hint = "quote it to make it a string"
		}
		c.diags.Errorf(arg.Term.Span, rules.Type.ID, hint, "`%s` is declared %s, but this literal is a %s", arg.Param.Name, want, got)
	}
}

// httpMethods are the request methods a request pattern may name.
var httpMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// unquotedMethod reports whether arg is `method: GET` in a request
// pattern.
func unquotedMethod(p *spec.Pattern, arg *spec.Arg) bool {
	return p.IsRequest() && arg.Param.Name == "method" && arg.Term.Kind == spec.Var && slices.Contains(httpMethods, arg.Term.Name)
}

// checkMethod reports `method: GET` in a request pattern: a plain GET is
// a variable named GET, which binds any method.
func (c *checker) checkMethod(p *spec.Pattern, arg *spec.Arg) {
	if !unquotedMethod(p, arg) {
		return
	}
	c.diags.Errorf(arg.Term.Span, rules.Schema.ID, fmt.Sprintf("write %q: quoted, it is the method; plain, it is a variable", arg.Term.Name),
		"`method: %s` binds a variable named %s, so this sync matches every method", arg.Term.Name, arg.Term.Name)
}

// checkBasePath reports a request path that repeats the app's base path.
func (c *checker) checkBasePath(p *spec.Pattern, arg *spec.Arg) {
	path := p.RequestPath()
	if c.base == "" || c.base == "/" || arg.Param.Name != "path" || path == "" {
		return
	}
	if path == c.base || strings.HasPrefix(path, c.base+"/") {
		c.diags.Errorf(arg.Term.Span, rules.BasePath.ID,
			fmt.Sprintf("write %q: request paths omit the base path %q from app.yaml", strings.TrimPrefix(path, c.base), c.base),
			"path %q repeats the base path, so it never matches", path)
	}
}

// checkOutputs finds the outcome an `out:` pattern matches and checks its
// keys and literals.
func (c *checker) checkOutputs(p *spec.Pattern, a *spec.Action) *spec.Outcome {
	wantsError := false
	for _, arg := range p.Out {
		wantsError = wantsError || arg.Param.Name == "error"
	}
	if wantsError && len(p.Out) > 1 {
		c.diags.Errorf(p.OutSpan, rules.MixedOutcomes.ID, "match the error case with `out: { error }` alone, in a sync of its own",
			"`out:` mixes success outputs with `error`, so it can never match")
		return nil
	}
	var candidates []*spec.Outcome
	for _, o := range a.Outs {
		if o.IsError() == wantsError && fits(o, p.Out) {
			candidates = append(candidates, o)
		}
	}
	if len(candidates) > 0 {
		for _, arg := range p.Out {
			c.checkLiteral(arg, a.Concept.Type(findParam(candidates[0].Params, arg.Param.Name).Type.Name))
		}
		return candidates[0]
	}
	if wantsError {
		c.diags.Errorf(p.OutSpan, rules.UnknownParam.ID, "match its success outputs instead; it never fails",
			"`%s.%s` has no error case", a.Concept.Name.Name, a.Name.Name)
		return nil
	}
	c.reportOutputs(p, a)
	return nil
}

// reportOutputs reports the `out:` keys that no success outcome has.
func (c *checker) reportOutputs(p *spec.Pattern, a *spec.Action) {
	var all []*spec.Param
	for _, o := range a.Outs {
		if !o.IsError() {
			all = append(all, o.Params...)
		}
	}
	for _, arg := range p.Out {
		if findParam(all, arg.Param.Name) == nil {
			c.diags.Errorf(arg.Param.Span, rules.UnknownParam.ID, paramHint(arg.Param.Name, all),
				"`%s.%s` has no output `%s`", a.Concept.Name.Name, a.Name.Name, arg.Param.Name)
		}
	}
}

// fits reports whether every key of out is a parameter of outcome o.
func fits(o *spec.Outcome, out []*spec.Arg) bool {
	for _, arg := range out {
		if findParam(o.Params, arg.Param.Name) == nil {
			return false
		}
	}
	return true
}

func findParam(ps []*spec.Param, name string) *spec.Param {
	for _, p := range ps {
		if p.Name.Name == name {
			return p
		}
	}
	return nil
}

// paramHint suggests the closest parameter, or lists them all.
func paramHint(name string, ps []*spec.Param) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name.Name
	}
	if len(names) == 0 {
		return "it takes no parameters here"
	}
	return didYouMean(name, names, "the parameters are "+strings.Join(quoted(names), ", "))
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return out
}

func plural(list []string) string {
	if len(list) > 1 {
		return "s"
	}
	return ""
}
