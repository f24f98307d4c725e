package lsp

// exprName is a name an expression reads: not a member after a dot, nor
// text inside a string literal.
type exprName struct {
	name string
	at   int // its offset in runes
}

// exprNames returns the names an expression's source reads, in order.
func exprNames(src string) []exprName {
	rs := []rune(src)
	var out []exprName
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '"' || r == '\'' || r == '`':
			i = stringEnd(rs, i)
		case isNameRune(r) && (r < '0' || r > '9'):
			start := i
			for i < len(rs) && isNameRune(rs[i]) {
				i++
			}
			if start == 0 || rs[start-1] != '.' {
				out = append(out, exprName{name: string(rs[start:i]), at: start})
			}
		default:
			i++
		}
	}
	return out
}

// stringEnd returns the offset after the string literal that starts at
// i, stepping over escaped quotes.
func stringEnd(rs []rune, i int) int {
	q := rs[i]
	for i++; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && q != '`':
			i++
		case rs[i] == q:
			return i + 1
		}
	}
	return i
}
