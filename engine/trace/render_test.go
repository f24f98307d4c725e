package trace

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/internal/golden"
)

// goldenFlows are rendered to testdata/<name>.text.golden and .json.golden,
// masked as the runtime masks them before storing.
var goldenFlows = []struct {
	name string
	flow *Flow
}{
	{"login", loginFlow()},
	{"failure", failureFlow()},
	{"error", errorFlow()},
	{"truncation", truncationFlow()},
	{"orphans", orphanFlow()},
	{"empty", &Flow{ID: "flow-empty", Start: at(0), End: at(3 * us)}},
}

func TestGolden(t *testing.T) {
	m := NewMasker(secrets)
	for _, tc := range goldenFlows {
		f := m.Mask(tc.flow)
		t.Run(tc.name+"/text", func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, f); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".text.golden"), buf.Bytes())
		})
		t.Run(tc.name+"/json", func(t *testing.T) {
			b, err := JSON(f)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(b) {
				t.Fatalf("invalid JSON:\n%s", b)
			}
			golden.Check(t, filepath.Join("testdata", tc.name+".json.golden"), b)
		})
	}
}

func TestRenderingIsDeterministic(t *testing.T) {
	for _, tc := range goldenFlows {
		var first string
		for range 20 {
			var buf bytes.Buffer
			_ = WriteText(&buf, tc.flow)
			b, _ := JSON(tc.flow)
			got := buf.String() + string(b)
			if first == "" {
				first = got
			} else if got != first {
				t.Fatalf("%s: rendering changed between runs", tc.name)
			}
		}
	}
}

func TestLine(t *testing.T) {
	failed := &Record{Concept: "Article", Action: "create", Input: map[string]any{"title": "x"}, Failure: "boom\nbang"}
	cases := []struct {
		name   string
		record *Record
		want   string
	}{
		{"nil", nil, ""},
		{"success", &Record{Concept: "Sessioning", Action: "create", Input: map[string]any{"user": "u1"},
			Output: map[string]any{"session": "s1"}}, `Sessioning.create {user: "u1"} => {session: "s1"}`},
		{"keys sorted", &Record{Concept: "C", Action: "a", Input: map[string]any{"b": 2, "a": 1, "c": nil}},
			`C.a {a: 1, b: 2, c: null} => {}`},
		{"concept error", &Record{Concept: "Authenticating", Action: "login", Input: map[string]any{},
			Output: map[string]any{"error": "wrong password"}}, `Authenticating.login {} => {error: "wrong password"}`},
		{"failure", failed, `Article.create {title: "x"} => FAILED: boom ⏎ bang`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.record); got != tc.want {
				t.Errorf("Line = %s\nwant   %s", got, tc.want)
			}
		})
	}
}

type named string

type point struct{ X, Y int }

// TestValue renders flow values, and Go values that are none, as the flow
// values they make (value.Of).
func TestValue(t *testing.T) {
	p := 5
	var nilPtr *int
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "null"},
		{"string", "a\"b\n", `"a\"b\n"`},
		{"bool", false, "false"},
		{"int", -3, "-3"},
		{"float", 2.5, "2.5"},
		{"float integral", 3.0, "3"},
		{"float large", 1741064767.5, "1741064767.5"},
		{"float huge", 1e22, "1e+22"},
		{"float tiny", -1e-7, "-1e-07"},
		{"float zero", 0.0, "0"},
		{"int64", int64(1) << 40, "1099511627776"},
		{"uint8", uint8(7), "7"},
		{"float32", float32(0.5), "0.5"},
		{"NaN", math.NaN(), "NaN"},
		{"named string", named("n"), `"n"`},
		{"time", t0, `"2025-03-04T05:06:07Z"`},
		{"map sorted", map[string]any{"z": 1, "a": []any{true, nil}}, `{a: [true, null], z: 1}`},
		{"odd keys quoted", map[string]any{"a b": 1, "": 2, "9x": 3, "x9_": 4}, `{"": 2, "9x": 3, "a b": 1, x9_: 4}`},
		{"typed map", map[string]int{"b": 2, "a": 1}, `{a: 1, b: 2}`},
		{"int keys", map[int]string{10: "x", 2: "y"}, `{"10": "x", "2": "y"}`},
		{"typed slice", []string{"a", "b"}, `["a", "b"]`},
		{"nil slice", []string(nil), "null"},
		{"array", [2]int{1, 2}, "[1, 2]"},
		{"pointer", &p, "5"},
		{"nil pointer", nilPtr, "null"},
		{"struct", point{1, 2}, "{X: 1, Y: 2}"},
		{"empty map", map[string]any{}, "{}"},
		{"nil map", map[string]any(nil), "{}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(tc.v, maxValue); got != tc.want {
				t.Errorf("value(%#v) = %s, want %s", tc.v, got, tc.want)
			}
		})
	}
}

func TestTruncation(t *testing.T) {
	long := strings.Repeat("x", 200)
	nums := make([]any, 100)
	for i := range nums {
		nums[i] = i
	}
	cases := []struct {
		name string
		v    any
		want string // the rendering, or its start when it ends in …
	}{
		{"short string untouched", strings.Repeat("y", 78), `"` + strings.Repeat("y", 78) + `"`},
		{"long string", long, `"` + strings.Repeat("x", maxValue-3) + `…"`},
		{"escapes count", strings.Repeat("\n", 100), `"` + strings.Repeat(`\n`, (maxValue-3)/2) + `…"`},
		{"runes not bytes", strings.Repeat("é", 100), `"` + strings.Repeat("é", maxValue-3) + `…"`},
		{"long list", nums, "[0, 1, 2, "},
		{"nested collapses", map[string]any{"a": map[string]any{"b": long}, "z": 1}, `{a: {b: "xxx`},
		{"long number", strings.Repeat("9", 100) + "x", `"999`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := value(tc.v, maxValue)
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("value = %s\nwant prefix %s", got, tc.want)
			}
			if n := len([]rune(got)); n > maxValue+4 {
				t.Errorf("value is %d characters long: %s", n, got)
			}
		})
	}
	if got := value(map[string]any{"a": long, "b": 1, "c": 2}, maxValue); !strings.HasSuffix(got, `…", …}`) {
		t.Errorf("entries after a cut value should be elided: %s", got)
	}
	if got := value(nums, maxValue); !strings.HasSuffix(got, ", …]") {
		t.Errorf("a long list should end in …: %s", got)
	}
	if got := cut("123456", 4); got != "123…" {
		t.Errorf("cut = %s", got)
	}
}

func TestDuration(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{0, "0µs"}, {37 * us, "37µs"}, {100 * us, "100µs"}, {time.Millisecond, "1.0ms"},
		{12345 * us, "12.3ms"}, {999 * time.Millisecond, "999.0ms"}, {1500 * time.Millisecond, "1.50s"}, {2 * time.Minute, "120.00s"},
	}
	for _, tc := range cases {
		if got := duration(tc.d); got != tc.want {
			t.Errorf("duration(%v) = %s, want %s", tc.d, got, tc.want)
		}
	}
	bad := []*Record{{}, {Start: t0}, {End: t0}, {Start: t0.Add(time.Second), End: t0}}
	for _, r := range bad {
		if r.Duration() != 0 {
			t.Errorf("Duration of %v..%v = %v, want 0", r.Start, r.End, r.Duration())
		}
	}
}

func TestJSONFields(t *testing.T) {
	b, err := JSON(NewMasker(secrets).Mask(failureFlow()))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID, Failure string
		DurationMs  float64
		Tree        []struct {
			Sync     string
			Children []struct {
				Sync     string
				Output   map[string]string
				Children []struct {
					Sync, Failure string
					When          []string
					Output        json.RawMessage
					DurationMs    float64
					Children      []json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "flow-failure" || doc.DurationMs != 43 || !strings.Contains(doc.Failure, "\nafter 3 retries") {
		t.Errorf("bad flow header: %+v", doc)
	}
	if len(doc.Tree) != 1 || doc.Tree[0].Sync != "" || len(doc.Tree[0].Children) != 1 ||
		len(doc.Tree[0].Children[0].Children) != 1 || doc.Tree[0].Children[0].Output["user"] != "u7" {
		t.Fatalf("bad tree: %s", b)
	}
	failed := doc.Tree[0].Children[0].Children[0]
	if failed.Sync != "CreateArticle" || failed.Failure == "" || failed.Output != nil ||
		strings.Join(failed.When, ",") != "1,2" || failed.DurationMs != 42 || failed.Children == nil {
		t.Errorf("bad failed node: %+v", failed)
	}
}

func TestJSONOddValues(t *testing.T) {
	f := &Flow{ID: "odd", Records: []*Record{{ID: "1", Concept: "C", Action: "a", Input: map[string]any{
		"nan": math.NaN(), "inf": []any{math.Inf(1)}, "ch": make(chan int), "typed": map[string]float64{"x": math.NaN()},
		"html": "<a&b>", "time": t0, "point": point{1, 2},
	}}}}
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"nan": "NaN"`, `"+Inf"`, `"typed": "map[x:NaN]"`, `"<a&b>"`, `"2025-03-04T05:06:07Z"`, `"X": 1`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
	if b, err := JSON(nil); err != nil || string(b) != "null\n" {
		t.Errorf("JSON(nil) = %q, %v", b, err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTextError(t *testing.T) {
	if err := WriteText(failWriter{}, loginFlow()); err == nil {
		t.Error("a write error should be returned")
	}
	if err := WriteText(failWriter{}, nil); err != nil {
		t.Error("a nil flow writes nothing")
	}
}
