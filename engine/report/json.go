package report

import (
	"encoding/json"
	"io"

	"github.com/legible/legible/engine/diag"
)

// jsonDiagnostic is the JSON form of a diagnostic; the field order is the
// order of the keys in the output.
type jsonDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
	Hint      string `json:"hint"`
}

// JSON writes l as an indented JSON array with one object per diagnostic,
// holding the keys file, line, column, endLine, endColumn, severity, rule,
// message and hint, in that order. An empty list gives [].
func JSON(w io.Writer, l diag.List) error {
	out := make([]jsonDiagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, jsonDiagnostic{
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
	return encodeJSON(w, out)
}

// encodeJSON writes v indented by two spaces, without escaping HTML
// characters, and ending in a newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
