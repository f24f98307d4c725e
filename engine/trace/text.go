package trace

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// Line renders a record on one line, for logs:
// `Concept.action {input} => {output}`, or `=> FAILED: msg` when the Go
// code failed. A concept error shows as its outcome, `=> {error: "…"}`.
// Values are printed compactly and deterministically (sorted keys, quoted
// strings, long values cut with "…").
func Line(r *Record) string {
	if r == nil {
		return ""
	}
	s := r.Concept + "." + r.Action + " " + fields(r.Input) + " => "
	if r.Failure != "" {
		return s + "FAILED: " + oneLine(r.Failure)
	}
	return s + fields(r.Output)
}

// WriteText writes a flow as a readable causal tree: a header with the
// flow's id and duration, then one line per record, drawn with box
// characters under the record that caused it, showing the sync that
// invoked it, Line, and its duration. A nil flow writes nothing.
func WriteText(w io.Writer, f *Flow) error {
	if f == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("flow " + f.ID + " (" + duration(f.Duration()))
	if f.Attempts > 1 {
		b.WriteString(", " + strconv.Itoa(f.Attempts) + " attempts")
	}
	if f.Outcome != "" {
		b.WriteString(", " + f.Outcome)
	}
	b.WriteString(")")
	if f.Failure != "" {
		b.WriteString(" FAILED: " + oneLine(f.Failure))
	}
	b.WriteByte('\n')
	writeNodes(&b, Tree(f), "")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNodes writes sibling nodes and their subtrees under indent.
func writeNodes(b *strings.Builder, nodes []*Node, indent string) {
	for i, n := range nodes {
		branch, below := "├─ ", "│  "
		if i == len(nodes)-1 {
			branch, below = "└─ ", "   "
		}
		b.WriteString(indent + branch)
		if n.Sync != "" {
			b.WriteString("[" + n.Sync + "] ")
		}
		b.WriteString(Line(n.Record) + "  " + duration(n.Record.Duration()) + "\n")
		writeNodes(b, n.Children, indent+below)
	}
}

// duration renders d briefly: whole microseconds below a millisecond,
// milliseconds with one decimal below a second, else seconds with two.
func duration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return strconv.FormatInt(d.Microseconds(), 10) + "µs"
	case d < time.Second:
		return strconv.FormatFloat(ms(d), 'f', 1, 64) + "ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s"
}

// ms returns d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// oneLine keeps a failure message on its line: line breaks become "⏎".
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ⏎ ", "\n", " ⏎ ", "\r", " ⏎ ").Replace(s)
}

// Fields renders a map of values compactly, as Line renders a record's
// input and output: keys sorted, long values cut.
func Fields(m map[string]any) string { return fields(m) }
