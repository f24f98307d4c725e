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

// Close closes the connection and makes room for another.
func (c *conn) Close() error {
	err := c.Conn.Close()
	c.releaseOnce.Do(func() { c.l.release(c) })
	return err
}
