package flow

import "strconv"

// appendInputKey appends to buf the encoding of the input values of a
// call, in the query's argument order, with their types, so that two
// inputs share a key only when they are equal. Only inputs of strings,
// numbers, booleans and nulls are encoded; for any other, ok is false, and
// the input is not merged with an equal one.
func appendInputKey(buf []byte, in []any) (key []byte, ok bool) {
	for _, x := range in {
		switch v := x.(type) {
		case nil:
			buf = append(buf, 'n', ';')
		case string:
			buf = append(buf, 's')
			buf = strconv.AppendInt(buf, int64(len(v)), 10)
			buf = append(buf, ':')
			buf = append(buf, v...)
		case bool:
			buf = strconv.AppendBool(buf, v)
			buf = append(buf, ';')
		case float64:
			buf = append(buf, 'f')
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, ';')
		case int:
			buf = append(buf, 'i')
			buf = strconv.AppendInt(buf, int64(v), 10)
			buf = append(buf, ';')
		default:
			return buf, false
		}
	}
	return buf, true
}
