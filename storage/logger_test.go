package storage

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestQuietLogger(t *testing.T) {
	var buf bytes.Buffer
	l := quiet(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	l.Info("Listening on TCP 127.0.0.1:1...")
	l.Debug("Opening existing database")
	l.Warn("Response header: length: 121")
	l.Warn("Response message:\n{}\n")
	l.Warn("Failed to close file")
	l.Error("Response header: closing the connection")
	got := buf.String()
	for _, want := range []string{"Failed to close file", "closing the connection", "component=ferretdb"} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q lacks %q", got, want)
		}
	}
	for _, not := range []string{"Listening", "Opening", "length: 121", "Response message"} {
		if strings.Contains(got, not) {
			t.Errorf("log %q has %q; only warnings and errors should pass", got, not)
		}
	}
}
