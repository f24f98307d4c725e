package load

import (
	"gopkg.in/yaml.v3"

	"github.com/legible/legible/engine/diag"
)

// maxSkip bounds how far the aligner looks for a value rune in the source
// before it gives up and places the rune right after the previous one.
const maxSkip = 12

// runes returns, for each rune of a scalar's value, where it was written.
// It walks the source alongside the value, stepping over quotes, escapes,
// indentation and folded line breaks.
func (s *source) runes(n *yaml.Node) []diag.Pos {
	val := []rune(n.Value)
	out := make([]diag.Pos, len(val))
	a := aligner{src: s, l: n.Line - 1, c: n.Column - 1, double: n.Style&yaml.DoubleQuotedStyle != 0}
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		a.l++
		a.indent = s.blockIndent(a.l)
		a.c = a.indent
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		a.c++
	}
	for i, r := range val {
		out[i] = a.next(r)
	}
	return out
}

// blockIndent returns the indentation of the first non-blank line from l on.
func (s *source) blockIndent(l int) int {
	for ; l < len(s.lines); l++ {
		line := s.line(l)
		for i, r := range line {
			if r != ' ' {
				return i
			}
		}
	}
	return 0
}

// aligner is a cursor in the source that matches value runes one by one.
type aligner struct {
	src    *source
	l, c   int
	indent int // block scalars: the columns to skip on each new line
	double bool
	last   diag.Pos
}

// next returns where value rune r was written and advances past it.
func (a *aligner) next(r rune) diag.Pos {
	l, c := a.l, a.c
	for skipped := 0; skipped <= maxSkip; skipped++ {
		line := a.src.line(l)
		if line == nil {
			break
		}
		if c >= len(line) {
			p := a.src.pos(l, c)
			l, c = l+1, a.lineStart(l+1)
			if r == '\n' || r == ' ' {
				return a.take(p, l, c)
			}
			continue
		}
		if a.double && line[c] == '\\' {
			if c+1 >= len(line) { // an escaped line break yields no rune
				l, c = l+1, a.lineStart(l+1)
				continue
			}
			return a.take(a.src.pos(l, c), l, c+escapeWidth(line[c+1]))
		}
		if line[c] == r {
			return a.take(a.src.pos(l, c), l, c+1)
		}
		c++
	}
	a.last.Col++
	return a.last
}

func (a *aligner) take(p diag.Pos, l, c int) diag.Pos {
	a.l, a.c, a.last = l, c, p
	return p
}

// lineStart is where the content of a continuation line begins.
func (a *aligner) lineStart(l int) int {
	if a.indent > 0 {
		return a.indent
	}
	line := a.src.line(l)
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// escapeWidth is the source width of a double-quoted escape whose letter is e.
func escapeWidth(e rune) int {
	switch e {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	return 2
}
