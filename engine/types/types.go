// Package types holds the types of the spec language: those a concept
// declares for its parameters, and those the checker infers for
// variables and expressions.
package types

// Kind is the shape of a value.
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

// Type is a value's type.
type Type struct {
	Kind  Kind
	Name  string // the id type's name
	Param bool   // a concept's type parameter, which stands for any id
	// Values is the kind of each value of an Object whose values are all
	// of one kind (a request's `query`: strings); Any when they may differ.
	Values Kind
}

// Builtin are the type names every spec may use, by kind.
var Builtin = map[string]Kind{
	"Any": Any, "String": String, "Number": Number, "Boolean": Boolean, "Object": Object, "List": List,
}

// Of turns a declared type name into a Type: a built-in type, one of
// params (a concept's type parameters), or an entity's id.
func Of(name string, params ...string) Type {
	if k, ok := Builtin[name]; ok {
		return Type{Kind: k}
	}
	for _, p := range params {
		if p == name {
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
	for name, k := range Builtin {
		if k == t.Kind {
			return name
		}
	}
	return "Any"
}

// Compatible reports whether a value of type a may flow where b is
// declared. Ids are strings at run time, so String and ids mix; two
// distinct entity ids do not, unless one is a type parameter.
func Compatible(a, b Type) bool {
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
