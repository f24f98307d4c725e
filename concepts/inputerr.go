package concepts

import "strings"

// wrongType says that x is not the kind of value a field wants, naming the
// JSON kind of x but never its value.
func wrongType(want string, x any) error {
	return &InputError{Problem: "want " + want + ", got " + jsonKind(x) +
		"; pass " + want + ", or change the Go field's type to fit the spec"}
}

// jsonKind names the kind of a JSON value, with its article.
func jsonKind(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64, float32, int, int64, int32:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "a Go value of another type"
}

// within puts err, an *InputError about part of a value, under the name of
// the field or list index that holds that value.
func within(name string, err error) error {
	ie, ok := err.(*InputError)
	if !ok {
		return err
	}
	switch {
	case ie.Param == "":
		ie.Param = name
	case strings.HasPrefix(ie.Param, "["):
		ie.Param = name + ie.Param
	default:
		ie.Param = name + "." + ie.Param
	}
	return ie
}

// missing says that a required input was not given.
func missing(name string) error {
	return &InputError{Param: name, Problem: "missing; pass it, or, if the spec makes it optional, " +
		"make its Go field a pointer or tag it `omitempty`"}
}

// unexpected says that an input was given that no field takes.
func unexpected(name string) error {
	return &InputError{Param: name, Problem: "unexpected: no field takes it; declare it in the spec and the " +
		"Go input struct, or add a map[string]any field tagged `legible:\"rest\"`"}
}
