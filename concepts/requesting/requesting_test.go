package requesting

import (
	"context"
	"reflect"
	"testing"
)

func call(t *testing.T, r *Requesting, ctx context.Context, action string, in map[string]any) (map[string]any, string) {
	t.Helper()
	h, ok := r.Concept().Handler(action)
	if !ok {
		t.Fatalf("no action %s", action)
	}
	res, err := h.Call(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	return res.Out, res.Err
}

func TestRespondOnce(t *testing.T) {
	r := New()
	ctx, replies := r.Expect(context.Background(), "req-1")
	out, _ := call(t, r, ctx, "request", map[string]any{"method": "GET", "path": "/x", "slug": "a"})
	if out["request"] != "req-1" {
		t.Fatalf("request id %v, want the expected one", out["request"])
	}
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1", "status": 201.0, "body": map[string]any{"ok": true}}); errMsg != "" {
		t.Fatal(errMsg)
	}
	if got := <-replies; got.Status != 201 || !reflect.DeepEqual(got.Body, map[string]any{"ok": true}) {
		t.Fatalf("reply %+v", got)
	}
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1"}); errMsg == "" {
		t.Fatal("a second respond must be a concept error")
	}
	r.Forget("req-1")
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1"}); errMsg == "" || r.Waiting() != 0 {
		t.Fatal("a respond after Forget must be a concept error")
	}
}

func TestFlatReplyAndDefaultStatus(t *testing.T) {
	r := New()
	ctx, replies := r.Expect(context.Background(), "req-2")
	call(t, r, ctx, "respond", map[string]any{"request": "req-2", "error": "nope", "code": 3.0})
	got := <-replies
	if got.Status != 200 || !reflect.DeepEqual(got.Body, map[string]any{"error": "nope", "code": 3.0}) {
		t.Fatalf("reply %+v", got)
	}
}

func TestRequestWithoutWaiterGetsAnID(t *testing.T) {
	r := New()
	out, _ := call(t, r, context.Background(), "request", map[string]any{"method": "GET", "path": "/x"})
	if id, _ := out["request"].(string); len(id) != 36 {
		t.Fatalf("request id %v, want a UUID", out["request"])
	}
}
