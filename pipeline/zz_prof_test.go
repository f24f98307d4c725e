package pipeline

import (
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"testing"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/storage/sqlite"
)

func TestZZProfile(t *testing.T) {
	if os.Getenv("ZZPROF") == "" {
		t.Skip()
	}
	db, _ := sqlite.Open(t.TempDir(), sqlite.Options{})
	defer db.Close()
	srv, hs, _ := seededConduit(t, db, conduitseed.Options{Articles: 1000, Authors: 10, Clients: 4})
	hs.Close()
	h := srv.Handler()
	f, _ := os.Create(os.Getenv("ZZPROF"))
	pprof.StartCPUProfile(f)
	for range 6000 {
		req := httptest.NewRequest(http.MethodGet, "/api/articles", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
	pprof.StopCPUProfile()
	f.Close()
}
