package conform

import (
	"fmt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/goname"
)

// outputs compares the spec's outputs of a with the Go output struct: for
// an action, the union of its success outcomes; for a query, its row.
func (k *conformer) outputs(a *spec.Action, sig concepts.Signature) {
	out := goname.Struct(sig.Out)
	want := specOutputs(a)
	var unmatched []string
	for _, p := range want {
		f, ok := named(sig.Outputs, p.Name.Name)
		if !ok {
			unmatched = append(unmatched, p.Name.Name)
			k.errorf(p.Name.Span, "add "+fieldFor(p)+" to "+out,
				"output `%s` of `%s` has no field in %s", p.Name.Name, a.Name.Name, out)
			continue
		}
		k.fieldType("output `"+p.Name.Name+"`", p, f, out)
	}
	for _, f := range sig.Outputs {
		if !declares(want, f.Name) {
			k.extraOutput(a, f, out, unmatched)
		}
	}
}

// extraOutput reports a Go output field that the spec does not name.
func (k *conformer) extraOutput(a *spec.Action, f concepts.Field, out string, unmatched []string) {
	where := "no success outcome of `" + a.Name.Name + "` declares"
	if a.Query {
		where = "the `out` of `" + a.Name.Name + "` does not declare"
	}
	hint := fmt.Sprintf("remove the field, or declare `%s` in the spec's `out:`", f.Name)
	switch dym := diag.DidYouMean(f.Name, unmatched); {
	case f.Name == "error" && !a.Query:
		hint = "remove the field: return concepts.Errorf(…) for the error outcome"
	case dym != "":
		hint = dym + " rename the field or its json tag to the spec's name"
	}
	k.errorf(a.Name.Span, hint, "%s.%s is output `%s`, which %s", out, f.GoName, f.Name, where)
}

// specOutputs returns the output parameters a Go output struct must have,
// each name once, in the order the spec first writes them.
func specOutputs(a *spec.Action) []*spec.Param {
	var out []*spec.Param
	for _, o := range a.Outs {
		if o.IsError() && !a.Query {
			continue
		}
		for _, p := range o.Params {
			if !declares(out, p.Name.Name) {
				out = append(out, p)
			}
		}
	}
	return out
}
