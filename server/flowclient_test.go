package server

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"
)

// TestFetchFlow fetches a flow from a running server as JSON and as
// text, with the admin token it needs outside development mode, and
// checks what an unknown flow, a missing token and no server say.
func TestFetchFlow(t *testing.T) {
	ts := newTestServer(t, Options{AdminToken: "sesame"})
	id := ts.do(t, "POST", "/api/counts/a", `{"by": 1}`, nil).header.Get(flowHeader)
	ts.waitTrace(t, id, map[string]string{"Authorization": "Bearer sesame"})
	addr := strings.TrimPrefix(ts.url, "http://")
	ctx := context.Background()

	data, err := FetchFlow(ctx, addr, id, "json", "sesame")
	var doc struct {
		ID   string `json:"id"`
		Tree []struct {
			Concept, Action string
		} `json:"tree"`
	}
	if err != nil || json.Unmarshal(data, &doc) != nil || doc.ID != id || len(doc.Tree) != 1 || doc.Tree[0].Action != "request" {
		t.Fatalf("JSON: %v %s", err, data)
	}
	text, err := FetchFlow(ctx, addr, id, "text", "sesame")
	if err != nil || !strings.Contains(string(text), "[AddRespond] Requesting.respond") {
		t.Fatalf("text: %v %s", err, text)
	}
	for _, tt := range []struct{ id, token, want string }{
		{"no-such-flow", "sesame", "404 Not Found: no such flow among the recent ones"},
		{id, "", "401 Unauthorized: the flows endpoint needs `Authorization: Bearer $LEGIBLE_ADMIN_TOKEN`"},
	} {
		if _, err := FetchFlow(ctx, addr, tt.id, "json", tt.token); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s with token %q: %v, want %q", tt.id, tt.token, err, tt.want)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	if _, err := FetchFlow(ctx, closed, id, "json", ""); err == nil || !strings.Contains(err.Error(), "is `legible serve` running at "+closed) {
		t.Errorf("no server: %v", err)
	}
}
