package jsonenc

import (
	"encoding/json"
	"math"
	"testing"
)

func TestAppendWritesWhatEncodingJSONWrites(t *testing.T) {
	values := []any{
		nil, true, false, "", "plain", `quote " backslash \ slash /`, "tab\t nl\n cr\r bell\a nul\x00 bs\b ff\f",
		"<script>&amp;</script>", "ünïcödé 😀", "line\u2028sep\u2029", "bad \xff utf8",
		0.0, 1.0, -3.5, 1e-7, 1e-6, 123456789.0, 1e21, 1e20, 9007199254740993.0, -0.000001234, math.MaxFloat64,
		3, int64(-42),
		map[string]any{}, map[string]any{"b": 1.0, "a": []any{"x", nil, map[string]any{"z": true}}, "": "empty"},
		[]any{}, []any{1.0, "two", []any{}},
		[]string{"a", "<b>"},
		struct{ A int }{7},
		map[string]any{"nested": map[string]any{"deep": []any{map[string]any{"k": "v"}}}},
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Append(nil, v)
		if err != nil || string(got) != string(want) {
			t.Errorf("Append(%#v) = %s, %v; encoding/json writes %s", v, got, err, want)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), map[string]any{"x": math.Inf(-1)}} {
		if _, err := Append(nil, bad); err == nil {
			t.Errorf("Append(%v) succeeded; JSON has no such number", bad)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a", "\xff", "<>&", "\u2028", "\x00\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got, _ := Append(nil, s); string(got) != string(want) {
			t.Fatalf("Append(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}
