package flow

import (
	"fmt"
	"time"

	"legible/engine/program"
	"legible/engine/trace"
)

// steps runs where steps over frames, each step transforming the set.
func (f *flow) steps(ctx ctxT, s *program.Sync, steps []program.Step, frames [][]any) ([][]any, error) {
	var err error
	for _, st := range steps {
		switch st := st.(type) {
		case *program.Query:
			frames, err = f.query(ctx, st, frames)
		case *program.Filter:
			frames, err = f.filter(s, st, frames)
		case *program.Bind:
			err = f.bind(s, st, frames)
		case *program.Collect:
			err = f.collect(ctx, s, st, frames)
		}
		if err != nil || len(frames) == 0 {
			return nil, err
		}
	}
	return frames, nil
}

// query joins each frame with the rows the query returns; an optional
// query keeps a frame it finds no row for, with its outputs bound to nil.
// The query runs once for all the frames' inputs (rowsOf).
func (f *flow) query(ctx ctxT, q *program.Query, frames [][]any) ([][]any, error) {
	ins := make([]map[string]any, len(frames))
	for i, frame := range frames {
		ins[i] = input(q.In, frame)
	}
	rows, err := f.rowsOf(ctx, q, ins)
	if err != nil {
		return nil, err
	}
	var out [][]any
	for i, frame := range frames {
		n := len(out)
		for _, row := range rows[i] {
			next := append([]any(nil), frame...)
			if matchArgs(q.Out, row, next) {
				out = append(out, next)
			}
		}
		if len(out) == n && q.Optional {
			out = append(out, withNil(q.Out, frame))
		}
	}
	return out, nil
}

// rowsOf returns the rows of the query for each input, in one call of the
// query for all the distinct inputs that need one: an input with a nil
// required value finds nothing without a call, and an input the firing's
// where has called the query with already has its rows (memo).
func (f *flow) rowsOf(ctx ctxT, q *program.Query, ins []map[string]any) ([][]map[string]any, error) {
	out := make([][]map[string]any, len(ins))
	var b batch
	for i, in := range ins {
		if missing(q, in) {
			continue
		}
		k, ok := memoInput(q, in)
		if rows, seen := f.memo[memoKey{q, k}]; ok && seen {
			out[i] = rows
			continue
		}
		b.add(i, in, k, ok)
	}
	if len(b.ins) == 0 {
		return out, nil
	}
	start := time.Now()
	res, err := q.Handler.CallBatch(ctx, b.ins)
	if err != nil {
		return nil, f.queryFailed(q, b.ins, start, err)
	}
	for j, r := range res {
		for _, i := range b.frames[j] {
			out[i] = r.Rows
		}
		if b.keyed[j] {
			if f.memo == nil {
				f.memo = memo{}
			}
			f.memo[memoKey{q, b.keys[j]}] = r.Rows
		}
	}
	return out, nil
}

// missing reports whether a required input of the query is nil.
func missing(q *program.Query, in map[string]any) bool {
	for _, name := range q.Required {
		if in[name] == nil {
			return true
		}
	}
	return false
}

// batch gathers the distinct inputs of one call of a query, and which
// frames wait for each.
type batch struct {
	ins    []map[string]any
	frames [][]int  // by input: the indexes of the frames it answers
	keys   []string // by input: its memo key, when keyed
	keyed  []bool
	index  map[string]int // by memo key: its input's index
}

// add adds frame i's input, unless an input with the same key is there.
func (b *batch) add(i int, in map[string]any, key string, keyed bool) {
	if j, dup := b.index[key]; keyed && dup {
		b.frames[j] = append(b.frames[j], i)
		return
	}
	if keyed {
		if b.index == nil {
			b.index = map[string]int{}
		}
		b.index[key] = len(b.ins)
	}
	b.ins = append(b.ins, in)
	b.frames = append(b.frames, []int{i})
	b.keys = append(b.keys, key)
	b.keyed = append(b.keyed, keyed)
}

// withNil returns a copy of frame with the query's new outputs set to nil.
func withNil(args []program.Arg, frame []any) []any {
	next := append([]any(nil), frame...)
	for _, a := range args {
		if a.Bind {
			next[a.Slot] = nil
		}
	}
	return next
}

// queryFailed records a query's failure in the flow, and returns it. The
// record's input is the call's one input, or the first of the many it
// answered at once, as the failure says.
func (f *flow) queryFailed(q *program.Query, ins []map[string]any, start time.Time, err error) error {
	concept, action := splitKey(q.Key)
	fail := asFailure(concept, action, err)
	msg := fail.Err.Error()
	if len(ins) > 1 {
		msg = fmt.Sprintf("%s (in one call for %d inputs; the first is shown)", msg, len(ins))
	}
	f.add(&record{key: q.Key, Record: trace.Record{
		ID: f.nextID(), Concept: concept, Action: action, Input: ins[0],
		Failure: msg, Start: start, End: time.Now(),
	}})
	return fail
}

// filter keeps the frames for which the expression is true.
func (f *flow) filter(s *program.Sync, st *program.Filter, frames [][]any) ([][]any, error) {
	out := frames[:0:0]
	for _, frame := range frames {
		v, err := f.eval(s, st.Expr, frame)
		if err != nil {
			return nil, err
		}
		keep, ok := v.(bool)
		if !ok {
			return nil, &ExprError{Sync: s.Name, Source: st.Expr.Source, Err: fmt.Errorf("a filter gave %T, not a Boolean", v)}
		}
		if keep {
			out = append(out, frame)
		}
	}
	return out, nil
}

// bind computes each entry, in order, in every frame.
func (f *flow) bind(s *program.Sync, b *program.Bind, frames [][]any) error {
	for _, frame := range frames {
		for _, e := range b.Entries {
			v, err := f.eval(s, e.Expr, frame)
			if err != nil {
				return err
			}
			frame[e.Slot] = v
		}
	}
	return nil
}

// collect binds, in each frame, the list of what its steps yield from it.
func (f *flow) collect(ctx ctxT, s *program.Sync, c *program.Collect, frames [][]any) error {
	for _, frame := range frames {
		inner, err := f.steps(ctx, s, c.From, [][]any{append([]any(nil), frame...)})
		if err != nil {
			return err
		}
		list := make([]any, 0, len(inner))
		for _, in := range inner {
			item, err := f.item(s, c, in)
			if err != nil {
				return err
			}
			list = append(list, item)
		}
		frame[c.Slot] = list
	}
	return nil
}

// item is one element of a collected list.
func (f *flow) item(s *program.Sync, c *program.Collect, frame []any) (any, error) {
	if c.Value != nil {
		return f.eval(s, c.Value, frame)
	}
	obj := make(map[string]any, len(c.Fields))
	for _, fd := range c.Fields {
		obj[fd.Name] = frame[fd.Slot]
	}
	return obj, nil
}

// eval runs an expression over a frame.
func (f *flow) eval(s *program.Sync, x *program.Expr, frame []any) (any, error) {
	if f.env == nil {
		f.env = make(map[string]any, len(s.Slots))
	}
	clear(f.env)
	for i, name := range s.Slots {
		f.env[name] = frame[i]
	}
	v, err := f.vm.Run(x.Program, f.env)
	if err != nil {
		return nil, &ExprError{Sync: s.Name, Source: x.Source, Err: err}
	}
	return v, nil
}

// ExprError is an expression that failed at run time, e.g. on a nil value.
// It is a failure: the flow stops.
type ExprError struct {
	Sync, Source string
	Err          error
}

func (e *ExprError) Error() string {
	return fmt.Sprintf("sync %s: expression %q: %v", e.Sync, e.Source, e.Err)
}

func (e *ExprError) Unwrap() error { return e.Err }

func splitKey(key string) (concept, action string) {
	for i := range key {
		if key[i] == '.' {
			return key[:i], key[i+1:]
		}
	}
	return key, ""
}
