package server

import (
	"container/list"
	"net"
	"net/http"
	"sync"
	"time"
)

// capListener caps the open connections of a server at maxConns. At the
// cap a new client takes the place of the connection that has been idle
// the longest, which it closes, as nginx does when its connections run
// out: idle keep-alive connections never lock a new client out. When
// none is idle, the new client waits, accepted but not served, until one
// closes or goes idle. Its track hook learns each connection's state
// from the server.
type capListener struct {
	net.Listener
	maxConns  int
	wake      chan struct{} // a connection closed or went idle: there may be room
	done      chan struct{} // closed by Close
	closeOnce sync.Once

	mu sync.Mutex
	// conns are the open connections, in the order they last went idle:
	// the first idle one is the one idle the longest. (Moving one to the
	// back allocates nothing, unlike a list of the idle ones only.)
	conns list.List
}

// newCapListener caps the connections accepted on ln at maxConns.
func newCapListener(ln net.Listener, maxConns int) *capListener {
	return &capListener{Listener: ln, maxConns: maxConns, wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// Accept accepts a connection and returns it once there is room for it.
func (l *capListener) Accept() (net.Conn, error) {
	nc, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := newConn(nc, l)
	if err := l.admit(c); err != nil {
		_ = nc.Close()
		return nil, err
	}
	return c, nil
}

// admit adds c to the open connections once there is room: under the
// cap at once; at the cap, by closing the connection idle the longest,
// or, with none idle, after waiting for one to close or go idle.
func (l *capListener) admit(c *conn) error {
	for {
		l.mu.Lock()
		if l.conns.Len() < l.maxConns {
			c.elem = l.conns.PushBack(c)
			l.mu.Unlock()
			return nil
		}
		oldest := l.takeOldestIdle()
		l.mu.Unlock()
		if oldest != nil {
			_ = oldest.Close() // which makes room
			continue
		}
		select {
		case <-l.wake:
		case <-l.done:
			return net.ErrClosed
		}
	}
}

// takeOldestIdle returns the connection idle the longest, marked as
// closing so that it is taken once, or nil if none is idle. l.mu must be
// held.
func (l *capListener) takeOldestIdle() *conn {
	for e := l.conns.Front(); e != nil; e = e.Next() {
		if c := e.Value.(*conn); c.state == http.StateIdle {
			c.state = http.StateClosed
			return c
		}
	}
	return nil
}

// Close stops accepting, and ends a wait for room.
func (l *capListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// track is the server's ConnState hook. It keeps the connections in the
// order they went idle, and starts watching the request line of the
// next request when a connection goes idle.
func (l *capListener) track(nc net.Conn, st http.ConnState) {
	c := nc.(*conn)
	if st == http.StateIdle {
		c.nextRequest()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c.state = st
	if st == http.StateIdle && c.elem != nil {
		l.conns.MoveToBack(c.elem)
		l.signal()
	}
}

// release forgets c, which has closed, and wakes a wait for room.
func (l *capListener) release(c *conn) {
	l.mu.Lock()
	l.conns.Remove(c.elem)
	c.elem = nil
	l.mu.Unlock()
	l.signal()
}

// signal wakes a wait for room, if there is one.
func (l *capListener) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// freshGrace is how long, once shutdown starts, a connection that has not
// sent a request yet may still send one before it is closed.
const freshGrace = 50 * time.Millisecond

// closeFresh closes the connections that have not sent a request yet.
// HTTP clients dial spare connections they may never use; the standard
// server's Shutdown waits up to 5 seconds for those, so they are closed
// instead.
func (l *capListener) closeFresh() {
	l.mu.Lock()
	var fresh []*conn
	for e := l.conns.Front(); e != nil; e = e.Next() {
		if c := e.Value.(*conn); c.state == http.StateNew {
			fresh = append(fresh, c)
		}
	}
	l.mu.Unlock()
	for _, c := range fresh {
		_ = c.Close()
	}
}
