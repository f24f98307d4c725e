package concepts

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

type author struct {
	Name string  `json:"name"`
	Bio  *string `json:"bio"`
}

type base struct {
	Slug string `json:"slug,omitempty"`
}

type allIn struct {
	base
	S      string         `json:"s"`
	N      int            `json:"n"`
	I64    int64          `json:"i64,omitempty"`
	F      float64        `json:"f,omitempty"`
	U8     uint8          `json:"u8,omitempty"`
	B      *bool          `json:"b"`
	T      time.Time      `json:"t,omitempty"`
	Tags   []string       `json:"tags,omitempty"`
	List   []any          `json:"list,omitempty"`
	Obj    map[string]any `json:"obj,omitempty"`
	Counts map[string]int `json:"counts,omitempty"`
	Any    any            `json:"any,omitempty"`
	Author *author        `json:"author"`
	PS     *string        `json:"ps"`
	Skip   string         `json:"-"`
	hidden string         //lint:ignore U1000 an unexported field takes no input
}

type restIn struct {
	Method string         `json:"method"`
	Rest   map[string]any `legible:"rest"`
}

type plainIn struct {
	UserID string // named userID by default
}

func TestInputConversion(t *testing.T) {
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	list := []any{"x", 1.0}
	obj := map[string]any{"k": "v"}
	cases := []struct {
		name string
		in   map[string]any
		want allIn
		err  string
	}{
		{"required only", map[string]any{"s": "x", "n": 3.0}, allIn{S: "x", N: 3}, ""},
		{"ints from float64", map[string]any{"s": "x", "n": -7.0, "i64": 1e15, "u8": 255.0}, allIn{S: "x", N: -7, I64: 1e15, U8: 255}, ""},
		{"ints from Go ints", map[string]any{"s": "x", "n": 4, "i64": int64(5), "f": 6}, allIn{S: "x", N: 4, I64: 5, F: 6}, ""},
		{"float", map[string]any{"s": "", "n": 0.0, "f": 2.5}, allIn{N: 0, F: 2.5}, ""},
		{"pointer set", map[string]any{"s": "x", "n": 1.0, "b": true, "ps": "p"}, allIn{S: "x", N: 1, B: ptr(true), PS: ptr("p")}, ""},
		{"pointer null", map[string]any{"s": "x", "n": 1.0, "b": nil, "ps": nil}, allIn{S: "x", N: 1}, ""},
		{"optional null", map[string]any{"s": "x", "n": 1.0, "i64": nil, "tags": nil}, allIn{S: "x", N: 1}, ""},
		{"time", map[string]any{"s": "x", "n": 1.0, "t": "2024-05-01T12:00:00Z"}, allIn{S: "x", N: 1, T: when}, ""},
		{"time value", map[string]any{"s": "x", "n": 1.0, "t": when}, allIn{S: "x", N: 1, T: when}, ""},
		{"lists", map[string]any{"s": "x", "n": 1.0, "tags": []any{"a", "b"}, "list": list}, allIn{S: "x", N: 1, Tags: []string{"a", "b"}, List: list}, ""},
		{"[]string as is", map[string]any{"s": "x", "n": 1.0, "tags": []string{"a"}}, allIn{S: "x", N: 1, Tags: []string{"a"}}, ""},
		{"maps", map[string]any{"s": "x", "n": 1.0, "obj": obj, "counts": map[string]any{"a": 2.0}}, allIn{S: "x", N: 1, Obj: obj, Counts: map[string]int{"a": 2}}, ""},
		{"any", map[string]any{"s": "x", "n": 1.0, "any": list}, allIn{S: "x", N: 1, Any: list}, ""},
		{"nested struct", map[string]any{"s": "x", "n": 1.0, "author": map[string]any{"name": "ann", "bio": "hi", "extra": 1.0}},
			allIn{S: "x", N: 1, Author: &author{Name: "ann", Bio: ptr("hi")}}, ""},
		{"embedded struct", map[string]any{"s": "x", "n": 1.0, "slug": "a-b"}, allIn{base: base{Slug: "a-b"}, S: "x", N: 1}, ""},
		{"missing", map[string]any{"n": 1.0}, allIn{}, "Test.run: input `s`: missing"},
		{"wrong type", map[string]any{"s": 1.0, "n": 1.0}, allIn{}, "input `s`: want a string, got a number"},
		{"null for required", map[string]any{"s": nil, "n": 1.0}, allIn{}, "input `s`: want a string, got null"},
		{"fraction for int", map[string]any{"s": "x", "n": 1.5}, allIn{}, "input `n`: want an integer, got a number"},
		{"string for int", map[string]any{"s": "x", "n": "1"}, allIn{}, "input `n`: want an integer, got a string"},
		{"overflow", map[string]any{"s": "x", "n": 1.0, "u8": 256.0}, allIn{}, "input `u8`: the number is out of range for uint8"},
		{"negative uint", map[string]any{"s": "x", "n": 1.0, "u8": -1.0}, allIn{}, "input `u8`: want a non-negative integer"},
		{"bad time", map[string]any{"s": "x", "n": 1.0, "t": "May 1"}, allIn{}, "input `t`: want an RFC 3339 time"},
		{"bad list item", map[string]any{"s": "x", "n": 1.0, "tags": []any{"a", 2.0}}, allIn{}, "input `tags[1]`: want a string, got a number"},
		{"list for object", map[string]any{"s": "x", "n": 1.0, "obj": []any{}}, allIn{}, "input `obj`: want an object, got a list"},
		{"bad map value", map[string]any{"s": "x", "n": 1.0, "counts": map[string]any{"a": true}}, allIn{}, "input `counts.a`: want an integer, got a boolean"},
		{"nested missing", map[string]any{"s": "x", "n": 1.0, "author": map[string]any{}}, allIn{}, "input `author.name`: missing"},
		{"unexpected", map[string]any{"s": "x", "n": 1.0, "zz": 1.0, "yy": 2.0}, allIn{}, "input `yy`: unexpected"},
		{"skipped field is unexpected", map[string]any{"s": "x", "n": 1.0, "skip": "x"}, allIn{}, "input `skip`: unexpected"},
		{"unexported field is unexpected", map[string]any{"s": "x", "n": 1.0, "hidden": "x"}, allIn{}, "input `hidden`: unexpected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := decodeAs[allIn](t, c.in)
			wantErr(t, err, c.err)
			if c.err == "" && !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
			var ie *InputError
			if c.err != "" && !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
		})
	}
}

func TestInputRestAndNames(t *testing.T) {
	cases := []struct {
		name string
		in   map[string]any
		want restIn
		err  string
	}{
		{"no extra", map[string]any{"method": "GET"}, restIn{Method: "GET"}, ""},
		{"extras", map[string]any{"method": "GET", "slug": "a", "n": 1.0}, restIn{Method: "GET", Rest: map[string]any{"slug": "a", "n": 1.0}}, ""},
		{"missing named", map[string]any{"slug": "a"}, restIn{}, "input `method`: missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := decodeAs[restIn](t, c.in)
			wantErr(t, err, c.err)
			if c.err == "" && !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
	got, err := decodeAs[plainIn](t, map[string]any{"userID": "u1"})
	if err != nil || got.UserID != "u1" {
		t.Fatalf("default name: got %+v, %v", got, err)
	}
}

type id string

type allOut struct {
	S      string
	N      int
	U      uint16
	F      float32
	B      bool
	T      time.Time
	P      *string
	NilP   *int
	Tags   []string
	Empty  []string
	List   []any
	Obj    map[string]any
	NilObj map[string]any
	Counts map[string]int
	Author author
	Any    any
	NilAny any
	ID     id `json:"id"`
}

func TestOutputConversion(t *testing.T) {
	when := time.Date(2024, 5, 1, 12, 0, 0, 5, time.UTC)
	list := []any{1.0}
	obj := map[string]any{"k": "v"}
	out := allOut{
		S: "s", N: 3, U: 4, F: 1.5, B: true, T: when, P: ptr("p"), Tags: []string{"a"}, List: list, Obj: obj,
		Counts: map[string]int{"a": 1}, Author: author{Name: "ann"}, Any: "x", ID: "u1",
	}
	want := map[string]any{
		"s": "s", "n": 3.0, "u": 4.0, "f": 1.5, "b": true, "t": "2024-05-01T12:00:00.000000005Z", "p": "p", "nilP": nil,
		"tags": []any{"a"}, "empty": []any{}, "list": list, "obj": obj, "nilObj": map[string]any{},
		"counts": map[string]any{"a": 1.0}, "author": map[string]any{"name": "ann", "bio": nil}, "any": "x", "nilAny": nil, "id": "u1",
	}
	c := New("Test").Action("run", Action(func(context.Context, struct{}) (allOut, error) { return out, nil }))
	h, _ := c.Handler("run")
	res, err := h.Call(context.Background(), map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Out, want) {
		t.Fatalf("got  %#v\nwant %#v", res.Out, want)
	}
	if res.Rows != nil || res.IsError() {
		t.Fatalf("an action result has only Out: %+v", res)
	}
}

type row struct {
	User string `json:"user"`
	Rank int    `json:"rank"`
}

func TestQueryRows(t *testing.T) {
	cases := []struct {
		name string
		rows []row
		want []map[string]any
	}{
		{"none", nil, []map[string]any{}},
		{"two", []row{{"a", 1}, {"b", 2}}, []map[string]any{{"user": "a", "rank": 1.0}, {"user": "b", "rank": 2.0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := New("Test").Query("_rows", Query(func(context.Context, struct{}) ([]row, error) { return c.rows, nil }))
			h, _ := k.Handler("_rows")
			res, err := h.Call(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows == nil || !reflect.DeepEqual(res.Rows, c.want) || res.Out != nil {
				t.Fatalf("got %#v, want rows %#v", res, c.want)
			}
		})
	}
}

// TestRoundTrip feeds one action's output to another's input, as syncs do.
func TestRoundTrip(t *testing.T) {
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	type rec struct {
		N    int
		T    time.Time
		Tags []string
		A    *author
	}
	want := rec{N: 2, T: when, Tags: []string{"x"}, A: &author{Name: "ann", Bio: ptr("b")}}
	out := New("Test").Action("out", Action(func(context.Context, struct{}) (rec, error) { return want, nil }))
	h, _ := out.Handler("out")
	res, err := h.Call(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeAs[rec](t, res.Out)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

// TestActionInputErrorIsOutcome checks that an action input that does not
// fit becomes the {error} outcome, named without the advice to developers.
func TestActionInputErrorIsOutcome(t *testing.T) {
	h := act[allIn, struct{}]()
	res, err := h.Call(context.Background(), map[string]any{"s": 1.0, "n": 1.0})
	if err != nil || res.Err != "input `s`: want a string, got a number" {
		t.Fatalf("result %+v, error %v", res, err)
	}
}
