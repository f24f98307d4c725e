package server

import (
	"container/list"
	"net"
	"net/http"
	"sync"
)

// conn is a connection of a capListener.
type conn struct {
	net.Conn
	l           *capListener
	releaseOnce sync.Once

	// Guarded by l.mu.
	state http.ConnState
	idle  *list.Element // in l.idle while the connection is idle
}

// newConn returns nc as a connection of l.
func newConn(nc net.Conn, l *capListener) *conn {
	return &conn{Conn: nc, l: l}
}

// CloseWrite ends what the server sends, gently: the server calls it when
// it will not read the rest of a request (a header or a body over its
// limit), and closes the connection right after. It half-closes, then
// reads and discards what the client still sends (see linger).
func (c *conn) CloseWrite() error {
	return linger(c.Conn)
}

// Close closes the connection and makes room for another.
func (c *conn) Close() error {
	err := c.Conn.Close()
	c.releaseOnce.Do(func() { c.l.release(c) })
	return err
}
