package flow

import (
	"fmt"
	"time"

	"github.com/legible/legible/engine/program"
	"github.com/legible/legible/engine/trace"
	"github.com/legible/legible/internal/value"
)

// steps runs where steps over frames, each step transforming the set. The
// frames it gets are its own: the steps may change them in place.
func (f *flow) steps(ctx ctxT, s *program.Sync, steps []program.Step, frames [][]any) ([][]any, error) {
	for _, st := range steps {
		var err error
		if frames, _, err = f.step(ctx, s, st, frames); err != nil || len(frames) == 0 {
			return nil, err
		}
	}
	return frames, nil
}

// where runs a sync's where steps over the frames of its match, as steps
// does, and tells the engine's Watch, if any, which query found no row
// for a frame and which step left no frame.
func (f *flow) where(ctx ctxT, s *program.Sync, frames [][]any) ([][]any, error) {
	if f.e.watch == nil {
		return f.steps(ctx, s, s.Where, frames)
	}
	for i, st := range s.Where {
		var empty bool
		var err error
		if frames, empty, err = f.step(ctx, s, st, frames); err != nil {
			return nil, err
		}
		if empty {
			f.e.watch(Event{Flow: f.id, Sync: s.Name, Step: i, Empty: true})
		}
		if len(frames) == 0 {
			f.e.watch(Event{Flow: f.id, Sync: s.Name, Step: i})
			return nil, nil
		}
	}
	return frames, nil
}

// step runs one where step over frames; empty reports that a query found
// no row for one of them.
func (f *flow) step(ctx ctxT, s *program.Sync, st program.Step, frames [][]any) (out [][]any, empty bool, err error) {
	switch st := st.(type) {
	case *program.Query:
		return f.query(ctx, st, frames)
	case *program.Filter:
		out, err = f.filter(s, st, frames)
		return out, false, err
	case *program.Bind:
		return frames, false, f.bind(s, st, frames)
	case *program.Collect:
		return frames, false, f.collect(ctx, s, st, frames)
	}
	return frames, false, nil
}

// query joins each frame with the rows the query returns; an optional
// query keeps a frame it finds no row for, with its outputs bound to nil.
// empty reports that it found no row for some frame.
// The query runs once for all the frames' inputs (rowsOf), by position
// (its plan): no map is built for an input or a row. The frames are the
// steps' own (steps copies what it is given), so a frame takes its first
// row's values in place, and only its further rows copy it.
func (f *flow) query(ctx ctxT, q *program.Query, frames [][]any) (out [][]any, empty bool, err error) {
	ins := make([][]any, len(frames))
	all := make([]any, len(frames)*len(q.In))
	for i, frame := range frames {
		ins[i] = values(all[i*len(q.In):(i+1)*len(q.In):(i+1)*len(q.In)], q.In, frame)
	}
	rows, err := f.rowsOf(ctx, q, ins)
	if err != nil {
		return nil, false, err
	}
	out = make([][]any, 0, len(frames))
	slab := newSlab(rows, frames)
	for i, frame := range frames {
		matched := false
		for _, row := range rows[i] {
			target := frame
			if matched {
				target = slab.copy(frame)
			}
			if matchAt(q.Out, row, target) {
				out, matched = append(out, target), true
			}
		}
		empty = empty || !matched
		if !matched && q.Optional {
			unbind(q.Out, frame)
			out = append(out, frame)
		}
	}
	return out, empty, nil
}

// slab holds the frames a query step adds, in one allocation: a frame that
// gets n rows adds n-1 frames.
type slab []any

// newSlab returns a slab with room for every frame the rows can add.
func newSlab(rows [][][]any, frames [][]any) slab {
	added := 0
	for _, r := range rows {
		added += max(len(r)-1, 0)
	}
	if added == 0 || len(frames) == 0 {
		return nil
	}
	return make(slab, 0, added*len(frames[0]))
}

// copy returns a copy of frame from the slab.
func (s *slab) copy(frame []any) []any {
	n := len(*s)
	*s = append(*s, frame...)
	return (*s)[n:len(*s):len(*s)]
}

// values fills out with the values of arguments from a frame, in their
// order, and returns it.
func values(out []any, args []program.Arg, frame []any) []any {
	for k, a := range args {
		if a.IsLiteral() {
			out[k] = a.Value
		} else {
			out[k] = frame[a.Slot]
		}
	}
	return out
}

// rowsOf returns the rows of the query for each input, in one call of the
// query for all the distinct inputs that need one: an input with a nil
// required value finds nothing without a call, and equal inputs share one
// (a page of articles by few authors asks for each author's profile once).
func (f *flow) rowsOf(ctx ctxT, q *program.Query, ins [][]any) ([][][]any, error) {
	out := make([][][]any, len(ins))
	b := f.newBatch(len(ins))
	for i, in := range ins {
		if !missing(q, in) {
			b.add(i, in)
		}
	}
	if len(b.ins) == 0 {
		return out, nil
	}
	start := time.Now()
	res, err := q.Plan.Call(ctx, b.ins)
	if err != nil {
		return nil, f.queryFailed(q, b.ins, start, err)
	}
	for _, w := range b.waiting {
		out[w.input] = res[w.call]
	}
	return out, nil
}

// missing reports whether a required input of the query is nil.
func missing(q *program.Query, in []any) bool {
	for _, k := range q.Required {
		if in[k] == nil {
			return true
		}
	}
	return false
}

// batch gathers the distinct inputs of one call of a query, and which
// input each call answers.
type batch struct {
	ins     [][]any        // the call's inputs
	index   map[string]int // by input key (value.AppendKey): the call input's index
	byText  map[string]int // of an input that is one string, by the string
	key     *[]byte        // scratch for a key
	waiting []answer       // the inputs the call answers
}

// answer says that call input call answers input input.
type answer struct{ input, call int }

// newBatch returns a batch with room for n inputs, on the flow's index,
// emptied.
func (f *flow) newBatch(n int) *batch {
	if f.index == nil {
		f.index, f.byText = make(map[string]int, n), make(map[string]int, n)
	}
	clear(f.index)
	clear(f.byText)
	return &batch{ins: make([][]any, 0, n), index: f.index, byText: f.byText, key: &f.key, waiting: make([]answer, 0, n)}
}

// add adds input i, or, when an equal input is there, has that one
// answer it. An input that is one string (an article's id, say) is its
// own key; of others, only a new key is copied into a string.
func (b *batch) add(i int, in []any) {
	if s, ok := soleString(in); ok {
		if j, dup := b.byText[s]; dup {
			b.waiting = append(b.waiting, answer{i, j})
			return
		}
		b.byText[s] = len(b.ins)
		b.waiting = append(b.waiting, answer{i, len(b.ins)})
		b.ins = append(b.ins, in)
		return
	}
	key, keyed := value.AppendKey((*b.key)[:0], in)
	*b.key = key
	if j, dup := b.index[string(key)]; keyed && dup {
		b.waiting = append(b.waiting, answer{i, j})
		return
	}
	if keyed {
		b.index[string(key)] = len(b.ins)
	}
	b.waiting = append(b.waiting, answer{i, len(b.ins)})
	b.ins = append(b.ins, in)
}

// soleString returns the one value of an input that is one string.
func soleString(in []any) (string, bool) {
	if len(in) != 1 {
		return "", false
	}
	s, ok := in[0].(string)
	return s, ok
}

// unbind sets the query's outputs to nil in the frame.
func unbind(args []program.Arg, frame []any) {
	for _, a := range args {
		if a.Bind {
			frame[a.Slot] = nil
		}
	}
}

// queryFailed records a query's failure in the flow, and returns it. The
// record's input is the call's one input, or the first of the many it
// answered at once, as the failure says.
func (f *flow) queryFailed(q *program.Query, ins [][]any, start time.Time, err error) error {
	concept, action := splitKey(q.Key)
	fail := asFailure(concept, action, err)
	msg := fail.Err.Error()
	if len(ins) > 1 {
		msg = fmt.Sprintf("%s (in one call for %d inputs; the first is shown)", msg, len(ins))
	}
	in := make(map[string]any, len(q.In))
	for k, a := range q.In {
		in[a.Param] = ins[0][k]
	}
	f.add(&record{key: q.Key, Record: trace.Record{
		ID: f.nextID(), Concept: concept, Action: action, Input: in,
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

// eval runs an expression over a frame, and returns its result as a flow
// value (value.Of: an expression's integers are numbers like any other);
// a literal is built without running it. The environment is the flow's
// scratch map; only the variables the expression reads are set in it, so
// what earlier expressions left there is never read.
func (f *flow) eval(s *program.Sync, x *program.Expr, frame []any) (any, error) {
	if x.Literal != nil {
		return x.Literal.Build(frame), nil
	}
	if f.env == nil {
		f.env = make(map[string]any, len(s.Slots))
	}
	for _, r := range x.Reads {
		f.env[r.Name] = frame[r.Slot]
	}
	v, err := f.vm.Run(x.Program, f.env)
	if err != nil {
		return nil, &ExprError{Sync: s.Name, Source: x.Source, Err: err}
	}
	return value.Of(v), nil
}

// ExprError is an expression that failed at run time, e.g. on a nil value.
// It is a failure: the flow stops.
type ExprError struct {
	Sync, Source string
	Err          error
}

// Error names the sync and the expression, then what went wrong.
func (e *ExprError) Error() string {
	return fmt.Sprintf("sync %s: expression %q: %v", e.Sync, e.Source, e.Err)
}

// Unwrap returns what went wrong.
func (e *ExprError) Unwrap() error { return e.Err }

func splitKey(key string) (concept, action string) {
	for i := range key {
		if key[i] == '.' {
			return key[:i], key[i+1:]
		}
	}
	return key, ""
}
