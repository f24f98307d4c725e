package concepts

import (
	"context"
	"errors"
	"reflect"
)

// Handler runs one action or query of a concept implementation. Make one
// with Action or Query and register it on a Concept; get it back, bound to
// its concept and name, with Concept.Handler. A Handler is a small value,
// safe to copy and to call from many goroutines at once.
type Handler struct {
	a       *adapter
	concept string
	name    string
}

// adapter is what Action, Query and BatchQuery build: the signature, the
// shapes, the typed call of one input as a map, and, for a query, the
// call of many inputs by position (Plan).
type adapter struct {
	sig     Signature
	in, out *shape
	invoke  func(ctx context.Context, in map[string]any) (Result, error)
	planned func(ctx context.Context, p *Plan, ins [][]any) ([][][]any, error)
	batch   bool // made by BatchQuery
}

// Signature describes a handler's Go types, for the conformance check.
type Signature struct {
	Query   bool         // made by Query: returns rows
	In      reflect.Type // the input struct type
	Out     reflect.Type // the output struct type; for a query, the row type
	Inputs  []Field      // the fields of In, the rest field (if any) last
	Outputs []Field      // the fields of Out
}

// Call converts in to the handler's input struct, runs the Go function and
// converts what it returns. A concept error made with Errorf comes back as
// Result{Err: message} and a nil error, and so does an action input that
// does not fit its type: such values come from requests, and the app's
// error syncs answer them (422) like any other rejected input. Anything
// else that goes wrong, an ill-typed query input, another error from the
// function, or a panic in it, comes back as a *Failure naming the concept
// and action.
func (h Handler) Call(ctx context.Context, in map[string]any) (res Result, err error) {
	if h.a == nil {
		return Result{}, errors.New("concepts: Call on a zero Handler; make handlers with concepts.Action or concepts.Query")
	}
	defer h.recoverPanic(&res, &err)
	res, err = h.a.invoke(ctx, in)
	var ie *InputError
	switch {
	case err == nil:
		return res, nil
	case !h.IsQuery() && errors.As(err, &ie):
		return Result{Err: ie.Outcome()}, nil
	}
	return Result{}, &Failure{Concept: h.concept, Action: h.name, Err: err}
}

// IsBatch reports whether the handler was made by BatchQuery.
func (h Handler) IsBatch() bool { return h.a != nil && h.a.batch }

// recoverPanic turns a panic in the concept function into a failure.
func (h Handler) recoverPanic(res *Result, err *error) {
	if v := recover(); v != nil {
		*res, *err = Result{}, &Failure{Concept: h.concept, Action: h.name, Err: &PanicError{Value: v}}
	}
}

// Signature returns the handler's Go input and output types and fields.
func (h Handler) Signature() Signature {
	if h.a == nil {
		return Signature{}
	}
	return h.a.sig
}

// IsQuery reports whether the handler was made by Query.
func (h Handler) IsQuery() bool { return h.a != nil && h.a.sig.Query }

// Concept returns the name of the concept the handler is registered on.
func (h Handler) Concept() string { return h.concept }

// Name returns the action or query name the handler is registered under.
func (h Handler) Name() string { return h.name }

// outcome sorts an error returned by a concept function: a concept error
// becomes the {error} result, anything else stays a failure.
func outcome(err error) (Result, error) {
	var ce *Error
	if !errors.As(err, &ce) {
		return Result{}, err
	}
	if msg := err.Error(); msg != "" {
		return Result{Err: msg}, nil
	}
	return Result{Err: "error"}, nil
}
