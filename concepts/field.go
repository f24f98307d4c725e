package concepts

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/legible/legible/internal/goname"
)

// Field describes one field of a handler's input or output struct, as the
// conformance check compares it with the spec.
type Field struct {
	Name     string       // the parameter name: the json tag name, else the Go name lower-cased
	GoName   string       // the Go field name
	Type     reflect.Type // the Go field type
	Optional bool         // a pointer, or tagged omitempty
	Rest     bool         // the map[string]any tagged `legible:"rest"` that takes unmatched inputs
}

// member is a Field with where it sits in its struct.
type member struct {
	Field
	index []int
}

var restType = reflect.TypeFor[map[string]any]()

// membersOf lists the fields of struct type t that carry a parameter,
// promoting the fields of embedded structs, in declaration order.
func membersOf(t reflect.Type, index []int) ([]member, error) {
	var out []member
	for i := range t.NumField() {
		sf := t.Field(i)
		at := append(append([]int(nil), index...), i)
		name, omitempty, tagged := jsonName(sf)
		switch {
		case name == "-":
			continue
		case sf.Anonymous && !tagged && sf.Type.Kind() == reflect.Struct:
			inner, err := membersOf(sf.Type, at)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
			continue
		case sf.Anonymous && sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Struct:
			return nil, fmt.Errorf("field %s embeds a pointer; embed the struct itself", sf.Name)
		case !sf.IsExported():
			continue
		}
		m, err := newMember(sf, at, name, omitempty)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// newMember describes one exported field.
func newMember(sf reflect.StructField, index []int, name string, omitempty bool) (member, error) {
	m := member{index: index, Field: Field{
		Name: name, GoName: sf.Name, Type: sf.Type,
		Optional: omitempty || sf.Type.Kind() == reflect.Pointer,
		Rest:     sf.Tag.Get("legible") == "rest",
	}}
	if tag := sf.Tag.Get("legible"); tag != "" && tag != "rest" {
		return m, fmt.Errorf("field %s has tag legible:%q; the only legible tag is `legible:\"rest\"`", sf.Name, tag)
	}
	if m.Rest && sf.Type != restType {
		return m, fmt.Errorf("rest field %s has type %s; a rest field must be map[string]any", sf.Name, goname.Type(sf.Type))
	}
	return m, nil
}

// jsonName returns the parameter name of a field, whether its json tag has
// omitempty, and whether the tag names the field.
func jsonName(sf reflect.StructField) (name string, omitempty, tagged bool) {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "-", false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	for _, o := range strings.Split(opts, ",") {
		omitempty = omitempty || o == "omitempty"
	}
	if name != "" {
		return name, omitempty, true
	}
	return goname.Lower(sf.Name), omitempty, false
}
