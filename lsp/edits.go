package lsp

import (
	"strings"

	"github.com/legible/legible/engine/spec"
)

// Edits of whole lines, for fixes. Lines are 1-based, as legible's.

// insertBefore inserts a line before line l.
func insertBefore(l int, line string) TextEdit {
	at := Position{Line: l - 1}
	return TextEdit{Range: Range{Start: at, End: at}, NewText: line + "\n"}
}

// insertAfter inserts text as lines after line l of t.
func insertAfter(t *text, l int, lines string) TextEdit {
	if l >= t.lineCount() { // the last line, without a line break
		end := t.position(l, len([]rune(string(t.line(l-1))))+1)
		return TextEdit{Range: Range{Start: end, End: end}, NewText: "\n" + lines}
	}
	at := Position{Line: l}
	return TextEdit{Range: Range{Start: at, End: at}, NewText: lines + "\n"}
}

// deleteLines deletes lines from to to, both included.
func deleteLines(from, to int) TextEdit {
	return TextEdit{Range: Range{Start: Position{Line: from - 1}, End: Position{Line: to}}}
}

// lastLine returns the last line a pattern is written on: its key, its
// arguments, its `out:`.
func lastLine(p *spec.Pattern) int {
	last := max(p.Span.Line, p.Span.EndLine)
	for _, a := range append(p.In[:len(p.In):len(p.In)], p.Out...) {
		last = max(last, a.Term.Span.Line, a.Term.Span.EndLine, a.Param.Span.Line)
	}
	if p.HasOut {
		last = max(last, p.OutSpan.Line)
	}
	return last
}

// blockEnd returns the last line that is not blank of the block that
// starts at line start: the lines after it indented deeper.
func blockEnd(t *text, start int) int {
	base, end := indent(string(t.line(start-1))), start
	for l := start + 1; l <= t.lineCount(); l++ {
		line := string(t.line(l - 1))
		if blank(line) {
			continue
		}
		if indent(line) <= base {
			break
		}
		end = l
	}
	return end
}

// dedent removes n spaces from the start of each line of s.
func dedent(s string, n int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, strings.Repeat(" ", n))
	}
	return strings.Join(lines, "\n")
}
