package main

import (
	"fmt"
	"os"

	"github.com/legible/legible/internal/conduitseed"
	"github.com/legible/legible/internal/load"
)

// hotspot loads writes that touch nothing in common: each client, as a
// fan of its own, favorites an article and then unfavorites it, then the
// next article of its own (client c of n takes the articles c, c+n,
// c+2n, …), so that every request writes, and at any time the clients
// write different favorites of different articles.
func (c *config) hotspot(t *table, b int, srv *group, data *conduitseed.Data) {
	const what = "POST and DELETE /api/articles/:slug/favorite, a fan and an article each client"
	for _, n := range c.clients {
		res := load.RunEach(n, c.dur, favoriting(srv, data, n))
		fmt.Fprintf(os.Stderr, "conduitbench: %s: %s: %s\n", t.labels[b], what, res)
		t.add(what, n, b, res)
	}
}

// favoriting makes the requests of hotspot for n clients.
func favoriting(srv *group, data *conduitseed.Data, n int) func(client int) load.Request {
	sent := make([]int, n) // by client, each touched by its own client only
	return func(client int) load.Request {
		k := sent[client]
		sent[client]++
		slug := data.Slugs[(client+n*(k/2))%len(data.Slugs)]
		method := "POST"
		if k%2 == 1 {
			method = "DELETE"
		}
		host := srv.hosts[client%len(srv.hosts)]
		return load.Request{Method: method, URL: "http://" + host + "/api/articles/" + slug + "/favorite",
			Header: authorization(data.Fans[client%len(data.Fans)])}
	}
}
