package load

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"legible/engine/diag"
	"legible/engine/spec"
)

var (
	identRe   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	typeRe    = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)
	actionRe  = regexp.MustCompile(`^[a-z][A-Za-z0-9_]*$`)
	queryRe   = regexp.MustCompile(`^_[A-Za-z][A-Za-z0-9_]*$`)
	patternRe = regexp.MustCompile(`^([A-Z][A-Za-z0-9_]*)\.([_A-Za-z][A-Za-z0-9_]*)$`)
)

// IsIdent reports whether s is a plain identifier, which in a pattern names
// a variable.
func IsIdent(s string) bool { return identRe.MatchString(s) }

// name checks that scalar n matches re, reporting what when it does not.
func (l *loader) name(n *yaml.Node, re *regexp.Regexp, what, hint string) (spec.Ident, bool) {
	v, ok := l.text(n, what)
	if !ok {
		return spec.Ident{}, false
	}
	if !re.MatchString(v) {
		l.diags.Errorf(l.src.span(n), "schema", hint, "`%s` is not a valid %s", v, what)
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
