// Package diag holds positioned diagnostics: what the loader and the checker
// report about a spec, and how those reports are sorted.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says how bad a diagnostic is.
type Severity int

// The severities, from the least to the most serious.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns the severity's name as it appears in every output format.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// Pos is a 1-based line and column (counted in runes) in a file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// IsValid reports whether the position points into a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is a range of source text: from Pos up to, not including, End.
type Span struct {
	Pos
	EndLine int
	EndCol  int
}

// At returns a span of width runes starting at p on one line.
func At(p Pos, width int) Span {
	return Span{Pos: p, EndLine: p.Line, EndCol: p.Col + max(width, 1)}
}

// Diagnostic is one problem found in a spec.
type Diagnostic struct {
	Span     Span
	Severity Severity
	Rule     string
	Message  string
	Hint     string
}

// List collects diagnostics.
type List []Diagnostic

// Add appends a diagnostic built from its parts.
func (l *List) Add(sp Span, sev Severity, rule, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{Span: sp, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Errorf appends an error.
func (l *List) Errorf(sp Span, rule, hint, format string, args ...any) {
	l.Add(sp, Error, rule, hint, format, args...)
}

// Warnf appends a warning.
func (l *List) Warnf(sp Span, rule, hint, format string, args ...any) {
	l.Add(sp, Warning, rule, hint, format, args...)
}

// Sort orders the list by file, position, rule and message, and drops exact
// repeats, so output is stable whatever order the checks ran in.
func (l List) Sort() List {
	slices.SortStableFunc(l, compare)
	return slices.CompactFunc(l, func(a, b Diagnostic) bool { return compare(a, b) == 0 && a.Hint == b.Hint })
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Span.File, b.Span.File),
		cmp.Compare(a.Span.Line, b.Span.Line),
		cmp.Compare(a.Span.Col, b.Span.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// Count returns how many diagnostics have the given severity.
func (l List) Count(sev Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == sev {
			n++
		}
	}
	return n
}
