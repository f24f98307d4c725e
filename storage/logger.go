package storage

import (
	"context"
	"log/slog"
	"strings"
)

// quiet returns the logger the embedded server logs to: l, or a discarding
// logger when l is nil, passing only warnings and errors, and not the
// warnings that dump a failed command's response (the client gets that
// error anyway, and the driver's endSessions at every disconnect is one).
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(quietHandler{l.Handler()}).With(slog.String("component", "ferretdb"))
}

// quietHandler is a slog handler that drops records below warnings, and
// FerretDB's warnings about failed commands.
type quietHandler struct {
	next slog.Handler
}

// Enabled reports whether records at level l may be logged.
func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.next.Enabled(ctx, l)
}

// Handle logs r unless it is a failed command's response dump.
func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelError && failedCommand(r.Message) {
		return nil
	}
	return h.next.Handle(ctx, r)
}

// WithAttrs returns the handler with attributes added, still filtered.
func (h quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandler{h.next.WithAttrs(attrs)}
}

// WithGroup returns the handler with a group opened, still filtered.
func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.next.WithGroup(name)}
}

// failedCommand reports whether a FerretDB log message is the header or
// the body of a response that it logs at warning level because the
// command failed.
func failedCommand(msg string) bool {
	return strings.HasPrefix(msg, "Response header: ") || strings.HasPrefix(msg, "Response message:\n")
}
