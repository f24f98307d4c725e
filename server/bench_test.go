package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/concepts"
)

// BenchmarkRequest compares, over real HTTP on loopback, a plain echo
// handler that calls a concept action and writes JSON (plain) with the
// same action reached through Requesting, syncs and respond (synced). The
// bar: synced costs at most 2× plain.
func BenchmarkRequest(b *testing.B) {
	ts := newTestServer(b, Options{})
	plainURL := plainServer(b, ts.counts)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	for _, c := range []struct{ name, url string }{
		{"plain", plainURL},
		{"synced", ts.url + "/api/counts/bench"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				post(b, client, c.url)
			}
		})
		// 32 clients at once, as the reference was also measured with.
		b.Run(c.name+"/clients=32", func(b *testing.B) {
			b.SetParallelism(16) // × GOMAXPROCS (2 here) goroutines
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					post(b, client, c.url)
				}
			})
		})
	}
}

// post sends one request and checks it succeeded.
func post(b *testing.B, client *http.Client, url string) {
	resp, err := client.Post(url, "application/json", strings.NewReader(`{"by": 1}`))
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body) // so the connection is reused
	_ = resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("status %d", resp.StatusCode)
	}
}

// plainServer serves Counting.add from a plain echo handler, and returns its
// URL.
func plainServer(b *testing.B, counts *counting) string {
	h := concepts.New("Counting").Action("add", concepts.Action(counts.add))
	add, _ := h.Handler("add")
	e := echo.New()
	e.POST("/plain/:name", func(c echo.Context) error {
		var in map[string]any
		if err := c.Bind(&in); err != nil {
			return err
		}
		in["name"] = c.Param("name")
		res, err := add.Call(c.Request().Context(), in)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, res.Out)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: e}
	go func() { _ = srv.Serve(ln) }()
	b.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	return "http://" + ln.Addr().String() + "/plain/bench"
}
