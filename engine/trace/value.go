package trace

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	flowvalue "github.com/legible/legible/internal/value"
)

// maxValue is about how many characters one value of a record's input or
// output takes in the compact rendering; longer values are cut, and "…"
// marks the cut.
const maxValue = 80

// ellipsis marks where a value was cut.
const ellipsis = "…"

// minRoom is the least room worth starting an entry of a map or list in:
// below it the rest is replaced by "…".
const minRoom = 4

// entry is one key and value of a map being rendered.
type entry struct {
	key string
	val any
}

// fields renders a record's input or output compactly and
// deterministically: every key, sorted, each value cut to about maxValue
// characters, e.g. {email: "a@b.c", user: {id: 1}}.
func fields(m map[string]any) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range entries(m) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(key(e.key))
		b.WriteString(": ")
		b.WriteString(value(e.val, maxValue))
	}
	b.WriteByte('}')
	return b.String()
}

// value renders v in about budget characters: strings quoted, maps with
// sorted keys, lists in brackets, null for nil. Records hold flow values
// (package value); anything else is rendered as the flow value it makes.
func value(v any, budget int) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return quoted(v, budget)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return cut(float(v), budget)
	case map[string]any:
		return object(entries(v), budget)
	case []any:
		return list(v, budget)
	}
	return value(flowvalue.Of(v), budget)
}

// float renders a number as encoding/json does: plain digits, with an
// exponent only for very large or very small magnitudes.
func float(f float64) string {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// entries returns the entries of m sorted by key.
func entries(m map[string]any) []entry {
	es := make([]entry, 0, len(m))
	for k, v := range m {
		es = append(es, entry{key: k, val: v})
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return es
}

// object renders map entries as {k: v, …} in about budget characters.
func object(es []entry, budget int) string {
	var b strings.Builder
	b.WriteByte('{')
	used := 2
	for i, e := range es {
		head := key(e.key) + ": "
		if !more(&b, i, &used, budget-utf8.RuneCountInString(head)) {
			break
		}
		v := value(e.val, budget-used-utf8.RuneCountInString(head))
		b.WriteString(head)
		b.WriteString(v)
		used += utf8.RuneCountInString(head) + utf8.RuneCountInString(v)
	}
	b.WriteByte('}')
	return b.String()
}

// list renders items as [a, b, …] in about budget characters.
func list(items []any, budget int) string {
	var b strings.Builder
	b.WriteByte('[')
	used := 2
	for i, item := range items {
		if !more(&b, i, &used, budget) {
			break
		}
		v := value(item, budget-used)
		b.WriteString(v)
		used += utf8.RuneCountInString(v)
	}
	b.WriteByte(']')
	return b.String()
}

// more starts item i of a map or list: it writes the separator and reports
// true when there is room for the item, or writes "…" and reports false.
func more(b *strings.Builder, i int, used *int, budget int) bool {
	if i > 0 {
		b.WriteString(", ")
		*used += 2
	}
	if budget-*used < minRoom {
		b.WriteString(ellipsis)
		return false
	}
	return true
}

// key renders a map key: bare when it is an identifier, quoted otherwise.
func key(k string) string {
	if isIdent(k) {
		return k
	}
	return strconv.Quote(k)
}

// isIdent reports whether s is an ASCII identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// quoted renders s as a Go-quoted string of about budget characters,
// cutting it with "…" inside the quotes when it is longer.
func quoted(s string, budget int) string {
	head, long := prefix(s, budget)
	q := strconv.Quote(head)
	if !long && utf8.RuneCountInString(q) <= budget {
		return q
	}
	var b strings.Builder
	b.WriteByte('"')
	used := 3 // the quotes and the ellipsis
	for _, r := range head {
		e := strconv.Quote(string(r))
		e = e[1 : len(e)-1]
		if used+utf8.RuneCountInString(e) > budget {
			break
		}
		b.WriteString(e)
		used += utf8.RuneCountInString(e)
	}
	b.WriteString(ellipsis + `"`)
	return b.String()
}

// cut shortens s to budget characters, ending with "…" when it is longer.
func cut(s string, budget int) string {
	head, long := prefix(s, budget)
	if !long {
		return s
	}
	head, _ = prefix(head, max(budget-1, 0))
	return head + ellipsis
}

// prefix returns the first n runes of s, and whether s is longer.
func prefix(s string, n int) (string, bool) {
	count := 0
	for i := range s {
		if count == n {
			return s[:i], true
		}
		count++
	}
	return s, false
}
