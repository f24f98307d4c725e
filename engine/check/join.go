package check

import (
	"fmt"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// accidentalJoins warns about a name that a sync's `when` binds both to
// an input of the request and to an output of an action: one name joins
// them, so the sync fires only when the client sent what the action
// returns (a body field `event` beside Eventing.create's new `event`), and
// every create goes unanswered. Types that cannot be equal are a type
// error already (bindArg), so they are not reported again.
func (sc *syncCheck) accidentalJoins() {
	inputs := map[string]*spec.Arg{}
	var request *spec.Pattern
	for _, p := range sc.s.When {
		if !p.IsRequest() {
			continue
		}
		request = p
		for _, a := range p.In {
			if a.Term.Kind == spec.Var && inputs[a.Term.Name] == nil {
				inputs[a.Term.Name] = a
			}
		}
	}
	for _, p := range sc.s.When {
		if p.IsRequest() {
			continue
		}
		for _, a := range p.Out {
			in := inputs[a.Term.Name]
			if a.Term.Kind != spec.Var || in == nil ||
				!types.Compatible(requestType(request, in.Param.Name), outputType(p, a.Param.Name)) {
				continue
			}
			delete(inputs, a.Term.Name) // once per name
			sc.diags.Warnf(a.Term.Span, rules.AccidentalJoin.ID,
				fmt.Sprintf("if they are different things, name the output apart (`out: { %s: new%s }`) and use that name; "+
					"if the join is meant, say why: `# legible:ignore accidental-join -- …`", a.Param.Name, upperFirst(a.Term.Name)),
				"`%s` is both the request's input `%s` (line %d) and %s's output `%s`: one name joins them, so this sync fires only when the client sent what %s returns",
				a.Term.Name, in.Param.Name, in.Term.Span.Line, p.Key(), a.Param.Name, p.Key())
		}
	}
}
