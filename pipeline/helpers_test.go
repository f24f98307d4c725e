package pipeline

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	lib "github.com/legible/legible/concepts/library"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage"
)

// library is the stock binary's environment: legible's library.
func library(t testing.TB) *Env {
	t.Helper()
	env, err := NewEnv(lib.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// seededConduit builds Conduit's server on db, with cheap password hashes
// and a token secret of the test's, serves it on a loopback test server
// and seeds it as o says. The caller closes the test server.
func seededConduit(tb testing.TB, db *storage.DB, o conduitseed.Options) (*server.Server, *httptest.Server, *conduitseed.Data) {
	tb.Helper()
	tb.Setenv(authenticating.CostEnv, "min")
	tb.Setenv(tokens.SecretEnv, "serving-test")
	app, err := library(tb).CheckDir("../specs")
	if err != nil {
		tb.Fatal(err)
	}
	prog, err := app.Build(context.Background(), db, BuildOptions{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	srv := prog.Server(server.Options{Logger: slog.New(slog.DiscardHandler)})
	hs := httptest.NewServer(srv.Handler())
	data, err := conduitseed.Seed(hs.URL+"/api", o)
	if err != nil {
		hs.Close()
		tb.Fatal(err)
	}
	return srv, hs, data
}
