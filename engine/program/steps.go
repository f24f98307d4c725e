package program

import (
	"maps"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker"
	exprcompiler "github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
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
				b.Entries = append(b.Entries, BindEntry{Slot: e.Var.Slot, Expr: c.expr(e.Expr)})
				bound[e.Var.Slot] = true
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
	q := &Query{Key: p.Key(), Handler: c.handler(p), In: c.args(p.In, bound, false),
		Out: c.args(p.Out, bound, true), Optional: st.Optional}
	ins := make([]string, len(q.In))
	for k, a := range q.In {
		ins[k] = a.Param
		if param := p.Target.Param(a.Param); param != nil && !param.Optional {
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
	inner := maps.Clone(bound)
	col := &Collect{From: c.steps(st.From, inner), Slot: st.Var.Slot}
	for i, f := range st.Fields {
		col.Fields = append(col.Fields, Field{Name: f.Name, Slot: st.FieldVars[i].Slot})
	}
	if st.Value != nil {
		col.Value = c.expr(st.Value)
	}
	bound[col.Slot] = true
	return col
}

// expr compiles an expression from the tree check parsed (a copy: the
// compiler changes the tree it is given), against the variables it reads,
// typed Any: the values at run time come from concepts and requests, so
// the program must not assume the checker's static types (see
// lenientFields).
func (c *compiler) expr(x *spec.Expr) *Expr {
	e := &Expr{Source: x.Source, Reads: make([]Field, len(x.Reads))}
	env := types.Map{}
	for i, v := range x.Reads {
		e.Reads[i] = Field{Name: v.Name, Slot: v.Slot}
		env[v.Name] = types.Any
	}
	if e.Literal = literal(x.Tree, e.Reads); e.Literal != nil {
		return e
	}
	prog, err := compileTree(x, env)
	if err != nil && c.err == nil {
		c.err = err
	}
	e.Program = prog
	return e
}

// compileTree compiles a copy of the expression's tree, as expr.Compile
// compiles its source: patched (lenientFields), checked in env, optimized.
func compileTree(x *spec.Expr, env types.Map) (*vm.Program, error) {
	cfg := conf.CreateNew()
	for _, opt := range append([]expr.Option{expr.Env(env)}, lenientFields...) {
		opt(cfg)
	}
	cfg.Check()
	tree := &parser.Tree{Node: clone(x.Tree), Source: file.NewSource(x.Source)}
	if _, err := new(checker.Checker).PatchAndCheck(tree, cfg); err != nil {
		return nil, err
	}
	if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
		return nil, err
	}
	return exprcompiler.Compile(tree, cfg)
}
