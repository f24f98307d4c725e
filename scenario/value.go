package scenario

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"

	"github.com/expr-lang/expr"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/value"
)

// vars are the variables of a running scenario: what its steps captured
// and bound, as flow values.
type vars map[string]any

// build turns a value written in a scenario into the value a step sends:
// variables replaced by what they hold. A matcher cannot be sent.
func (vs vars) build(v *spec.Value) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch v.Kind {
	case spec.VarValue:
		x, ok := vs[v.Name]
		if !ok {
			return nil, fmt.Errorf("`%s` holds nothing yet", v.Name)
		}
		return x, nil
	case spec.MatcherValue:
		return nil, fmt.Errorf("`!%s` matches what comes back; a step cannot send it", v.Name)
	case spec.ListValue:
		out := make([]any, len(v.Items))
		for i, item := range v.Items {
			x, err := vs.build(item)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	case spec.ObjectValue:
		out := make(map[string]any, len(v.Fields))
		for _, f := range v.Fields {
			x, err := vs.build(f.Value)
			if err != nil {
				return nil, err
			}
			out[f.Key.Name] = x
		}
		return out, nil
	}
	return value.Of(v.Lit), nil
}

// mismatch is one place where what came back differs from what a step
// expects.
type mismatch struct {
	v    *spec.Value // the expectation, for its position
	path string      // where in what came back: "body.article.slug"
	want string
	got  any
}

// match compares what came back with an expectation: literals and
// variables are equal, matchers hold, lists are as long and match item
// by item, objects have at least the fields expected (a subset). It
// returns every mismatch, at its path.
func (vs vars) match(want *spec.Value, got any, path string) []mismatch {
	switch want.Kind {
	case spec.LiteralValue:
		if !value.Equal(value.Of(want.Lit), got) {
			return []mismatch{{want, path, show(want.Lit), got}}
		}
	case spec.VarValue:
		if x := vs[want.Name]; !value.Equal(x, got) {
			return []mismatch{{want, path, fmt.Sprintf("%s (`%s`)", show(x), want.Name), got}}
		}
	case spec.MatcherValue:
		if why := vs.matches(want, got); why != "" {
			return []mismatch{{want, path, why, got}}
		}
	case spec.ListValue:
		return vs.matchList(want, got, path)
	case spec.ObjectValue:
		return vs.matchObject(want, got, path)
	}
	return nil
}

// matchList compares a list item by item.
func (vs vars) matchList(want *spec.Value, got any, path string) []mismatch {
	list, ok := got.([]any)
	if !ok || len(list) != len(want.Items) {
		return []mismatch{{want, path, fmt.Sprintf("a list of %d", len(want.Items)), got}}
	}
	var out []mismatch
	for i, item := range want.Items {
		out = append(out, vs.match(item, list[i], path+"."+strconv.Itoa(i))...)
	}
	return out
}

// matchObject compares the fields an object is expected to have.
func (vs vars) matchObject(want *spec.Value, got any, path string) []mismatch {
	obj, ok := got.(map[string]any)
	if !ok {
		return []mismatch{{want, path, "an object", got}}
	}
	var out []mismatch
	for _, f := range want.Fields {
		x, has := obj[f.Key.Name]
		if !has {
			out = append(out, mismatch{f.Value, path + "." + f.Key.Name, "a field " + f.Key.Name, "nothing"})
			continue
		}
		out = append(out, vs.match(f.Value, x, path+"."+f.Key.Name)...)
	}
	return out
}

// matches says why a value fails a matcher, or "" when it holds.
func (vs vars) matches(m *spec.Value, got any) string {
	ok := false
	switch m.Name {
	case "any":
		ok = got != nil
	case "string", "number", "boolean", "list", "object":
		ok = typeName(got) == m.Name
	case "match":
		s, isString := got.(string)
		re, err := regexp.Compile(m.Arg)
		if err != nil {
			return fmt.Sprintf("a match of %q, which is no regular expression: %v", m.Arg, err)
		}
		ok = isString && re.MatchString(s)
		return unless(ok, fmt.Sprintf("a string matching %q", m.Arg))
	case "expr":
		return vs.exprHolds(m.Arg, got)
	}
	return unless(ok, describeMatcher(m))
}

// exprHolds says why an expression over `it`, the actual value, and the
// scenario's variables is not true of got, or "" when it is.
func (vs vars) exprHolds(src string, got any) string {
	env := make(map[string]any, len(vs)+1)
	for name, v := range vs {
		env[name] = v
	}
	env["it"] = got
	out, err := expr.Eval(src, env)
	switch {
	case err != nil:
		return fmt.Sprintf("%s to hold, but it failed: %v", src, err)
	case out != true:
		return fmt.Sprintf("%s to hold", src)
	}
	return ""
}

// unless returns why when ok is false.
func unless(ok bool, why string) string {
	if ok {
		return ""
	}
	return why
}

// describeMatcher says what a matcher wants.
func describeMatcher(m *spec.Value) string {
	if m.Name == "any" {
		return "any value but null"
	}
	return "any " + m.Name
}

// typeName names the type of a flow value as matchers do.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "object"
	}
	return "null"
}

// show writes a value as JSON, for messages.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
