package check

import (
	"reflect"

	"github.com/expr-lang/expr/types"

	"github.com/legible/legible/engine/spec"
)

// Kind is the shape of a value a variable can hold.
type Kind int

// The kinds of value; ID is an opaque identifier such as User or Session.
const (
	Any Kind = iota
	String
	Number
	Boolean
	Object
	List
	ID
)

// Type is a variable's type as the checker infers it.
type Type struct {
	Kind  Kind
	Name  string // the id type's name
	Param bool   // a concept's type parameter, which stands for any id
}

var builtinTypes = map[string]Kind{
	"Any": Any, "String": String, "Number": Number, "Boolean": Boolean, "Object": Object, "List": List,
}

// typeOf turns a declared type name into a Type, in the context of concept c.
func typeOf(c *spec.Concept, name string) Type {
	if k, ok := builtinTypes[name]; ok {
		return Type{Kind: k}
	}
	for _, p := range c.Params {
		if p.Name == name {
			return Type{Kind: ID, Name: name, Param: true}
		}
	}
	return Type{Kind: ID, Name: name}
}

// String names the type as spec authors write it.
func (t Type) String() string {
	if t.Kind == ID {
		return t.Name
	}
	for name, k := range builtinTypes {
		if k == t.Kind {
			return name
		}
	}
	return "Any"
}

// compatible reports whether a value of type a may flow where b is declared.
// Ids are strings at run time, so String and ids mix; two distinct entity
// ids do not, unless one is a type parameter.
func compatible(a, b Type) bool {
	switch {
	case a.Kind == Any || b.Kind == Any:
		return true
	case a.Kind == ID && b.Kind == ID:
		return a.Param || b.Param || a.Name == b.Name
	case a.Kind == ID:
		return b.Kind == String
	case b.Kind == ID:
		return a.Kind == String
	}
	return a.Kind == b.Kind
}

// literalType is the type of a literal term.
func literalType(t spec.Term) Type {
	switch t.Kind {
	case spec.String:
		return Type{Kind: String}
	case spec.Number:
		return Type{Kind: Number}
	case spec.Bool:
		return Type{Kind: Boolean}
	}
	return Type{Kind: Any}
}

// exprType is the type expr's checker uses for a variable of type t.
func exprType(t Type) types.Type {
	switch t.Kind {
	case String, ID:
		return types.String
	case Number:
		return types.Float64
	case Boolean:
		return types.Bool
	case Object:
		return types.Map{types.Extra: types.Any}
	case List:
		return types.TypeOf([]any{})
	}
	return types.Any
}

// fromReflect maps the result type of an expression back to a Type.
func fromReflect(t reflect.Type) Type {
	if t == nil {
		return Type{Kind: Any}
	}
	switch t.Kind() {
	case reflect.String:
		return Type{Kind: String}
	case reflect.Bool:
		return Type{Kind: Boolean}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return Type{Kind: Number}
	case reflect.Map, reflect.Struct:
		return Type{Kind: Object}
	case reflect.Slice, reflect.Array:
		return Type{Kind: List}
	}
	return Type{Kind: Any}
}
