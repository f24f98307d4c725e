package serving

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/library"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage"
)

// builtins is the stock binary's catalog: legible's library.
func builtins(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.New(library.Modules()...)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// seededConduit builds Conduit's server on db, with cheap password hashes
// and a token secret of the test's, serves it on a loopback test server
// and seeds it as o says. The caller closes the test server.
func seededConduit(tb testing.TB, db *storage.DB, o conduitseed.Options) (*server.Server, *httptest.Server, *conduitseed.Data) {
	tb.Helper()
	tb.Setenv(authenticating.CostEnv, "min")
	tb.Setenv(tokens.SecretEnv, "serving-test")
	cat := builtins(tb)
	sp, _, err := Check("../specs", cat, io.Discard)
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := build(context.Background(), sp, db, Options{Concepts: cat}, slog.New(slog.DiscardHandler), nil, func(diag.List) {})
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	data, err := conduitseed.Seed(hs.URL+"/api", o)
	if err != nil {
		hs.Close()
		tb.Fatal(err)
	}
	return srv, hs, data
}
