package requesting

import (
	"context"
	"reflect"
	"testing"

	"github.com/legible/legible/storage/storagetest"
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
	ctx := r.Expect(context.Background(), "req-1")
	out, _ := call(t, r, ctx, "request", map[string]any{"method": "GET", "path": "/x", "slug": "a"})
	if out["request"] != "req-1" {
		t.Fatalf("request id %v, want the expected one", out["request"])
	}
	if r.Answered("req-1") {
		t.Fatal("answered before respond")
	}
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1", "status": 201.0, "body": map[string]any{"ok": true}}); errMsg != "" {
		t.Fatal(errMsg)
	}
	if got, ok := r.Reply("req-1"); !ok || got.Status != 201 || !reflect.DeepEqual(got.Body, map[string]any{"ok": true}) {
		t.Fatalf("reply %+v, %v", got, ok)
	}
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1"}); errMsg == "" {
		t.Fatal("a second respond must be a concept error")
	}
	r.Forget("req-1")
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-1"}); errMsg == "" || r.Waiting() != 0 {
		t.Fatal("a respond after Forget must be a concept error")
	}
	if _, ok := r.Reply("req-1"); ok {
		t.Fatal("a forgotten request has a reply")
	}
}

func TestRequestAgainForgetsTheReply(t *testing.T) {
	r := New()
	ctx := r.Expect(context.Background(), "req-3")
	call(t, r, ctx, "request", map[string]any{"method": "GET", "path": "/x"})
	call(t, r, ctx, "respond", map[string]any{"request": "req-3", "status": 409.0})
	call(t, r, ctx, "request", map[string]any{"method": "GET", "path": "/x"}) // the flow runs again
	if r.Answered("req-3") {
		t.Fatal("a reply of an earlier run of the flow is kept")
	}
	if _, errMsg := call(t, r, ctx, "respond", map[string]any{"request": "req-3", "status": 200.0}); errMsg != "" {
		t.Fatalf("respond in the second run: %s", errMsg)
	}
	if got, _ := r.Reply("req-3"); got.Status != 200 {
		t.Fatalf("reply %+v, want the second run's", got)
	}
}

func TestFlatReplyAndDefaultStatus(t *testing.T) {
	r := New()
	ctx := r.Expect(context.Background(), "req-2")
	call(t, r, ctx, "respond", map[string]any{"request": "req-2", "error": "nope", "code": 3.0})
	got, _ := r.Reply("req-2")
	if got.Status != 200 || !reflect.DeepEqual(got.Body, map[string]any{"error": "nope", "code": 3.0}) {
		t.Fatalf("reply %+v", got)
	}
}

func TestRespondRollback(t *testing.T) {
	db := storagetest.SQLite(t)
	items := storagetest.Items(db)
	storagetest.Setup(t, db)
	for _, rollback := range []bool{false, true} {
		r := New()
		ctx, tx := db.Begin(r.Expect(context.Background(), "req"))
		if err := items.Insert(ctx, "a", storagetest.Item{Name: "ann"}); err != nil {
			t.Fatal(err)
		}
		call(t, r, ctx, "respond", map[string]any{"request": "req", "status": 422.0, "rollback": rollback})
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		_, kept, err := items.Get(context.Background(), "a")
		if err != nil || kept == rollback {
			t.Fatalf("respond with rollback %v: the write kept is %v (%v)", rollback, kept, err)
		}
		if got, _ := r.Reply("req"); got.Status != 422 || !reflect.DeepEqual(got.Body, map[string]any{}) {
			t.Fatalf("reply %+v, want 422 with an empty body (rollback is not a field of it)", got)
		}
		if _, err := items.Delete(context.Background(), "a"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRequestWithoutWaiterGetsAnID(t *testing.T) {
	r := New()
	out, _ := call(t, r, context.Background(), "request", map[string]any{"method": "GET", "path": "/x"})
	if id, _ := out["request"].(string); len(id) != 36 {
		t.Fatalf("request id %v, want a UUID", out["request"])
	}
}
