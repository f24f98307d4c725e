package trace

import (
	"reflect"
	"testing"
)

// clone deep-copies a flow without masking, to compare the original with
// later.
func clone(f *Flow) *Flow { return (*Masker)(nil).Mask(f) }

func TestMask(t *testing.T) {
	m := NewMasker(secrets)
	cases := []struct {
		name   string
		record *Record
		want   *Record // only Input and Output are compared
	}{
		{"top-level input of the concept",
			&Record{Concept: "Authenticating", Input: map[string]any{"email": "a", "password": "p"}},
			&Record{Input: map[string]any{"email": "a", "password": Masked}}},
		{"top-level output of the concept",
			&Record{Concept: "Tokens", Input: map[string]any{"user": "u"}, Output: map[string]any{"token": "t"}},
			&Record{Input: map[string]any{"user": "u"}, Output: map[string]any{"token": Masked}}},
		{"other concept's secret names are not secret elsewhere",
			&Record{Concept: "Profile", Input: map[string]any{"password": "p", "token": "t"}},
			&Record{Input: map[string]any{"password": "p", "token": "t"}}},
		{"nested values of other concepts are left alone",
			&Record{Concept: "Authenticating", Input: map[string]any{"user": map[string]any{"password": "p"}}},
			&Record{Input: map[string]any{"user": map[string]any{"password": "p"}}}},
		{"nested in a request, any concept's secrets",
			&Record{Concept: "Requesting", Input: map[string]any{
				"path": "/users", "user": map[string]any{"email": "a", "password": "p", "token": "t"},
			}},
			&Record{Input: map[string]any{
				"path": "/users", "user": map[string]any{"email": "a", "password": Masked, "token": Masked},
			}}},
		{"top level of a request (body fields are inputs)",
			&Record{Concept: "Requesting", Input: map[string]any{"password": "p", "token": "t"}},
			&Record{Input: map[string]any{"password": Masked, "token": Masked}}},
		{"deep in a response body, through lists and typed maps",
			&Record{Concept: "Requesting", Action: "respond", Input: map[string]any{
				"body": map[string]any{"users": []any{map[string]any{"token": "t", "name": "n"}}},
				"rows": []map[string]any{{"password": "p"}},
				"hdr":  map[string]string{"token": "t", "x": "y"},
			}},
			&Record{Input: map[string]any{
				"body": map[string]any{"users": []any{map[string]any{"token": Masked, "name": "n"}}},
				"rows": []map[string]any{{"password": Masked}},
				"hdr":  map[string]string{"token": Masked, "x": "y"},
			}}},
		{"secret whatever its value",
			&Record{Concept: "Authenticating", Input: map[string]any{"password": map[string]any{"a": 1}}},
			&Record{Input: map[string]any{"password": Masked}}},
		{"a null secret stays null (no token was sent)",
			&Record{Concept: "Requesting", Input: map[string]any{"token": nil, "user": map[string]any{"password": nil}}},
			&Record{Input: map[string]any{"token": nil, "user": map[string]any{"password": nil}}}},
		{"nil maps stay nil",
			&Record{Concept: "Authenticating", Failure: "boom"},
			&Record{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &Flow{ID: "f", Records: []*Record{tc.record}}
			before := clone(f)
			got := m.Mask(f).Records[0]
			if !reflect.DeepEqual(got.Input, tc.want.Input) || !reflect.DeepEqual(got.Output, tc.want.Output) {
				t.Errorf("masked to\n in  %#v\n out %#v\nwant\n in  %#v\n out %#v", got.Input, got.Output, tc.want.Input, tc.want.Output)
			}
			if !reflect.DeepEqual(f, before) {
				t.Errorf("the original changed:\n%#v\nwas\n%#v", f.Records[0], before.Records[0])
			}
		})
	}
}

func TestMaskCopiesDeeply(t *testing.T) {
	f := loginFlow()
	before := clone(f)
	got := NewMasker(secrets).Mask(f)
	if got == f || got.Records[0] == f.Records[0] || got.Records[1].Cause == f.Records[1].Cause {
		t.Fatal("Mask shares the flow, a record or a cause with the original")
	}
	// Scribble over everything reachable from the copy.
	got.ID = "x"
	got.Records[0].Input["user"].(map[string]any)["email"] = "changed"
	got.Records[4].Input["body"].(map[string]any)["user"].(map[string]any)["username"] = "changed"
	got.Records[4].Cause.When[0] = "changed"
	got.Records[1].Output["user"] = "changed"
	got.Records = append(got.Records[:1], got.Records[2:]...)
	if !reflect.DeepEqual(f, before) {
		t.Error("changing the masked copy changed the original")
	}
	if pw := before.Records[0].Input["user"].(map[string]any)["password"]; pw != "hunter2" {
		t.Errorf("original password is %v", pw)
	}
}

func TestMaskNil(t *testing.T) {
	if NewMasker(nil).Mask(nil) != nil || NewMasker(nil).MaskRecord(nil) != nil {
		t.Error("masking nil should give nil")
	}
	var m *Masker
	r := &Record{Concept: "Authenticating", Input: map[string]any{"password": "p"}}
	if got := m.MaskRecord(r); got != r {
		t.Errorf("a nil masker has nothing to mask, so it should share the record, got %#v", got)
	}
}
