package concepts

import (
	"reflect"
	"strconv"

	"github.com/legible/legible/internal/value"
)

var (
	listType   = reflect.TypeFor[[]any]()
	objectType = reflect.TypeFor[map[string]any]()
	emptyList  = []any{}
)

// collectionSetter returns the setter of the slice or map type t: null is
// the zero value; a value of type t, or of generic (the type decoded JSON
// has, when t converts to it), is stored as it is; anything else goes to
// fill, which converts it item by item.
func collectionSetter(t, generic reflect.Type, fill setter) setter {
	return func(dst reflect.Value, x any) error {
		if x == nil {
			dst.SetZero()
			return nil
		}
		if v := reflect.ValueOf(x); v.Type() == t || (v.Type() == generic && t.ConvertibleTo(generic)) {
			dst.Set(v.Convert(t))
			return nil
		}
		return fill(dst, x)
	}
}

// slice is the codec of []T: a JSON list, each item converted to T. A value
// that already has the slice's type is stored as it is.
func (b *builder) slice(t reflect.Type) (codec, error) {
	elem, err := b.codec(t.Elem())
	if err != nil {
		return codec{}, err
	}
	set := collectionSetter(t, listType, func(dst reflect.Value, x any) error {
		items, ok := x.([]any)
		if !ok {
			return wrongType("a list", x)
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			if err := elem.set(s.Index(i), item); err != nil {
				return within("["+strconv.Itoa(i)+"]", err)
			}
		}
		dst.Set(s)
		return nil
	})
	return codec{set, sliceEncoder(t, elem.enc)}, nil
}

// sliceEncoder encodes a slice as []any; a nil slice is an empty list.
func sliceEncoder(t reflect.Type, elem encoder) encoder {
	return func(src reflect.Value) any {
		if src.Len() == 0 {
			return emptyList
		}
		if t == listType {
			return value.Of(src.Interface())
		}
		out := make([]any, src.Len())
		for i := range out {
			out[i] = elem(src.Index(i))
		}
		return out
	}
}

// mapOf is the codec of map[string]T: a JSON object, each value converted
// to T. A value that already has the map's type is stored as it is.
func (b *builder) mapOf(t reflect.Type) (codec, error) {
	elem, err := b.codec(t.Elem())
	if err != nil {
		return codec{}, err
	}
	set := collectionSetter(t, objectType, func(dst reflect.Value, x any) error {
		obj, ok := x.(map[string]any)
		if !ok {
			return wrongType("an object", x)
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		v := reflect.New(t.Elem()).Elem()
		for k, item := range obj {
			v.SetZero()
			if err := elem.set(v, item); err != nil {
				return within(k, err)
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), v)
		}
		dst.Set(m)
		return nil
	})
	return codec{set, mapEncoder(t, elem.enc)}, nil
}

// mapEncoder encodes a map as map[string]any; a nil map is an empty object.
func mapEncoder(t reflect.Type, elem encoder) encoder {
	return func(src reflect.Value) any {
		if t == objectType && !src.IsNil() {
			return value.Of(src.Interface())
		}
		out := make(map[string]any, src.Len())
		for it := src.MapRange(); it.Next(); {
			out[it.Key().String()] = elem(it.Value())
		}
		return out
	}
}
