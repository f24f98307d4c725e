package pipeline

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenRefusesSpecsItCannotServe(t *testing.T) {
	tests := []struct {
		name, specs string
		unreadable  bool
		msg         string
	}{
		{"missing folder", "no/such/folder", true, "no/such/folder"},
		{"no spec files", "../server", true, ""},
		{"no app.yaml", "../concepts/tagging", false, "has no app.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, err := library(t).Open(t.Context(), ServeOptions{Dir: tt.specs, DB: DBOptions{Data: t.TempDir()}})
			if err == nil {
				app.Close()
				t.Fatal("Open succeeded")
			}
			_, unreadable := errors.AsType[*UnreadableError](err)
			if unreadable != tt.unreadable || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %q (unreadable: %v), want unreadable %v and %q", err, unreadable, tt.unreadable, tt.msg)
			}
		})
	}
}

func TestServeUntilCancelled(t *testing.T) {
	var diags bytes.Buffer
	app, err := library(t).Open(t.Context(), ServeOptions{Dir: "../examples/likert", DB: DBOptions{Data: t.TempDir()}, Stderr: &diags})
	if err != nil {
		t.Fatalf("Open: %v\n%s", err, diags.String())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- app.Serve(ctx, ln) }()

	url := "http://" + ln.Addr().String() + "/api/LikertSurvey/createSurvey"
	body := `{"author": "ann", "title": "Lunch?", "scaleMin": 1, "scaleMax": 5}`
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("createSurvey: status %d, want 200", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if err := app.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := app.Close(); err != nil {
		t.Fatalf("closing again: %v", err)
	}
}

// TestOpenRefusesAnOwnConceptItLacks serves an app whose own Profile spec
// the binary has no implementation of (its built-in Profile serves only
// its own spec): Open fails, and says why once, as an error at the spec.
func TestOpenRefusesAnOwnConceptItLacks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "app.yaml"), "app: own\nbase: /api\nconcepts: [Requesting, Profile]\n")
	write(t, filepath.Join(dir, "concepts", "Profile.concept.yaml"), "concept: Profile [User]\npurpose: show who a user is\nqueries:\n  _get:\n    in: { user: User }\n    out: { name: String }\n")
	var diags bytes.Buffer
	app, err := library(t).Open(t.Context(), ServeOptions{Dir: dir, DB: DBOptions{Data: t.TempDir()}, Stderr: &diags})
	if err == nil {
		app.Close()
		t.Fatal("Open served a concept the binary has no implementation of")
	}
	out := diags.String()
	if strings.Count(out, "built-in Profile serves only its own") != 1 || !strings.Contains(out, "error:") || strings.Contains(out, "info:") {
		t.Errorf("diagnostics:\n%s", out)
	}
}
