package concepts

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a concept error: an expected outcome of an action, such as
// "email already taken", which syncs can match as {error: "…"}. Make one
// with Errorf.
type Error struct {
	Message string
	cause   error
}

// Errorf returns a concept error whose message is formatted as fmt.Errorf
// formats it; a %w verb keeps the wrapped error reachable by errors.Is and
// errors.As. Call turns it into Result{Err: message}.
func Errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Message: err.Error(), cause: errors.Unwrap(err)}
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the error wrapped with %w, if any.
func (e *Error) Unwrap() error { return e.cause }

// Failure is an error that is not a concept error: a Go error returned by
// the concept function, a panic in it, or an input that does not fit the
// function's input struct. It stops the flow.
type Failure struct {
	Concept string // the concept's name; empty for a handler not yet registered
	Action  string // the action or query's name
	Err     error  // what went wrong: an *InputError, a *PanicError or the function's error
}

// Error names the concept and action, then what went wrong.
func (f *Failure) Error() string {
	if f.Concept == "" && f.Action == "" {
		return "unregistered handler: " + f.Err.Error()
	}
	return f.Concept + "." + f.Action + ": " + f.Err.Error()
}

// Unwrap returns the underlying error.
func (f *Failure) Unwrap() error { return f.Err }

// InputError says that an input value is missing, unexpected, or of a type
// its Go field cannot hold. It never quotes the value, which may be secret.
type InputError struct {
	Param   string // the input's path, e.g. user, author.name or tags[2]
	Problem string // what is wrong and what to do about it
}

// Outcome is the message of the error outcome an ill-typed action input
// becomes: the problem without the advice to developers, e.g.
// "input `value`: want a number, got a string".
func (e *InputError) Outcome() string {
	problem, _, _ := strings.Cut(e.Problem, ";")
	return "input `" + e.Param + "`: " + problem
}

// Error returns "input `param`: problem".
func (e *InputError) Error() string { return "input `" + e.Param + "`: " + e.Problem }

// PanicError is a panic recovered from a concept function.
type PanicError struct {
	Value any // the value passed to panic
}

// Error returns "panic: " and the panic value; the stack is not kept.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// TooLong returns a concept error when value, the input name, has more
// than most characters (runes, not bytes), saying so; nil otherwise. The
// built-in concepts bound their text inputs with it, as their specs say.
func TooLong(name, value string, most int) error {
	if n := utf8.RuneCountInString(value); n > most {
		return Errorf("%s has %d characters; the most is %d: shorten it", name, n, most)
	}
	return nil
}
