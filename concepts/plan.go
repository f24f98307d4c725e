package concepts

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// Plan is a query handler bound to the inputs one where step passes and
// the columns it reads, by position: the engine calls it with each
// frame's input values in that order, and gets each row's values of those
// columns in that order, so no call builds a map of names. Make one with
// Handler.Plan when the program is compiled.
type Plan struct {
	h   Handler
	in  []int // by input position: the index of its field, or -1 for the rest field
	ins []string
	out []int // by column position: the index of its field
}

// Plan binds the query to the input names ins and the column names outs:
// each must be a parameter of the query (an input name may go to the rest
// field), and ins must hold every required input.
func (h Handler) Plan(ins, outs []string) (*Plan, error) {
	if h.a == nil || !h.IsQuery() {
		return nil, errors.New("concepts: Plan of an action or a zero handler; plans are for queries")
	}
	p := &Plan{h: h, ins: ins, in: make([]int, len(ins)), out: make([]int, len(outs))}
	for k, name := range ins {
		p.in[k] = slices.Index(h.a.in.names, name)
		if p.in[k] < 0 && h.a.in.rest == nil {
			return nil, p.wrong(unexpected(name))
		}
	}
	for i, f := range h.a.in.fields {
		if !f.Optional && !slices.Contains(p.in, i) {
			return nil, p.wrong(missing(f.Name))
		}
	}
	for k, name := range outs {
		if p.out[k] = slices.Index(h.a.out.names, name); p.out[k] < 0 {
			return nil, p.wrong(fmt.Errorf("no column %s; the rows have %v", name, h.a.out.names))
		}
	}
	return p, nil
}

// wrong is the error of a plan that does not fit the query.
func (p *Plan) wrong(err error) error {
	return &Failure{Concept: p.h.concept, Action: p.h.name, Err: err}
}

// Handler returns the handler the plan calls.
func (p *Plan) Handler() Handler { return p.h }

// Inputs returns the input names, in their order.
func (p *Plan) Inputs() []string { return p.ins }

// Call runs the query for each input, its values in the plan's order, and
// returns, by input, the rows, each its values of the plan's columns in
// their order: in one call of the Go function for a handler made by
// BatchQuery, else in one call per input. A concept error finds no rows.
// An error is a *Failure, as from Handler.Call.
func (p *Plan) Call(ctx context.Context, ins [][]any) (rows [][][]any, err error) {
	var res Result
	defer p.h.recoverPanic(&res, &err)
	if rows, err = p.h.a.planned(ctx, p, ins); err != nil {
		return nil, &Failure{Concept: p.h.concept, Action: p.h.name, Err: err}
	}
	return rows, nil
}

// decodeAt fills dst, a value of the shape's type, from values by
// position: fields[k] is the index of the field that values[k] goes to,
// or -1 for the rest field, under the name names[k].
func (s *shape) decodeAt(dst reflect.Value, fields []int, names []string, values []any) error {
	var rest map[string]any
	for k, i := range fields {
		x := values[k]
		if i < 0 {
			if rest == nil {
				rest = map[string]any{}
			}
			rest[names[k]] = x
			continue
		}
		f := &s.fields[i]
		if x == nil && f.Optional {
			continue
		}
		if err := f.set(dst.FieldByIndex(f.index), x); err != nil {
			return within(f.Name, err)
		}
	}
	if rest != nil {
		dst.FieldByIndex(s.rest).Set(reflect.ValueOf(rest))
	}
	return nil
}

// encodeAt fills dst with the values of the fields, by index, of src, a
// value of the shape's type.
func (s *shape) encodeAt(dst []any, src reflect.Value, fields []int) {
	for k, i := range fields {
		f := &s.fields[i]
		dst[k] = f.enc(src.FieldByIndex(f.index))
	}
}

// rowsAt encodes the rows a query function returned for each input, by
// the plan's columns: the rows of all inputs in one allocation, and their
// values in another. An input without rows (nil) has none.
func rowsAt[O any](out *shape, p *Plan, rows [][]O) [][][]any {
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	res := make([][][]any, len(rows))
	if total == 0 {
		return res
	}
	n := len(p.out)
	enc := make([][]any, total)
	all := make([]any, total*n)
	at := 0
	for i, r := range rows {
		res[i] = enc[at : at+len(r) : at+len(r)]
		for k := range r {
			res[i][k] = all[(at+k)*n : (at+k+1)*n : (at+k+1)*n]
			out.encodeAt(res[i][k], reflect.ValueOf(&r[k]).Elem(), p.out)
		}
		at += len(r)
	}
	return res
}

// decodeAll decodes the inputs of a plan's call.
func decodeAll[I any](in *shape, p *Plan, vals [][]any) ([]I, error) {
	ins := make([]I, len(vals))
	for k := range vals {
		if err := in.decodeAt(reflect.ValueOf(&ins[k]).Elem(), p.in, p.ins, vals[k]); err != nil {
			return nil, err
		}
	}
	return ins, nil
}

// conceptError reports whether err is a concept error: the query finds
// no rows.
func conceptError(err error) bool {
	var ce *Error
	return errors.As(err, &ce)
}
