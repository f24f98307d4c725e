package concepts

import (
	"context"
	"fmt"
	"reflect"
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
	return newHandler(false, in, out, invoke, nil)
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
	return newHandler(true, in, out, invoke, nil)
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
	batch := func(ctx context.Context, ms []map[string]any) ([]Result, error) {
		ins := make([]I, len(ms))
		for k, m := range ms {
			if err := in.decode(reflect.ValueOf(&ins[k]).Elem(), m, true); err != nil {
				return nil, err
			}
		}
		rows, err := fn(ctx, ins)
		if err != nil {
			res, err := outcome(err)
			return repeat(res, len(ms)), err
		}
		if len(rows) != len(ms) {
			return nil, fmt.Errorf("it returned the rows of %d inputs for %d inputs; return one list of rows per input, "+
				"in their order", len(rows), len(ms))
		}
		res := make([]Result, len(rows))
		for k, r := range rows {
			res[k] = Result{Rows: encodeRows(out, r)}
		}
		return res, nil
	}
	invoke := func(ctx context.Context, m map[string]any) (Result, error) {
		res, err := batch(ctx, []map[string]any{m})
		if err != nil {
			return Result{}, err
		}
		return res[0], nil
	}
	return newHandler(true, in, out, invoke, batch)
}

// encodeRows encodes the rows a query function returned.
func encodeRows[O any](out *shape, rows []O) []map[string]any {
	enc := make([]map[string]any, len(rows))
	for k := range rows {
		enc[k] = out.encode(reflect.ValueOf(&rows[k]).Elem())
	}
	return enc
}

// repeat returns n copies of res.
func repeat(res Result, n int) []Result {
	out := make([]Result, n)
	for k := range out {
		out[k] = res
	}
	return out
}

// newHandler assembles an unregistered handler; batch is nil for a
// handler that takes one input at a time.
func newHandler(query bool, in, out *shape, invoke func(context.Context, map[string]any) (Result, error),
	batch func(context.Context, []map[string]any) ([]Result, error)) Handler {
	sig := Signature{Query: query, In: in.typ, Out: out.typ, Inputs: in.descs, Outputs: out.descs}
	return Handler{a: &adapter{sig: sig, invoke: invoke, batch: batch}}
}

// mustShape returns the shape of T, the input, output or row type of a
// handler made by adapter, or panics saying what to change.
func mustShape[T any](adapter, role string) *shape {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("concepts.%s: the %s type %s is not a struct; declare a struct with one field per parameter "+
			"(struct{} when there are none)", adapter, role, typeName(t)))
	}
	b := &builder{shapes: map[reflect.Type]*shape{}}
	s, err := b.shape(t)
	if err == nil && s.rest != nil && role != "input" {
		err = fmt.Errorf("it has a rest field; only input structs take one")
	}
	if err != nil {
		panic(fmt.Sprintf("concepts.%s: %s type %s: %v", adapter, role, structName(t), err))
	}
	return s
}
