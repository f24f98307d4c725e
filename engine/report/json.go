package report

import (
	"encoding/json"
	"io"

	"github.com/legible/legible/engine/diag"
)

// Diagnostic is the JSON form of a diagnostic, as `legible lint --format
// json` and the assistant's tools (legible mcp) give it; the field order
// is the order of the keys in the output.
type Diagnostic struct {
	File      string `json:"file" jsonschema:"the file, as lint names it: the path given, or <library>/NAME.concept.yaml for a built-in concept's spec"`
	Line      int    `json:"line" jsonschema:"1-based line of the start"`
	Column    int    `json:"column" jsonschema:"1-based column of the start, in bytes"`
	EndLine   int    `json:"endLine" jsonschema:"1-based line of the end"`
	EndColumn int    `json:"endColumn" jsonschema:"1-based column just past the end"`
	Severity  string `json:"severity" jsonschema:"error, warning or info"`
	Rule      string `json:"rule" jsonschema:"the rule id, e.g. unbound-variable; explain_rule shows its examples"`
	Message   string `json:"message" jsonschema:"what is wrong"`
	Hint      string `json:"hint" jsonschema:"what to write instead, or empty; for then-output it ends with the whole sync to write instead, indented by two spaces"`
}

// Diagnostics returns l in its JSON form, never nil.
func Diagnostics(l diag.List) []Diagnostic {
	out := make([]Diagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, Diagnostic{
			File:      d.Span.File,
			Line:      d.Span.Line,
			Column:    d.Span.Col,
			EndLine:   d.Span.EndLine,
			EndColumn: d.Span.EndCol,
			Severity:  d.Severity.String(),
			Rule:      d.Rule,
			Message:   d.Message,
			Hint:      d.Hint,
		})
	}
	return out
}

// JSON writes l as an indented JSON array with one object per diagnostic
// (Diagnostic), holding the keys file, line, column, endLine, endColumn,
// severity, rule, message and hint, in that order. An empty list gives [].
func JSON(w io.Writer, l diag.List) error {
	return encodeJSON(w, Diagnostics(l))
}

// encodeJSON writes v indented by two spaces, without escaping HTML
// characters, and ending in a newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
