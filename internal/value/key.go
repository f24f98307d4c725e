package value

import "strconv"

// AppendKey appends to buf an encoding of the scalar flow values vs, in
// their order, with their types, such that two lists of values share a
// key only when they are Equal item by item. A list or an object among vs
// has no key: ok is false.
func AppendKey(buf []byte, vs []any) (key []byte, ok bool) {
	for _, x := range vs {
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
		default:
			return buf, false
		}
	}
	return buf, true
}
