package concepts

import (
	"fmt"
	"reflect"
	"slices"
)

// shape is how one struct type is read from and written to a JSON object:
// one precomputed field per parameter, each with its codec.
type shape struct {
	typ    reflect.Type
	fields []field  // every field but the rest field, in declaration order
	rest   []int    // the index of the rest field; nil when there is none
	names  []string // the parameter names of fields
	descs  []Field  // every field, the rest field last, for Signature
}

// field is one parameter of a shape.
type field struct {
	member
	codec
}

// shape returns the shape of struct type t, building it once per builder.
func (b *builder) shape(t reflect.Type) (*shape, error) {
	if s, ok := b.shapes[t]; ok {
		return s, nil
	}
	s := &shape{typ: t}
	b.shapes[t] = s // before the fields, so a type that contains itself terminates
	members, err := membersOf(t, nil)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if err := s.add(b, m); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// add adds one field to the shape.
func (s *shape) add(b *builder, m member) error {
	if m.Rest {
		if s.rest != nil {
			return fmt.Errorf("field %s is a second rest field; keep one", m.GoName)
		}
		s.rest = m.index
		s.descs = append(s.descs, m.Field)
		return nil
	}
	if slices.Contains(s.names, m.Name) {
		return fmt.Errorf("field %s takes the parameter %q, as an earlier field does; give each field its own json name", m.GoName, m.Name)
	}
	c, err := b.codec(m.Type)
	if err != nil {
		return fmt.Errorf("field %s: %w", m.GoName, err)
	}
	s.fields = append(s.fields, field{member: m, codec: c})
	s.names = append(s.names, m.Name)
	s.descs = slices.Insert(s.descs, len(s.fields)-1, m.Field)
	return nil
}

// decode fills dst, a value of the shape's type, from the object in. Every
// key of in must be taken by a field or the rest field when strict is set.
func (s *shape) decode(dst reflect.Value, in map[string]any, strict bool) error {
	seen := 0
	for i := range s.fields {
		f := &s.fields[i]
		x, ok := in[f.Name]
		if !ok {
			if f.Optional {
				continue
			}
			return missing(f.Name)
		}
		seen++
		if x == nil && f.Optional {
			continue
		}
		if err := f.set(dst.FieldByIndex(f.index), x); err != nil {
			return within(f.Name, err)
		}
	}
	if seen == len(in) || (s.rest == nil && !strict) {
		return nil
	}
	return s.extra(dst, in)
}

// extra puts the keys of in that no field takes into the rest field, or,
// without one, reports the first of them.
func (s *shape) extra(dst reflect.Value, in map[string]any) error {
	var rest map[string]any
	var keys []string
	for k, x := range in {
		if slices.Contains(s.names, k) {
			continue
		}
		if s.rest == nil {
			keys = append(keys, k)
			continue
		}
		if rest == nil {
			rest = make(map[string]any, len(in)-len(s.names))
		}
		rest[k] = x
	}
	if s.rest == nil {
		return unexpected(slices.Min(keys))
	}
	dst.FieldByIndex(s.rest).Set(reflect.ValueOf(rest))
	return nil
}

// encode returns the object for src, a value of the shape's type.
func (s *shape) encode(src reflect.Value) map[string]any {
	out := make(map[string]any, len(s.fields))
	for i := range s.fields {
		f := &s.fields[i]
		out[f.Name] = f.enc(src.FieldByIndex(f.index))
	}
	return out
}
