package flow

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestLogLevels(t *testing.T) {
	user := map[string]any{"email": "ann@example.com", "password": "s3cret", "username": "ann"}
	for _, tt := range []struct {
		level     Level
		want, not []string
	}{
		{Off, nil, []string{"Authenticating"}},
		{Trace, []string{
			`Authenticating.register {email: "ann@example.com", password: "•••"} => {user: "u1"}`,
			`Requesting.request {method: "POST", path: "/users", user: {email: "ann@example.com", password: "•••", username: "ann"}}`,
		}, []string{"s3cret", "frame after", "fires"}},
		{Verbose, []string{
			"Register: frame after when", "Register: frame after where", `password: \"•••\"`,
			"RegisterSession fires Sessioning.create",
		}, []string{"s3cret"}},
	} {
		var buf bytes.Buffer
		a := newSeed(t)
		a.engine.log, a.engine.level = slog.New(slog.NewTextHandler(&buf, nil)), tt.level
		a.engine.Run(context.Background(), "Requesting", "request", map[string]any{"method": "POST", "path": "/users", "user": user})
		out := buf.String()
		for _, w := range tt.want {
			if !strings.Contains(out, w) && !strings.Contains(out, strings.ReplaceAll(w, `"`, `\"`)) {
				t.Errorf("level %d: log lacks %q:\n%s", tt.level, w, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("level %d: log holds %q:\n%s", tt.level, n, out)
			}
		}
	}
}
