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

	// lineLeft is how many more bytes the current request line may have,
	// or lineDone once it has ended (see watchLine). Only the goroutine
	// that serves the connection uses it.
	lineLeft int

	// Guarded by l.mu.
	state http.ConnState
	elem  *list.Element // in l.conns while the connection is open
}

// newConn returns nc as a connection of l, its first request line watched.
func newConn(nc net.Conn, l *capListener) *conn {
	return &conn{Conn: nc, l: l, lineLeft: maxRequestLine}
}

// Read reads what the client sends. A request line that runs over
// maxRequestLine is answered here, 414, and ends the reading.
func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.watchLine(p[:n]) {
		return 0, c.refuseLine()
	}
	return n, err
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
