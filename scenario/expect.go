package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/explain"
	"github.com/legible/legible/engine/spec"
)

// expect checks a reply against what its step expects: the status, the
// body, the syncs that fired and did not, and what became of the writes.
func (r *runner) expect(q *spec.Request, rp reply) *Failure {
	x := q.Expect
	if x == nil {
		return nil
	}
	if x.Status != nil {
		if ms := r.vars.match(x.Status, float64(rp.status), "status"); len(ms) > 0 {
			return r.mismatchFailure(ms, rp)
		}
	}
	if x.Body != nil {
		if ms := r.vars.match(x.Body, rp.body, "body"); len(ms) > 0 {
			return r.mismatchFailure(ms, rp)
		}
	}
	if f := r.fired(x, rp); f != nil {
		return f
	}
	if x.Outcome != nil {
		if ms := r.vars.match(x.Outcome, outcomeOf(rp), "outcome"); len(ms) > 0 {
			return r.mismatchFailure(ms, rp)
		}
	}
	return nil
}

// fired checks which syncs fired in the request's flow.
func (r *runner) fired(x *spec.Expect, rp reply) *Failure {
	fired := explain.Fired(rp.flow)
	for _, id := range x.Fired {
		if !slices.Contains(fired, id.Name) {
			return r.replyFailure(id.Span, fmt.Sprintf("%s did not fire; what fired: %s", id.Name, listOr(fired, "no sync")), nil, rp)
		}
	}
	for _, id := range x.NotFired {
		if slices.Contains(fired, id.Name) {
			return r.replyFailure(id.Span, id.Name+" fired, and must not", nil, rp)
		}
	}
	return nil
}

// outcomeOf says what became of the flow's writes: "committed", "rolled
// back" or "read only".
func outcomeOf(rp reply) any {
	if rp.flow == nil {
		return nil
	}
	o := rp.flow.Outcome
	if i := strings.Index(o, ":"); i >= 0 {
		o = o[:i]
	}
	return o
}

// mismatchFailure is the failure of an expectation that did not hold.
func (r *runner) mismatchFailure(ms []mismatch, rp reply) *Failure {
	details := make([]string, len(ms))
	for i, m := range ms {
		details[i] = fmt.Sprintf("%s: want %s, got %s", m.path, m.want, show(m.got))
	}
	return r.replyFailure(ms[0].v.Span, "the reply is not what the step expects", details, rp)
}

// replyFailure is a failure at a request step, with what came back.
func (r *runner) replyFailure(at diag.Span, msg string, details []string, rp reply) *Failure {
	f := &Failure{At: at, Message: msg, Details: details, Status: rp.status, Body: indent(rp.raw), Flow: rp.flow}
	if rp.flow != nil && !explain.Answered(rp.flow) {
		f.Why = explain.Closest(r.app, rp.route, rp.flow, r.watch.of(rp.flow.ID))
	}
	return f
}

// listOr joins names, or says none.
func listOr(names []string, none string) string {
	if len(names) == 0 {
		return none
	}
	return strings.Join(names, ", ")
}
