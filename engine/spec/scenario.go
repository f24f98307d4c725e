package spec

import "github.com/legible/legible/engine/diag"

// Scenario is a named sequence of steps that must hold when run: a
// concept's own (Concept.Scenarios: its principle and refusals, run
// against its implementation), or an app's (Spec.Scenarios, from its
// test files, run through its HTTP handler). Each runs on a fresh store.
type Scenario struct {
	File  string
	Name  Ident
	Steps []*ScenarioStep
}

// ScenarioStep is one step of a scenario: a request to the app, or a call of a
// concept's action or query. Exactly one of Request and Call is set.
type ScenarioStep struct {
	Request *Request
	Call    *Call
}

// Span is where the step is written: its `METHOD /path` or
// `Concept.action` key.
func (s *ScenarioStep) Span() diag.Span {
	if s.Request != nil {
		return s.Request.Span
	}
	return s.Call.Span
}

// Request is a request step, `METHOD /path` under the app's base path,
// with what the client sends, what the reply must be, and the values of
// the reply that later steps use.
type Request struct {
	Span   diag.Span // the `METHOD /path` key
	Method string
	// Path is as written; a `{name}` segment is the value of the
	// variable name (PathVars holds them, positioned).
	Path     string
	PathVars []Ident
	Body     *Value
	Auth     *Value   // the auth value, under the key app.yaml's auth `as` names
	AuthKey  Ident    // that key, as written
	Query    []*Field // query parameters
	Headers  []*Field
	// Fail makes actions of the request's flow return an error instead
	// of running: each key is `Concept.action`, each value the message.
	// It reaches the error cases that no request brings about.
	Fail     []*Field
	Expect   *Expect
	Captures []*Capture
	// Route is the route the request goes to, as check resolved it; nil
	// when none fits (a test of a 404 or 405).
	Route *Route
}

// Expect is what a request's reply and flow must be. Nil fields are not
// checked.
type Expect struct {
	Span   diag.Span // the `expect` key
	Status *Value
	Body   *Value // a subset of the reply's JSON body
	// Fired and NotFired name syncs that must, and must not, fire in the
	// request's flow.
	Fired, NotFired []Ident
	// Outcome is what became of the flow's writes: "committed",
	// "rolled back" or "read only".
	Outcome *Value
}

// Capture keeps a value of a reply in a variable: `token: body.user.token`.
type Capture struct {
	Name Ident
	// Path is where the value is: `status`, `body` or `body.a.b` (list
	// items by index: `body.articles.0.slug`), or `headers.Name`.
	Path Ident
}

// Call is a step that calls a concept's action or query directly, with
// its expected outcome: `out` binds (or, for a bound name, compares) the
// outputs of an action or of a query's one row, `rows` compares a
// query's whole answer, and `error` expects the error outcome.
type Call struct {
	Span    diag.Span // the `Concept.action` key
	Concept Ident
	Action  Ident
	In      []*Field
	Out     []*Field
	HasOut  bool
	Rows    *Value
	// Error is the error outcome expected: a string its message
	// contains, or a matcher.
	Error *Value
	// Target is the action or query, as check resolved it.
	Target *Action
}

// ValueKind tells the kinds of value written in a scenario apart.
type ValueKind int

// The kinds of value.
const (
	LiteralValue ValueKind = iota // a string, number, Boolean or null
	VarValue                      // a variable: a plain name
	MatcherValue                  // a matcher: !any, !string, !match "re", !expr "it > 0", …
	ListValue
	ObjectValue
)

// Value is a value written in a scenario: a literal, a variable, a
// matcher, or a list or object of values.
type Value struct {
	Kind ValueKind
	Span diag.Span
	Lit  any    // a literal's value: string, float64, bool or nil
	Name string // a variable's name; a matcher's: any, string, number, boolean, list, object, match, expr
	// Arg is a matcher's argument: the regular expression of match, the
	// expression of expr (over `it`, the actual value, and the variables
	// earlier steps bound).
	Arg    string
	Items  []*Value
	Fields []*Field
}

// Field is one `key: value` of an object, or of a step's inputs.
type Field struct {
	Key   Ident
	Value *Value
}

// Matchers are the names of the matchers a value may be, as YAML tags.
var Matchers = []string{"any", "string", "number", "boolean", "list", "object", "match", "expr"}
