package value

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// TestAppendJSONWritesWhatEncodingJSONWrites compares AppendJSON with
// encoding/json without HTML escapes, on flow values.
func TestAppendJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	values := []any{
		nil, true, false, "", "plain", `quote " backslash \ slash /`, "tab\t nl\n cr\r bell\a nul\x00 bs\b ff\f",
		"<script>&amp;</script>", "ünïcödé 😀", "line\u2028sep\u2029", "bad \xff utf8",
		0.0, 1.0, -3.5, 1e-7, 1e-6, 123456789.0, 1e21, 1e20, 9007199254740993.0, -0.000001234, math.MaxFloat64,
		map[string]any{}, map[string]any{"b": 1.0, "a": []any{"x", nil, map[string]any{"z": true}}, "": "empty", "<k>": "&"},
		[]any{}, []any{1.0, "two", []any{}},
		map[string]any{"nested": map[string]any{"deep": []any{map[string]any{"k": "v"}}}},
	}
	for _, v := range values {
		want := encode(t, v)
		got, err := AppendJSON(nil, v, Format{})
		if err != nil || string(got) != want {
			t.Errorf("AppendJSON(%#v) = %s, %v; encoding/json writes %s", v, got, err, want)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), map[string]any{"x": math.Inf(-1)}, 3, []string{"a"}} {
		if _, err := AppendJSON(nil, bad, Format{}); err == nil {
			t.Errorf("AppendJSON(%v) succeeded; it is no JSON number, or no flow value", bad)
		}
	}
	got, err := AppendJSON(nil, []any{math.NaN(), math.Inf(-1)}, Format{Lenient: true})
	if err != nil || string(got) != `["NaN","-Inf"]` {
		t.Errorf("lenient AppendJSON of NaN and -Inf = %s, %v", got, err)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a", "\xff", "<>&", "\u2028", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, _ := AppendJSON(nil, s, Format{}); string(got) != encode(t, s) {
			t.Fatalf("AppendJSON(%q) = %s, encoding/json writes %s", s, got, encode(t, s))
		}
	})
}

// encode returns what encoding/json writes for v without HTML escapes.
func encode(t *testing.T, v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
