package lsp

import (
	"context"
	"regexp"
	"strings"
	"unicode"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
)

// place is a position in a file of a snapshot, in legible's terms.
type place struct {
	snap      *snapshot
	file      string
	text      *text
	line, col int // 1-based; col in runes
}

// in reports whether sp holds the place's position.
func (pl place) in(sp diag.Span) bool {
	if sp.Line == 0 || pl.line < sp.Line || pl.line == sp.Line && pl.col < sp.Col {
		return false
	}
	end, endCol := sp.EndLine, sp.EndCol
	if end == 0 {
		end, endCol = sp.Line, sp.Col+1
	}
	return pl.line < end || pl.line == end && pl.col < endCol
}

// occurrences returns what is written at the place: the names indexed
// there, or, inside an expression, the variable named there.
func (pl place) occurrences() []occurrence {
	ix := pl.snap.index(pl.file)
	var out []occurrence
	for _, o := range ix.occs {
		if pl.in(o.span) {
			out = append(out, o)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, e := range ix.exprs {
		if !pl.in(e.expr.Span) {
			continue
		}
		for _, n := range exprNames(e.expr.Source) {
			sp := e.expr.SpanOf(n.at, n.at+len([]rune(n.name)))
			if v := variableNamed(e.sync, n.name, pl.line); v != nil && pl.in(sp) {
				out = append(out, occurrence{span: sp, variable: v})
			}
		}
	}
	return out
}

// variableNamed returns the variable of a sync with the name, the last
// one bound at or before line when several are (collects open scopes).
func variableNamed(s *spec.Sync, name string, line int) *spec.Variable {
	var best *spec.Variable
	for _, v := range s.Vars {
		if v != nil && v.Name == name && (best == nil || v.Span.Line <= line) {
			best = v
		}
	}
	return best
}

// word returns the word at the place, made of the runes that part
// accepts, and its span.
func (pl place) word(part func(rune) bool) (string, diag.Span) {
	line := []rune(string(pl.text.line(pl.line - 1)))
	i := pl.col - 1
	if i < 0 || i > len(line) {
		return "", diag.Span{}
	}
	start, end := i, i
	for start > 0 && part(line[start-1]) {
		start--
	}
	for end < len(line) && part(line[end]) {
		end++
	}
	if start == end {
		return "", diag.Span{}
	}
	return string(line[start:end]), diag.At(diag.Pos{File: pl.file, Line: pl.line, Col: start + 1}, end-start)
}

// isNameRune reports whether r can be part of a name.
func isNameRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isRuleRune reports whether r can be part of a rule id.
func isRuleRune(r rune) bool { return r == '-' || isNameRune(r) }

// ignoreRule matches a `legible:ignore` comment up to the rules it names.
var ignoreRule = regexp.MustCompile(`#\s*legible:ignore\b[^#]*$`)

// ruleAt returns the rule an ignore comment names at the place, if any.
func (pl place) ruleAt() (*rules.Rule, diag.Span) {
	line := string(pl.text.line(pl.line - 1))
	word, sp := pl.word(isRuleRune)
	loc := ignoreRule.FindStringIndex(line)
	if loc == nil || word == "" || sp.Col-1 < len([]rune(line[:loc[0]])) {
		return nil, diag.Span{}
	}
	if before, _, ok := strings.Cut(line[loc[0]:], "--"); ok && sp.Col-1 >= len([]rune(line[:loc[0]]+before)) {
		return nil, diag.Span{} // in the reason
	}
	r, ok := rules.Lookup(word)
	if !ok {
		return nil, diag.Span{}
	}
	return r, sp
}

// syncAt returns the sync whose text holds the line, or nil.
func (pl place) syncAt() *spec.Sync {
	var found *spec.Sync
	for _, s := range pl.snap.index(pl.file).syncs {
		if s.Name.Span.Line <= pl.line && (found == nil || s.Name.Span.Line > found.Name.Span.Line) {
			found = s
		}
	}
	return found
}

// placeOf returns the place a request names, in the last snapshot of its
// document's app that saw every change sent before the request; its text
// is nil when the document is no file of that app.
func (s *Server) placeOf(ctx context.Context, p TextDocumentPositionParams) (place, error) {
	path, err := pathOf(p.TextDocument.URI)
	if err != nil {
		return place{}, err
	}
	snap, err := s.appOf(path).current(ctx, s)
	if err != nil {
		return place{}, err
	}
	pl := place{snap: snap, file: path, text: snap.text(path)}
	if pl.text != nil {
		pl.line, pl.col = pl.text.runeCol(p.Position)
	}
	return pl, nil
}

// before returns the text of the place's line up to the place.
func (pl place) before() string {
	line := []rune(string(pl.text.line(pl.line - 1)))
	return string(line[:min(max(pl.col-1, 0), len(line))])
}
