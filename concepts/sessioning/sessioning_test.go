package sessioning

import (
	"context"
	"encoding/base64"
	"os"
	"strings"
	"testing"

	"legible/concepts"
	"legible/engine/load"
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
	if n := count(t, s.sessions.Database(), SessionsCollection); n != 1 {
		t.Fatalf("%d sessions stored, want 1", n)
	}
}

func TestDeleteErrors(t *testing.T) {
	_, c := setup(t)
	s := call(t, c, "create", map[string]any{"user": "u1"}).Out["session"]
	call(t, c, "delete", map[string]any{"session": s})
	for _, session := range []any{s, "never-made", ""} {
		if got := call(t, c, "delete", map[string]any{"session": session}); !strings.Contains(got.Err, "no such session") {
			t.Errorf("delete %q: %+v, want the no-such-session concept error", session, got)
		}
	}
}

func TestGetUserOfUnknownSessions(t *testing.T) {
	_, c := setup(t)
	for _, session := range []string{"", "never-made"} {
		if rows := call(t, c, "_getUser", map[string]any{"session": session}).Rows; len(rows) != 0 {
			t.Errorf("_getUser %q: %v, want no rows", session, rows)
		}
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
	call(t, c, "create", map[string]any{"user": "u1"})
	if err := s.Setup(context.Background()); err != nil {
		t.Fatalf("a second Setup: %v", err)
	}
}

func TestConformance(t *testing.T) {
	data, err := os.ReadFile("../../specs/concepts/Sessioning.concept.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sp, diags := load.Load([]load.File{{Name: "concepts/Sessioning.concept.yaml", Data: data}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	spec := sp.Concepts[len(sp.Concepts)-1]
	if spec.Name.Name != "Sessioning" {
		t.Fatalf("loaded concept %s, want Sessioning", spec.Name.Name)
	}
	for _, d := range concepts.Conformance(New(nil).Concept(), spec) {
		t.Errorf("%s: %s [%s] %s", d.Span.Pos, d.Message, d.Rule, d.Hint)
	}
}
