package check

import (
	"reflect"

	exprtypes "github.com/expr-lang/expr/types"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/types"
)

// literalType is the type of a literal term.
func literalType(t spec.Term) types.Type {
	switch t.Kind {
	case spec.String:
		return types.Type{Kind: types.String}
	case spec.Number:
		return types.Type{Kind: types.Number}
	case spec.Bool:
		return types.Type{Kind: types.Boolean}
	}
	return types.Type{Kind: types.Any}
}

// exprType is the type expr's checker uses for a variable of type t.
func exprType(t types.Type) exprtypes.Type {
	switch t.Kind {
	case types.String, types.ID:
		return exprtypes.String
	case types.Number:
		return exprtypes.Float64
	case types.Boolean:
		return exprtypes.Bool
	case types.Object:
		if t.Values == types.String {
			return exprtypes.Map{exprtypes.Extra: exprtypes.String}
		}
		return exprtypes.Map{exprtypes.Extra: exprtypes.Any}
	case types.List:
		return exprtypes.TypeOf([]any{})
	}
	return exprtypes.Any
}

// fromReflect maps the result type of an expression back to a Type.
func fromReflect(t reflect.Type) types.Type {
	if t == nil {
		return types.Type{Kind: types.Any}
	}
	switch t.Kind() {
	case reflect.String:
		return types.Type{Kind: types.String}
	case reflect.Bool:
		return types.Type{Kind: types.Boolean}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return types.Type{Kind: types.Number}
	case reflect.Map, reflect.Struct:
		return types.Type{Kind: types.Object}
	case reflect.Slice, reflect.Array:
		return types.Type{Kind: types.List}
	}
	return types.Type{Kind: types.Any}
}
