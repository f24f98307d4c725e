// Package conform checks a concept's Go implementation against its spec:
// the actions and queries each has, their inputs and outputs, which
// inputs are optional, and whether each Go field can hold its spec type.
package conform

import (
	"fmt"
	"slices"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// Check compares the implementation impl with its spec sp: the
// actions and queries each has, the input and output names of each, which
// inputs are optional, and whether each Go field type can hold its spec
// type. Each mismatch is an error at the spec's action or parameter name,
// or at the concept name for a member the spec lacks, with a hint saying
// what to change.
func Check(impl *concepts.Concept, sp *spec.Concept) diag.List {
	k := &conformer{impl: impl, sp: sp}
	for _, a := range sp.Actions {
		k.member(a)
	}
	for _, q := range sp.Queries {
		k.member(q)
	}
	k.extraMembers()
	return k.diags.Sort()
}

// conformer accumulates the diagnostics of one Check call.
type conformer struct {
	impl  *concepts.Concept
	sp    *spec.Concept
	diags diag.List
}

// errorf reports one mismatch.
func (k *conformer) errorf(at diag.Span, hint, format string, args ...any) {
	k.diags.Errorf(at, rules.Conformance.ID, hint, format, args...)
}

// member compares one spec action or query with its implementation.
func (k *conformer) member(a *spec.Action) {
	h, ok := k.impl.Handler(a.Name.Name)
	if !ok {
		k.errorf(a.Name.Span, "register it with "+registration(a.Name.Name, a.Query),
			"%s `%s` of %s has no Go implementation", kindWord(a.Query), a.Name.Name, k.sp.Name.Name)
		return
	}
	sig := h.Signature()
	k.inputs(a, sig)
	if sig.Query != a.Query {
		k.errorf(a.Name.Span, "register it with "+registration(a.Name.Name, a.Query),
			"`%s` is %s in the spec, but the Go implementation registers it as %s",
			a.Name.Name, article(kindWord(a.Query)), article(kindWord(sig.Query)))
		return
	}
	k.outputs(a, sig)
}

// extraMembers reports the actions and queries that only Go has.
func (k *conformer) extraMembers() {
	var specNames, unimplemented []string
	for _, a := range append(append([]*spec.Action(nil), k.sp.Actions...), k.sp.Queries...) {
		specNames = append(specNames, a.Name.Name)
		if _, ok := k.impl.Handler(a.Name.Name); !ok {
			unimplemented = append(unimplemented, a.Name.Name)
		}
	}
	for _, query := range []bool{false, true} {
		for _, name := range registered(k.impl, query) {
			if slices.Contains(specNames, name) {
				continue
			}
			hint := fmt.Sprintf("declare `%s` under `%s:` in the spec, or remove the registration", name, section(query))
			if dym := diag.DidYouMean(name, unimplemented); dym != "" {
				hint = dym + " rename the registration to the spec's name"
			}
			k.errorf(k.sp.Name.Span, hint, "%s implements %s `%s`, which its spec does not declare",
				k.sp.Name.Name, kindWord(query), name)
		}
	}
}

// registered returns the names the implementation registers as queries,
// or as actions.
func registered(impl *concepts.Concept, query bool) []string {
	if query {
		return impl.Queries()
	}
	return impl.Actions()
}

// registration writes the Go call that registers a member of this kind.
func registration(name string, query bool) string {
	if query {
		return fmt.Sprintf("`.Query(%q, concepts.Query(fn))`, where fn returns a slice of rows", name)
	}
	return fmt.Sprintf("`.Action(%q, concepts.Action(fn))`, where fn returns one output struct", name)
}

// kindWord is "action" or "query".
func kindWord(query bool) string {
	if query {
		return "query"
	}
	return "action"
}

// section is the spec key that lists actions or queries.
func section(query bool) string {
	if query {
		return "queries"
	}
	return "actions"
}

// article puts "a" or "an" before an action or query word.
func article(word string) string {
	if word == "action" {
		return "an action"
	}
	return "a " + word
}
