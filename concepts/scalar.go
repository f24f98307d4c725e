package concepts

import (
	"math"
	"reflect"
	"time"

	"github.com/legible/legible/internal/goname"
	"github.com/legible/legible/internal/value"
)

// The setters and encoders of the scalar types.

func setString(dst reflect.Value, x any) error {
	s, ok := x.(string)
	if !ok {
		return wrongType("a string", x)
	}
	dst.SetString(s)
	return nil
}

func encString(src reflect.Value) any { return src.String() }

func setBool(dst reflect.Value, x any) error {
	v, ok := x.(bool)
	if !ok {
		return wrongType("a boolean", x)
	}
	dst.SetBool(v)
	return nil
}

func encBool(src reflect.Value) any { return src.Bool() }

func setInt(dst reflect.Value, x any) error {
	n, ok := toInt(x)
	if !ok {
		return wrongType("an integer", x)
	}
	if dst.OverflowInt(n) {
		return &InputError{Problem: "the number is out of range for " + goname.Type(dst.Type()) + "; use a wider integer type"}
	}
	dst.SetInt(n)
	return nil
}

// toInt converts a JSON number, or a Go int, to int64; a number with a
// fractional part, or beyond int64, does not convert.
func toInt(x any) (int64, bool) {
	switch v := x.(type) {
	case float64:
		if v != math.Trunc(v) || v < math.MinInt64 || v >= math.MaxInt64 {
			return 0, false
		}
		return int64(v), true
	case int:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}

func encInt(src reflect.Value) any { return float64(src.Int()) }

func setUint(dst reflect.Value, x any) error {
	n, ok := toInt(x)
	if !ok || n < 0 {
		return wrongType("a non-negative integer", x)
	}
	if dst.OverflowUint(uint64(n)) {
		return &InputError{Problem: "the number is out of range for " + goname.Type(dst.Type()) + "; use a wider integer type"}
	}
	dst.SetUint(uint64(n))
	return nil
}

func encUint(src reflect.Value) any { return float64(src.Uint()) }

func setFloat(dst reflect.Value, x any) error {
	switch v := x.(type) {
	case float64:
		dst.SetFloat(v)
	case int:
		dst.SetFloat(float64(v))
	case int64:
		dst.SetFloat(float64(v))
	default:
		return wrongType("a number", x)
	}
	return nil
}

func encFloat(src reflect.Value) any { return src.Float() }

func setTime(dst reflect.Value, x any) error {
	switch v := x.(type) {
	case time.Time:
		dst.Set(reflect.ValueOf(v))
		return nil
	case string:
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return &InputError{Problem: "want an RFC 3339 time such as 2006-01-02T15:04:05Z, got a string in another format"}
		}
		dst.Set(reflect.ValueOf(t))
		return nil
	}
	return wrongType("an RFC 3339 time string", x)
}

func encTime(src reflect.Value) any {
	return src.Interface().(time.Time).Format(time.RFC3339Nano)
}

// setAny stores x as it is in an empty-interface field.
func setAny(dst reflect.Value, x any) error {
	if x == nil {
		dst.SetZero()
		return nil
	}
	dst.Set(reflect.ValueOf(x))
	return nil
}

func encAny(src reflect.Value) any {
	if src.IsNil() {
		return nil
	}
	return value.Of(src.Elem().Interface())
}
