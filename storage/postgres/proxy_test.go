package postgres_test

import (
	"bytes"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// proxy passes connections to a PostgreSQL server through, and cuts each
// one right after the client sent a COMMIT: the server gets it, the
// client never gets its answer.
type proxy struct {
	url string // the database's URL through the proxy
	cut atomic.Bool
}

// didCut reports whether the proxy cut a connection after a COMMIT.
func (p *proxy) didCut() bool { return p.cut.Load() }

// cutAfterCommit starts a proxy to the server of dbURL, stopped when the
// test ends.
func cutAfterCommit(t *testing.T, dbURL string) *proxy {
	t.Helper()
	cfg, err := pgconn.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	network, addr := "tcp", net.JoinHostPort(cfg.Host, itoa(cfg.Port))
	if strings.HasPrefix(cfg.Host, "/") {
		network, addr = "unix", filepath.Join(cfg.Host, ".s.PGSQL."+itoa(cfg.Port))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = ln.Addr().String()
	q := u.Query()
	q.Del("host")
	q.Del("port")
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	p := &proxy{url: u.String()}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { p.pass(client, network, addr) })
		}
	})
	return p
}

// pass passes one client's connection through to the server, until the
// client sends a COMMIT: that goes on to the server, and then neither
// the server's answer nor anything more.
func (p *proxy) pass(client net.Conn, network, addr string) {
	defer client.Close()
	server, err := net.Dial(network, addr)
	if err != nil {
		return
	}
	defer server.Close()
	go p.answer(client, server)
	buf := make([]byte, 64<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 && bytes.Contains(bytes.ToLower(buf[:n]), []byte("commit")) {
			p.cut.Store(true)
			_, _ = server.Write(buf[:n])
			time.Sleep(100 * time.Millisecond) // the server commits, if the COMMIT came whole
			return
		}
		if n > 0 {
			if _, werr := server.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// answer passes the server's answers on to the client, until the
// proxy has cut.
func (p *proxy) answer(client, server net.Conn) {
	buf := make([]byte, 64<<10)
	for {
		n, err := server.Read(buf)
		if p.cut.Load() {
			client.Close()
			return
		}
		if n > 0 {
			if _, werr := client.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// itoa writes a port.
func itoa(port uint16) string { return strconv.Itoa(int(port)) }
