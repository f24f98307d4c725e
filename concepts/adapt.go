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
	return newHandler(false, in, out, invoke)
}

// Query adapts a Go function to a query handler. I and O must be struct
// types: I's fields are the query's inputs and O's fields the columns of
// each row it returns. It panics like Action.
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
		res := Result{Rows: make([]map[string]any, len(rows))}
		for k := range rows {
			res.Rows[k] = out.encode(reflect.ValueOf(&rows[k]).Elem())
		}
		return res, nil
	}
	return newHandler(true, in, out, invoke)
}

// newHandler assembles an unregistered handler.
func newHandler(query bool, in, out *shape, invoke func(context.Context, map[string]any) (Result, error)) Handler {
	sig := Signature{Query: query, In: in.typ, Out: out.typ, Inputs: in.descs, Outputs: out.descs}
	return Handler{a: &adapter{sig: sig, invoke: invoke}}
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
