package load

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// The shapes of names. Hand-written rather than regular expressions: they
// run for every key and value of every file.
var (
	identRe  = nameShape(isLetter, isWord)                              // variables and parameters
	typeRe   = nameShape(isUpper, isWord)                               // concepts and types
	actionRe = nameShape(isLower, isWord)                               // actions
	queryRe  = nameShape(func(r byte) bool { return r == '_' }, isWord) // queries: `_` then a letter
)

// nameShape returns a matcher for names whose first byte satisfies first
// and whose other bytes satisfy rest.
func nameShape(first, rest func(byte) bool) func(string) bool {
	return func(s string) bool {
		if s == "" || !first(s[0]) {
			return false
		}
		for i := 1; i < len(s); i++ {
			if !rest(s[i]) {
				return false
			}
		}
		return true
	}
}

func isUpper(b byte) bool  { return 'A' <= b && b <= 'Z' }
func isLower(b byte) bool  { return 'a' <= b && b <= 'z' }
func isLetter(b byte) bool { return isUpper(b) || isLower(b) || b == '_' }
func isWord(b byte) bool   { return isLetter(b) || '0' <= b && b <= '9' }

// splitPattern splits `Concept.action` into its two names.
func splitPattern(s string) (concept, action string, ok bool) {
	concept, action, ok = strings.Cut(s, ".")
	if !ok || !typeRe(concept) || !identRe(action) {
		return "", "", false
	}
	return concept, action, true
}

// name checks that scalar n matches re, reporting what when it does not.
func (l *loader) name(n *yaml.Node, re func(string) bool, what, hint string) (spec.Ident, bool) {
	v, ok := l.text(n, what)
	if !ok {
		return spec.Ident{}, false
	}
	if !re(v) {
		l.diags.Errorf(l.src.span(n), rules.Schema.ID, hint, "`%s` is not a valid %s", v, what)
		return spec.Ident{}, false
	}
	return l.id(n), true
}

// sub returns the Ident for runes [from, to) of scalar n's value.
func (l *loader) sub(n *yaml.Node, from, to int, name string) spec.Ident {
	if n.Style == 0 && !strings.Contains(n.Value, "\n") { // plain: value and source agree
		p := l.src.start(n)
		p.Col += from
		return spec.Ident{Name: name, Span: diag.At(p, to-from)}
	}
	src := l.src
	e := spec.NewExpr(n.Value, src.span(n), func() []diag.Pos { return src.runes(n) })
	return spec.Ident{Name: name, Span: e.SpanOf(from, to)}
}
