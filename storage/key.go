package storage

import "strings"

// Key makes one id of several parts, such as a follower and a followee:
// the parts joined by "/", with "%" and "/" inside them written "%25" and
// "%2F", so that different parts never make the same id. A document whose
// id is the Key of its facts is stored once however often it is put: the
// id itself is the unique key.
func Key(parts ...string) string {
	n := len(parts)
	for _, p := range parts {
		n += len(p) + 2*strings.Count(p, "%") + 2*strings.Count(p, "/")
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, '/')
		}
		for j := 0; j < len(p); j++ { // '%' and '/' are single bytes in UTF-8
			switch p[j] {
			case '%':
				b = append(b, "%25"...)
			case '/':
				b = append(b, "%2F"...)
			default:
				b = append(b, p[j])
			}
		}
	}
	return string(b)
}
