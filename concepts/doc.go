// Package concepts is the Go side of legible's concepts: the API a concept
// implementation uses to register its actions and queries, the adapters
// that turn the engine's JSON-like values into typed Go structs and back,
// the registry of implementations by concept name, and the conformance
// check that compares an implementation with its YAML spec.
//
// An implementation registers typed Go functions under their spec names:
//
//	c := concepts.New("Sessioning").
//		Action("create", concepts.Action(s.Create)).
//		Query("_getUser", concepts.Query(s.GetUser))
//
// Action and Query inspect the input and output struct types once, when
// they are called, and precompute how to fill and read every field; a
// Handler's Call does no reflection lookups by name.
//
// # Field names
//
// A struct field's parameter name is its `json` tag name, else its Go name
// with the first letter lower-cased (User → user). Unexported fields and
// fields tagged `json:"-"` are skipped; embedded structs without a json
// name have their fields promoted. An input field is optional when it is a
// pointer or its json tag has omitempty. A field of type map[string]any
// tagged `legible:"rest"` receives every input no other field takes, for
// specs whose inputs include "*".
//
// # Values
//
// Inputs arrive as JSON values: string, float64, bool, nil, map[string]any
// and []any. They convert to string and bool fields, to int, uint and float
// fields (an integer field rejects a number with a fractional part), to
// time.Time from an RFC 3339 string, to slices, to maps with string keys,
// to structs from objects, to any, and to pointers to these. A nil input is
// a null: it leaves an optional field unset and fills a required pointer,
// slice, map or any field with nil; for other required fields it is a wrong
// type. The top-level inputs must all be taken by a field, or by the rest
// field; nested objects may carry keys that no field takes.
//
// Outputs are JSON values of the same kinds: numbers become float64,
// time.Time becomes an RFC 3339 string, structs become map[string]any, nil
// pointers become nil, and nil slices and maps become empty ones. Every
// output field is present; omitempty does not drop outputs. Values held in
// any, []any and map[string]any fields pass through as they are when they
// are such JSON values already; any other Go value there becomes one as
// its JSON encoding decodes (an int a number, a []string a list).
//
// # Outcomes
//
// A concept function returns its output, or a concept error made with
// Errorf, which Call returns as Result{Err: message}: the {error: "…"}
// outcome that syncs match. An action input that is missing or has the
// wrong type is an error outcome too ("input `value`: want a number, got a
// string"): such values come from requests, so the app's error syncs
// answer them. Any other error, a panic in the function, and a query input
// that does not fit are failures: Call returns them as a *Failure error
// naming the concept and the action.
package concepts
