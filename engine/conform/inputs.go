package conform

import (
	"fmt"
	"reflect"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/goname"
)

// inputs compares the spec's inputs of a with the Go input struct.
func (k *conformer) inputs(a *spec.Action, sig concepts.Signature) {
	in := goname.Struct(sig.In)
	var unmatched []string
	for _, p := range a.In {
		f, ok := named(sig.Inputs, p.Name.Name)
		if !ok {
			unmatched = append(unmatched, p.Name.Name)
			k.errorf(p.Name.Span, "add "+fieldFor(p)+" to "+in,
				"input `%s` of `%s` has no field in %s", p.Name.Name, a.Name.Name, in)
			continue
		}
		k.optional(p, f, in)
		k.fieldType("input `"+p.Name.Name+"`", p, f, in)
	}
	for _, f := range sig.Inputs {
		if !f.Rest && !declares(a.In, f.Name) {
			k.extraInput(a, f, in, unmatched)
		}
	}
	k.rest(a, sig.Inputs, in)
}

// optional compares whether an input is optional in the spec and in Go.
func (k *conformer) optional(p *spec.Param, f concepts.Field, in string) {
	switch {
	case p.Optional && !f.Optional:
		k.errorf(p.Name.Span, fmt.Sprintf("make %s.%s a pointer (*%s) or tag it `json:\"%s,omitempty\"`",
			in, f.GoName, goname.Type(f.Type), f.Name),
			"input `%s` is optional in the spec, but %s.%s is required", p.Name.Name, in, f.GoName)
	case !p.Optional && f.Optional:
		k.errorf(p.Name.Span, fmt.Sprintf("make %s.%s a non-pointer field without omitempty, or the input optional in the spec: `%s?`",
			in, f.GoName, p.Name.Name),
			"input `%s` is required in the spec, but %s.%s is optional (%s)", p.Name.Name, in, f.GoName, whyOptional(f))
	}
}

// whyOptional says what makes a Go field optional.
func whyOptional(f concepts.Field) string {
	if f.Type.Kind() == reflect.Pointer {
		return "a pointer"
	}
	return "tagged omitempty"
}

// extraInput reports a Go input field that the spec does not name. When
// the spec accepts any further input ("*"), the field is fine if it is
// optional and can hold the "*" type.
func (k *conformer) extraInput(a *spec.Action, f concepts.Field, in string, unmatched []string) {
	if a.Open != nil {
		if !f.Optional {
			k.errorf(a.Open.Name.Span, fmt.Sprintf("make %s.%s a pointer or tag it omitempty, or declare `%s` in the spec's `in:`",
				in, f.GoName, f.Name),
				"%s.%s requires input `%s`, which `%s` takes only as an optional `\"*\"` input", in, f.GoName, f.Name, a.Name.Name)
		}
		k.fieldType("input `"+f.Name+"`, taken through `\"*\"`,", a.Open, f, in)
		return
	}
	hint := fmt.Sprintf("remove the field, or declare `%s` in the spec's `in:`", f.Name)
	if dym := diag.DidYouMean(f.Name, unmatched); dym != "" {
		hint = dym + " rename the field or its json tag to the spec's name"
	}
	k.errorf(a.Name.Span, hint, "%s.%s is input `%s`, which `%s` does not declare", in, f.GoName, f.Name, a.Name.Name)
}

// rest compares the spec's "*" input with the Go rest field.
func (k *conformer) rest(a *spec.Action, fields []concepts.Field, in string) {
	var rest *concepts.Field
	for i := range fields {
		if fields[i].Rest {
			rest = &fields[i]
		}
	}
	switch {
	case a.Open != nil && rest == nil:
		k.errorf(a.Open.Name.Span, "add a field `Rest map[string]any` tagged `legible:\"rest\"` to "+in,
			"`%s` accepts any further input (`\"*\"`), but %s has no rest field", a.Name.Name, in)
	case a.Open == nil && rest != nil:
		k.errorf(a.Name.Span, "remove the field, or add `\"*\": Any` to the spec's `in:`",
			"%s.%s is a rest field, but `%s` declares no `\"*\"` input", in, rest.GoName, a.Name.Name)
	}
}

// fieldType reports a Go field whose type cannot hold the spec type of p;
// what names the parameter in the message.
func (k *conformer) fieldType(what string, p *spec.Param, f concepts.Field, st string) {
	if holds(f.Type, p.Type.Name) {
		return
	}
	k.errorf(p.Name.Span, fmt.Sprintf("make %s.%s %s, or change the spec's type", st, f.GoName, goTypesFor(p.Type.Name)),
		"%s is %s in the spec, but %s.%s is %s", what, describe(p.Type.Name), st, f.GoName, goname.Type(f.Type))
}

// named finds the field, other than the rest field, with parameter name.
func named(fields []concepts.Field, name string) (concepts.Field, bool) {
	for _, f := range fields {
		if f.Name == name && !f.Rest {
			return f, true
		}
	}
	return concepts.Field{}, false
}

// declares reports whether params has one named name.
func declares(params []*spec.Param, name string) bool {
	for _, p := range params {
		if p.Name.Name == name {
			return true
		}
	}
	return false
}
