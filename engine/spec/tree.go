// Package spec holds the positioned syntax tree of a legible app: the
// concept specs, the syncs and app.yaml, as the loader reads them from
// YAML, and what the checker resolves on it, as expr's checker annotates
// its tree: the action each pattern names (Pattern.Target), the variable
// each term and expression reads (Variable, with its slot and type), each
// expression's parsed tree, and the app's routes. The stages after check
// (program, analysis, the server) read those and resolve nothing again.
package spec

import (
	"time"

	"github.com/expr-lang/expr/ast"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/types"
)

// Ident is a name together with where it was written.
type Ident struct {
	Name string
	Span diag.Span
}

// Spec is everything loaded for one app.
type Spec struct {
	App      *App // nil when the folder has no app.yaml
	Concepts []*Concept
	Syncs    []*Sync
	Unread   []string // files whose YAML could not be parsed at all
	Library  []string // the concepts the binary's library offers, for hints
	// Routes are the app's HTTP routes, as check derived them: those
	// request patterns name, in the order they are first named, then the
	// passthrough routes.
	Routes []*Route
	// Scenarios are the app's, from its test files (NAME.test.yaml), in
	// the order written.
	Scenarios []*Scenario
}

// Concept returns the concept of the name, or nil.
func (s *Spec) Concept(name string) *Concept {
	for _, k := range s.Concepts {
		if k.Name.Name == name {
			return k
		}
	}
	return nil
}

// App is the content of app.yaml.
type App struct {
	File        string
	Name        Ident
	Base        Ident // the HTTP base path, e.g. /api
	Concepts    []Ident
	Timeout     time.Duration
	BodyLimit   int64 // bytes; zero means the default
	CORS        []string
	CORSMaxAge  time.Duration // how long browsers keep a preflight's answer; zero means the default
	Auth        *Auth
	Rules       map[string]RuleLevel // lint: { rules: … }: severities the app sets
	Passthrough []*Passthrough
}

// Auth says how an HTTP header reaches syncs as a request input.
type Auth struct {
	Header string // e.g. Authorization
	Scheme string // e.g. Token; stripped from the header value
	As     Ident  // the request input name, e.g. token
}

// RuleLevel is the severity an app sets for a rule's diagnostics, where it
// says so; Off drops them.
type RuleLevel struct {
	Severity diag.Severity
	Span     diag.Span
}

// Off is the level of a rule an app turns off.
const Off diag.Severity = -1

// Passthrough is one concept action or query exposed directly over HTTP.
type Passthrough struct {
	Route   Ident // Concept.action as written
	Concept Ident
	Action  Ident
	Why     string
}

// Concept is one concept spec.
type Concept struct {
	File      string
	Name      Ident
	Params    []Ident // opaque type parameters, e.g. [User]
	Purpose   string
	Principle string
	State     string
	Secrets   []Ident // parameter names whose values are masked in traces
	Actions   []*Action
	Queries   []*Action
	// Scenarios are its own, run against its implementation: its
	// principle and refusals, made executable.
	Scenarios []*Scenario
	Builtin   bool // shipped inside the binary, like Requesting, and part of every app
	Library   bool // from the binary's library: the app lists it and has no file of it
	// Damaged is set when the loader dropped part of the spec (an unknown
	// key, such as a misspelled `actions:`), so that what it held is not
	// reported missing where syncs use it.
	Damaged bool
}

// Action is one action or query of a concept.
type Action struct {
	Concept  *Concept
	Name     Ident
	Query    bool
	In       []*Param
	Open     *Param // the "*" entry: any further input is accepted with this type
	Outs     []*Outcome
	Requires string
	Effects  string
}

// Param is one named, typed input or output.
type Param struct {
	Name     Ident
	Type     Ident
	Optional bool
}

// Outcome is one alternative output of an action. An error outcome has the
// single parameter `error`.
type Outcome struct {
	Span   diag.Span
	Params []*Param
}

// IsError reports whether the outcome is the error case.
func (o *Outcome) IsError() bool {
	return len(o.Params) == 1 && o.Params[0].Name.Name == "error"
}

// Sync is one synchronization rule.
type Sync struct {
	File        string
	Name        Ident
	Description string
	When        []*Pattern
	Where       []Step
	Then        []*Pattern
	// Vars are its variables, by slot, as check resolved them.
	Vars []*Variable
	// Damaged is set when the loader dropped part of the sync, so checks
	// that need all of it, such as unused variables, skip it.
	Damaged bool
	// Hidden is set when what the loader dropped may bind variables: an
	// unknown key (a misspelled `where:`), or a pattern, step or bind
	// entry it could not read. A name the sync reads may be bound there,
	// so it is not reported unbound.
	Hidden bool
}

// Pattern is an action pattern `Concept.action: { inputs }` with an
// optional `out: { outputs }`.
type Pattern struct {
	Span    diag.Span // the Concept.action key
	Concept Ident
	Action  Ident
	In      []*Arg
	Out     []*Arg
	OutSpan diag.Span // the out key; valid only when HasOut
	HasOut  bool
	// Target is the action or query the pattern names, as check resolved
	// it; nil when it names none.
	Target *Action
	// Outcome is the outcome of Target that an `out:` in when or where
	// matches, as check found it; nil in then, or when none fits.
	Outcome *Outcome
}

// Key names the action the pattern names as "Concept.action".
func (p *Pattern) Key() string { return p.Concept.Name + "." + p.Action.Name }

// Arg is one `param: term` entry of a pattern.
type Arg struct {
	Param Ident
	Term  Term
}

// TermKind tells variables from the kinds of literal.
type TermKind int

// The kinds of term.
const (
	Var TermKind = iota
	String
	Number
	Bool
	Null
	Invalid // a value the loader reported; it counts as given but is not checked
)

// Term is a variable or a literal.
type Term struct {
	Kind  TermKind
	Name  string // the variable name when Kind is Var
	Value any    // the literal value: string, float64, bool or nil
	Span  diag.Span
	Var   *Variable // the variable, as check resolved it; nil for a literal, or a name nothing binds
}

// Variable is one variable of a sync, as check resolved it: each term,
// bind entry and expression that names it points to it.
type Variable struct {
	Name   string
	Slot   int // its place in a frame of the sync (Sync.Vars)
	Type   types.Type
	Span   diag.Span // where it is first bound
	Origin string    // how it is bound, for messages: "`when` pattern Requesting.request, `path`"
}

// Step is one where step: *Query, *Filter, *Bind or *Collect.
type Step interface {
	Node
	step()
}

// Query is a join with a concept query; Optional makes it a left join.
type Query struct {
	Pattern  *Pattern
	Optional bool
}

// Filter keeps the frames for which Expr is true.
type Filter struct {
	Key  diag.Span
	Expr *Expr
}

// Bind adds computed bindings, evaluated in order.
type Bind struct {
	Key     diag.Span
	Entries []*BindEntry
}

// BindEntry is one `name: expression` of a bind step.
type BindEntry struct {
	Name Ident
	Expr *Expr
	Var  *Variable // the variable it binds, as check resolved it
}

// Collect binds As to the list of results of From run from each frame.
type Collect struct {
	Key    diag.Span
	As     Ident
	From   []Step
	Fields []Ident // either Fields or Value is set
	Value  *Expr
	// Var is the list it binds, and FieldVars the variables of Fields,
	// by their place, as check resolved them.
	Var       *Variable
	FieldVars []*Variable
}

func (*Query) step()   {}
func (*Filter) step()  {}
func (*Bind) step()    {}
func (*Collect) step() {}

// Expr is an expr-lang expression and the position of each of its runes,
// with what check found of it.
type Expr struct {
	Source string
	Span   diag.Span
	// Tree is the expression as check parsed it, once; nil when it does
	// not parse. The stages after check read it; none may change it.
	Tree ast.Node
	// Reads are the variables it reads, as check resolved them, each
	// once; every variable in scope when it reads its whole environment
	// ($env).
	Reads []*Variable
	// Type is the type of its value, as check inferred it.
	Type   types.Type
	locate func() []diag.Pos // works out runes; only diagnostics need them
	runes  []diag.Pos        // runes[i] is where the i-th rune of Source was written
}

// NewExpr returns an expression; locate returns the position of each rune
// of src, and is called only when a position inside it is asked for.
func NewExpr(src string, span diag.Span, locate func() []diag.Pos) *Expr {
	return &Expr{Source: src, Span: span, locate: locate}
}

// PosAt returns where the rune at offset i of the source was written.
func (e *Expr) PosAt(i int) diag.Pos {
	if e.locate != nil {
		e.runes, e.locate = e.locate(), nil
	}
	switch {
	case len(e.runes) == 0:
		return e.Span.Pos
	case i < 0:
		return e.runes[0]
	case i >= len(e.runes):
		p := e.runes[len(e.runes)-1]
		p.Col += i - len(e.runes) + 1
		return p
	}
	return e.runes[i]
}

// SpanOf returns the span of runes [from, to) of the source.
func (e *Expr) SpanOf(from, to int) diag.Span {
	start := e.PosAt(from)
	if to <= from {
		return diag.At(start, 1)
	}
	end := e.PosAt(to - 1)
	if end.Line != start.Line {
		return diag.At(start, 1)
	}
	return diag.Span{Pos: start, EndLine: end.Line, EndCol: end.Col + 1}
}

// Members returns the concept's actions followed by its queries.
func (c *Concept) Members() []*Action {
	return append(c.Actions[:len(c.Actions):len(c.Actions)], c.Queries...)
}

// Member finds an action or query by name, or returns nil.
func (c *Concept) Member(name string) *Action {
	for _, a := range c.Members() {
		if a.Name.Name == name {
			return a
		}
	}
	return nil
}

// Param returns the input of the action or query with the name, or nil.
func (a *Action) Param(name string) *Param {
	for _, p := range a.In {
		if p.Name.Name == name {
			return p
		}
	}
	return nil
}

// StringLiteral returns the string literal the pattern gives param, if any.
func (p *Pattern) StringLiteral(param string) (string, bool) {
	for _, a := range p.In {
		if a.Param.Name == param && a.Term.Kind == String {
			return a.Term.Value.(string), true
		}
	}
	return "", false
}

// IsRequest reports whether the pattern names Requesting.request, the
// action every HTTP request starts its flow with.
func (p *Pattern) IsRequest() bool {
	return p.Concept.Name == "Requesting" && p.Action.Name == "request"
}

// RequestPath returns the literal path a Requesting.request pattern
// matches, or "" for another pattern, or one without a path literal.
func (p *Pattern) RequestPath() string {
	if !p.IsRequest() {
		return ""
	}
	path, _ := p.StringLiteral("path")
	return path
}

// RequestMethod returns the literal method a Requesting.request pattern
// matches, or "".
func (p *Pattern) RequestMethod() string {
	if !p.IsRequest() {
		return ""
	}
	method, _ := p.StringLiteral("method")
	return method
}

// Type turns a type name declared in the concept into a Type: a built-in
// type, one of the concept's type parameters, or an entity's id.
func (c *Concept) Type(name string) types.Type {
	params := make([]string, len(c.Params))
	for i, p := range c.Params {
		params[i] = p.Name
	}
	return types.Of(name, params...)
}
