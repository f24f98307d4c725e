package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/legible/legible/internal/load"
	"github.com/legible/legible/internal/pgcluster"
)

// replicas is the -postgres flag: label=N, repeated.
type replicas map[string]int

// String writes the flag's value.
func (r replicas) String() string { return fmt.Sprint(map[string]int(r)) }

// Set adds a label=N.
func (r replicas) Set(v string) error {
	label, n, ok := strings.Cut(v, "=")
	count, err := strconv.Atoi(n)
	if !ok || label == "" || err != nil || count < 1 {
		return fmt.Errorf("want label=replicas, e.g. postgres=3")
	}
	r[label] = count
	return nil
}

// group is the servers of one binary on one store: one on the embedded
// store, or replicas on one PostgreSQL schema.
type group struct {
	servers []*load.Server
	hosts   []string // host:port of each, in order
	drop    func()   // drops the PostgreSQL schema, after the servers stop
}

// api is the API's base URL on the first server.
func (g *group) api() string { return "http://" + g.hosts[0] + "/api" }

// request is a request to the API, spread over the servers.
func (g *group) request(method, path, body string, header map[string][]string) load.Request {
	return load.Request{Method: method, URL: g.api() + path, Body: body, Header: header, Hosts: g.hosts}
}

// RSS is the first server's resident memory.
func (g *group) RSS() int64 { return g.servers[0].RSS() }

// PeakRSS is the most resident memory the first server has had.
func (g *group) PeakRSS() int64 { return g.servers[0].PeakRSS() }

// Stop stops the servers, and drops the schema of PostgreSQL ones.
func (g *group) Stop() {
	for _, s := range g.servers {
		s.Stop()
	}
	if g.drop != nil {
		g.drop()
		g.drop = nil
	}
}

// serve starts bn on a fresh store named name, with the bcrypt cost: on
// the embedded store in the work folder, or, for a binary of -postgres,
// on a fresh schema of PostgreSQL, as that many replicas, on the ports
// after -addr's.
func (c *config) serve(bn bin, name, cost string) (*group, error) {
	env := []string{"LEGIBLE_TOKEN_SECRET=conduitbench"}
	if cost == "min" {
		env = append(env, "LEGIBLE_BCRYPT_COST=min")
	}
	g := &group{}
	n, pg := c.postgres[bn.label]
	var data string
	if pg {
		url, drop, err := c.schema(bn.label + "_" + name)
		if err != nil {
			return nil, err
		}
		env, g.drop = append(env, "DATABASE_URL="+url), drop
	} else {
		data = filepath.Join(c.work, "data-"+name)
		if err := os.RemoveAll(data); err != nil {
			return nil, err
		}
		env, n = append(env, "DATABASE_URL="), 1
	}
	if err := c.start(g, bn, name, env, data, n); err != nil {
		g.Stop()
		return nil, err
	}
	return g, nil
}

// start starts n servers of bn into g, on -addr and the ports after it,
// with the environment env, on the data folder data when it is not "".
func (c *config) start(g *group, bn bin, name string, env []string, data string, n int) error {
	host, port, err := net.SplitHostPort(c.addr)
	if err != nil {
		return err
	}
	first, err := strconv.Atoi(port)
	if err != nil {
		return fmt.Errorf("-addr %s: %w", c.addr, err)
	}
	for i := range n {
		addr := net.JoinHostPort(host, strconv.Itoa(first+i))
		cmdline := fmt.Sprintf("%s serve --specs %s --addr %s", bn.path, bn.specs, addr)
		if data != "" {
			cmdline += " --data " + data
		}
		if bn.mode != "" {
			cmdline += " --dev"
		}
		srv, err := load.Start(cmdline, env, filepath.Join(c.work, fmt.Sprintf("%s-%s-%d.log", bn.label, name, i)))
		if err != nil {
			return err
		}
		g.servers, g.hosts = append(g.servers, srv), append(g.hosts, addr)
		if err := load.WaitHealthy("http://"+addr, 60*time.Second); err != nil {
			return err
		}
	}
	return nil
}

// postgresServer is the PostgreSQL that the binaries of -postgres serve
// on: DATABASE_URL's, or a throwaway cluster.
type postgresServer struct {
	url     string
	cluster *pgcluster.Cluster
	conn    *pgx.Conn
}

// schema makes a fresh schema of the name on the PostgreSQL of the run,
// starting it first, and returns the URL that puts it first on the search
// path, and what drops it.
func (c *config) schema(name string) (string, func(), error) {
	ctx := context.Background()
	if c.pg == nil {
		pg, err := startPostgres(ctx)
		if err != nil {
			return "", nil, err
		}
		c.pg = pg
	}
	name = "bench_" + strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, strings.ToLower(name))
	drop := func() { _, _ = c.pg.conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE") }
	drop()
	if _, err := c.pg.conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", nil, fmt.Errorf("creating the schema %s: %w", name, err)
	}
	url, err := pgcluster.SearchPath(c.pg.url, name)
	return url, drop, err
}

// startPostgres connects to DATABASE_URL's server, or else starts a
// throwaway cluster.
func startPostgres(ctx context.Context) (*postgresServer, error) {
	pg := &postgresServer{url: os.Getenv("DATABASE_URL")}
	if pg.url == "" {
		fmt.Fprintln(os.Stderr, "conduitbench: starting a throwaway PostgreSQL cluster (DATABASE_URL is unset)")
		var err error
		if pg.cluster, err = pgcluster.Start(ctx); err != nil {
			return nil, err
		}
		pg.url = pg.cluster.URL
	}
	var err error
	if pg.conn, err = pgx.Connect(ctx, pg.url); err != nil {
		pg.stop()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	return pg, nil
}

// stop closes the connection and stops the cluster, if any.
func (pg *postgresServer) stop() {
	if pg.conn != nil {
		_ = pg.conn.Close(context.Background())
	}
	if pg.cluster != nil {
		pg.cluster.Stop()
	}
}
