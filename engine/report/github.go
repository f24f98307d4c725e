package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/legible/legible/engine/diag"
)

// GitHub writes l as GitHub Actions workflow commands, one line per
// diagnostic, which the runner turns into annotations:
//
//	::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
//
// Warnings use ::warning and infos ::notice. The hint follows the message
// after a newline. Columns are left out of spans that cross lines, which
// GitHub does not accept, and positions are left out when unknown.
func GitHub(w io.Writer, l diag.List) error {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommand(d.Severity),
			strings.Join(githubProperties(d), ","), escapeData(fullMessage(d)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubCommand returns the workflow command for a severity.
func githubCommand(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "notice"
}

// githubProperties returns the escaped key=value properties locating d.
func githubProperties(d diag.Diagnostic) []string {
	sp := d.Span
	var props []string
	add := func(key string, value any) {
		props = append(props, key+"="+escapeProperty(fmt.Sprint(value)))
	}
	if sp.File != "" {
		add("file", sp.File)
		if sp.IsValid() {
			add("line", sp.Line)
			oneLine := sp.EndLine == 0 || sp.EndLine == sp.Line
			if oneLine && sp.Col > 0 {
				add("col", sp.Col)
			}
			if sp.EndLine >= sp.Line {
				add("endLine", sp.EndLine)
			}
			if oneLine && sp.EndCol > 0 {
				add("endColumn", sp.EndCol)
			}
		}
	}
	add("title", d.Rule)
	return props
}

// fullMessage returns the message followed, when there is a hint, by a
// newline and the hint.
func fullMessage(d diag.Diagnostic) string {
	if d.Hint == "" {
		return d.Message
	}
	return d.Message + "\n" + d.Hint
}

// dataEscaper escapes the message of a workflow command.
var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// propertyEscaper escapes a property value of a workflow command.
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

// escapeData escapes s for the message part of a workflow command.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes s for a property value of a workflow command.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
