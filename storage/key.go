package storage

import "strings"

// Key makes one id of several parts, such as a follower and a followee:
// the parts joined by "/", with "%" and "/" inside them written "%25" and
// "%2F", so that different parts never make the same id. A document whose
// id is the Key of its facts is stored once however often it is put: the
// id itself is the unique key.
func Key(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('/')
		}
		for _, r := range p {
			switch r {
			case '%':
				b.WriteString("%25")
			case '/':
				b.WriteString("%2F")
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
