package concepts

import (
	"context"
	"fmt"
	"reflect"

	"github.com/legible/legible/internal/goname"
)

// Action adapts a Go function to an action handler. I and O must be struct
// types (O may be struct{} for an action without outputs); their fields are
// the action's inputs and outputs. It panics, as registration mistakes
// should, when a type is not a struct or has a field that cannot hold a
// JSON value.
func Action[I, O any](fn func(context.Context, I) (O, error)) Handler {
	if fn == nil {
		panic("concepts.Action: the function is nil")
	}
	in, out := mustShape[I]("Action", "input"), mustShape[O]("Action", "output")
	invoke := func(ctx context.Context, m map[string]any) (Result, error) {
		var box struct { // one allocation for both structs; exported, so reflect may set them
			In  I
			Out O
		}
		v := reflect.ValueOf(&box).Elem()
		if err := in.decode(v.Field(0), m, true); err != nil {
			return Result{}, err
		}
		var err error
		if box.Out, err = fn(ctx, box.In); err != nil {
			return outcome(err)
		}
		return Result{Out: out.encode(v.Field(1))}, nil
	}
	return newHandler(false, in, out, invoke, nil, false)
}

// Query adapts a Go function to a query handler. I and O must be struct
// types: I's fields are the query's inputs and O's fields the columns of
// each row it returns. It panics like Action. When a where step runs the
// query for many frames, the engine calls fn once per distinct input; a
// query that can answer many inputs at once, with one indexed query,
// should use BatchQuery instead.
func Query[I, O any](fn func(context.Context, I) ([]O, error)) Handler {
	if fn == nil {
		panic("concepts.Query: the function is nil")
	}
	in, out := mustShape[I]("Query", "input"), mustShape[O]("Query", "row")
	invoke := func(ctx context.Context, m map[string]any) (Result, error) {
		var i I
		if err := in.decode(reflect.ValueOf(&i).Elem(), m, true); err != nil {
			return Result{}, err
		}
		rows, err := fn(ctx, i)
		if err != nil {
			return outcome(err)
		}
		return Result{Rows: encodeRows(out, rows)}, nil
	}
	planned := func(ctx context.Context, p *Plan, vals [][]any) ([][][]any, error) {
		ins, err := decodeAll[I](in, p, vals)
		if err != nil {
			return nil, err
		}
		rows := make([][]O, len(ins))
		for k, i := range ins {
			r, err := fn(ctx, i)
			switch {
			case conceptError(err):
			case err != nil:
				return nil, err
			default:
				rows[k] = r
			}
		}
		return rowsAt(out, p, rows), nil
	}
	return newHandler(true, in, out, invoke, planned, false)
}

// BatchQuery adapts a Go function that answers a query for many inputs at
// once to a query handler: given the inputs, fn returns the rows of each,
// in their order. When a where step runs the query for many frames (the
// tags of each article of a page), the engine calls fn once with all their
// distinct inputs, and joins the rows back to the frames, as GraphQL's
// DataLoader does; a single input is a batch of one. I and O are as for
// Query, and the spec declares the query as for Query: both forms are the
// same query to conformance, to traces and to syncs. A concept error from
// fn is the error outcome of every input.
func BatchQuery[I, O any](fn func(context.Context, []I) ([][]O, error)) Handler {
	if fn == nil {
		panic("concepts.BatchQuery: the function is nil")
	}
	in, out := mustShape[I]("BatchQuery", "input"), mustShape[O]("BatchQuery", "row")
	call := func(ctx context.Context, ins []I) ([][]O, error) {
		rows, err := fn(ctx, ins)
		if err == nil && len(rows) != len(ins) {
			err = fmt.Errorf("it returned the rows of %d inputs for %d inputs; return one list of rows per input, "+
				"in their order", len(rows), len(ins))
		}
		return rows, err
	}
	invoke := func(ctx context.Context, m map[string]any) (Result, error) {
		var i I
		if err := in.decode(reflect.ValueOf(&i).Elem(), m, true); err != nil {
			return Result{}, err
		}
		rows, err := call(ctx, []I{i})
		if err != nil {
			return outcome(err)
		}
		return Result{Rows: encodeRows(out, rows[0])}, nil
	}
	planned := func(ctx context.Context, p *Plan, vals [][]any) ([][][]any, error) {
		ins, err := decodeAll[I](in, p, vals)
		if err != nil {
			return nil, err
		}
		rows, err := call(ctx, ins)
		switch {
		case conceptError(err):
			return make([][][]any, len(ins)), nil
		case err != nil:
			return nil, err
		}
		return rowsAt(out, p, rows), nil
	}
	return newHandler(true, in, out, invoke, planned, true)
}

// encodeRows encodes the rows a query function returned.
func encodeRows[O any](out *shape, rows []O) []map[string]any {
	enc := make([]map[string]any, len(rows))
	for k := range rows {
		enc[k] = out.encode(reflect.ValueOf(&rows[k]).Elem())
	}
	return enc
}

// newHandler assembles an unregistered handler; planned is nil for an
// action, and batch tells BatchQuery's handlers.
func newHandler(query bool, in, out *shape, invoke func(context.Context, map[string]any) (Result, error),
	planned func(context.Context, *Plan, [][]any) ([][][]any, error), batch bool) Handler {
	sig := Signature{Query: query, In: in.typ, Out: out.typ, Inputs: in.descs, Outputs: out.descs}
	return Handler{a: &adapter{sig: sig, in: in, out: out, invoke: invoke, planned: planned, batch: batch}}
}

// mustShape returns the shape of T, the input, output or row type of a
// handler made by adapter, or panics saying what to change.
func mustShape[T any](adapter, role string) *shape {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("concepts.%s: the %s type %s is not a struct; declare a struct with one field per parameter "+
			"(struct{} when there are none)", adapter, role, goname.Type(t)))
	}
	b := &builder{shapes: map[reflect.Type]*shape{}}
	s, err := b.shape(t)
	if err == nil && s.rest != nil && role != "input" {
		err = fmt.Errorf("it has a rest field; only input structs take one")
	}
	if err != nil {
		panic(fmt.Sprintf("concepts.%s: %s type %s: %v", adapter, role, goname.Struct(t), err))
	}
	return s
}
