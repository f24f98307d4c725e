// Package report renders diagnostics in the output formats of `legible lint`.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/legible/legible/engine/diag"
)

// Formats lists the output formats Write accepts, the default first.
var Formats = []string{"text", "json", "sarif", "github"}

// Sources gives the text formats access to the lines diagnostics point at.
type Sources interface {
	// Line returns the 1-based line n of file, without its line ending,
	// and false when the file or the line is unknown.
	Line(file string, n int) (string, bool)
}

// SourceMap is a Sources backed by file contents keyed by file name.
type SourceMap map[string][]byte

// Line returns line n of file, split on "\n" with a trailing "\r" removed.
// A file ending in "\n" has one last, empty line after it, where a
// diagnostic about the end of the file can point.
func (m SourceMap) Line(file string, n int) (string, bool) {
	data, ok := m[file]
	if !ok || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		_, rest, found := bytes.Cut(data, []byte("\n"))
		if !found {
			return "", false
		}
		data = rest
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r"), true
}

// Write renders l to w in the named format, one of Formats. src supplies the
// source lines quoted by the text format and may be nil; version is the
// version of legible that SARIF reports.
func Write(w io.Writer, format string, l diag.List, src Sources, version string) error {
	switch format {
	case "text":
		return Text(w, l, src)
	case "json":
		return JSON(w, l)
	case "sarif":
		return SARIF(w, l, version)
	case "github":
		return GitHub(w, l)
	}
	return fmt.Errorf("unknown output format %q (the formats are %s)", format, strings.Join(Formats, ", "))
}
