package sessioning

import (
	"context"
	"encoding/base64"
	"testing"

	"legible/storage/storagetest"
)

func TestCreateGetUserDelete(t *testing.T) {
	s, c := setup(t)
	s1, _ := call(t, c, "create", map[string]any{"user": "u1"}).Out["session"].(string)
	s2, _ := call(t, c, "create", map[string]any{"user": "u1"}).Out["session"].(string)
	if raw, err := base64.RawURLEncoding.DecodeString(s1); err != nil || len(raw) != tokenBytes || s1 == s2 {
		t.Fatalf("sessions %q and %q, want two distinct tokens of %d random bytes in base64url", s1, s2, tokenBytes)
	}
	for _, id := range []string{s1, s2} {
		if rows := call(t, c, "_getUser", map[string]any{"session": id}).Rows; len(rows) != 1 || rows[0]["user"] != "u1" {
			t.Fatalf("_getUser: %v, want one row with user u1", rows)
		}
	}
	if got := call(t, c, "delete", map[string]any{"session": s1}); got.IsError() || got.Out["session"] != s1 {
		t.Fatalf("delete: %+v, want the session back", got)
	}
	if rows := call(t, c, "_getUser", map[string]any{"session": s1}).Rows; len(rows) != 0 {
		t.Fatalf("_getUser of a deleted session: %v, want no rows", rows)
	}
	if rows := call(t, c, "_getUser", map[string]any{"session": s2}).Rows; len(rows) != 1 {
		t.Fatalf("_getUser of the other session: %v, want it untouched", rows)
	}
	if n := storagetest.Count(t, s.sessions.Database(), SessionsCollection); n != 1 {
		t.Fatalf("%d sessions stored, want 1", n)
	}
}

func TestUnknownSessions(t *testing.T) {
	_, c := setup(t)
	s := call(t, c, "create", map[string]any{"user": "u1"}).Out["session"]
	call(t, c, "delete", map[string]any{"session": s})
	for _, session := range []any{s, "never-made", ""} {
		storagetest.Fails(t, c, "delete", map[string]any{"session": session}, "no such session")
	}
	for _, session := range []string{"", "never-made"} {
		storagetest.NoRows(t, c, "_getUser", map[string]any{"session": session})
	}
}

func TestCreateWithoutUserFails(t *testing.T) {
	_, c := setup(t)
	h, _ := c.Handler("create")
	if _, err := h.Call(context.Background(), map[string]any{"user": ""}); err == nil {
		t.Fatal("create with an empty user must be a failure")
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	s, c := setup(t)
	storagetest.Resetup(t, s, func() { call(t, c, "create", map[string]any{"user": "u1"}) }, s.sessions)
}

func TestConformance(t *testing.T) {
	storagetest.Conforms(t, New(nil).Concept(), "../../specs/concepts/Sessioning.concept.yaml")
}
