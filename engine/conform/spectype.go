package conform

import (
	"reflect"
	"time"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/goname"
)

// timeType is the type of time.Time, which holds a String.
var timeType = reflect.TypeFor[time.Time]()

// specKind is the kind of value a spec type stands for.
type specKind int

// The spec kinds; kindID is an id type such as User or Session.
const (
	kindAny specKind = iota
	kindString
	kindNumber
	kindBoolean
	kindObject
	kindList
	kindID
)

var specKinds = map[string]specKind{
	"Any": kindAny, "String": kindString, "Number": kindNumber, "Boolean": kindBoolean,
	"Object": kindObject, "List": kindList,
}

// kindOf returns the kind of a spec type name; any other name is an id type.
func kindOf(typ string) specKind {
	if k, ok := specKinds[typ]; ok {
		return k
	}
	return kindID
}

// holds reports whether a Go field of type t can hold a value of spec type
// typ. Pointers hold what their element holds; an empty interface holds
// anything.
func holds(t reflect.Type, typ string) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	k := kindOf(typ)
	if k == kindAny || (t.Kind() == reflect.Interface && t.NumMethod() == 0) {
		return true
	}
	switch k {
	case kindString:
		return t.Kind() == reflect.String || t == timeType
	case kindID:
		return t.Kind() == reflect.String
	case kindNumber:
		return isNumber(t.Kind())
	case kindBoolean:
		return t.Kind() == reflect.Bool
	case kindObject:
		return t.Kind() == reflect.Map || (t.Kind() == reflect.Struct && t != timeType)
	}
	return t.Kind() == reflect.Slice
}

// isNumber reports whether k is an integer or floating-point kind.
func isNumber(k reflect.Kind) bool {
	return (k >= reflect.Int && k <= reflect.Uint64) || k == reflect.Float32 || k == reflect.Float64
}

// describe names a spec type with its article, as messages use it.
func describe(typ string) string {
	switch kindOf(typ) {
	case kindID:
		return "a " + typ + " id"
	case kindAny, kindObject:
		return "an " + typ
	}
	return "a " + typ
}

// goTypesFor says which Go types hold spec type typ.
func goTypesFor(typ string) string {
	switch kindOf(typ) {
	case kindString:
		return "string (or time.Time)"
	case kindID:
		return "string (ids are strings)"
	case kindNumber:
		return "int, int64 or float64"
	case kindBoolean:
		return "bool"
	case kindObject:
		return "map[string]any or a struct"
	case kindList:
		return "a slice such as []any or []string"
	}
	return "any"
}

// fieldFor writes the Go field declaration that fits spec parameter p, for
// hints: `Bio *string`, or `Tags []any` tagged `json:"tags,omitempty"`.
func fieldFor(p *spec.Param) string {
	goType := map[specKind]string{
		kindAny: "any", kindString: "string", kindID: "string", kindNumber: "float64",
		kindBoolean: "bool", kindObject: "map[string]any", kindList: "[]any",
	}[kindOf(p.Type.Name)]
	scalar := goType == "string" || goType == "float64" || goType == "bool"
	if p.Optional && scalar {
		goType = "*" + goType
	}
	name := goname.Upper(p.Name.Name)
	decl := "the field `" + name + " " + goType + "`"
	switch {
	case p.Optional && !scalar:
		return decl + " tagged `json:\"" + p.Name.Name + ",omitempty\"`"
	case goname.Lower(name) != p.Name.Name:
		return decl + " tagged `json:\"" + p.Name.Name + "\"`"
	}
	return decl
}
