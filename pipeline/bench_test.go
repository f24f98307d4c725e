package pipeline

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/internal/plainconduit"
	"github.com/legible/legible/storage/sqlite"
)

// BenchmarkListAgainstPlain serves GET /api/articles over 1,000 seeded
// articles in process, without a network between, from legible's handler
// (Conduit's specs, the engine, echo) and from plainconduit's hand-written
// net/http handler on the same store: the ratio of their ns/op is the
// engine's cost over the limit, anonymous and with a token.
func BenchmarkListAgainstPlain(b *testing.B) {
	db, err := sqlite.Open(b.TempDir(), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	srv, hs, data := seededConduit(b, db, conduitseed.Options{Articles: 1000, Authors: 10, Clients: 4})
	hs.Close()
	plain := plainconduit.New(db)
	for _, h := range []struct {
		name string
		h    http.Handler
	}{{"legible", srv.Handler()}, {"plain", plain}} {
		for _, reader := range []struct{ name, token string }{{"anonymous", ""}, {"token", data.Reader}} {
			b.Run(h.name+"/"+reader.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					req := httptest.NewRequest(http.MethodGet, "/api/articles", nil)
					if reader.token != "" {
						req.Header.Set("Authorization", "Token "+reader.token)
					}
					rec := httptest.NewRecorder()
					h.h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%d %s", rec.Code, rec.Body)
					}
				}
			})
		}
	}
}
