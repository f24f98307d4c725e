package assistant

import (
	"os"
	"strings"

	"github.com/legible/legible/engine/spec"
)

// describe reads a concept's spec for show_concept.
func (t *tools) describe(k *spec.Concept) conceptOut {
	out := conceptOut{Name: k.Name.Name, Source: source(k), File: k.File, Purpose: k.Purpose, Principle: k.Principle,
		State: k.State, TypeParams: idents(k.Params), Secrets: idents(k.Secrets), Actions: []actionDoc{}, Queries: []actionDoc{}, Scenarios: []named{}}
	for _, a := range k.Actions {
		out.Actions = append(out.Actions, signature(a))
	}
	for _, a := range k.Queries {
		out.Queries = append(out.Queries, signature(a))
	}
	for _, sc := range k.Scenarios {
		out.Scenarios = append(out.Scenarios, named{Name: sc.Name.Name, File: sc.Name.Span.File, Line: sc.Name.Span.Line})
	}
	if k.Builtin || k.Library {
		out.Spec = string(t.env.SpecText(k.Name.Name))
	} else if data, err := os.ReadFile(k.File); err == nil {
		out.Spec = string(data)
	}
	return out
}

// signature describes an action or a query.
func signature(a *spec.Action) actionDoc {
	d := actionDoc{Name: a.Name.Name, Inputs: params(a.In), Outcomes: []outcomeDoc{}, Requires: a.Requires, Effects: a.Effects}
	var in, outs []string
	for _, p := range d.Inputs {
		in = append(in, p.String())
	}
	if a.Open != nil {
		d.AnyInput = a.Open.Type.Name
		in = append(in, `"*": `+d.AnyInput)
	}
	for _, o := range a.Outs {
		od := outcomeDoc{Error: o.IsError(), Outputs: params(o.Params)}
		d.Outcomes = append(d.Outcomes, od)
		var fields []string
		for _, p := range od.Outputs {
			fields = append(fields, p.String())
		}
		outs = append(outs, "{"+strings.Join(fields, ", ")+"}")
	}
	d.Signature = a.Name.Name + "(" + strings.Join(in, ", ") + ")"
	if len(outs) > 0 {
		d.Signature += " -> " + strings.Join(outs, " | ")
	}
	return d
}

// params describes inputs or outputs.
func params(ps []*spec.Param) []paramDoc {
	out := []paramDoc{}
	for _, p := range ps {
		out = append(out, paramDoc{Name: p.Name.Name, Type: p.Type.Name, Optional: p.Optional})
	}
	return out
}

// String writes a parameter as a signature does: "bio?: String".
func (p paramDoc) String() string {
	if p.Optional {
		return p.Name + "?: " + p.Type
	}
	return p.Name + ": " + p.Type
}

// idents returns the names.
func idents(ids []spec.Ident) []string {
	out := []string{}
	for _, id := range ids {
		out = append(out, id.Name)
	}
	return out
}
