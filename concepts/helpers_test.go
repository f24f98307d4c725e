package concepts

import (
	"context"
	"strings"
	"testing"
)

// decodeAs runs the input conversion of a handler whose input type is I and
// returns the struct the Go function received.
func decodeAs[I any](t *testing.T, in map[string]any) (I, error) {
	t.Helper()
	var got I
	// A query, because a query's ill-typed input is a failure carrying the
	// *InputError, where an action's becomes an error outcome.
	c := New("Test").Query("run", Query(func(_ context.Context, i I) ([]struct{}, error) {
		got = i
		return nil, nil
	}))
	h, _ := c.Handler("run")
	_, err := h.Call(context.Background(), in)
	return got, err
}

// act and qry make handlers whose functions do nothing, for tests that
// look only at types.
func act[I, O any]() Handler {
	return Action(func(context.Context, I) (O, error) { var o O; return o, nil })
}

func qry[I, O any]() Handler {
	return Query(func(context.Context, I) ([]O, error) { return nil, nil })
}

// mustPanic runs f and returns what it panicked with as a string.
func mustPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		v := recover()
		if v == nil {
			t.Fatal("no panic")
		}
		msg, _ = v.(string)
	}()
	f()
	return ""
}

// wantErr checks that err is nil when want is "", else that it contains want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error; want one containing %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q does not contain %q", err, want)
	}
}

func ptr[T any](v T) *T { return &v }
