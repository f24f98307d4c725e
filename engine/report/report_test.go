package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/legible/legible/engine/diag"

	"github.com/legible/legible/internal/golden"
)

// sources is the source text the test diagnostics point into.
var sources = SourceMap{
	"specs/syncs/login.sync.yaml": []byte(strings.Join([]string{
		"sync: Login",              // 1
		"when:",                    // 2
		"  - User.login: { name }", // 3
		"then:",                    // 4
		"  - Session.start:",       // 5
		"      in: { user }",       // 6
		"",                         // 7
		"",                         // 8
		"",                         // 9
		"",                         // 10
		"  - Web.respond:",         // 11
		"      out: { session }",   // 12
	}, "\n") + "\n"),
	"specs/concepts/ünï.concept.yaml": []byte("concept: Ünï\r\n" +
		"state:\r\n" +
		"\tnames:\t\"héllo wörld\"  # ✓\r\n" +
		"actions:\r\n" +
		"  - 名前: { x }\r\n"),
	"odd:dir,x/file%.yaml": []byte("a: 1\n"),
}

// at returns a one-line span.
func at(file string, line, col, endCol int) diag.Span {
	return diag.Span{Pos: diag.Pos{File: file, Line: line, Col: col}, EndLine: line, EndCol: endCol}
}

const (
	login = "specs/syncs/login.sync.yaml"
	uni   = "specs/concepts/ünï.concept.yaml"
)

var cases = []struct {
	name string
	list diag.List
}{
	{"empty", nil},
	{"multi", diag.List{
		{Span: at(login, 12, 7, 23), Severity: diag.Error, Rule: "then-output",
			Message: "`out:` on a `then` action binds nothing",
			Hint:    "first hint line\nsecond hint line"},
		{Span: at(login, 3, 20, 24), Severity: diag.Warning, Rule: "unused-variable",
			Message: "variable `name` is bound but never read"},
		{Span: at(login, 5, 5, 18), Severity: diag.Info, Rule: "passthrough",
			Message: "sync only forwards User.login to Session.start",
			Hint:    "call Session.start directly"},
		{Span: at(login, 99, 1, 2), Severity: diag.Warning, Rule: "unused-variable",
			Message: "line beyond the end of the file"},
		{Span: diag.Span{Pos: diag.Pos{File: "specs/missing.yaml"}}, Severity: diag.Error, Rule: "yaml",
			Message: "cannot read file"},
		{Span: at("specs/other.yaml", 2, 3, 4), Severity: diag.Error, Rule: "schema",
			Message: "file not among the sources"},
		{Severity: diag.Info, Rule: "conformance", Message: "no position at all"},
	}},
	{"unicode", diag.List{
		{Span: at(uni, 3, 16, 21), Severity: diag.Error, Rule: "type",
			Message: "tab and non-ASCII runes before the column", Hint: "the caret is under wörld"},
		{Span: at(uni, 5, 5, 7), Severity: diag.Warning, Rule: "unknown-action",
			Message: "action `名前` is not defined"},
		{Span: at(uni, 1, 13, 14), Severity: diag.Error, Rule: "schema",
			Message: "span at the end of the line"},
		{Span: at(uni, 6, 1, 1), Severity: diag.Error, Rule: "yaml",
			Message: "unexpected end of file"},
		{Span: at(uni, 2, 1, 40), Severity: diag.Info, Rule: "kind",
			Message: "span running past the end of the line"},
	}},
	{"multiline", diag.List{
		{Span: diag.Span{Pos: diag.Pos{File: login, Line: 4, Col: 1}, EndLine: 6, EndCol: 18},
			Severity: diag.Error, Rule: "mixed-outcomes", Message: "span across lines",
			Hint: "only the start is marked"},
	}},
	{"escaping", diag.List{
		{Span: at("odd:dir,x/file%.yaml", 1, 4, 5), Severity: diag.Error, Rule: "expr",
			Message: "100% sure: a, b\r\nnext line", Hint: "try: x, y\nor 50%"},
		{Span: at("odd:dir,x/file%.yaml", 1, 1, 2), Severity: diag.Warning, Rule: "odd,rule:id",
			Message: "<html> & \"quotes\""},
	}},
}

func TestGolden(t *testing.T) {
	for _, tc := range cases {
		for _, format := range Formats {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, tc.list, sources, "1.2.3"); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", tc.name+"."+format+".golden"), buf.Bytes())
			})
		}
	}
}

func TestSARIFFields(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := SARIF(&buf, tc.list, "1.2.3"); err != nil {
				t.Fatal(err)
			}
			var log struct {
				Schema  string `json:"$schema"`
				Version string `json:"version"`
				Runs    []struct {
					Tool struct {
						Driver struct {
							Name           string `json:"name"`
							InformationURI string `json:"informationUri"`
							Version        string `json:"version"`
							Rules          []struct {
								ID               string `json:"id"`
								Name             string `json:"name"`
								ShortDescription struct {
									Text string `json:"text"`
								} `json:"shortDescription"`
								DefaultConfiguration struct {
									Level string `json:"level"`
								} `json:"defaultConfiguration"`
							} `json:"rules"`
						} `json:"driver"`
					} `json:"tool"`
					Results []struct {
						RuleID    string `json:"ruleId"`
						RuleIndex int    `json:"ruleIndex"`
						Level     string `json:"level"`
						Message   struct {
							Text string `json:"text"`
						} `json:"message"`
						Locations []json.RawMessage `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatalf("SARIF output is not JSON: %v", err)
			}
			if log.Schema != sarifSchema || log.Version != "2.1.0" || len(log.Runs) != 1 {
				t.Fatalf("bad header: schema %q, version %q, %d runs", log.Schema, log.Version, len(log.Runs))
			}
			run := log.Runs[0]
			drv := run.Tool.Driver
			if drv.Name != "legible" || drv.InformationURI == "" || drv.Version != "1.2.3" {
				t.Errorf("bad driver %+v", drv)
			}
			if drv.Rules == nil || run.Results == nil {
				t.Errorf("rules or results is null:\n%s", buf.Bytes())
			}
			if len(run.Results) != len(tc.list) {
				t.Fatalf("%d results for %d diagnostics", len(run.Results), len(tc.list))
			}
			for i, r := range drv.Rules {
				if r.ID == "" || r.Name != r.ID || r.ShortDescription.Text == "" || r.DefaultConfiguration.Level == "" {
					t.Errorf("incomplete rule %+v", r)
				}
				if i > 0 && drv.Rules[i-1].ID >= r.ID {
					t.Errorf("rules not sorted and distinct: %q then %q", drv.Rules[i-1].ID, r.ID)
				}
			}
			for i, r := range run.Results {
				d := tc.list[i]
				if r.RuleIndex < 0 || r.RuleIndex >= len(drv.Rules) || drv.Rules[r.RuleIndex].ID != r.RuleID || r.RuleID != d.Rule {
					t.Errorf("result %d: rule %q at index %d does not match", i, r.RuleID, r.RuleIndex)
				}
				want := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Info: "note"}[d.Severity]
				if r.Level != want {
					t.Errorf("result %d: level %q, want %q", i, r.Level, want)
				}
				if !strings.HasPrefix(r.Message.Text, d.Message) || r.Locations == nil {
					t.Errorf("result %d: message %q, locations %v", i, r.Message.Text, r.Locations)
				}
			}
		})
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := JSON(&buf, tc.list); err != nil {
				t.Fatal(err)
			}
			var got []Diagnostic
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatalf("output is null, want an array:\n%s", buf.Bytes())
			}
			back := make(diag.List, 0, len(got))
			for _, j := range got {
				back = append(back, diag.Diagnostic{
					Span: diag.Span{Pos: diag.Pos{File: j.File, Line: j.Line, Col: j.Column},
						EndLine: j.EndLine, EndCol: j.EndColumn},
					Severity: parseSeverity(t, j.Severity), Rule: j.Rule, Message: j.Message, Hint: j.Hint,
				})
			}
			if !slices.Equal(back, tc.list) {
				t.Errorf("round trip changed the list:\n got %+v\nwant %+v", back, tc.list)
			}
		})
	}
}

// parseSeverity inverts diag.Severity.String.
func parseSeverity(t *testing.T, s string) diag.Severity {
	for _, sev := range []diag.Severity{diag.Info, diag.Warning, diag.Error} {
		if sev.String() == s {
			return sev
		}
	}
	t.Fatalf("unknown severity %q", s)
	return 0
}

func TestJSONKeyOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, cases[1].list[:1]); err != nil {
		t.Fatal(err)
	}
	keys := []string{"file", "line", "column", "endLine", "endColumn", "severity", "rule", "message", "hint"}
	last := -1
	for _, k := range keys {
		i := bytes.Index(buf.Bytes(), []byte(`"`+k+`":`))
		if i <= last {
			t.Fatalf("key %q missing or out of order:\n%s", k, buf.Bytes())
		}
		last = i
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", nil, nil, "")
	if err == nil {
		t.Fatal("no error for an unknown format")
	}
	for _, f := range append([]string{"xml"}, Formats...) {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %q", err, f)
		}
	}
}

func TestWriteError(t *testing.T) {
	for _, format := range Formats {
		if err := Write(failWriter{}, format, cases[1].list, sources, ""); err == nil {
			t.Errorf("%s: write error not reported", format)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestTextWithoutSources(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, cases[1].list[:1], nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), " | ") {
		t.Errorf("snippet printed without sources:\n%s", buf.String())
	}
}

func TestSourceMapLine(t *testing.T) {
	m := SourceMap{"crlf": []byte("one\r\ntwo\r\n"), "bare": []byte("x\ny")}
	tests := []struct {
		file string
		n    int
		want string
		ok   bool
	}{
		{"crlf", 1, "one", true},
		{"crlf", 2, "two", true},
		{"crlf", 3, "", true},
		{"crlf", 4, "", false},
		{"crlf", 0, "", false},
		{"bare", 2, "y", true},
		{"bare", 3, "", false},
		{"none", 1, "", false},
	}
	for _, tt := range tests {
		got, ok := m.Line(tt.file, tt.n)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Line(%q, %d) = %q, %v; want %q, %v", tt.file, tt.n, got, ok, tt.want, tt.ok)
		}
	}
}
