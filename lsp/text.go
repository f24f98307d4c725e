package lsp

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/legible/legible/engine/diag"
)

// text is a document's content with where each line starts, to turn
// legible's positions (1-based lines, columns in runes) into the
// protocol's (0-based, columns in UTF-16 code units) and back.
type text struct {
	data  []byte
	lines []int // byte offset of each line's start
}

// newText indexes the lines of data.
func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// line returns the bytes of 0-based line n, without its line break, or
// nil past the end.
func (t *text) line(n int) []byte {
	if n < 0 || n >= len(t.lines) {
		return nil
	}
	end := len(t.data)
	if n+1 < len(t.lines) {
		end = t.lines[n+1] - 1
	}
	if end > t.lines[n] && t.data[end-1] == '\r' {
		end--
	}
	return t.data[t.lines[n]:end]
}

// position turns a 1-based line and rune column into a protocol position.
func (t *text) position(line, col int) Position {
	l := t.line(line - 1)
	units, runes := 0, 1
	for len(l) > 0 && runes < col {
		r, size := utf8.DecodeRune(l)
		units += utf16.RuneLen(r)
		l = l[size:]
		runes++
	}
	return Position{Line: max(line-1, 0), Character: units + col - runes}
}

// span turns a diagnostic's span into a protocol range.
func (t *text) span(sp diag.Span) Range {
	end := t.position(sp.EndLine, sp.EndCol)
	if sp.EndLine == 0 {
		end = t.position(sp.Line, sp.Col+1)
	}
	return Range{Start: t.position(sp.Line, sp.Col), End: end}
}

// runeCol turns a protocol position into legible's 1-based line and rune
// column.
func (t *text) runeCol(p Position) (line, col int) {
	l := t.line(p.Line)
	units, col := 0, 1
	for len(l) > 0 && units < p.Character {
		r, size := utf8.DecodeRune(l)
		units += utf16.RuneLen(r)
		l = l[size:]
		col++
	}
	return p.Line + 1, col
}

// offset turns a protocol position into a byte offset of data.
func (t *text) offset(p Position) int {
	if p.Line >= len(t.lines) {
		return len(t.data)
	}
	l := t.line(p.Line)
	units, off := 0, 0
	for off < len(l) && units < p.Character {
		r, size := utf8.DecodeRune(l[off:])
		units += utf16.RuneLen(r)
		off += size
	}
	return t.lines[p.Line] + off
}

// lineCount returns how many lines the text has.
func (t *text) lineCount() int { return len(t.lines) }
