package scenario

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/trace"
)

// Formats lists the output formats Write accepts, the default first.
var Formats = []string{"text", "json", "junit", "github"}

// Write writes a run's report in the named format, one of Formats; src
// gives the lines the text format quotes, and cov, when not nil, the
// coverage the text and JSON formats add.
func Write(w io.Writer, format string, rep *Report, src report.Sources, cov *Coverage) error {
	switch format {
	case "text", "":
		return writeText(w, rep, src, cov)
	case "json":
		return writeJSON(w, rep, cov)
	case "junit":
		return writeJUnit(w, rep)
	case "github":
		return report.GitHub(w, failures(rep))
	}
	return fmt.Errorf("unknown format %q; the formats are %s", format, strings.Join(Formats, ", "))
}

// failures are the run's failures as diagnostics, at their expectations.
func failures(rep *Report) diag.List {
	var l diag.List
	for _, res := range rep.Results {
		if f := res.Failure; f != nil {
			l = append(l, diag.Diagnostic{Span: f.At, Severity: diag.Error, Rule: "test",
				Message: res.Name + ": " + f.Message, Hint: strings.Join(f.Details, "\n")})
		}
	}
	return l
}

// writeText writes each failure with its source line, what came back and
// the flow, then a line per scenario and the counts.
func writeText(w io.Writer, rep *Report, src report.Sources, cov *Coverage) error {
	var b strings.Builder
	for _, res := range rep.Results {
		if res.Failure == nil {
			fmt.Fprintf(&b, "ok   %s (%s)\n", res.Name, res.Elapsed.Round(100_000))
			continue
		}
		fmt.Fprintf(&b, "FAIL %s (%s)\n", res.Name, res.Elapsed.Round(100_000))
		writeFailure(&b, res, src)
	}
	fmt.Fprintf(&b, "%d scenarios, %d failed, %d requests, in %s\n", len(rep.Results), rep.Failed(), rep.Requests(), rep.Elapsed.Round(1_000_000))
	if cov != nil {
		cov.writeText(&b)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFailure writes one failure: the expectation, what came back, the
// flow's causal tree, and why nothing answered.
func writeFailure(b *strings.Builder, res *Result, src report.Sources) {
	f := res.Failure
	d := diag.List{{Span: f.At, Severity: diag.Error, Rule: "test", Message: f.Message, Hint: strings.Join(f.Details, "\n")}}
	var t strings.Builder
	_ = report.Text(&t, d, src)
	b.WriteString(indentLines(t.String(), "  "))
	if f.Status != 0 {
		fmt.Fprintf(b, "  the reply: %d\n%s", f.Status, indentLines(f.Body, "    "))
	} else if f.Body != "" {
		fmt.Fprintf(b, "  what came back:\n%s", indentLines(f.Body, "    "))
	}
	if len(f.Why) > 0 {
		b.WriteString("  no sync answered; the syncs of its route that came closest:\n")
		for _, why := range f.Why {
			b.WriteString("    " + why + "\n")
		}
	}
	if f.Flow != nil {
		var t strings.Builder
		_ = trace.WriteText(&t, f.Flow)
		b.WriteString("  the flow:\n" + indentLines(t.String(), "    "))
	}
}

// indentLines indents each line of s, which ends with a newline.
func indentLines(s, prefix string) string {
	if s == "" {
		return ""
	}
	s = strings.TrimSuffix(s, "\n")
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix) + "\n"
}

// writeJSON writes the report as one JSON object (JSON).
func writeJSON(w io.Writer, rep *Report, cov *Coverage) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep.JSON(cov))
}

// JUnit's elements, as CI systems read them.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Time     float64      `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      float64       `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes the report as JUnit XML: a suite per file.
func writeJUnit(w io.Writer, rep *Report) error {
	out := junitSuites{Tests: len(rep.Results), Failures: rep.Failed(), Time: rep.Elapsed.Seconds()}
	index := map[string]int{}
	for _, res := range rep.Results {
		file := res.Scenario.File
		i, ok := index[file]
		if !ok {
			i = len(out.Suites)
			index[file] = i
			out.Suites = append(out.Suites, junitSuite{Name: file})
		}
		c := junitCase{Name: res.Name, Classname: file, Time: res.Elapsed.Seconds()}
		if f := res.Failure; f != nil {
			var b strings.Builder
			writeFailure(&b, res, nil)
			c.Failure = &junitFailure{Message: f.At.Pos.String() + ": " + f.Message, Text: b.String()}
			out.Suites[i].Failures++
		}
		out.Suites[i].Tests++
		out.Suites[i].Cases = append(out.Suites[i].Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
