package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/legible/legible/engine/diag"
)

// hintPrefix starts the hint line; continuation lines are indented to match.
const hintPrefix = "   = hint: "

// minGutter is the narrowest width of the line-number gutter of a snippet.
const minGutter = 5

// Text writes l in the human-readable format: a file:line:col header per
// diagnostic, the quoted source line with the span underlined when src has
// it, and the hint. Diagnostics are separated by a blank line. src may be nil.
func Text(w io.Writer, l diag.List, src Sources) error {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeText(&b, d, src)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeText renders one diagnostic.
func writeText(b *strings.Builder, d diag.Diagnostic, src Sources) {
	fmt.Fprintf(b, "%s%s: %s [%s]\n", location(d.Span), d.Severity, d.Message, d.Rule)
	if line, ok := sourceLine(src, d.Span); ok {
		writeSnippet(b, d.Span, line)
	}
	if d.Hint != "" {
		indent := "\n" + strings.Repeat(" ", len(hintPrefix))
		b.WriteString(hintPrefix + strings.ReplaceAll(d.Hint, "\n", indent) + "\n")
	}
}

// location returns the "file:line:col: " header prefix, shortened to what
// the span knows.
func location(sp diag.Span) string {
	switch {
	case sp.IsValid():
		return sp.Pos.String() + ": "
	case sp.File != "":
		return sp.File + ": "
	}
	return ""
}

// sourceLine looks up the line a span starts on.
func sourceLine(src Sources, sp diag.Span) (string, bool) {
	if src == nil || !sp.IsValid() || sp.File == "" {
		return "", false
	}
	return src.Line(sp.File, sp.Line)
}

// writeSnippet quotes line and underlines the span under it.
func writeSnippet(b *strings.Builder, sp diag.Span, line string) {
	num := strconv.Itoa(sp.Line)
	width := max(minGutter, len(num))
	gutter := strings.Repeat(" ", width) + " |"
	b.WriteString(strings.Repeat(" ", width-len(num)) + num + " |")
	if line != "" {
		b.WriteString(" " + line)
	}
	b.WriteString("\n" + gutter + " " + underline(sp, line) + "\n")
}

// underline returns the caret line for sp under line: a caret at the start
// column, then tildes up to the end column when the span stays on the line.
// Tabs before the column are copied so the caret lines up however wide the
// terminal shows them.
func underline(sp diag.Span, line string) string {
	var u strings.Builder
	col := 1
	for _, r := range line {
		if col >= sp.Col {
			break
		}
		if r == '\t' {
			u.WriteByte('\t')
		} else {
			u.WriteByte(' ')
		}
		col++
	}
	u.WriteString(strings.Repeat(" ", max(sp.Col-col, 0)))
	u.WriteByte('^')
	u.WriteString(strings.Repeat("~", tildes(sp, line)))
	return u.String()
}

// tildes returns how many tildes follow the caret: the span's width less
// one, kept within the line (plus one column for a span ending at the line
// break).
func tildes(sp diag.Span, line string) int {
	if sp.EndLine != sp.Line {
		return 0
	}
	end := min(sp.EndCol, utf8.RuneCountInString(line)+2)
	return max(end-sp.Col-1, 0)
}
