// Command plainconduit serves package plainconduit's hand-written
// GET /api/articles on the store of a stopped legible serve, for
// conduitbench to measure legible against.
//
//	plainconduit -data .bench/data -addr 127.0.0.1:18080
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"

	"github.com/legible/legible/internal/plainconduit"
	"github.com/legible/legible/storage/sqlite"
)

func main() {
	data := flag.String("data", "./data", "the data directory of a store that legible serve wrote (stopped)")
	addr := flag.String("addr", "127.0.0.1:18080", "address to listen on")
	flag.Parse()
	if err := serve(*data, *addr); err != nil {
		fmt.Fprintln(os.Stderr, "plainconduit:", err)
		os.Exit(1)
	}
}

// serve serves the handler on the store in data.
func serve(data, addr string) error {
	db, err := sqlite.Open(data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	h := plainconduit.New(db)
	if err := db.Setup(context.Background()); err != nil {
		return err
	}
	return http.ListenAndServe(addr, h)
}
