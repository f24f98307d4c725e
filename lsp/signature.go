package lsp

import (
	"fmt"
	"strings"

	"github.com/legible/legible/engine/spec"
)

// signature writes an action or query as its spec declares it: its
// inputs, optional ones marked, then each outcome.
func signature(a *spec.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s.%s: %s", a.Concept.Name.Name, a.Name.Name, params(a.In, a.Open))
	for _, o := range a.Outs {
		fmt.Fprintf(&b, "\nout: %s", params(o.Params, nil))
	}
	return b.String()
}

// params writes parameters as `{ name: Type, bio?: String }`.
func params(ps []*spec.Param, open *spec.Param) string {
	parts := make([]string, 0, len(ps)+1)
	for _, p := range ps {
		parts = append(parts, param(p))
	}
	if open != nil {
		parts = append(parts, `"*": `+open.Type.Name)
	}
	if len(parts) == 0 {
		return "{}"
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// param writes one parameter, `bio?: String` when optional.
func param(p *spec.Param) string {
	mark := ""
	if p.Optional {
		mark = "?"
	}
	return p.Name.Name + mark + ": " + p.Type.Name
}

// origin says where a concept's spec comes from.
func origin(k *spec.Concept) string {
	switch {
	case k.Builtin:
		return "built into every app"
	case k.Library:
		return "from legible's library (`legible concepts " + k.Name.Name + "`)"
	}
	return "specified in `" + k.File + "`"
}

// kind names what an action is: "action" or "query".
func kind(a *spec.Action) string {
	if a.Query {
		return "query"
	}
	return "action"
}
