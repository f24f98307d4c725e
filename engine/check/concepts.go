package check

import (
	"fmt"
	"path"
	"strings"

	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// checkConcepts checks each concept spec on its own.
func (c *checker) checkConcepts() {
	for _, k := range c.sp.Concepts {
		for _, p := range k.Params {
			if _, ok := types.Builtin[p.Name]; ok {
				c.diags.Errorf(p.Span, rules.Schema.ID, "name the parameter after what it stands for, e.g. User or Item",
					"type parameter `%s` hides the built-in type of that name", p.Name)
			}
		}
		for _, a := range k.Members() {
			c.checkOutcomes(a)
		}
		c.checkSecrets(k)
		c.checkFileName(k)
	}
}

// checkOutcomes applies the rules on an action's alternative outputs.
func (c *checker) checkOutcomes(a *spec.Action) {
	var errs, empty []*spec.Outcome
	for _, o := range a.Outs {
		hasError := false
		for _, p := range o.Params {
			hasError = hasError || p.Name.Name == "error"
		}
		switch {
		case hasError && len(o.Params) > 1:
			c.diags.Errorf(o.Span, rules.MixedOutcomes.ID, fmt.Sprintf("list the error case as its own alternative: `out: [ %s, { error: String } ]`", successOf(o)),
				"an error case must have the single key `error`")
		case hasError:
			errs = append(errs, o)
		case len(o.Params) == 0:
			empty = append(empty, o)
		}
	}
	if a.Query && len(errs) > 0 {
		c.diags.Errorf(errs[0].Span, rules.Schema.ID, "a query that finds nothing returns no rows; drop the error case",
			"query `%s` cannot have an error case", a.Name.Name)
		return
	}
	if len(errs) > 0 && len(errs) == len(a.Outs) {
		c.diags.Warnf(a.Name.Span, rules.EmptySuccess.ID, "add a success case, e.g. `- { user: User }`, so syncs can tell success from failure",
			"`%s` has only an error case", a.Name.Name)
	}
	if len(errs) > 0 {
		for _, o := range empty {
			c.diags.Warnf(o.Span, rules.EmptySuccess.ID, "return something on success, e.g. the id the action acted on, so syncs can tell the cases apart",
				"`%s` has an error case and an empty success output", a.Name.Name)
		}
	}
}

// checkSecrets checks that each secret names some parameter of the concept.
func (c *checker) checkSecrets(k *spec.Concept) {
	names := map[string]bool{}
	var all []string
	for _, a := range k.Members() {
		for _, p := range a.In {
			names[p.Name.Name] = true
			all = append(all, p.Name.Name)
		}
		for _, o := range a.Outs {
			for _, p := range o.Params {
				names[p.Name.Name] = true
				all = append(all, p.Name.Name)
			}
		}
	}
	for _, s := range k.Secrets {
		if !names[s.Name] {
			c.diags.Errorf(s.Span, rules.UnknownParam.ID, didYouMean(s.Name, all, "secrets name parameters of this concept's actions and queries"),
				"secret `%s` is not a parameter of %s", s.Name, k.Name.Name)
		}
	}
}

// successOf renders an outcome's keys other than `error`, as YAML.
func successOf(o *spec.Outcome) string {
	var parts []string
	for _, p := range o.Params {
		if p.Name.Name != "error" {
			parts = append(parts, p.Name.Name+": "+p.Type.Name)
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// checkFileName warns when a concept's file is named after another concept.
func (c *checker) checkFileName(k *spec.Concept) {
	if k.Builtin || k.Library {
		return
	}
	want := k.Name.Name + ".concept.yaml"
	if got := path.Base(k.File); got != want {
		c.diags.Warnf(k.Name.Span, rules.Schema.ID, "rename the file to "+want+", so the concept is found where its name says",
			"the spec of `%s` is in %s", k.Name.Name, got)
	}
}
