package value

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Format says how AppendJSON writes.
type Format struct {
	// Lenient writes a number JSON cannot hold (NaN, ±Inf) as a string of
	// its text instead of failing: traces are written so, to show it.
	Lenient bool
}

// AppendJSON appends the JSON of the flow value v to b, fast: what
// encoding/json writes for it without HTML escapes (SetEscapeHTML(false):
// <, > and & as they are), number formats alike, objects' keys sorted,
// without reflection. A value that is not a flow value is an error.
func AppendJSON(b []byte, v any, f Format) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case float64:
		return appendFloat(b, v, f.Lenient)
	case map[string]any:
		return appendObject(b, v, f)
	case []any:
		return appendArray(b, v, f)
	}
	return b, fmt.Errorf("a %T is not a flow value; make it one with value.Of", v)
}

// appendObject appends an object, its keys sorted as encoding/json sorts
// them.
func appendObject(b []byte, m map[string]any, f Format) ([]byte, error) {
	var small [16]string // the keys of most objects, without an allocation
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, k), ':')
		if b, err = AppendJSON(b, m[k], f); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendArray appends an array.
func appendArray(b []byte, a []any, f Format) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i, x := range a {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = AppendJSON(b, x, f); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendFloat appends a number as encoding/json writes a float64: the
// shortest decimal, in exponent form below 1e-6 and from 1e21. A number
// JSON cannot hold is an error, or, lenient, a string of its text.
func appendFloat(b []byte, f float64, lenient bool) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		text := strconv.FormatFloat(f, 'g', -1, 64)
		if lenient {
			return appendString(b, text), nil
		}
		return b, &json.UnsupportedValueError{Str: text}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// hex are the digits of \u escapes.
const hex = "0123456789abcdef"

// appendString appends a string as encoding/json writes it without HTML
// escapes: quoted, with control characters escaped as \u00XX (or \n, \r,
// \t, \b, \f), and invalid UTF-8 and the line separators U+2028 and
// U+2029 escaped too.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}
