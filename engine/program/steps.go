package program

import (
	"slices"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/types"
	"github.com/expr-lang/expr/vm"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/spec"
)

// Step is a compiled where step: *Query, *Filter, *Bind or *Collect.
type Step interface{ step() }

// Query joins each frame with the rows of a concept query. A query given
// nil for a required input finds nothing, without being called: nil is
// what an optional query binds when it finds nothing, so a chain of
// optional lookups stops quietly where the first one came up empty.
type Query struct {
	Key      string
	Handler  concepts.Handler
	In       []Arg // reads
	Out      []Arg // Bind ones take the row's value; others must equal it
	Optional bool
	Required []int // the positions in In of the inputs that, when nil, make the query find nothing
	// Plan calls the query with In's values and gives Out's, by position.
	Plan *concepts.Plan
}

// Filter keeps the frames for which Expr is true.
type Filter struct{ Expr *Expr }

// Bind sets slots to computed values, in order.
type Bind struct{ Entries []BindEntry }

// BindEntry is one computed binding.
type BindEntry struct {
	Slot int
	Expr *Expr
}

// Collect sets Slot, in each frame, to the list of what From yields from it:
// objects of Fields, or the values of Value.
type Collect struct {
	Slot   int
	From   []Step
	Fields []Field
	Value  *Expr
}

// Field is one slot of a collected object, under its variable's name.
type Field struct {
	Name string
	Slot int
}

func (*Query) step()   {}
func (*Filter) step()  {}
func (*Bind) step()    {}
func (*Collect) step() {}

// Expr is a compiled expression and the slots it may read.
type Expr struct {
	Source  string
	Program *vm.Program
	Reads   []Field  // the variables it may read: the environment it needs
	Literal *Literal // when it only builds objects and lists: how to, without the program
}

// steps compiles where steps; bound holds the slots bound so far.
func (c *compiler) steps(steps []spec.Step, bound map[int]bool) []Step {
	out := make([]Step, 0, len(steps))
	for _, st := range steps {
		switch st := st.(type) {
		case *spec.Query:
			out = append(out, c.query(st, bound))
		case *spec.Filter:
			out = append(out, &Filter{Expr: c.expr(st.Expr)})
		case *spec.Bind:
			b := &Bind{}
			for _, e := range st.Entries {
				b.Entries = append(b.Entries, BindEntry{Slot: c.slot(e.Name.Name), Expr: c.expr(e.Expr)})
				bound[c.slot(e.Name.Name)] = true
			}
			out = append(out, b)
		case *spec.Collect:
			out = append(out, c.collect(st, bound))
		}
	}
	return out
}

// query compiles a query step, with its plan.
func (c *compiler) query(st *spec.Query, bound map[int]bool) *Query {
	p := st.Pattern
	q := &Query{Key: Key(p.Concept.Name, p.Action.Name), Handler: c.handler(p), In: c.args(p.In, bound, false),
		Out: c.args(p.Out, bound, true), Optional: st.Optional}
	required := c.required(p)
	ins := make([]string, len(q.In))
	for k, a := range q.In {
		ins[k] = a.Param
		if slices.Contains(required, a.Param) {
			q.Required = append(q.Required, k)
		}
	}
	outs := make([]string, len(q.Out))
	for k, a := range q.Out {
		outs[k] = a.Param
	}
	if c.err == nil {
		var err error
		if q.Plan, err = q.Handler.Plan(ins, outs); err != nil {
			c.err = err
		}
	}
	return q
}

func (c *compiler) collect(st *spec.Collect, bound map[int]bool) *Collect {
	inner := map[int]bool{}
	for k := range bound {
		inner[k] = true
	}
	col := &Collect{From: c.steps(st.From, inner)}
	for _, f := range st.Fields {
		col.Fields = append(col.Fields, Field{Name: f.Name, Slot: c.slot(f.Name)})
	}
	if st.Value != nil {
		col.Value = c.expr(st.Value)
	}
	col.Slot = c.slot(st.As.Name)
	bound[col.Slot] = true
	return col
}

// expr compiles an expression against every variable of the sync, typed
// Any: the values at run time come from concepts and requests, so the
// program must not assume the checker's static types (see lenientFields).
func (c *compiler) expr(x *spec.Expr) *Expr {
	env := types.Map{}
	for _, name := range c.s.Slots {
		env[name] = types.Any
	}
	prog, err := expr.Compile(x.Source, append([]expr.Option{expr.Env(env)}, lenientFields...)...)
	if err != nil {
		if c.err == nil {
			c.err = err
		}
		return &Expr{Source: x.Source}
	}
	return &Expr{Source: x.Source, Program: prog, Reads: c.reads(prog), Literal: c.literal(prog.Node())}
}

// reads returns the sync's variables that a compiled expression names, or
// all of them when it reads its whole environment ($env).
func (c *compiler) reads(prog *vm.Program) []Field {
	named := map[string]bool{}
	node := prog.Node()
	ast.Walk(&node, names(named))
	var out []Field
	for slot, name := range c.s.Slots {
		if named[name] || named["$env"] {
			out = append(out, Field{Name: name, Slot: slot})
		}
	}
	return out
}

// names is an ast.Visitor that gathers the identifiers of an expression.
type names map[string]bool

// Visit implements ast.Visitor.
func (n names) Visit(node *ast.Node) {
	if id, ok := (*node).(*ast.IdentifierNode); ok {
		n[id.Value] = true
	}
}
