package assistant

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/spec"
)

// Where a concept's spec comes from, as the concept tools say it.
const (
	inEveryApp = "built-in, in every app"
	builtIn    = "built-in"
	appsOwn    = "the app's own"
)

// conceptsIn is the input of the list_concepts tool.
type conceptsIn struct {
	App string `json:"app,omitempty" jsonschema:"the app's folder, holding its app.yaml: adds the app's own concepts and says which concepts app.yaml lists; without it, the built-in concepts alone"`
}

// conceptsOut is the output of the list_concepts tool.
type conceptsOut struct {
	Concepts []conceptLine `json:"concepts" jsonschema:"the concepts, built-in first"`
}

// conceptLine is one concept in a list.
type conceptLine struct {
	Name    string `json:"name"`
	Source  string `json:"source" jsonschema:"built-in, in every app (no need to list it); built-in (list it in app.yaml's concepts, write no spec); or the app's own (its spec is the app's concepts/NAME.concept.yaml, its Go the app's)"`
	Purpose string `json:"purpose"`
	Listed  bool   `json:"listed" jsonschema:"app.yaml lists it, or it is in every app"`
}

// conceptIn is the input of the show_concept tool.
type conceptIn struct {
	Name string `json:"name" jsonschema:"the concept's name, such as Authenticating"`
	App  string `json:"app,omitempty" jsonschema:"the app's folder, holding its app.yaml, to show a concept of the app's own"`
}

// conceptOut is the output of the show_concept tool: a concept's spec,
// read.
type conceptOut struct {
	Name       string      `json:"name"`
	TypeParams []string    `json:"typeParams" jsonschema:"its opaque type parameters, such as User in Sessioning [User]"`
	Source     string      `json:"source" jsonschema:"built-in, in every app; built-in; or the app's own"`
	File       string      `json:"file" jsonschema:"its spec's file, as diagnostics name it"`
	Purpose    string      `json:"purpose"`
	Principle  string      `json:"principle" jsonschema:"how it is used, step by step"`
	State      string      `json:"state" jsonschema:"what it keeps"`
	Secrets    []string    `json:"secrets" jsonschema:"parameters whose values traces mask"`
	Actions    []actionDoc `json:"actions" jsonschema:"what syncs invoke in then and wait for in when"`
	Queries    []actionDoc `json:"queries" jsonschema:"what syncs join in where, with an out: pattern (names start with _)"`
	Scenarios  []named     `json:"scenarios" jsonschema:"its own scenarios: its principle and refusals, run by legible test"`
	Spec       string      `json:"spec" jsonschema:"the spec's YAML text, scenarios included"`
}

// actionDoc is an action's or a query's signature.
type actionDoc struct {
	Name      string       `json:"name"`
	Signature string       `json:"signature" jsonschema:"the whole signature on one line: name(input: Type, optional?: Type) -> {output: Type} | {error: String}"`
	Inputs    []paramDoc   `json:"inputs" jsonschema:"its inputs; a then pattern must give every one that is not optional"`
	AnyInput  string       `json:"anyInput,omitempty" jsonschema:"the type of any further input it accepts (\"*\": Type), when it does"`
	Outcomes  []outcomeDoc `json:"outcomes" jsonschema:"its alternative outputs; an out: pattern must fit exactly one; a query returns zero or more rows of its one outcome"`
	Requires  string       `json:"requires,omitempty"`
	Effects   string       `json:"effects,omitempty"`
}

// paramDoc is one input or output.
type paramDoc struct {
	Name     string `json:"name"`
	Type     string `json:"type" jsonschema:"String, Number, Boolean, Object, List, Any, or an id type (a type parameter or an entity)"`
	Optional bool   `json:"optional" jsonschema:"an input that may be left out"`
}

// outcomeDoc is one outcome of an action.
type outcomeDoc struct {
	Error   bool       `json:"error" jsonschema:"the error case: match it with out: { error }"`
	Outputs []paramDoc `json:"outputs"`
}

// named is a named thing and where it is written.
type named struct {
	Name string `json:"name"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// addConcepts adds the list_concepts and show_concept tools.
func (t *tools) addConcepts(s *mcp.Server) {
	mcp.AddTool(s, &mcp.Tool{
		Name: "list_concepts",
		Description: "List the concepts an app can use: those built into legible, which an app lists in app.yaml's concepts " +
			"without writing their specs, and, given an app, its own (concepts/NAME.concept.yaml), each with its purpose. " +
			"show_concept gives one's actions and queries.",
		Annotations: readOnly("List concepts"),
	}, t.listConcepts)
	mcp.AddTool(s, &mcp.Tool{
		Name: "show_concept",
		Description: "Show one concept's spec, read: each action's and query's inputs (with optional ones marked), outcomes " +
			"(the error case included), requires and effects, its purpose, principle, state and scenarios, and the YAML text. " +
			"Read it before writing a pattern of the concept: a pattern may name only these parameters, and a then pattern must give every required input.",
		Annotations: readOnly("Show a concept"),
	}, t.showConcept)
}

// listConcepts lists the built-in concepts, and an app's own.
func (t *tools) listConcepts(_ context.Context, _ *mcp.CallToolRequest, in conceptsIn) (*mcp.CallToolResult, conceptsOut, error) {
	ks, listed, err := t.concepts(in.App)
	if err != nil {
		return nil, conceptsOut{}, err
	}
	out := conceptsOut{Concepts: []conceptLine{}}
	for _, k := range ks {
		out.Concepts = append(out.Concepts, conceptLine{Name: k.Name.Name, Source: source(k), Purpose: k.Purpose, Listed: k.Builtin || listed[k.Name.Name]})
	}
	for _, m := range t.env.Catalog().Modules() { // served by this binary, specified by an app not given
		if m.Spec == nil && !slices.ContainsFunc(ks, func(k *spec.Concept) bool { return k.Name.Name == m.Name }) {
			out.Concepts = append(out.Concepts, conceptLine{Name: m.Name, Source: appsOwn, Purpose: "as the app's concepts/" + m.Name + ".concept.yaml says: give app to read it"})
		}
	}
	return nil, out, nil
}

// showConcept shows one concept.
func (t *tools) showConcept(_ context.Context, _ *mcp.CallToolRequest, in conceptIn) (*mcp.CallToolResult, conceptOut, error) {
	ks, _, err := t.concepts(in.App)
	if err != nil {
		return nil, conceptOut{}, err
	}
	var names []string
	for _, k := range slices.Backward(ks) { // the app's own first: its spec of a name replaces the library's
		if k.Name.Name == in.Name {
			return nil, t.describe(k), nil
		}
		names = append(names, k.Name.Name)
	}
	slices.Reverse(names)
	hint := diag.DidYouMean(in.Name, names)
	if in.App == "" {
		hint += " (give app for an app's own concept)"
	}
	return nil, conceptOut{}, fmt.Errorf("no concept %q %s; the concepts are %s", in.Name, hint, strings.Join(names, ", "))
}

// concepts returns the built-in concepts, then the app's own when dir is
// given, with the names its app.yaml lists.
func (t *tools) concepts(dir string) ([]*spec.Concept, map[string]bool, error) {
	ks, err := t.env.Library()
	if err != nil || dir == "" {
		return ks, nil, err
	}
	app, err := t.checkApp(dir)
	if err != nil {
		return nil, nil, err
	}
	listed := map[string]bool{}
	if app.Spec.App != nil {
		for _, id := range app.Spec.App.Concepts {
			listed[id.Name] = true
		}
	}
	for _, k := range app.Spec.Concepts {
		if !k.Builtin && !k.Library {
			ks = append(ks, k)
		}
	}
	return ks, listed, nil
}

// source says where a concept's spec comes from.
func source(k *spec.Concept) string {
	switch {
	case k.Builtin:
		return inEveryApp
	case k.Library:
		return builtIn
	}
	return appsOwn
}
