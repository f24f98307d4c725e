package concepts

import (
	"fmt"
	"reflect"
	"time"

	"github.com/legible/legible/internal/goname"
)

// setter stores the JSON value x in dst, which it converts to dst's type.
// dst is addressable. It returns an *InputError when x does not fit.
type setter func(dst reflect.Value, x any) error

// encoder turns the Go value src into a JSON value.
type encoder func(src reflect.Value) any

// codec converts the values of one Go type both ways.
type codec struct {
	set setter
	enc encoder
}

var timeType = reflect.TypeFor[time.Time]()

// builder makes the codecs of the types reachable from one struct type,
// once per type, so recursive types terminate.
type builder struct {
	shapes map[reflect.Type]*shape
}

// codec returns the codec of type t, or an error saying why a concept field
// cannot have that type.
func (b *builder) codec(t reflect.Type) (codec, error) {
	if t == timeType {
		return codec{setTime, encTime}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return codec{setString, encString}, nil
	case reflect.Bool:
		return codec{setBool, encBool}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return codec{setInt, encInt}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return codec{setUint, encUint}, nil
	case reflect.Float32, reflect.Float64:
		return codec{setFloat, encFloat}, nil
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return codec{setAny, encAny}, nil
		}
	case reflect.Pointer:
		return b.pointer(t)
	case reflect.Slice:
		return b.slice(t)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return b.mapOf(t)
		}
	case reflect.Struct:
		return b.object(t)
	}
	return codec{}, fmt.Errorf("type %s cannot hold a JSON value; use string, bool, an int or float type, "+
		"time.Time, a slice, a map with string keys, any, a struct, or a pointer to one of these", goname.Type(t))
}

// pointer is the codec of *T: nil is null, anything else fills a new T.
func (b *builder) pointer(t reflect.Type) (codec, error) {
	elem, err := b.codec(t.Elem())
	if err != nil {
		return codec{}, err
	}
	set := func(dst reflect.Value, x any) error {
		if x == nil {
			dst.SetZero()
			return nil
		}
		p := reflect.New(t.Elem())
		if err := elem.set(p.Elem(), x); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	enc := func(src reflect.Value) any {
		if src.IsNil() {
			return nil
		}
		return elem.enc(src.Elem())
	}
	return codec{set, enc}, nil
}

// object is the codec of a struct type other than time.Time: an object
// whose keys are the struct's parameter names.
func (b *builder) object(t reflect.Type) (codec, error) {
	s, err := b.shape(t)
	if err != nil {
		return codec{}, err
	}
	set := func(dst reflect.Value, x any) error {
		m, ok := x.(map[string]any)
		if !ok {
			return wrongType("an object", x)
		}
		return s.decode(dst, m, false)
	}
	return codec{set, func(src reflect.Value) any { return s.encode(src) }}, nil
}
