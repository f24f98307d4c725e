package flow

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/engine/trace"
)

// shape renders a causal tree as "[Sync] Concept.action" lines, indented.
func shape(nodes []*trace.Node, depth int, b *strings.Builder) {
	for _, n := range nodes {
		fmt.Fprintf(b, "%s[%s] %s.%s\n", strings.Repeat("  ", depth), n.Sync, n.Record.Concept, n.Record.Action)
		shape(n.Children, depth+1, b)
	}
}

func TestLoginProvenance(t *testing.T) {
	a := newSeed(t)
	user := map[string]any{"email": "ann@example.com", "password": "s3cret", "username": "ann"}
	a.call(t, map[string]any{"method": "POST", "path": "/users", "user": user})
	res := a.engine.Run(context.Background(), "Requesting", "request",
		map[string]any{"method": "POST", "path": "/users/login", "user": user})
	f, ok := a.engine.Traces().Get(res.FlowID)
	if !ok {
		t.Fatalf("flow %s is not in the trace store", res.FlowID)
	}
	var b strings.Builder
	shape(trace.Tree(f), 0, &b)
	// Queries are not recorded: only actions are, and failed queries.
	want := `[] Requesting.request
  [Login] Authenticating.login
    [LoginSession] Sessioning.create
      [LoginRespond] Requesting.respond
`
	if got := b.String(); got != want {
		t.Fatalf("causal tree:\n%s\nwant:\n%s", got, want)
	}
	respond := f.Records[len(f.Records)-1]
	if respond.Cause == nil || respond.Cause.Sync != "LoginRespond" || len(respond.Cause.When) != 3 {
		t.Fatalf("respond's cause %+v, want LoginRespond with its 3 when records", respond.Cause)
	}
	text := new(strings.Builder)
	if err := trace.WriteText(text, f); err != nil || strings.Contains(text.String(), "s3cret") {
		t.Fatalf("text rendering (err %v) shows the password:\n%s", err, text)
	}
}
