package scenario

import (
	"context"
	"fmt"
	"strings"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/value"
)

// call calls a concept's action or query directly and checks its
// outcome: `error` the error, `rows` a query's whole answer, `out` an
// action's outputs or a query's one row, binding its bare names that
// nothing bound before.
func (r *runner) call(ctx context.Context, c *spec.Call) *Failure {
	h, ok := r.prog.Engine().Program().Handler(c.Concept.Name, c.Action.Name)
	if !ok {
		return stepFailure(c.Span, fmt.Sprintf("the app serves no %s.%s", c.Concept.Name, c.Action.Name))
	}
	in := make(map[string]any, len(c.In))
	for _, f := range c.In {
		v, err := r.vars.build(f.Value)
		if err != nil {
			return stepFailure(f.Value.Span, err.Error())
		}
		in[f.Key.Name] = v
	}
	res, err := h.Call(ctx, in)
	if err != nil {
		return stepFailure(c.Span, fmt.Sprintf("%s.%s failed: %v", c.Concept.Name, c.Action.Name, err))
	}
	return r.outcome(c, res)
}

// outcome checks what a call returned against what its step expects.
func (r *runner) outcome(c *spec.Call, res concepts.Result) *Failure {
	key := c.Concept.Name + "." + c.Action.Name
	switch {
	case c.Error != nil && !res.IsError():
		return stepFailure(c.Error.Span, fmt.Sprintf("%s succeeded, and the step expects an error: %s", key, show(value.Of(outputOf(res)))))
	case c.Error != nil:
		return r.errorMatches(c.Error, res.Err)
	case res.IsError():
		return stepFailure(c.Span, fmt.Sprintf("%s returned the error %q", key, res.Err))
	case c.Rows != nil:
		if ms := r.vars.match(c.Rows, value.Of(rowsOf(res)), "rows"); len(ms) > 0 {
			return callMismatch(ms, value.Of(rowsOf(res)))
		}
	}
	if !c.HasOut {
		return nil
	}
	out, f := oneOutput(c, res)
	if f != nil {
		return f
	}
	return r.bindOut(c, out)
}

// errorMatches checks an error's message: a string is text it contains,
// a matcher must hold.
func (r *runner) errorMatches(want *spec.Value, msg string) *Failure {
	if s, ok := want.Lit.(string); ok && want.Kind == spec.LiteralValue {
		if !strings.Contains(msg, s) {
			return stepFailure(want.Span, fmt.Sprintf("the error %q does not contain %q", msg, s))
		}
		return nil
	}
	if ms := r.vars.match(want, msg, "error"); len(ms) > 0 {
		return callMismatch(ms, msg)
	}
	return nil
}

// oneOutput is an action's output, or a query's one row.
func oneOutput(c *spec.Call, res concepts.Result) (map[string]any, *Failure) {
	if c.Target == nil || !c.Target.Query {
		return outputOf(res), nil
	}
	rows := rowsOf(res)
	if len(rows) != 1 {
		return nil, stepFailure(c.Span, fmt.Sprintf("`out` binds from one row, and %s.%s returned %d: %s; compare them all with `rows: [ … ]`",
			c.Concept.Name, c.Action.Name, len(rows), show(value.Of(rows))))
	}
	row, _ := rows[0].(map[string]any)
	return row, nil
}

// bindOut binds the bare names of `out` that nothing bound before, and
// compares the rest.
func (r *runner) bindOut(c *spec.Call, out map[string]any) *Failure {
	var ms []mismatch
	for _, f := range c.Out {
		got := value.Of(out[f.Key.Name])
		if _, bound := r.vars[f.Value.Name]; f.Value.Kind == spec.VarValue && !bound {
			r.vars[f.Value.Name] = got
			continue
		}
		ms = append(ms, r.vars.match(f.Value, got, "out."+f.Key.Name)...)
	}
	if len(ms) > 0 {
		return callMismatch(ms, value.Of(out))
	}
	return nil
}

// callMismatch is the failure of a call whose outcome differs.
func callMismatch(ms []mismatch, got any) *Failure {
	details := make([]string, len(ms))
	for i, m := range ms {
		details[i] = fmt.Sprintf("%s: want %s, got %s", m.path, m.want, show(m.got))
	}
	return &Failure{At: ms[0].v.Span, Message: "the outcome is not what the step expects", Details: details, Body: indentValue(got)}
}

// outputOf is an action's output.
func outputOf(res concepts.Result) map[string]any {
	if res.Out == nil {
		return map[string]any{}
	}
	return res.Out
}

// rowsOf is a query's rows, as a list of objects.
func rowsOf(res concepts.Result) []any {
	out := make([]any, len(res.Rows))
	for i, row := range res.Rows {
		out[i] = row
	}
	return out
}
